"""File work of peer transfers, run in worker threads: read a chunk, write at an offset, hash, read a header."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from appliance.dicom.encoding import Encoding, read_file_meta, read_header
from appliance.dicom.ingest import Identity, study_attributes
from appliance.errors import InvalidDicom
from appliance.store.state import StudyAttributes
from appliance.transport.faults import fault_point

HASH_BLOCK = 1 << 20


def read_span(path: Path, offset: int, length: int) -> bytes:
    """`length` bytes of a spool file from `offset` (one chunk: the file is never read whole)."""
    with open(path, "rb", buffering=0) as handle:
        handle.seek(offset)
        data = handle.read(length)
    if len(data) != length:
        raise OSError(f"{path.name} is shorter than the manifest says")
    return data


def write_at(path: Path, offset: int, data: bytes, digest: bool = False) -> str:
    """Write a chunk's bytes at its offset (creating the file); durability comes later, in a group.

    With `digest`, returns the SHA-256 of `data` (a one-chunk file need not be read back to be checked)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o640)
    try:
        view = memoryview(data)
        half = len(view) // 2
        os.pwrite(fd, view[:half], offset)
        fault_point("receiver", "mid_chunk")
        written = half
        while written < len(view):
            written += os.pwrite(fd, view[written:], offset + written)
    finally:
        os.close(fd)
    return hashlib.sha256(data).hexdigest() if digest else ""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as handle:
        while block := handle.read(HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def read_instance(path: Path) -> tuple[Identity, StudyAttributes, str]:
    """UIDs, study attributes and transfer syntax of a DICOM file (header only, pixels not read)."""
    with open(path, "rb") as fp:
        meta = read_file_meta(fp)
        if meta is None:
            raise InvalidDicom("no file meta information")
        syntax = str(meta.TransferSyntaxUID)
        try:
            header = read_header(fp, Encoding.of(syntax))
        except (ValueError, EOFError, io.UnsupportedOperation) as exc:
            raise InvalidDicom(f"header cannot be read: {type(exc).__name__}") from exc
    return Identity.of(header), study_attributes(header), syntax
