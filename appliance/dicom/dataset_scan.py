"""Checking a received data set's structure and reading its header as its bytes stream in, in one pass.

The C-STORE SCP writes each P-DATA fragment to the spool as it arrives. `DatasetScan` is fed the same
fragments, so that nothing is read back from disk once the data set is complete:

- its structure verdict is `encoding.check_structure`'s, message for message (same walk, same checks,
  positions counted in the spool file, which starts with the `base` bytes of file meta);
- its header holds the raw values of the top-level attributes the spool records, and is given only when
  pydicom's `encoding.read_header` would have read the same values: no undefined length, no unknown or
  switched VR, attribute VRs that are text, a common character set. Otherwise `header` is None and the
  caller reads the header from the file with pydicom, as before.

Deflated data sets are not scanned (the caller checks them from the file).
"""

from __future__ import annotations

import struct

from pydicom.datadict import keyword_dict
from pydicom.filereader import ENCODED_VR

from appliance.dicom.encoding import (
    HEADER_END,
    ITEM,
    ITEM_END,
    LONG_LENGTH_VRS,
    SEQUENCE_END,
    TEXT_CODECS,
    UNDEFINED,
)
from appliance.errors import InvalidDicom

HEADER_KEYWORDS = (
    "SpecificCharacterSet", "SOPClassUID", "SOPInstanceUID", "StudyDate", "AccessionNumber", "Modality",
    "InstitutionName", "ReferringPhysicianName", "StationName", "StudyDescription", "SeriesDescription",
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "SeriesInstanceUID",
    "SeriesNumber",
)
WANTED = frozenset(keyword_dict[k] for k in HEADER_KEYWORDS)
CHARSET = keyword_dict["SpecificCharacterSet"]
TEXT_VRS = frozenset({b"AE", b"AS", b"CS", b"DA", b"DS", b"DT", b"IS", b"LO", b"LT", b"PN", b"SH", b"ST", b"TM",
                      b"UC", b"UI", b"UR", b"UT"})
MAX_VALUE = 1 << 16  # a longer value of a recorded attribute is left to pydicom
DELIMITERS = (ITEM, ITEM_END, SEQUENCE_END)


class _Frame:
    """Where the walk stands: a list of elements (top level, or an undefined-length item), or of items."""

    __slots__ = ("implicit", "items", "until")

    def __init__(self, items: bool, implicit: bool, until: int | None) -> None:
        self.items = items
        self.implicit = implicit
        self.until = until


class DatasetScan:
    """Feed it a data set's fragments in order, then ask `finish` for the verdict and the header."""

    def __init__(self, implicit: bool, little: bool, base: int = 0) -> None:
        order = "<" if little else ">"
        self._tag = struct.Struct(order + "HH").unpack_from
        self._explicit = struct.Struct(order + "HH2sH").unpack_from  # tag, VR, short length
        self._u16 = struct.Struct(order + "H").unpack_from
        self._u32 = struct.Struct(order + "L").unpack_from
        self.base = base
        self.pos = 0  # data set bytes consumed (parsed or skipped), not counting `carry`
        self.stack = [_Frame(False, implicit, None)]
        self.carry = b""  # the start of an element or item header split between fragments
        self.skip = 0  # value bytes still to pass
        self.skip_from = (0, 0)  # (length, file position) of the value being passed
        self.capture: bytearray | None = None  # a recorded attribute's value being collected
        self.capture_tag = 0
        self.error: InvalidDicom | None = None
        self.header_open = True  # still among the top-level elements up to HEADER_END
        self.plain = True  # the header is one pydicom reads the same way
        self.values: dict[int, bytes] = {}

    # -- feeding ---------------------------------------------------------------------------------
    def feed(self, data: bytes | memoryview) -> None:
        if self.error is not None:
            return
        view = memoryview(data)
        n = len(view)
        i = 0
        if self.skip >= n and self.capture is None:  # the common case: inside the pixel data
            self.skip -= n
            self.pos += n
            return
        if self.carry:
            joined = self.carry + bytes(view[:16])
            used = self._walk(joined, 0, final=False)
            if used < len(self.carry):  # still not a whole header (a tiny fragment)
                self.carry = joined[used:]
                return
            i = used - len(self.carry)
            self.carry = b""
        used = self._walk(view, i, final=False)
        if used < n and self.error is None:
            self.carry = bytes(view[used:])

    def _walk(self, b: bytes | memoryview, i: int, final: bool) -> int:
        """Consume `b` from `i`; returns where a header that is not whole yet starts (or len(b))."""
        n = len(b)
        while i < n and self.error is None:
            if self.skip:
                take = min(self.skip, n - i)
                if self.capture is not None:
                    self.capture += b[i : i + take]
                self.skip -= take
                self.pos += take
                i += take
                if not self.skip and self.capture is not None:
                    self.values[self.capture_tag] = bytes(self.capture)
                    self.capture = None
                continue
            used = self._header(b, i, n - i)
            if used == 0:
                return i
            self.pos += used
            i += used
        return i

    def _fail(self, message: str) -> int:
        if self.header_open:
            self.plain = False
        self.error = InvalidDicom(message)
        return 0

    def _header(self, b: bytes | memoryview, i: int, avail: int) -> int:
        """Parse one element or item header at b[i:]; bytes consumed, 0 when more bytes are needed."""
        frame = self.stack[-1]
        if avail < 8:  # every header needs 8 bytes or more, but a delimiter is known from its first 4
            if avail >= 4 and not frame.items:
                group, element = self._tag(b, i)
                tag = (group << 16) | element
                if tag != frame.until:
                    self._element_tag(tag)
            return 0
        group, element, vr, short = self._explicit(b, i)
        tag = (group << 16) | element
        if frame.items:
            length = self._u32(b, i + 4)[0]
            if tag == SEQUENCE_END:
                self.stack.pop()
            elif tag != ITEM:
                return self._fail(f"expected a sequence item, found {tag:08X}")
            elif length == UNDEFINED:
                self.stack.append(_Frame(False, frame.implicit, ITEM_END))
            else:
                self.skip = length
                self.skip_from = (length, self.base + self.pos + 8)
            return 8
        if tag == frame.until:
            self.stack.pop()
            return 8
        if not self._element_tag(tag):
            return 0
        if frame.implicit:
            vr, length, size = b"", self._u32(b, i + 4)[0], 8
        elif vr in LONG_LENGTH_VRS:
            if avail < 12:
                return 0
            length, size = self._u32(b, i + 8)[0], 12
        else:
            length, size = short, 8
        if self.header_open and len(self.stack) == 1:
            self._note(b, i, tag, vr, length, frame.implicit)
        if length == UNDEFINED:
            self.stack.append(_Frame(True, frame.implicit or vr == b"UN", None))
        else:
            self.skip = length
            self.skip_from = (length, self.base + self.pos + size)
        return size

    def _element_tag(self, tag: int) -> bool:
        """Checks on an element's tag alone (not its frame's delimiter); False on an error."""
        if self.header_open and tag > HEADER_END and len(self.stack) == 1:
            self.header_open = False
        if tag in DELIMITERS:
            self._fail(f"unexpected delimiter {tag:08X} in dataset")
            return False
        return True

    def _note(self, b: bytes | memoryview, i: int, tag: int, vr: bytes, length: int, implicit: bool) -> None:
        """A top-level header element: keep it if recorded; note anything pydicom would read otherwise."""
        if not self.plain:
            return
        if self.pos == 0:  # pydicom guesses implicit or explicit VR from the first element
            looks_implicit = not (0x40 < b[i + 4] < 0x5B and 0x40 < b[i + 5] < 0x5B)
            if looks_implicit != implicit:
                self.plain = False
                return
        if length == UNDEFINED or (not implicit and vr not in ENCODED_VR):
            self.plain = False
        elif tag in WANTED:
            if (not implicit and vr not in TEXT_VRS) or length > MAX_VALUE:
                self.plain = False
            elif length == 0:
                self.values[tag] = b""
            else:
                self.capture = bytearray()
                self.capture_tag = tag

    # -- the verdict -----------------------------------------------------------------------------
    def finish(self) -> None:
        """Close the walk at the end of the data; the structure error, if any, is then in `error`."""
        if self.error is not None:
            return
        end = self.base + self.pos + len(self.carry)
        if self.carry:  # a last header whose bytes all arrived may still parse (e.g. a short final element)
            carry, self.carry = self.carry, b""
            used = self._walk(carry, 0, final=True)
            if self.error is None and used < len(carry):
                self._fail(f"dataset is truncated at byte {end}")
                return
        if self.error is not None:
            return
        if self.skip:
            length, position = self.skip_from
            self._fail(f"dataset is truncated: element needs {length} bytes at byte {position}")
        elif len(self.stack) > 1:
            self._fail(f"dataset is truncated at byte {end}")

    @property
    def header(self) -> dict[int, bytes] | None:
        """Raw values of the recorded attributes present, or None when pydicom must read the header."""
        if not self.plain or self.capture is not None:
            return None
        charset = self.values.get(CHARSET, b"").decode("ascii", "replace").strip()
        return self.values if charset in TEXT_CODECS else None


def header_text(values: dict[int, bytes], keyword: str) -> str:
    """What `encoding.text` gives for a header attribute, from `DatasetScan.header`'s raw values."""
    raw = values.get(keyword_dict[keyword])
    if raw is None:
        return ""
    codec = TEXT_CODECS[values.get(CHARSET, b"").decode("ascii", "replace").strip()]
    try:
        return raw.decode(codec).rstrip(" \x00")
    except UnicodeDecodeError:
        return ""
