"""Synthetic CT studies for tests and benchmarks: realistic tags, anatomy-like 16-bit pixels with noise.

The pixels are an ellipse of soft tissue with two lungs, a spine and a table, varying from slice to slice,
plus Gaussian noise, so the data does not compress to nothing. Nothing here is a real patient.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

ROOT = Path(__file__).resolve().parent
WORK = ROOT / "work"


@dataclass(frozen=True)
class StudySpec:
    instances: int = 500
    rows: int = 512
    columns: int = 512
    series: int = 2
    seed: int = 7
    patient_name: str = "SYNTHETIC^TEST^CT"
    patient_id: str = "SYN0000001"

    @property
    def key(self) -> str:
        text = f"{self.instances}-{self.rows}-{self.columns}-{self.series}-{self.seed}-{self.patient_id}"
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def _uid(spec: StudySpec, *parts: object) -> str:
    return generate_uid(entropy_srcs=[spec.key, *map(str, parts)])


def _phantom(spec: StudySpec, z: float, rng: np.random.Generator) -> np.ndarray:
    """One axial slice in Hounsfield units + 1024 (so it fits in uint16)."""
    y, x = np.mgrid[-1.0 : 1.0 : complex(0, spec.rows), -1.0 : 1.0 : complex(0, spec.columns)]
    hu = np.full((spec.rows, spec.columns), -1000.0)
    scale = 0.85 + 0.1 * np.sin(z * np.pi)
    body = (x / (0.8 * scale)) ** 2 + (y / (0.6 * scale)) ** 2 <= 1
    hu[body] = 40.0
    for side in (-1, 1):
        lung = ((x - side * 0.35) / (0.25 * scale)) ** 2 + ((y + 0.05) / (0.35 * scale)) ** 2 <= 1
        hu[lung] = -850.0
    spine = (x / 0.09) ** 2 + ((y - 0.4 * scale) / 0.09) ** 2 <= 1
    hu[spine] = 700.0 + 200.0 * z
    table = (y > 0.75) & (y < 0.8) & (np.abs(x) < 0.9)
    hu[table] = 300.0
    hu += 20.0 * np.sin(8 * x + 5 * z) * body
    hu += rng.normal(0.0, 25.0, hu.shape)
    return np.clip(hu + 1024.0, 0, 4095).astype(np.uint16)


def make_instance(spec: StudySpec, index: int, rng: np.random.Generator) -> Dataset:
    series = index % spec.series
    number = index // spec.series + 1
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = _uid(spec, "sop", index)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20260312"
    ds.StudyTime = "101500"
    ds.AccessionNumber = f"ACC{spec.seed:07d}"
    ds.Modality = "CT"
    ds.Manufacturer = "Synthetic"
    ds.InstitutionName = "CHR Synthetic"
    ds.ReferringPhysicianName = "DOCTOR^REFERRING"
    ds.StationName = "CT01"
    ds.StudyDescription = "CT THORAX"
    ds.SeriesDescription = f"Thorax {['soft tissue', 'lung'][series % 2]} {series + 1}"
    ds.PatientName = spec.patient_name
    ds.PatientID = spec.patient_id
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    ds.SliceThickness = "1.0"
    ds.KVP = "120"
    ds.StudyInstanceUID = _uid(spec, "study")
    ds.SeriesInstanceUID = _uid(spec, "series", series)
    ds.StudyID = "1"
    ds.SeriesNumber = series + 1
    ds.InstanceNumber = number
    ds.ImagePositionPatient = [-250.0, -250.0, -1.0 * number]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.FrameOfReferenceUID = _uid(spec, "for")
    ds.SliceLocation = -1.0 * number
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = spec.rows
    ds.Columns = spec.columns
    ds.PixelSpacing = [0.9765625, 0.9765625]
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.WindowCenter = "40"
    ds.WindowWidth = "400"
    ds.RescaleIntercept = "-1024"
    ds.RescaleSlope = "1"
    z = number / max(1, spec.instances // spec.series)
    ds.PixelData = _phantom(spec, z, rng).tobytes()
    return ds


def write_study(spec: StudySpec, folder: Path) -> list[Path]:
    """Write the study once into `folder` (reused when already complete). Returns the file paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"IM{index:05d}.dcm" for index in range(spec.instances)]
    done = folder / ".complete"
    if done.exists() and done.read_text() == spec.key and all(p.exists() for p in paths):
        return paths
    rng = np.random.default_rng(spec.seed)
    for index, path in enumerate(paths):
        make_instance(spec, index, rng).save_as(path, enforce_file_format=True)
    done.write_text(spec.key)
    return paths


def cached_study(spec: StudySpec) -> list[Path]:
    """The study under benchmarks/work/ (gitignored), generated on first use."""
    return write_study(spec, WORK / f"study-{spec.key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    spec = StudySpec(instances=args.instances, rows=args.size, columns=args.size)
    paths = write_study(spec, args.out) if args.out else cached_study(spec)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {total / 1e6:.1f} MB in {paths[0].parent}")


if __name__ == "__main__":
    main()
