"""Import DICOM files, folders (recursively) and DICOMDIR media into the spool through Ingest."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydicom import dcmread
from pydicom.multival import MultiValue

from appliance.dicom.ingest import Ingest
from appliance.domain import InstanceRef
from appliance.errors import BadInput, InvalidDicom

log = logging.getLogger(__name__)
MEDIA_DIRECTORY = "1.2.840.10008.1.3.10"
NOT_DICOM_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "autorun.inf"})


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: instances stored (or already there), their studies, what was set aside."""

    instances: tuple[InstanceRef, ...] = ()
    studies: tuple[str, ...] = ()
    quarantined: tuple[tuple[str, str], ...] = ()
    skipped: int = 0


def looks_like_dicom(path: Path) -> bool:
    """A Part 10 preamble, or a raw dataset starting with a group 0002/0008 element."""
    if path.name.lower() in NOT_DICOM_NAMES or path.name.startswith("._"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(132)
    except OSError:
        return False
    if len(head) == 132 and head[128:132] == b"DICM":
        return True
    return len(head) >= 8 and head[:2] in (b"\x02\x00", b"\x08\x00") and head[2:4] < b"\x00\x10"


def _resolve(base: Path, parts: list[str]) -> Path | None:
    """A DICOMDIR file id under `base`, tolerating the case changes of copied ISO 9660 media."""
    current = base
    for part in parts:
        exact = current / part
        if exact.exists():
            current = exact
            continue
        try:
            match = next((c for c in current.iterdir() if c.name.lower() == part.lower()), None)
        except OSError:
            return None
        if match is None:
            return None
        current = match
    return current


def dicomdir_files(dicomdir: Path) -> Iterator[Path]:
    """The files a DICOMDIR references (read without loading the referenced files)."""
    try:
        ds = dcmread(dicomdir, force=True)
        records = list(ds.get("DirectoryRecordSequence", []))
    except Exception as exc:
        raise InvalidDicom(f"DICOMDIR cannot be read: {type(exc).__name__}") from exc
    for record in records:
        file_id = record.get("ReferencedFileID")
        if not file_id:
            continue
        parts = [str(p) for p in file_id] if isinstance(file_id, MultiValue) else [str(file_id)]
        path = _resolve(dicomdir.parent, parts)
        if path is None:
            log.warning("DICOMDIR references a missing file (%d path parts)", len(parts))
            continue
        yield path


def _is_dicomdir(path: Path) -> bool:
    if path.name.upper() == "DICOMDIR":
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return MEDIA_DIRECTORY.encode() in head


def _candidates(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """(file, came from a DICOMDIR) for every file under `paths`, DICOMDIR references first."""
    for root in paths:
        if root.is_file():
            if _is_dicomdir(root):
                yield from ((p, True) for p in dicomdir_files(root))
            else:
                yield root, False
            continue
        if not root.is_dir():
            raise BadInput(f"{root} is neither a file nor a folder")
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                if _is_dicomdir(path):
                    yield from ((p, True) for p in dicomdir_files(path))
                else:
                    yield path, False


def import_paths(paths: list[Path], ingest: Ingest) -> ImportReport:
    """Import files, folders and DICOMDIR media, one file at a time (never a whole study in memory).

    Non-DICOM files are skipped and counted; a DICOM-looking file that cannot be stored is quarantined
    with its reason, and so is one whose SOP instance is already held with other content (the held copy
    counts among the instances). A full disk (DiskFull) stops the import and propagates.
    """
    instances: list[InstanceRef] = []
    studies: dict[str, None] = {}
    quarantined: list[tuple[str, str]] = []
    seen: set[Path] = set()
    skipped = 0
    for path, referenced in _candidates(paths):
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        if not referenced and not looks_like_dicom(path):
            skipped += 1
            continue
        try:
            placed = ingest.place_file(path, source="import")
        except InvalidDicom as exc:
            ingest.quarantine(path, str(exc), "import")
            quarantined.append((str(path), str(exc)))
            continue
        if placed.set_aside:  # its instance is held with other content, which stays the one sent
            quarantined.append((str(path), placed.set_aside))
        instances.append(placed.ref)
        studies.setdefault(placed.ref.study_uid, None)
    log.info("import: %d instances in %d studies, %d quarantined, %d non-DICOM files skipped",
             len(instances), len(studies), len(quarantined), skipped)
    return ImportReport(tuple(instances), tuple(studies), tuple(quarantined), skipped)
