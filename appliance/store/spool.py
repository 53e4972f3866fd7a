"""The on-disk spool: durable writes (temp, fsync, rename, fsync dir), the quarantine, and retention deletes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from appliance.errors import DiskFull, InvalidDicom, StorageError

UID_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
COPY_BLOCK = 1 << 20


def check_uid(uid: str, what: str) -> str:
    """A DICOM UID safe to use as a file name: digits and dots, at most 64 characters."""
    if not uid or len(uid) > 64 or not UID_RE.match(uid):
        raise InvalidDicom(f"{what} is not a valid UID: {uid[:80]!r}")
    return uid


def fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Spool:
    """Files the appliance holds: studies by UID, temporary files, quarantined input."""

    def __init__(self, root: Path, quarantine: Path, min_free_bytes: int = 0) -> None:
        self.root = root
        self.quarantine_root = quarantine
        self.min_free_bytes = min_free_bytes
        self.tmp = root / "tmp"
        for folder in (root, self.tmp, quarantine):
            folder.mkdir(parents=True, exist_ok=True)

    def relative_path(self, study_uid: str, series_uid: str, sop_uid: str) -> str:
        check_uid(study_uid, "StudyInstanceUID")
        check_uid(series_uid, "SeriesInstanceUID")
        check_uid(sop_uid, "SOPInstanceUID")
        return f"studies/{study_uid}/{series_uid}/{sop_uid}.dcm"

    def absolute(self, relative: str) -> Path:
        return self.root / relative

    def free_bytes(self) -> int:
        return shutil.disk_usage(self.root).free

    def check_space(self, needed: int = 0) -> None:
        if self.min_free_bytes and self.free_bytes() - needed < self.min_free_bytes:
            raise DiskFull(
                f"spool {self.root} has less than {self.min_free_bytes // (1 << 20)} MiB free: work paused"
            )

    def temp_path(self) -> Path:
        return self.tmp / f"{uuid.uuid4().hex}.part"

    def write_stream(self, chunks: Iterable[bytes | memoryview], final: Path) -> tuple[int, str]:
        """Write chunks to a temp file, fsync, rename to `final`, fsync its directory. Returns size, sha256."""
        tmp = self.temp_path()
        digest = hashlib.sha256()
        size = 0
        try:
            with open(tmp, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            self.commit(tmp, final)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if exc.errno == 28:
                raise DiskFull(f"spool {self.root} is full: work paused") from exc
            raise StorageError(f"cannot write {final.name}: {exc.strerror}") from exc
        return size, digest.hexdigest()

    def commit(self, tmp: Path, final: Path) -> None:
        """Move a durable temp file into place and make the rename durable."""
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(tmp, final)
        except FileNotFoundError:  # a retention purge removed the emptied folder just now: make it again
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
        fsync_dir(final.parent)

    def copy_in(self, source: BinaryIO, final: Path) -> tuple[int, str]:
        return self.write_stream(iter(lambda: source.read(COPY_BLOCK), b""), final)

    def quarantine(self, data_or_path: bytes | Path, reason: str, source: str) -> Path:
        """Keep unusable input with a sidecar file stating why. Returns the quarantined file's path."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.quarantine_root / f"{stamp}-{uuid.uuid4().hex[:8]}.dcm"
        if isinstance(data_or_path, bytes):
            self.write_stream([data_or_path], target)
        else:
            with open(data_or_path, "rb") as handle:
                self.copy_in(handle, target)
        reason_file = target.with_suffix(".reason.txt")
        reason_file.write_text(f"source: {source}\nreason: {reason}\n", encoding="utf-8")
        return target

    def remove_files(self, relatives: Iterable[str]) -> int:
        """Delete spool files (retention: their removal is already recorded), then their emptied series and
        study folders; every touched folder is fsynced so the removal is durable. A file already gone counts
        as removed, so doing it again after a crash is harmless. Returns how many files were deleted now."""
        removed = 0
        touched: set[Path] = set()
        studies = (self.root / "studies").resolve()
        for relative in relatives:
            path = (self.root / relative).resolve()
            if studies not in path.parents:
                raise StorageError(f"refusing to delete {relative!r}: not under the spool's studies folder")
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:
                pass
            touched.add(path.parent)
        for folder in sorted(touched, key=lambda p: len(p.parts), reverse=True):
            for level in (folder, folder.parent):
                if level != studies and level.exists() and not any(level.iterdir()):
                    level.rmdir()
        for folder in {f for t in touched for f in (t, t.parent, studies)}:
            if folder.exists():
                fsync_dir(folder)
        return removed

    def clean_temp(self) -> int:
        """Remove temp files left by a crash (they were never recorded). Returns how many."""
        removed = 0
        for leftover in self.tmp.glob("*.part"):
            leftover.unlink(missing_ok=True)
            removed += 1
        return removed
