"""DatasetScan: the streamed structure check and header agree with check_structure and read_header, whatever
the bytes and wherever the fragments are cut; the SCP's kernel socket timeout."""

from __future__ import annotations

import io
import socket
import time
from functools import partial

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydicom.dataset import Dataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from appliance.dicom.dataset_scan import HEADER_KEYWORDS, DatasetScan, header_text
from appliance.dicom.encoding import Encoding, check_structure, read_header, text
from appliance.dicom.sockets import recv_into_timed, set_io_timeout
from appliance.errors import InvalidDicom
from benchmarks.synthetic import StudySpec, make_instance

BASE = 212  # bytes of file meta before the data set, as in a spool temp file
SYNTAXES = (ExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian)


def body(syntax: str, sequence: str = "", charset: str = "") -> bytes:
    """A small CT data set, optionally with a procedure code sequence ("defined" or "undefined" length)."""
    ds = Dataset()
    ds.update(make_instance(StudySpec(instances=2, rows=8, columns=8, seed=5), 0, np.random.default_rng(0)))
    if charset:
        ds.SpecificCharacterSet = charset
        ds.PatientName = "Éva^Müller" if charset == "ISO_IR 192" else "EVA^MULLER"
    if sequence:
        item = Dataset()
        item.CodeValue = "X1"
        item.CodingSchemeDesignator = "L"
        ds.ProcedureCodeSequence = Sequence([item])
        ds["ProcedureCodeSequence"].is_undefined_length = sequence == "undefined"
        ds.ProcedureCodeSequence[0].is_undefined_length_sequence_item = sequence == "undefined"
    out = DicomBytesIO()
    out.is_little_endian = syntax != ExplicitVRBigEndian
    out.is_implicit_VR = syntax == ImplicitVRLittleEndian
    write_dataset(out, ds)
    return out.getvalue()


def old_way(data: bytes, syntax: str) -> tuple[dict[str, str] | str, str | None]:
    """(header texts or the parse error, structure error) as read back from a file."""
    encoding = Encoding.of(syntax)
    fp = io.BytesIO(b"\0" * BASE + data)
    fp.seek(BASE)
    header: dict[str, str] | str
    try:
        ds = read_header(fp, encoding)
        header = {k: text(ds, k) for k in HEADER_KEYWORDS}
    except InvalidDicom as exc:
        header = str(exc)
    fp.seek(BASE)
    try:
        check_structure(fp, BASE + len(data), encoding)
        error = None
    except InvalidDicom as exc:
        error = str(exc)
    return header, error


def scanned(data: bytes, syntax: str, cuts: list[int]) -> DatasetScan:
    encoding = Encoding.of(syntax)
    scan = DatasetScan(encoding.implicit, encoding.little, BASE)
    previous = 0
    for cut in [*sorted(cuts), len(data)]:
        scan.feed(memoryview(data)[previous:cut])
        previous = cut
    scan.finish()
    return scan


def assert_same(data: bytes, syntax: str, cuts: list[int]) -> DatasetScan:
    header, error = old_way(data, syntax)
    scan = scanned(data, syntax, cuts)
    assert (str(scan.error) if scan.error else None) == error
    if scan.header is not None:
        assert {k: header_text(scan.header, k) for k in HEADER_KEYWORDS} == header
    return scan


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("sequence", ["", "defined"])
def test_a_plain_header_is_read_from_the_stream(syntax: str, sequence: str) -> None:
    data = body(syntax, sequence, charset="ISO_IR 192")
    for cuts in ([], [1, 2, 3, 5, 8, 13, 21, 34, 55, 89], list(range(1, len(data), 7))):
        scan = assert_same(data, syntax, cuts)
        assert scan.error is None and scan.header is not None
        assert header_text(scan.header, "PatientName") == "Éva^Müller"


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ImplicitVRLittleEndian])
def test_an_undefined_length_sequence_in_the_header_leaves_it_to_pydicom(syntax: str) -> None:
    scan = assert_same(body(syntax, "undefined"), syntax, [100, 101])
    assert scan.error is None and scan.header is None


def test_an_uncommon_character_set_leaves_the_header_to_pydicom() -> None:
    scan = assert_same(body(ExplicitVRLittleEndian, charset="ISO_IR 144"), ExplicitVRLittleEndian, [])
    assert scan.error is None and scan.header is None


def test_truncation_is_reported_like_check_structure() -> None:
    data = body(ExplicitVRLittleEndian)
    for end in (len(data) - 1, len(data) - 100, 3, 0):
        assert_same(data[:end], ExplicitVRLittleEndian, [end // 2])
    assert scanned(data[:-1], ExplicitVRLittleEndian, []).error is not None


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str, list[int]]:
    syntax = draw(st.sampled_from(SYNTAXES))
    data = bytearray(body(syntax, draw(st.sampled_from(["", "defined", "undefined"]))))
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup", "length"]))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        else:
            data[at : at + 4] = draw(st.sampled_from([b"\xff\xff\xff\xff", b"\xfe\xff\x00\xe0", b"\xfe\xff\xdd\xe0"]))
    cuts = draw(st.lists(st.integers(0, len(data)), max_size=12))
    return bytes(data), syntax, cuts


@settings(max_examples=400, deadline=None, derandomize=True)
@given(mutated())
def test_mutated_data_sets_get_the_same_verdict_and_header(case: tuple[bytes, str, list[int]]) -> None:
    assert_same(*case)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=300), st.sampled_from(SYNTAXES), st.lists(st.integers(0, 300), max_size=8))
def test_random_bytes_get_the_same_verdict_and_header(data: bytes, syntax: str, cuts: list[int]) -> None:
    assert_same(data, syntax, [c for c in cuts if c <= len(data)])


def test_header_text_keeps_encoding_text_rules() -> None:
    get = partial(header_text, {0x00080005: b"ISO_IR 192", 0x00100010: b"\xff\xfe", 0x00100020: b"ID1 \x00"})
    assert (get("PatientName"), get("PatientID"), get("StudyDate")) == ("", "ID1", "")


def test_kernel_receive_timeout_raises_timeout_error() -> None:
    left, right = socket.socketpair()
    try:
        set_io_timeout(left, 0.2)
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            recv_into_timed(left, memoryview(bytearray(16)))
        assert 0.1 < time.monotonic() - started < 5
        right.sendall(b"abc")
        assert recv_into_timed(left, memoryview(bytearray(16))) == 3
    finally:
        left.close()
        right.close()
