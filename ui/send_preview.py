"""What a drop contains before it is sent: patient, studies, file count and size (read off the UI thread).

Only headers are read (no pixel data). Stand-in until appliance.service offers a preview command.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydicom import dcmread
from pydicom.errors import InvalidDicomError

MAX_HEADERS = 4000
TAGS = ["PatientName", "PatientBirthDate", "StudyInstanceUID", "StudyDate", "StudyDescription", "ModalitiesInStudy",
        "Modality"]


@dataclass
class StudySummary:
    study_uid: str
    patient_name: str = ""
    birth_date: str = ""
    study_date: str = ""
    description: str = ""
    modalities: set[str] = field(default_factory=set)
    files: int = 0
    size: int = 0


@dataclass
class SendPreview:
    """The dropped paths summarised for the confirmation dialog."""

    paths: list[Path]
    studies: dict[str, StudySummary] = field(default_factory=dict)
    files: int = 0
    size: int = 0
    not_dicom: int = 0
    truncated: bool = False


def walk(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for folder, _dirs, names in os.walk(path):
                for name in sorted(names):
                    yield Path(folder) / name
        elif path.exists():
            yield path


def preview_paths(paths: list[Path]) -> SendPreview:
    preview = SendPreview(paths=list(paths))
    for path in walk(paths):
        if path.name.upper() == "DICOMDIR":
            continue
        if preview.files >= MAX_HEADERS:
            preview.truncated = True
            break
        try:
            ds = dcmread(path, stop_before_pixels=True, specific_tags=TAGS)
            uid = str(ds.get("StudyInstanceUID", ""))
        except (InvalidDicomError, OSError, ValueError, TypeError, AttributeError):
            preview.not_dicom += 1
            continue
        if not uid:
            preview.not_dicom += 1
            continue
        size = path.stat().st_size
        study = preview.studies.setdefault(uid, StudySummary(uid))
        study.patient_name = study.patient_name or str(ds.get("PatientName", ""))
        study.birth_date = study.birth_date or str(ds.get("PatientBirthDate", ""))
        study.study_date = study.study_date or str(ds.get("StudyDate", ""))
        study.description = study.description or str(ds.get("StudyDescription", ""))
        if ds.get("Modality"):
            study.modalities.add(str(ds.Modality))
        study.files += 1
        study.size += size
        preview.files += 1
        preview.size += size
    return preview
