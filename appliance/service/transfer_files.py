"""File work of peer transfers, run in worker threads: read a chunk, write at an offset, hash, read a header.

The receiver touches each byte as few times as it can: a one-chunk file is hashed and its DICOM header
parsed from the plaintext while it passes through (`write_at`, `instance_in`), a larger file is hashed
in one read that also yields its header (`hash_and_head`); nothing is read back at commit.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from appliance.dicom.encoding import Encoding, read_file_meta, read_header
from appliance.dicom.ingest import Identity, study_attributes
from appliance.errors import InvalidDicom
from appliance.store.state import StudyAttributes
from appliance.transport.faults import fault_point

HASH_BLOCK = 1 << 20
HEADER_WINDOW = 64 * 1024  # a first try at the header: enough for nearly every instance
Parsed = tuple[Identity, StudyAttributes, str]
Bytes = bytes | bytearray | memoryview


def read_span(path: Path, offset: int, length: int) -> bytes:
    """`length` bytes of a spool file from `offset` (one chunk: the file is never read whole)."""
    with open(path, "rb", buffering=0) as handle:
        handle.seek(offset)
        data = handle.read(length)
    if len(data) != length:
        raise OSError(f"{path.name} is shorter than the manifest says")
    return data


def read_into(path: Path, offset: int, view: memoryview) -> None:
    """Fill `view` with the bytes of a spool file from `offset` (a chunk read straight into its frame)."""
    with open(path, "rb", buffering=0) as handle:
        handle.seek(offset)
        filled = 0
        while filled < len(view):
            count = handle.readinto(view[filled:])
            if not count:
                raise OSError(f"{path.name} is shorter than the manifest says")
            filled += count


def write_at(path: Path, offset: int, data: Bytes, digest: bool = False) -> str:
    """Write a chunk's bytes at its offset (creating the file); durability comes later, in a group.

    With `digest`, returns the SHA-256 of `data` (a one-chunk file need not be read back to be checked)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o640)
    try:
        view = memoryview(data)
        half = len(view) // 2
        written = os.pwrite(fd, view[:half], offset)
        fault_point("receiver", "mid_chunk")
        while written < len(view):
            written += os.pwrite(fd, view[written:], offset + written)
    finally:
        os.close(fd)
    return hashlib.sha256(data).hexdigest() if digest else ""


def sha256_of(path: Path) -> str:
    return hash_and_head(path)[0]


def hash_and_head(path: Path) -> tuple[str, bytes, bool]:
    """SHA-256 of a file, its first block (for the header), and whether that block is the whole file."""
    digest = hashlib.sha256()
    head = b""
    whole = True
    with open(path, "rb", buffering=0) as handle:
        while block := handle.read(HASH_BLOCK):
            digest.update(block)
            if not head:
                head = block
            else:
                whole = False
    return digest.hexdigest(), head, whole


def instance_in(data: Bytes, whole: bool) -> Parsed | None:
    """UIDs, study attributes and transfer syntax from the start of a file held in memory, or None when they
    cannot be read from it (the caller then reads the file itself, which also gives the reason).

    `whole` says `data` is the entire file; otherwise a header that runs to the end of `data` is incomplete.
    """
    view = memoryview(data)
    windows = [HEADER_WINDOW, len(view)] if len(view) > HEADER_WINDOW else [len(view)]
    for size in windows:
        found = _instance_from(view[:size].tobytes(), whole and size == len(view))
        if found is not None:
            return found
    return None


def _instance_from(head: bytes, whole: bool) -> Parsed | None:
    fp = io.BytesIO(head)
    try:
        found = _read_instance(fp)
    except (InvalidDicom, OSError, ValueError, EOFError):
        return None
    # pydicom stops quietly at the end of the data: trust a header only if it ended before the window did.
    return found if whole or fp.tell() < len(head) else None


def read_instance(path: Path) -> Parsed:
    """UIDs, study attributes and transfer syntax of a DICOM file (header only, pixels not read)."""
    with open(path, "rb") as fp:
        return _read_instance(fp)


def _read_instance(fp: BinaryIO) -> Parsed:
    meta = read_file_meta(fp)
    if meta is None:
        raise InvalidDicom("no file meta information")
    syntax = str(meta.TransferSyntaxUID)
    try:
        header = read_header(fp, Encoding.of(syntax))
    except (ValueError, EOFError, io.UnsupportedOperation) as exc:
        raise InvalidDicom(f"header cannot be read: {type(exc).__name__}") from exc
    return Identity.of(header), study_attributes(header), syntax


@dataclass
class _Running:
    """A multi-chunk file hashed as its chunks are written: chunks before `next_chunk` are hashed, those in
    `ahead` were written early and are read back (from the page cache) once the gap before them closes."""

    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    next_chunk: int = 0
    ahead: set[int] = field(default_factory=set)
    parsed: Parsed | None = None
    broken: bool = False


class WrittenHashes:
    """SHA-256 and header of each file of a transfer as written, taken from the plaintext as it passed: a
    one-chunk file always, a larger one chunk by chunk. Every write of a file and the check that uses its
    entry hold `lock`, so an entry always describes the bytes on disk; a chunk written again after it was
    hashed drops the file's entry for good, and the check then reads the file back."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._known: dict[int, tuple[str, Parsed | None]] = {}
        self._running: dict[int, _Running] = {}

    def whole(self, index: int, digest: str, parsed: Parsed | None) -> None:
        """The only chunk of file `index` was written: these are its hash and header."""
        self._known[index] = (digest, parsed)

    def chunk(self, index: int, chunk_index: int, data: Bytes, path: Path, count: int,
              span: Callable[[int], tuple[int, int]]) -> None:
        """Chunk `chunk_index` of `count` was written to `path`: extend the file's running hash."""
        self._known.pop(index, None)
        state = self._running.setdefault(index, _Running())
        if state.broken or chunk_index < state.next_chunk:
            state.broken = True
            return
        if chunk_index > state.next_chunk:
            state.ahead.add(chunk_index)  # written again before the gap closes: the last bytes are read back
            return
        if chunk_index == 0:
            state.parsed = instance_in(data, whole=False)
        state.digest.update(data)
        state.next_chunk += 1
        while state.next_chunk in state.ahead:
            state.ahead.discard(state.next_chunk)
            state.digest.update(read_span(path, *span(state.next_chunk)))
            state.next_chunk += 1
        if state.next_chunk == count:
            self._known[index] = (state.digest.hexdigest(), state.parsed)
            del self._running[index]

    def take(self, index: int) -> tuple[str, Parsed | None] | None:
        """The hash and header of file `index` if known (once: a corrupt file's chunks come again)."""
        self._running.pop(index, None)
        return self._known.pop(index, None)
