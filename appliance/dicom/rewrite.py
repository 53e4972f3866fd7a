"""Coerce a received dataset to the local patient (IHE Import Reconciliation Workflow), keeping all UIDs.

The local Patient ID, issuer, name, birth date and sex replace the sender's; the sender's Patient
ID goes into Other Patient IDs Sequence; every value that changed is kept in a new item of Original
Attributes Sequence (reason COERCE). Study, Series and SOP Instance UIDs and pixel data are never
touched: `rewrite_file` defers reading large values, so pixel data is copied from the source file
while writing instead of being held in memory.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

from pydicom import dcmread
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.sequence import Sequence

from appliance.domain import PatientRecord
from appliance.errors import InvalidDicom, StorageError

log = logging.getLogger(__name__)

COERCED_KEYWORDS = ("PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex",
                    "OtherPatientIDsSequence")
_VR = {"PatientID": "LO", "IssuerOfPatientID": "LO", "PatientName": "PN", "PatientBirthDate": "DA",
       "PatientSex": "CS", "OtherPatientIDsSequence": "SQ"}


def local_person_name(record: PatientRecord) -> str:
    """The DICOM PN value of a local record ('Family^Given'; a value that already holds '^' is kept)."""
    if "^" in record.family_name or "=" in record.family_name:
        return record.family_name
    return f"{record.family_name}^{record.given_name}".rstrip("^")


def _other_ids_with_sender(ds: Dataset) -> Sequence:
    items = [item for item in ds.get("OtherPatientIDsSequence", [])]
    sender_id, sender_issuer = str(ds.get("PatientID", "")), str(ds.get("IssuerOfPatientID", ""))
    known = {(str(i.get("PatientID", "")), str(i.get("IssuerOfPatientID", ""))) for i in items}
    if sender_id and (sender_id, sender_issuer) not in known:
        item = Dataset()
        item.PatientID = sender_id
        item.IssuerOfPatientID = sender_issuer
        item.TypeOfPatientID = "TEXT"
        items.append(item)
    copies = []
    for item in items:
        copy = Dataset()
        copy.update(item)
        copies.append(copy)
    return Sequence(copies)


def _original_element(ds: Dataset, keyword: str) -> DataElement:
    if keyword in ds:
        element = ds[keyword]
        if keyword == "OtherPatientIDsSequence":
            copies = []
            for item in element.value:
                copy = Dataset()
                copy.update(item)
                copies.append(copy)
            return DataElement(element.tag, "SQ", Sequence(copies))
        return DataElement(element.tag, element.VR, element.value)
    empty: object = Sequence() if keyword == "OtherPatientIDsSequence" else ""
    return DataElement(keyword, _VR[keyword], empty)


def coerce_to_local_patient(ds: Dataset, local: PatientRecord, *, local_issuer: str,
                            modifying_system: str = "PASSERELLE", source_of_previous_values: str = "",
                            now: datetime.datetime | None = None) -> list[str]:
    """Rewrite `ds` in place for the local patient; return the keywords that changed (maybe none)."""
    wanted: dict[str, object] = {
        "PatientID": local.id,
        "IssuerOfPatientID": local_issuer,
        "PatientName": local_person_name(local),
        "PatientBirthDate": local.birth_date,
        "PatientSex": local.sex,
    }
    changed = [k for k, v in wanted.items() if str(ds.get(k, "")) != str(v)]
    if "PatientID" in changed or "IssuerOfPatientID" in changed:
        changed.append("OtherPatientIDsSequence")
        wanted["OtherPatientIDsSequence"] = _other_ids_with_sender(ds)
    if not changed:
        return []
    modified = Dataset()
    for keyword in changed:
        modified.add(_original_element(ds, keyword))
    when = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%d%H%M%S.%f%z")
    entry = Dataset()
    entry.AttributeModificationDateTime = when
    entry.ModifyingSystem = modifying_system
    entry.SourceOfPreviousValues = source_of_previous_values
    entry.ReasonForTheAttributeModification = "COERCE"
    entry.ModifiedAttributesSequence = Sequence([modified])
    for keyword in changed:
        ds.add(DataElement(keyword, _VR[keyword], wanted[keyword]))
    history = list(ds.get("OriginalAttributesSequence", []))
    ds.OriginalAttributesSequence = Sequence([*history, entry])
    return changed


def _fsync_directory(folder: Path) -> None:
    if os.name == "nt":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def rewrite_file(source: Path, target: Path, local: PatientRecord, *, local_issuer: str,
                 modifying_system: str = "PASSERELLE", source_of_previous_values: str = "",
                 now: datetime.datetime | None = None) -> Path:
    """Write a coerced copy of the DICOM file `source` to `target` (temporary name, fsync, rename)."""
    try:
        ds = dcmread(source, defer_size="256 KB")
    except (InvalidDicomError, OSError, EOFError, ValueError) as exc:
        raise InvalidDicom(f"{source.name}: not a readable DICOM file ({exc.__class__.__name__})") from None
    changed = coerce_to_local_patient(ds, local, local_issuer=local_issuer, modifying_system=modifying_system,
                                      source_of_previous_values=source_of_previous_values, now=now)
    temporary = target.with_name(f".{target.name}.part")
    try:
        ds.save_as(temporary, enforce_file_format=True)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_directory(target.parent)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StorageError(f"{target}: cannot write the rewritten file ({exc.strerror})") from None
    log.info("rewrote sop=%s changed=%s", ds.get("SOPInstanceUID", "?"), ",".join(changed) or "nothing")
    return target
