"""An instance to send to a PACS as bytes: its header (maybe re-encoded) plus the untouched rest of its file.

Pushing a reconciled study used to mean writing a rewritten copy of every file (and fsyncing it) before
the first C-STORE. Only the header changes, so an `OutgoingInstance` keeps the header's bytes in memory
(a few KiB) and reads the rest (the pixel data, unchanged) from the spool file while it is being sent:

    instance = as_stored(path)                       # the file exactly as it is in the spool
    instance = rewritten(path, coerce)               # header decoded up to the pixels, `coerce(ds)` applied
    for block in instance.dataset_blocks(): ...      # C-STORE: the data set without File Meta Information
    for block in instance.part10_blocks(): ...       # STOW-RS: a Part 10 file

Nothing is written to disk, so there is nothing to fsync, clean up or recover: after a crash the push starts
again from the spool originals, which stay until the PACS has verified the study. A deflated data set cannot
be cut at its pixel data; it is re-encoded whole in memory (one instance at a time).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from pydicom import dcmread
from pydicom.datadict import tag_for_keyword
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ImplicitVRLittleEndian

from appliance.dicom.encoding import file_header, read_file_meta
from appliance.errors import InvalidDicom

BLOCK = 1 << 20
PIXEL_TAGS_LE = (b"\xe0\x7f\x10\x00", b"\xe0\x7f\x08\x00", b"\xe0\x7f\x09\x00")
PIXEL_TAGS_BE = (b"\x7f\xe0\x00\x10", b"\x7f\xe0\x00\x08", b"\x7f\xe0\x00\x09")
Coerce = Callable[[Dataset], list[str]]


@dataclass(frozen=True)
class OutgoingInstance:
    """What a PACS receives for one instance: `head` (data set bytes), then `tail_length` bytes of `source`."""

    source: Path
    sop_class_uid: str
    sop_instance_uid: str
    transfer_syntax: str
    head: bytes
    tail_offset: int
    tail_length: int
    changed: tuple[str, ...] = ()

    @property
    def dataset_length(self) -> int:
        return len(self.head) + self.tail_length

    def file_header(self) -> bytes:
        return file_header(self.sop_class_uid, self.sop_instance_uid, self.transfer_syntax)

    def dataset_blocks(self, block: int = BLOCK) -> Generator[bytes, None, None]:
        """The data set's bytes in blocks of at most `block` (the head alone may be shorter)."""
        if self.head:
            yield self.head
        left = self.tail_length
        if not left:
            return
        with open(self.source, "rb", buffering=0) as handle:
            handle.seek(self.tail_offset)
            while left:
                data = handle.read(min(block, left))
                if not data:
                    raise InvalidDicom(f"{self.source.name} became shorter while it was being sent")
                left -= len(data)
                yield data

    def part10_blocks(self, block: int = BLOCK) -> Generator[bytes, None, None]:
        yield self.file_header()
        yield from self.dataset_blocks(block)


def as_stored(path: Path) -> OutgoingInstance:
    """The spool file as it is: its data set is sent byte for byte."""
    try:
        with open(path, "rb") as fp:
            meta = read_file_meta(fp)
            if meta is None:
                raise InvalidDicom(f"{path.name} has no DICOM file meta information")
            start = fp.tell()
            size = os.fstat(fp.fileno()).st_size
    except OSError as exc:
        raise InvalidDicom(f"{path.name}: not readable ({exc.strerror})") from None
    return OutgoingInstance(path, str(meta.MediaStorageSOPClassUID), str(meta.MediaStorageSOPInstanceUID),
                            str(meta.TransferSyntaxUID), b"", start, size - start)


def rewritten(path: Path, coerce: Coerce) -> OutgoingInstance:
    """The spool file with `coerce` applied to its header (everything before the pixel data).

    `coerce` changes the data set in place and returns the keywords it changed. The pixel data and every
    element after it are sent exactly as stored."""
    try:
        with open(path, "rb") as fp:
            ds = dcmread(fp, stop_before_pixels=True)
            tail_offset = fp.tell()
            size = os.fstat(fp.fileno()).st_size
            marker = fp.read(4)
    except (InvalidDicomError, OSError, EOFError, ValueError) as exc:
        raise InvalidDicom(f"{path.name}: not a readable DICOM file ({exc.__class__.__name__})") from None
    meta = ds.file_meta
    syntax = str(meta.get("TransferSyntaxUID", ""))
    sop_class = str(meta.get("MediaStorageSOPClassUID", ds.get("SOPClassUID", "")))
    sop_instance = str(meta.get("MediaStorageSOPInstanceUID", ds.get("SOPInstanceUID", "")))
    if not syntax or not sop_class or not sop_instance:
        raise InvalidDicom(f"{path.name} has no usable file meta information")
    pixels = PIXEL_TAGS_BE if syntax == ExplicitVRBigEndian else PIXEL_TAGS_LE
    cuttable = syntax != DeflatedExplicitVRLittleEndian and (marker in pixels or tail_offset == size)
    if not cuttable:
        return _rewritten_whole(path, coerce, sop_class, sop_instance, syntax)
    changed = coerce(ds)
    _drop_stale_group_lengths(ds, changed)
    return OutgoingInstance(path, sop_class, sop_instance, syntax, _encode(ds, syntax), tail_offset,
                            size - tail_offset, tuple(changed))


def _rewritten_whole(path: Path, coerce: Coerce, sop_class: str, sop_instance: str, syntax: str) -> OutgoingInstance:
    """A data set that cannot be cut before its pixels (deflated): decoded and re-encoded whole."""
    try:
        ds = dcmread(path)
    except (InvalidDicomError, OSError, EOFError, ValueError) as exc:
        raise InvalidDicom(f"{path.name}: not a readable DICOM file ({exc.__class__.__name__})") from None
    changed = coerce(ds)
    _drop_stale_group_lengths(ds, changed)
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    whole = buffer.getvalue()
    with io.BytesIO(whole) as fp:
        read_file_meta(fp)
        start = fp.tell()
    return OutgoingInstance(path, sop_class, sop_instance, syntax, whole[start:], 0, 0, tuple(changed))


def _encode(ds: Dataset, syntax: str) -> bytes:
    buffer = DicomBytesIO()
    buffer.is_little_endian = syntax != ExplicitVRBigEndian
    buffer.is_implicit_VR = syntax == ImplicitVRLittleEndian
    write_dataset(buffer, ds)
    return bytes(buffer.getvalue())


def _drop_stale_group_lengths(ds: Dataset, changed: list[str]) -> None:
    """Group lengths (retired) of the groups whose values changed would no longer be true: drop them."""
    if not changed:
        return
    groups = {(tag_for_keyword(keyword) or 0) >> 16 for keyword in changed} | {0x0400}
    for group in groups - {0}:
        tag = group << 16
        if tag in ds:
            del ds[tag]
