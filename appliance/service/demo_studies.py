"""The demo's synthetic patients and studies: three small studies for Liège, a patient index for Citadelle.

Nothing here is a real person: names are common Belgian names, NISS numbers are generated, pixels are a
gradient. The three studies tell the three endings of an incoming patient at the receiving site:

* ``linked``: Citadelle knows the patient (same NISS, name, birth date, sex): linked automatically and
  stored in Citadelle's PACS under its local id.
* ``review``: Citadelle has twins of that name and birth date: a person must choose (reconciliation window).
* ``unknown``: Citadelle has never seen the patient: `new_patient_policy` decides (the demo sets it to
  "automatic": a new local id PSL-..., stored in the PACS).
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from appliance.domain import PatientRecord
from appliance.reconcile.niss import make_niss

REFERRING = "DR^RENARD^PAULINE"
"""The referring physician Citadelle lists in the directory: Liège's routing rule sends her studies there."""
INSTANCES = 3
SIZE = 64


@dataclass(frozen=True)
class DemoStudy:
    """One study made at Liège: its patient as Liège knows it, and the ending expected at Citadelle."""

    key: str
    patient: PatientRecord
    description: str
    ending: str

    @property
    def display_name(self) -> str:
        return f"{self.patient.family_name.upper()} {self.patient.given_name}"


STUDIES = (
    DemoStudy("linked", PatientRecord("LG-40217", "Dupont", "Marie", "19620523", "F",
                                      make_niss("19620523", "F", 88)),
              "CT THORAX", "linked automatically to Citadelle's record, stored in Citadelle's PACS"),
    DemoStudy("review", PatientRecord("LG-51880", "Peeters", "Lucas", "20150304", "M"),
              "CT SINUS", "waits in the reconciliation window (Citadelle has twins of that name and birth date)"),
    DemoStudy("unknown", PatientRecord("LG-63305", "Martin", "Hugo", "19880917", "M",
                                       make_niss("19880917", "M", 123)),
              "CT ABDOMEN", "unknown at Citadelle: new local patient (policy 'automatic'), stored in the PACS"),
)

CITADELLE_PATIENTS = (
    PatientRecord("CHR-1001", "Dupont", "Marie", "19620523", "F", make_niss("19620523", "F", 88)),
    PatientRecord("CHR-2001", "Peeters", "Lucas", "20150304", "M"),
    PatientRecord("CHR-2002", "Peeters", "Louis", "20150304", "M"),
    PatientRecord("CHR-3001", "Janssens", "Anne", "19750211", "F", make_niss("19750211", "F", 42)),
    PatientRecord("CHR-3002", "Lambert", "Sophie", "19910630", "F"),
)
"""Citadelle's patient index (imported from CSV, as a hospital would from its patient administration)."""


def write_patient_csv(path: Path, records: tuple[PatientRecord, ...] = CITADELLE_PATIENTS) -> Path:
    """The `passerelle match` CSV format: id,family_name,given_name,birth_date,sex,niss."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "family_name", "given_name", "birth_date", "sex", "niss"])
        for r in records:
            writer.writerow([r.id, r.family_name, r.given_name, r.birth_date, r.sex, r.niss])
    return path


def _pixels(index: int) -> bytes:
    """A small 16-bit gradient that changes with the slice (not an image of anyone)."""
    return b"".join(((x * 37 + y * 11 + index * 101) % 4096).to_bytes(2, "little")
                    for y in range(SIZE) for x in range(SIZE))


def _instance(study: DemoStudy, study_uid: str, series_uid: str, number: int, today: str) -> Dataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = today
    ds.StudyTime = "091500"
    ds.AccessionNumber = f"DEMO{STUDIES.index(study) + 1:04d}"
    ds.Modality = "CT"
    ds.Manufacturer = "Passerelle demo"
    ds.InstitutionName = "CHU de Liege"
    ds.StationName = "DEMO-CT"
    ds.ReferringPhysicianName = REFERRING
    ds.StudyDescription = study.description
    ds.SeriesDescription = f"{study.description} demo"
    p = study.patient
    ds.PatientName = f"{p.family_name.upper()}^{p.given_name}"
    ds.PatientID = p.id
    ds.IssuerOfPatientID = "CHU-LIEGE"
    ds.PatientBirthDate = p.birth_date
    ds.PatientSex = p.sex
    if p.niss:
        item = Dataset()
        item.PatientID = p.niss
        item.IssuerOfPatientID = "NISS"
        ds.OtherPatientIDsSequence = Sequence([item])
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = number
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.ImagePositionPatient = [0.0, 0.0, float(number)]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = SIZE
    ds.PixelSpacing = [1.0, 1.0]
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelData = _pixels(number)
    return ds


def write_studies(folder: Path, today: datetime.date | None = None) -> dict[str, list[Path]]:
    """Write the three studies (fresh UIDs each run, dated today) as DICOM files; key -> paths."""
    day = (today or datetime.date.today()).strftime("%Y%m%d")
    written: dict[str, list[Path]] = {}
    for study in STUDIES:
        target = folder / study.key
        target.mkdir(parents=True, exist_ok=True)
        study_uid, series_uid = generate_uid(), generate_uid()
        paths = []
        for number in range(1, INSTANCES + 1):
            path = target / f"IM{number:04d}.dcm"
            _instance(study, study_uid, series_uid, number, day).save_as(path, enforce_file_format=True)
            paths.append(path)
        written[study.key] = paths
    return written
