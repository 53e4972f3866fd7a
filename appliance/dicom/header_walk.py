"""Top-level elements of a little endian data set's bytes, found by walking element headers; splicing them.

Rewriting a header for the local patient changes a handful of elements. Decoding every element to change
those few costs more than the C-STORE that sends them, so `outgoing.rewritten` walks the element headers
instead (values are skipped, never decoded), has pydicom decode only the elements it needs, and splices the
re-encoded ones back between the untouched raw bytes of all the others:

    header = walk_header(data, implicit=False, complete=True)   # top-level elements up to the pixel data
    head = splice(data, header.elements, {tag: encoded_bytes}, dropped={tag, ...})

Only what is plainly well formed is walked: explicit VR and implicit VR little endian; defined lengths
(even); undefined lengths for sequences (SQ, UN in explicit VR, anything in implicit VR), walked item by item
to their delimiters. Anything else raises `WalkRefused` and the caller lets pydicom decode the whole header.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

UNDEFINED = 0xFFFFFFFF
ITEM, ITEM_END, SEQUENCE_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
DELIMITERS = frozenset({ITEM, ITEM_END, SEQUENCE_END})
PIXEL_TAGS = frozenset({0x7FE00010, 0x7FE00009, 0x7FE00008})  # where pydicom's stop_before_pixels stops
LONG_LENGTH_VRS = frozenset({b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT",
                             b"UV"})
SHORT_LENGTH_VRS = frozenset({b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FD", b"FL", b"IS", b"LO", b"LT",
                              b"PN", b"SH", b"SL", b"SS", b"ST", b"TM", b"UI", b"UL", b"US"})
_GROUP = struct.Struct("<H")
_TAG = struct.Struct("<HH")
_TAG_LENGTH = struct.Struct("<HHL")  # tag, then a 32-bit length (implicit VR, items, delimiters)
_TAG_VR_LENGTH = struct.Struct("<HH2sH")  # tag, VR, 16-bit length (explicit VR)
_LONG_LENGTH = struct.Struct("<L")


class WalkRefused(Exception):
    """The bytes hold something this walker leaves to pydicom (the message says what)."""


class NeedMore(Exception):
    """The walk needs bytes beyond the buffer it was given: at least `needed` in all."""

    def __init__(self, needed: int) -> None:
        super().__init__(f"{needed} bytes needed")
        self.needed = needed


class Element(NamedTuple):
    """One top-level element: its tag and where its bytes (header, value, delimiters) start and end."""

    tag: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Header:
    """The top-level elements before the pixel data, and the offset where the pixel data (or the data) starts."""

    elements: tuple[Element, ...]
    end: int


def walk_file_meta(data: bytes, complete: bool) -> tuple[dict[int, bytes], int]:
    """The File Meta Information values of the Part 10 file `data` (by tag), and where its data set starts.

    Raises WalkRefused for a file without preamble and DICM prefix or whose meta is not explicit VR LE."""
    walker = _Walker(data, complete)
    walker.need(132)
    if data[128:132] != b"DICM":
        raise WalkRefused("no DICM prefix")
    values: dict[int, bytes] = {}
    position = 132
    while True:
        walker.need(position + 2)
        if _GROUP.unpack_from(data, position)[0] != 0x0002:
            return values, position
        tag, start, end = walker.element(position, False)
        values[tag] = data[start:end]
        position = end


def walk_header(data: bytes, implicit: bool, complete: bool, start: int = 0) -> Header:
    """Walk the top-level elements of `data` from `start` up to the first pixel data tag (or the end of
    `complete` data).

    Raises NeedMore when `data` is not `complete` and the walk runs past it, WalkRefused for anything unusual:
    a delimiter or File Meta/command group at the top level, tags out of order, odd or overrunning lengths."""
    walker = _Walker(data, complete)
    elements: list[Element] = []
    position, previous, size = start, -1, len(data)
    while True:
        if position == size:
            if complete:
                return Header(tuple(elements), position)
            raise NeedMore(position + 8)
        walker.need(position + 4)
        group, number = _TAG.unpack_from(data, position)
        tag = (group << 16) | number
        if tag in PIXEL_TAGS:
            return Header(tuple(elements), position)
        if tag <= previous or group < 0x0008:
            raise WalkRefused(f"top-level tag {tag:08X} out of order or not a data set tag")
        end = walker.element(position, implicit)[2]
        elements.append(Element(tag, position, end))
        position, previous = end, tag


def splice(data: bytes, elements: Iterable[Element], replaced: Mapping[int, bytes], dropped: Iterable[int]) -> bytes:
    """The raw bytes of `elements`, with `replaced` (whole encoded elements by tag) put in place or inserted
    in tag order, and the `dropped` tags left out."""
    gone = set(dropped)
    news = sorted(replaced.items())
    parts: list[bytes] = []
    index = 0
    for element in elements:
        while index < len(news) and news[index][0] < element.tag:
            parts.append(news[index][1])
            index += 1
        if index < len(news) and news[index][0] == element.tag:
            parts.append(news[index][1])
            index += 1
        elif element.tag not in gone:
            parts.append(data[element.start:element.end])
    parts.extend(encoded for _, encoded in news[index:])
    return b"".join(parts)


class _Walker:
    """Element headers of one buffer; every method returns the position just after what it walked."""

    def __init__(self, data: bytes, complete: bool) -> None:
        self.data = data
        self.complete = complete

    def need(self, end: int) -> None:
        if end > len(self.data):
            if self.complete:
                raise WalkRefused(f"truncated: {end} bytes needed, {len(self.data)} present")
            raise NeedMore(end)

    def element(self, position: int, implicit: bool) -> tuple[int, int, int]:
        """The tag of the element at `position`, where its value starts and where it ends."""
        if position + 12 > len(self.data):
            self.need(position + 8)
        if implicit:
            group, number, length = _TAG_LENGTH.unpack_from(self.data, position)
            tag, start, sequence = (group << 16) | number, position + 8, True
        else:
            group, number, vr, length = _TAG_VR_LENGTH.unpack_from(self.data, position)
            tag, start = (group << 16) | number, position + 8
            if vr in LONG_LENGTH_VRS:
                self.need(position + 12)
                length = _LONG_LENGTH.unpack_from(self.data, position + 8)[0]
                start = position + 12
            elif vr not in SHORT_LENGTH_VRS:
                raise WalkRefused(f"unusual VR {vr!r} in {tag:08X}")
            sequence = vr in (b"SQ", b"UN")
            implicit = vr == b"UN"  # UN of undefined length holds implicit VR little endian items
        if tag in DELIMITERS:
            raise WalkRefused(f"delimiter {tag:08X} where an element was expected")
        if length == UNDEFINED:
            if not sequence:
                raise WalkRefused(f"undefined length in {tag:08X}, which is not a sequence")
            return tag, start, self._items(start, implicit)
        if length % 2:
            raise WalkRefused(f"odd length {length} in {tag:08X}")
        if start + length > len(self.data):
            self.need(start + length)
        return tag, start, start + length

    def _items(self, position: int, implicit: bool) -> int:
        while True:
            self.need(position + 8)
            group, number, length = _TAG_LENGTH.unpack_from(self.data, position)
            tag = (group << 16) | number
            position += 8
            if tag == SEQUENCE_END:
                return position
            if tag != ITEM:
                raise WalkRefused(f"{tag:08X} where a sequence item was expected")
            if length == UNDEFINED:
                position = self._item_elements(position, implicit)
            elif length % 2:
                raise WalkRefused(f"odd item length {length}")
            else:
                self.need(position + length)
                position += length

    def _item_elements(self, position: int, implicit: bool) -> int:
        while True:
            self.need(position + 8)
            group, number, _ = _TAG_LENGTH.unpack_from(self.data, position)
            if (group << 16) | number == ITEM_END:
                return position + 8
            position = self.element(position, implicit)[2]
