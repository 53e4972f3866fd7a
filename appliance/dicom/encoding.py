"""Reading DICOM encodings without decoding pixel data: file headers, dataset headers, structure checks."""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from pydicom.datadict import keyword_dict
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filereader import _read_file_meta_info, read_dataset, read_preamble
from pydicom.tag import BaseTag
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ImplicitVRLittleEndian,
    generate_uid,
)

from appliance.errors import InvalidDicom

IMPLEMENTATION_CLASS_UID = generate_uid(prefix=None, entropy_srcs=["passerelle", "implementation", "1"])
IMPLEMENTATION_VERSION = "PASSERELLE_01"
HEADER_END = 0x00200011  # SeriesNumber: the last attribute the spool needs before the pixels
LONG_LENGTH_VRS = frozenset({b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"})
UNDEFINED = 0xFFFFFFFF
ITEM, ITEM_END, SEQUENCE_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a dataset's bytes are encoded, from its transfer syntax UID."""

    transfer_syntax: str
    implicit: bool
    little: bool
    deflated: bool

    @classmethod
    def of(cls, transfer_syntax: str) -> Encoding:
        if transfer_syntax == ImplicitVRLittleEndian:
            return cls(transfer_syntax, True, True, False)
        if transfer_syntax == ExplicitVRBigEndian:
            return cls(transfer_syntax, False, False, False)
        return cls(transfer_syntax, False, True, transfer_syntax == DeflatedExplicitVRLittleEndian)


def _meta_element(group_element: int, vr: bytes, value: bytes) -> bytes:
    if len(value) % 2:
        value += b"\x00" if vr == b"UI" else b" "
    tag = struct.pack("<HH", group_element >> 16, group_element & 0xFFFF)
    if vr == b"OB":
        return tag + vr + b"\x00\x00" + struct.pack("<L", len(value)) + value
    return tag + vr + struct.pack("<H", len(value)) + value


def file_header(sop_class_uid: str, sop_instance_uid: str, transfer_syntax: str, source_aet: str = "") -> bytes:
    """Preamble, DICM prefix and File Meta Information (PS3.10 7.1) for a dataset stored as-is.

    Encoded by hand: this runs once per received instance and pydicom's writer costs ten times more.
    """
    body = b"".join([
        _meta_element(0x00020001, b"OB", b"\x00\x01"),
        _meta_element(0x00020002, b"UI", sop_class_uid.encode("ascii")),
        _meta_element(0x00020003, b"UI", sop_instance_uid.encode("ascii")),
        _meta_element(0x00020010, b"UI", transfer_syntax.encode("ascii")),
        _meta_element(0x00020012, b"UI", IMPLEMENTATION_CLASS_UID.encode("ascii")),
        _meta_element(0x00020013, b"SH", IMPLEMENTATION_VERSION.encode("ascii")),
        _meta_element(0x00020016, b"AE", source_aet.strip().encode("ascii", "replace")) if source_aet.strip() else b"",
    ])
    group_length = _meta_element(0x00020000, b"UL", struct.pack("<L", len(body)))
    return b"\x00" * 128 + b"DICM" + group_length + body


def _stop_after_header(tag: BaseTag, vr: str | None, length: int) -> bool:
    return int(tag) > HEADER_END


def read_header(fp: BinaryIO, encoding: Encoding) -> Dataset:
    """Top-level attributes up to SeriesNumber, read from the dataset at fp's position (no pixel data)."""
    source: BinaryIO = fp
    if encoding.deflated:
        source = io.BytesIO(zlib.decompress(fp.read(), -zlib.MAX_WBITS))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_dataset(source, encoding.implicit, encoding.little, stop_when=_stop_after_header)
    except Exception as exc:  # pydicom raises many kinds on bad input
        raise InvalidDicom(f"dataset cannot be parsed: {type(exc).__name__}") from exc


def read_file_meta(fp: BinaryIO) -> FileMetaDataset | None:
    """The File Meta Information of a Part 10 file at fp's start, or None when it has no preamble."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if read_preamble(fp, force=True) is None:
                fp.seek(0)
                return None
            return _read_file_meta_info(fp)
    except Exception as exc:
        raise InvalidDicom(f"file meta information cannot be parsed: {type(exc).__name__}") from exc


def check_structure(fp: BinaryIO, end: int, encoding: Encoding) -> None:
    """Walk every element header from fp's position to `end`; raise InvalidDicom if the data is truncated.

    Values are skipped, not read, so a large pixel data element costs one seek.
    """
    if encoding.deflated:
        try:
            data = zlib.decompress(fp.read(), -zlib.MAX_WBITS)
        except zlib.error as exc:
            raise InvalidDicom(f"deflated dataset is damaged: {exc}") from exc
        fp, end = io.BytesIO(data), len(data)
    walker = _Walker(fp, encoding.little, end)
    walker.walk(end, encoding.implicit, until=None)


class _Walker:
    def __init__(self, fp: BinaryIO, little: bool, size: int) -> None:
        self.fp = fp
        self.order = "<" if little else ">"
        self.size = size

    def _read(self, size: int) -> bytes:
        data = self.fp.read(size)
        if len(data) != size:
            raise InvalidDicom(f"dataset is truncated at byte {self.fp.tell()}")
        return data

    def _tag(self) -> int:
        group, element = struct.unpack(self.order + "HH", self._read(4))
        return int((group << 16) | element)

    def walk(self, end: int | None, implicit: bool, until: int | None) -> None:
        """Elements until `end` (defined length) or until the delimiter tag `until` (undefined length)."""
        while end is None or self.fp.tell() < end:
            tag = self._tag()
            if until is not None and tag == until:
                self._read(4)
                return
            if tag in (ITEM, ITEM_END, SEQUENCE_END):
                raise InvalidDicom(f"unexpected delimiter {tag:08X} in dataset")
            if implicit:
                vr, length = b"", struct.unpack(self.order + "L", self._read(4))[0]
            else:
                vr = self._read(2)
                if vr in LONG_LENGTH_VRS:
                    self._read(2)
                    length = struct.unpack(self.order + "L", self._read(4))[0]
                else:
                    length = struct.unpack(self.order + "H", self._read(2))[0]
            if length == UNDEFINED:
                self._items(implicit or vr == b"UN")
            else:
                self._skip(length)
        if end is not None and self.fp.tell() != end:
            raise InvalidDicom("dataset element overruns its container")
        if until is not None:
            raise InvalidDicom("dataset is truncated inside a sequence")

    def _items(self, implicit: bool) -> None:
        while True:
            tag = self._tag()
            length = struct.unpack(self.order + "L", self._read(4))[0]
            if tag == SEQUENCE_END:
                return
            if tag != ITEM:
                raise InvalidDicom(f"expected a sequence item, found {tag:08X}")
            if length == UNDEFINED:
                self.walk(None, implicit, until=ITEM_END)
            else:
                self._skip(length)

    def _skip(self, length: int) -> None:
        position = self.fp.tell()
        if position + length > self.size:
            raise InvalidDicom(f"dataset is truncated: element needs {length} bytes at byte {position}")
        self.fp.seek(position + length)


TEXT_CODECS = {"": "latin-1", "ISO_IR 6": "latin-1", "ISO_IR 100": "latin-1", "ISO_IR 192": "utf-8"}


def text(ds: Dataset, keyword: str) -> str:
    """An attribute as a string, '' when absent or undecodable.

    Values still raw from read_dataset are decoded directly for the common character sets, which is
    much cheaper than pydicom's conversion; other character sets go through pydicom.
    """
    tag = keyword_dict.get(keyword)
    if tag is None or tag not in ds:
        return ""
    try:
        raw = ds.get_item(tag)
        value = getattr(raw, "value", None)
        if isinstance(value, bytes):
            charset = ds.get_item(0x00080005)
            name = getattr(charset, "value", b"") or b""
            codec = TEXT_CODECS.get(name.decode("ascii", "replace").strip() if isinstance(name, bytes) else "")
            if codec is not None:
                return value.decode(codec).rstrip(" \x00")
        converted = ds.get(keyword, "")
        return "" if converted is None else str(converted)
    except Exception:
        return ""
