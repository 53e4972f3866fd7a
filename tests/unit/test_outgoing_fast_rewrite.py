"""The spliced header rewrite gives, element for element, what decoding the whole header with pydicom gives."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    generate_uid,
)

from appliance.dicom.encoding import file_header
from appliance.dicom.header_walk import Element, splice, walk_header
from appliance.dicom.outgoing import OutgoingInstance, rewritten, rewritten_decoded, rewritten_spliced
from appliance.dicom.rewrite import coerce_to_local_patient
from appliance.domain import PatientRecord
from benchmarks.synthetic import StudySpec, make_instance
from tests.unit.test_rewrite import LOCAL, NOW, make_dataset

COERCE = partial(coerce_to_local_patient, local=LOCAL, local_issuer="CHR", source_of_previous_values="site-a", now=NOW)
SYNTAXES = [ExplicitVRLittleEndian, ImplicitVRLittleEndian]
LONG = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"}
SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7"


# -- data sets built with pydicom ----------------------------------------------------------------------
def synthetic_ct() -> Dataset:
    return make_instance(StudySpec(instances=4, rows=16, columns=16), 1, np.random.default_rng(3))


def with_private_tags() -> Dataset:
    ds = make_dataset()
    block = ds.private_block(0x0019, "ACME 1.1", create=True)
    block.add_new(0x10, "LO", "private text")
    block.add_new(0x11, "OB", b"\x01\x02\x03\x04")
    inner = Dataset()
    inner.add_new(0x00191010, "LO", "nested private")
    block.add_new(0x12, "SQ", Sequence([inner]))
    ds.add_new(0x00290010, "LO", "OTHER VENDOR")
    ds.add_new(0x00291001, "UN", b"\x00\x01raw bytes!")
    return ds


def with_nested_sequences() -> Dataset:
    ds = make_dataset()
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = "T-D3000", "SRT", "Chest"
    code.ContextGroupExtensionFlag = "N"
    region = Dataset()
    region.AnatomicRegionSequence = Sequence([code])
    region.ReferencedSOPClassUID, region.ReferencedSOPInstanceUID = SOP_CLASS, generate_uid()
    ds.ReferencedImageSequence = Sequence([region, Dataset()])
    ds.RequestAttributesSequence = Sequence()
    return ds


def with_history() -> Dataset:
    ds = make_dataset()
    other = Dataset()
    other.PatientID, other.IssuerOfPatientID, other.TypeOfPatientID = "NISS-1", "BE-NISS", "TEXT"
    ds.OtherPatientIDsSequence = Sequence([other])
    modified = Dataset()
    modified.PatientID = "OLDER"
    entry = Dataset()
    entry.AttributeModificationDateTime, entry.ModifyingSystem = "20250101120000", "SOMEONE"
    entry.ReasonForTheAttributeModification = "CORRECT"
    entry.ModifiedAttributesSequence = Sequence([modified])
    ds.OriginalAttributesSequence = Sequence([entry])
    ds.add_new(0x00100000, "UL", 123)  # group lengths: retired, stale once group 0010 changes
    ds.add_new(0x00080000, "UL", 456)
    return ds


def with_empty_values() -> Dataset:
    ds = make_dataset()
    ds.PatientSex = ""
    ds.PatientBirthDate = ""
    ds.PatientName = "A"  # odd length, padded by pydicom
    ds.OtherPatientIDs = ["X1", "", "Y22"]
    ds.PatientAge = "061Y"
    ds.PatientComments = ""
    del ds.IssuerOfPatientID
    return ds


def with_charset(charset: str, name: str) -> Callable[[], Dataset]:
    def build() -> Dataset:
        ds = make_dataset()
        ds.SpecificCharacterSet = charset
        ds.PatientName = name
        ds.InstitutionName = "Hôpital Saint-Joseph"
        ds.PatientAddress = "Rue de l'Église 3"
        return ds
    return build


def with_a_long_header() -> Dataset:
    ds = with_private_tags()
    ds.private_block(0x0009, "BIG 1.0", create=True).add_new(0x01, "OB", bytes(range(256)) * 300)
    ds.private_block(0x0029, "OTHER VENDOR").add_new(0x02, "OB", b"\x07" * 150_000)
    return ds


def without_pixels() -> Dataset:
    ds = make_dataset()
    del ds.PixelData
    return ds


def with_trailing_padding() -> Dataset:
    ds = make_dataset()
    ds.DataSetTrailingPadding = b"\x00" * 6
    return ds


BUILT: dict[str, Callable[[], Dataset]] = {
    "synthetic CT": synthetic_ct,
    "private tags": with_private_tags,
    "nested sequences": with_nested_sequences,
    "existing history and other ids": with_history,
    "empty and short values": with_empty_values,
    "PN latin-1": with_charset("ISO_IR 100", "Müller-Lüdenscheidt^Jürgen^Ägidius^Dr.^"),
    "PN utf-8": with_charset("ISO_IR 192", "Ŝeŭ^Ĵürĝen=山田^太郎=やまだ^たろう"),
    "header longer than the first read": with_a_long_header,
    "no pixel data": without_pixels,
    "elements after the pixels": with_trailing_padding,
}


def saved(tmp_path: Path, ds: Dataset, syntax: str, name: str = "in.dcm") -> Path:
    ds.file_meta.TransferSyntaxUID = syntax
    path = tmp_path / name
    ds.save_as(path, enforce_file_format=True, little_endian=syntax != ExplicitVRBigEndian,
               implicit_vr=syntax == ImplicitVRLittleEndian)
    return path


# -- data sets written byte by byte (defined lengths, UN sequences, odd lengths) ---------------------------
def element(tag: int, vr: str, value: bytes, implicit: bool, undefined: bool = False) -> bytes:
    length = 0xFFFFFFFF if undefined else len(value)
    if implicit:
        return struct.pack("<HHL", tag >> 16, tag & 0xFFFF, length) + value
    if vr in LONG:
        return struct.pack("<HH2s2xL", tag >> 16, tag & 0xFFFF, vr.encode(), length) + value
    return struct.pack("<HH2sH", tag >> 16, tag & 0xFFFF, vr.encode(), length) + value


def item(body: bytes, undefined: bool) -> bytes:
    if undefined:
        return struct.pack("<HHL", 0xFFFE, 0xE000, 0xFFFFFFFF) + body + struct.pack("<HHL", 0xFFFE, 0xE00D, 0)
    return struct.pack("<HHL", 0xFFFE, 0xE000, len(body)) + body


def sequence(tag: int, items: list[bytes], implicit: bool, undefined: bool, vr: str = "SQ") -> bytes:
    body = b"".join(items)
    if undefined:
        body += struct.pack("<HHL", 0xFFFE, 0xE0DD, 0)
    return element(tag, vr, body, implicit, undefined)


def handmade(implicit: bool, *, undefined_items: bool, undefined_sequence: bool, odd: bool = False) -> bytes:
    uid = generate_uid()
    e = partial(element, implicit=implicit)
    code = e(0x00080100, "SH", b"T-D3000 ") + e(0x00080102, "SH", b"SRT ") + e(0x00080104, "LO", b"Chest ")
    inner = sequence(0x00082218, [item(code, undefined_items)], implicit, undefined_sequence)
    referenced = e(0x00081150, "UI", SOP_CLASS.encode() + b"\x00") + inner
    name = b"DOE^JOHN" + (b"X" if odd else b"")
    data = b"".join([
        e(0x00080005, "CS", b"ISO_IR 100"),
        e(0x00080016, "UI", SOP_CLASS.encode() + b"\x00"),
        e(0x00080018, "UI", uid.encode() + (b"\x00" if len(uid) % 2 else b"")),
        e(0x00080060, "CS", b"OT"),
        sequence(0x00081140, [item(referenced, undefined_items), item(b"", undefined_items)], implicit,
                 undefined_sequence),
        e(0x00090010, "LO", b"ACME 1.1"),
        sequence(0x00091010, [item(element(0x00100020, "LO", b"IN ITEM ", True), True)], False, True, vr="UN")
        if not implicit else e(0x00091010, "UN", b"\x01\x02"),
        e(0x00100000, "UL", struct.pack("<L", 999)),
        e(0x00100010, "PN", name),
        e(0x00100020, "LO", b"EXT-9 "),
        e(0x00100030, "DA", b""),
        e(0x00101010, "AS", b"061Y"),
        e(0x0020000D, "UI", b"1.2.3.4.5.6\x00"),
        e(0x0020000E, "UI", b"1.2.3.4.5.7\x00"),
        e(0x00280010, "US", struct.pack("<H", 2)), e(0x00280011, "US", struct.pack("<H", 2)),
        e(0x00280100, "US", struct.pack("<H", 16)),
        e(0x7FE00010, "OW", b"\x10\x20\x30\x40\x50\x60\x70\x80"),
        e(0xFFFCFFFC, "OB", b"\x00\x00"),
    ])
    syntax = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
    return file_header(SOP_CLASS, uid, syntax) + data


HANDMADE = {
    f"{'implicit' if implicit else 'explicit'}, {'undefined' if items else 'defined'} items, "
    f"{'undefined' if seq else 'defined'} sequence": (implicit, items, seq)
    for implicit in (False, True) for items in (False, True) for seq in (False, True)
}


# -- comparing ---------------------------------------------------------------------------------------------
def decoded(instance: OutgoingInstance) -> Dataset:
    return dcmread(io.BytesIO(b"".join(instance.part10_blocks(block=4096))))


def assert_same_dataset(fast: Dataset, old: Dataset, where: str = "") -> None:
    assert list(fast.keys()) == sorted(fast.keys()), f"{where}: elements out of order"
    assert list(fast.keys()) == list(old.keys()), f"{where}: elements missing or added"
    for tag in old.keys():
        a, b = fast[tag], old[tag]
        assert a.VR == b.VR, f"{where}{tag}"
        if a.VR == "SQ":
            assert len(a.value) == len(b.value), f"{where}{tag}"
            for index, (x, y) in enumerate(zip(a.value, b.value, strict=True)):
                assert_same_dataset(x, y, f"{where}{tag}[{index}]")
        else:
            assert a.value == b.value, f"{where}{tag}"


def uids(ds: Dataset) -> dict[object, object]:
    found: dict[object, object] = {}
    for elem in ds.iterall():
        if elem.VR == "UI":
            found.setdefault(elem.tag, []).append(elem.value)  # type: ignore[attr-defined]
    return found


def assert_equivalent(path: Path, coerce: Callable[[Dataset], list[str]] = COERCE) -> OutgoingInstance:
    before = path.read_bytes()
    fast = rewritten_spliced(path, coerce)
    assert fast is not None, "the spliced path was not taken"
    old = rewritten_decoded(path, coerce)
    assert path.read_bytes() == before
    assert (fast.sop_class_uid, fast.sop_instance_uid, fast.transfer_syntax, fast.changed) == (
        old.sop_class_uid, old.sop_instance_uid, old.transfer_syntax, old.changed)
    assert (fast.tail_offset, fast.tail_length) == (old.tail_offset, old.tail_length)
    fast_ds, old_ds = decoded(fast), decoded(old)
    assert_same_dataset(fast_ds, old_ds)
    source = dcmread(path)
    assert uids(fast_ds) == uids(source)
    assert fast_ds.get("PixelData") == source.get("PixelData")
    assert b"".join(fast.dataset_blocks())[len(fast.head):] == before[fast.tail_offset:]
    return fast


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("case", BUILT)
def test_spliced_rewrite_equals_the_decoded_one(tmp_path: Path, case: str, syntax: str) -> None:
    ds = BUILT[case]()
    fast = assert_equivalent(saved(tmp_path, ds, syntax))
    out = decoded(fast)
    assert out.PatientID == "LOC-123"
    assert out.OriginalAttributesSequence[-1].ReasonForTheAttributeModification == "COERCE"


@pytest.mark.parametrize("case", HANDMADE)
def test_spliced_rewrite_of_hand_encoded_sequences_equals_the_decoded_one(tmp_path: Path, case: str) -> None:
    implicit, undefined_items, undefined_sequence = HANDMADE[case]
    data = handmade(implicit, undefined_items=undefined_items, undefined_sequence=undefined_sequence)
    path = tmp_path / "hand.dcm"
    path.write_bytes(data)
    fast = assert_equivalent(path)
    assert decoded(fast).DataSetTrailingPadding == b"\x00\x00"


def test_every_file_of_a_study_gets_its_own_header_and_the_shared_patient_edit(tmp_path: Path) -> None:
    spec = StudySpec(instances=6, rows=8, columns=8, series=2)
    rng = np.random.default_rng(1)
    paths = [saved(tmp_path, make_instance(spec, i, rng), ExplicitVRLittleEndian, f"{i}.dcm") for i in range(6)]
    other = make_dataset()
    other.PatientID, other.PatientName = "SOMEONE-ELSE", "ELSE^SOMEONE"
    paths.insert(3, saved(tmp_path, other, ExplicitVRLittleEndian, "other.dcm"))
    for path in paths:
        assert_equivalent(path)
    assert decoded(rewritten(paths[3], COERCE)).OtherPatientIDsSequence[0].PatientID == "SOMEONE-ELSE"


def test_nothing_to_change_keeps_the_header(tmp_path: Path) -> None:
    ds = make_dataset()
    ds.IssuerOfPatientID, ds.PatientID, ds.PatientName = "CHR", LOCAL.id, "Van den Broeck^Marie"
    fast = assert_equivalent(saved(tmp_path, ds, ExplicitVRLittleEndian))
    assert fast.changed == ()


def test_a_new_id_only_keeps_the_senders_demographics(tmp_path: Path) -> None:
    def new_id(ds: Dataset) -> list[str]:  # as the pipeline does for a new local patient
        record = PatientRecord(id="NEW-1", family_name=str(ds.get("PatientName", "")),
                               birth_date=str(ds.get("PatientBirthDate", "")), sex=str(ds.get("PatientSex", "")))
        return coerce_to_local_patient(ds, record, local_issuer="PASSERELLE", now=NOW)
    for syntax in SYNTAXES:
        assert_equivalent(saved(tmp_path, with_charset("ISO_IR 192", "Ŝeŭ^Ĵürĝen")(), syntax), new_id)


@pytest.mark.parametrize("syntax", [ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian])
def test_big_endian_and_deflated_files_are_decoded_whole(tmp_path: Path, syntax: str) -> None:
    path = saved(tmp_path, make_dataset(), syntax)
    assert rewritten_spliced(path, COERCE) is None
    assert decoded(rewritten(path, COERCE)).PatientID == "LOC-123"


def test_odd_lengths_are_decoded_whole(tmp_path: Path) -> None:
    data = handmade(False, undefined_items=True, undefined_sequence=True, odd=True)
    path = tmp_path / "odd.dcm"
    path.write_bytes(data)
    assert rewritten_spliced(path, COERCE) is None
    assert decoded(rewritten(path, COERCE)).PatientID == "LOC-123"


def test_a_file_without_preamble_is_left_to_pydicom(tmp_path: Path) -> None:
    data = handmade(False, undefined_items=True, undefined_sequence=True)
    path = tmp_path / "bare.dcm"
    path.write_bytes(data[data.index(b"\x08\x00\x05\x00CS"):])
    assert rewritten_spliced(path, COERCE) is None


def test_a_truncated_header_is_decoded_whole(tmp_path: Path) -> None:
    data = handmade(False, undefined_items=True, undefined_sequence=True)
    path = tmp_path / "short.dcm"
    path.write_bytes(data[:data.index(b"EXT-9")])
    assert rewritten_spliced(path, COERCE) is None


def test_a_coerce_reading_outside_the_patient_elements_is_decoded_whole(tmp_path: Path) -> None:
    def nosy(ds: Dataset) -> list[str]:
        ds.PatientComments = f"study of {ds.get('StudyDate', '')}"
        return ["PatientComments"]
    path = saved(tmp_path, synthetic_ct(), ExplicitVRLittleEndian)
    assert rewritten_spliced(path, nosy) is None
    assert decoded(rewritten(path, nosy)).PatientComments == "study of 20260312"


def test_the_walk_stops_at_the_pixel_data_and_refuses_disorder() -> None:
    data = handmade(False, undefined_items=True, undefined_sequence=True)
    body = data[data.index(b"\x08\x00\x05\x00CS"):]
    header = walk_header(body, implicit=False, complete=True)
    tags = [e.tag for e in header.elements]
    assert tags == sorted(tags) and tags[-1] == 0x00280100
    assert body[header.end:header.end + 4] == b"\xe0\x7f\x10\x00"


def test_splice_inserts_replaces_and_drops_in_tag_order() -> None:
    data = b"AABBCCDD"
    elements = [Element(0x00080010, 0, 2), Element(0x00100000, 2, 4), Element(0x00100020, 4, 6),
                Element(0x00200010, 6, 8)]
    replaced = {0x00080005: b"new0", 0x00100020: b"rep", 0x00101000: b"mid", 0x04000561: b"end"}
    assert splice(data, elements, replaced, {0x00100000}) == b"new0AArepmidDDend"
