"""An instance to send to a PACS as bytes: its header (maybe re-encoded) plus the untouched rest of its file.

Pushing a reconciled study used to mean writing a rewritten copy of every file (and fsyncing it) before
the first C-STORE. Only the header changes, so an `OutgoingInstance` keeps the header's bytes in memory
(a few KiB) and reads the rest (the pixel data, unchanged) from the spool file while it is being sent:

    instance = as_stored(path)                       # the file exactly as it is in the spool
    instance = rewritten(path, coerce)               # `coerce(ds)` applied to the header before the pixels
    for block in instance.dataset_blocks(): ...      # C-STORE: the data set without File Meta Information
    for block in instance.part10_blocks(): ...       # STOW-RS: a Part 10 file

Nothing is written to disk, so there is nothing to fsync, clean up or recover: after a crash the push starts
again from the spool originals, which stay until the PACS has verified the study. A deflated data set cannot
be cut at its pixel data; it is re-encoded whole in memory (one instance at a time).

Decoding and re-encoding a whole header with pydicom costs more CPU than sending the file, while the PACS
ingesting it wants the same cores; so `rewritten` first splices (`header_walk`): only the patient elements are
decoded and given to `coerce`, and what it changed is re-encoded between the untouched bytes of the rest. The
files of a study carry the same patient elements, so the edit made for one is reused for the next. Files the
splice does not handle (big endian, deflated, odd lengths, unusual structure) are decoded whole, as before.
"""

from __future__ import annotations

import io
import os
import threading
import weakref
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydicom import dcmread
from pydicom.charset import default_encoding
from pydicom.datadict import tag_for_keyword
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.filebase import DicomBytesIO
from pydicom.filereader import read_dataset
from pydicom.filewriter import write_dataset
from pydicom.uid import UID, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ImplicitVRLittleEndian

from appliance.dicom.encoding import file_header, read_file_meta
from appliance.dicom.header_walk import (
    PIXEL_TAGS,
    Header,
    NeedMore,
    WalkRefused,
    splice,
    walk_file_meta,
    walk_header,
)
from appliance.errors import InvalidDicom

BLOCK = 1 << 20
PIXEL_TAGS_LE = (b"\xe0\x7f\x10\x00", b"\xe0\x7f\x08\x00", b"\xe0\x7f\x09\x00")
PIXEL_TAGS_BE = (b"\x7f\xe0\x00\x10", b"\x7f\xe0\x00\x08", b"\x7f\xe0\x00\x09")
Coerce = Callable[[Dataset], list[str]]
COERCE_READS_GROUPS = frozenset({0x0010})  # Patient: what `coerce` may read on the spliced path is here, or
COERCE_READS_TAGS = frozenset({0x00080005, 0x04000561})  # Specific Character Set, Original Attributes Sequence
SPLICE_READ = 64 * 1024  # first read of a data set on the spliced path: most headers are a few KiB


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
    element after it are sent exactly as stored. Most files take the spliced path: `coerce` then sees only
    the patient elements (`COERCE_READS_*`; asking for another sends the file to the decoded path), and must
    give the same result for the same elements, since its edit is reused for the next file with the same
    ones (the pipeline fixes one modification time per study). Anything else is decoded whole by pydicom."""
    instance = rewritten_spliced(path, coerce)
    return instance if instance is not None else rewritten_decoded(path, coerce)


def rewritten_spliced(path: Path, coerce: Coerce) -> OutgoingInstance | None:
    """`rewritten` without decoding the header: None when the file needs `rewritten_decoded`.

    The top-level element headers are walked (`header_walk`); pydicom decodes only what `coerce` reads
    (`COERCE_READS`) into a small data set; `coerce` runs on it (reading anything else sends the file to
    the decoded path); the elements it replaced or added are encoded in the file's transfer syntax and
    spliced in tag order between the untouched bytes of the others. Group lengths are left out, as
    pydicom's writer leaves them out of the decoded path's output."""
    try:
        with open(path, "rb") as fp:
            size = os.fstat(fp.fileno()).st_size
            data = fp.read(SPLICE_READ)
            while True:
                try:
                    complete = len(data) >= size
                    meta, start = walk_file_meta(data, complete)
                    syntax = _uid(meta.get(0x00020010, b""))
                    if not _spliceable(syntax):
                        return None
                    implicit = syntax == ImplicitVRLittleEndian
                    header = walk_header(data, implicit, complete, start)
                    break
                except NeedMore as more:
                    data += fp.read(max(more.needed - len(data), len(data)))
    except (OSError, WalkRefused, RecursionError):
        return None
    sop_class, sop_instance = _uid(meta.get(0x00020002, b"")), _uid(meta.get(0x00020003, b""))
    if not sop_class or not sop_instance:
        return None
    try:
        head, changed = _spliced_head(data, header, implicit, coerce)
    except Exception:  # _Unspliceable, or a value pydicom cannot decode or encode: the decoded path decides
        return None
    return OutgoingInstance(path, sop_class, sop_instance, syntax, head, header.end, size - header.end, changed)


def rewritten_decoded(path: Path, coerce: Coerce) -> OutgoingInstance:
    """`rewritten` by pydicom: the header decoded whole, coerced and re-encoded whole."""
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


class _Unspliceable(Exception):
    """`coerce` did something the spliced path cannot reproduce exactly."""


class _CoercedHeader(Dataset):
    """The few elements `coerce` may read; asking for any other tag means the spliced path cannot be used."""

    def _covered(self, key: object) -> None:
        tag = tag_for_keyword(key) if isinstance(key, str) else key
        if isinstance(tag, int) and not _covers(tag):
            raise _Unspliceable(f"coerce asked for {tag:08X}")

    def __getattr__(self, name: str) -> Any:
        self._covered(name)
        return super().__getattr__(name)

    def __contains__(self, name: object) -> bool:
        self._covered(name)
        return super().__contains__(name)  # type: ignore[operator]

    def __getitem__(self, key: Any) -> Any:
        self._covered(key)
        return super().__getitem__(key)

    def __delitem__(self, key: Any) -> None:
        self._covered(key)
        super().__delitem__(key)


def _covers(tag: int) -> bool:
    """Whether the small data set given to `coerce` holds `tag` when the file does (never a group length)."""
    return bool(tag & 0xFFFF) and (tag >> 16 in COERCE_READS_GROUPS or tag in COERCE_READS_TAGS)


def _charset(ds: Dataset) -> list[str]:
    value = ds.get("SpecificCharacterSet")
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _uid(value: bytes) -> str:
    """A UID of the file meta as pydicom reads it, or '' when it is anything but digits and dots."""
    text = value.rstrip(b"\x00 ")
    return text.decode("ascii") if text and not text.strip(b"0123456789.") else ""


def _spliceable(syntax: str) -> bool:
    if not syntax:
        return False
    uid = UID(syntax)
    return uid.is_transfer_syntax and uid.is_little_endian and not uid.is_deflated


@dataclass(frozen=True)
class _PatientEdit:
    """What `coerce` made of one file's patient elements (`source`): reused for the next file with the same."""

    source: bytes
    implicit: bool
    replaced: dict[int, bytes]
    dropped: frozenset[int]
    changed: tuple[str, ...]


_last_edit: weakref.WeakKeyDictionary[Coerce, _PatientEdit] = weakref.WeakKeyDictionary()
_last_edit_lock = threading.Lock()


def _spliced_head(data: bytes, header: Header, implicit: bool, coerce: Coerce) -> tuple[bytes, tuple[str, ...]]:
    """The header with `coerce` applied; the files of a study share their patient elements, and so the edit."""
    source = b"".join(data[e.start:e.end] for e in header.elements if _covers(e.tag))
    with _last_edit_lock:
        edit = _last_edit.get(coerce)
    if edit is None or edit.source != source or edit.implicit != implicit:
        edit = _patient_edit(source, implicit, coerce)
        with _last_edit_lock:
            _last_edit[coerce] = edit
    group_lengths = {e.tag for e in header.elements if not e.tag & 0xFFFF}
    return splice(data, header.elements, edit.replaced, edit.dropped | group_lengths), edit.changed


def _patient_edit(source: bytes, implicit: bool, coerce: Coerce) -> _PatientEdit:
    """`coerce` run on the elements in `source`; the ones it replaced, added or removed, encoded by pydicom."""
    small = read_dataset(io.BytesIO(source), implicit, True)
    charset = _charset(small)
    before = set(small.keys())
    changed = coerce(_CoercedHeader(small))
    if _charset(small) != charset:
        raise _Unspliceable("coerce changed the character set")
    after = set(small.keys())
    touched = Dataset()  # every element coerce added, replaced or even looked at (its value may change in place)
    for tag in after - {0x00080005}:
        if not small.get_item(tag).is_raw:
            touched[tag] = small[tag]
    if any(tag >= min(PIXEL_TAGS) for tag in touched.keys()):
        raise _Unspliceable("coerce added an element after the pixel data")
    buffer = DicomBytesIO()
    buffer.is_little_endian, buffer.is_implicit_VR = True, implicit
    write_dataset(buffer, touched, parent_encoding=charset or default_encoding)
    encoded = bytes(buffer.getvalue())
    replaced = {e.tag: encoded[e.start:e.end] for e in walk_header(encoded, implicit, complete=True).elements}
    if set(replaced) != set(touched.keys()):
        raise _Unspliceable("the re-encoded elements do not walk back to what was encoded")
    return _PatientEdit(source, implicit, replaced, frozenset(before - after), tuple(changed))


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
