"""Which patient a DICOM file names: the Patient Module's identifying values, read without the rest.

A study is reconciled as one patient, from one of its files, and every file is then rewritten for the
chosen local record. A study whose files name different patients (a study UID reused by a modality, a
mis-merge at the sender) must never go through that: `patients_named` reads each file only as far as
group 0010 (about 0.3 ms a file, against 1.5 ms for a header read to the pixel data) so the whole study
can be checked before any decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydicom.errors import InvalidDicomError
from pydicom.filereader import read_partial
from pydicom.tag import BaseTag

from appliance.errors import InvalidDicom

IDENTITY_KEYWORDS = ("PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex")
PatientIdentity = tuple[str, ...]
"""The values of IDENTITY_KEYWORDS, in that order, as text (trailing spaces removed)."""


def _past_patient_group(tag: BaseTag, vr: str | None, length: int) -> bool:
    return tag.group > 0x0010


def patient_identity(path: Path) -> PatientIdentity:
    """The identifying Patient Module values of one file (InvalidDicom when it cannot be read)."""
    try:
        with open(path, "rb") as fp:
            ds = read_partial(fp, stop_when=_past_patient_group, defer_size=None)
    except (InvalidDicomError, OSError, EOFError, ValueError) as exc:
        raise InvalidDicom(f"{path.name}: not a readable DICOM file ({exc.__class__.__name__})") from None
    return tuple(str(ds.get(keyword, "")).strip() for keyword in IDENTITY_KEYWORDS)


def patients_named(paths: Iterable[Path]) -> dict[PatientIdentity, list[Path]]:
    """Every distinct patient identity the files carry, with the files naming it, the identity most files
    name first (one entry for a well-formed study)."""
    named: dict[PatientIdentity, list[Path]] = {}
    for path in paths:
        named.setdefault(patient_identity(path), []).append(path)
    return dict(sorted(named.items(), key=lambda item: -len(item[1])))
