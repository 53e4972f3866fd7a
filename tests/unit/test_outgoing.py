"""Instances sent to a PACS from the spool: header rewritten in memory, pixels and the rest sent byte for byte."""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ImplicitVRLittleEndian

from appliance.dicom.outgoing import as_stored, rewritten
from appliance.dicom.rewrite import coerce_to_local_patient
from appliance.errors import InvalidDicom
from tests.unit.test_rewrite import LOCAL, NOW, UID_KEYWORDS, make_dataset

COERCE = partial(coerce_to_local_patient, local=LOCAL, local_issuer="CHR", source_of_previous_values="site-a", now=NOW)


def coerce(ds: Dataset) -> list[str]:
    return COERCE(ds)


def saved(tmp_path: Path, ds: Dataset, syntax: str = "", name: str = "in.dcm") -> Path:
    if syntax:
        ds.file_meta.TransferSyntaxUID = syntax
    path = tmp_path / name
    ds.save_as(path, enforce_file_format=True, little_endian=syntax != ExplicitVRBigEndian,
               implicit_vr=syntax == ImplicitVRLittleEndian)
    return path


def part10(instance: object) -> Dataset:
    data = b"".join(instance.part10_blocks(block=1000))  # type: ignore[attr-defined]
    return dcmread(io.BytesIO(data))


@pytest.mark.parametrize("syntax", ["", ImplicitVRLittleEndian, ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian])
def test_rewritten_instance_carries_the_local_patient_and_the_untouched_pixels(tmp_path: Path, syntax: str) -> None:
    ds = make_dataset()
    ds.DataSetTrailingPadding = b"\x01\x02padding after pixels"  # after the cut: sent byte for byte
    source = saved(tmp_path, ds, syntax)
    before = source.read_bytes()
    instance = rewritten(source, coerce)
    out = part10(instance)
    assert source.read_bytes() == before  # the spool file is only read
    assert (out.PatientID, out.IssuerOfPatientID, str(out.PatientName)) == ("LOC-123", "CHR", "Van den Broeck^Marie")
    assert out.OtherPatientIDsSequence[0].PatientID == "EXT-9"
    assert out.OriginalAttributesSequence[0].ModifiedAttributesSequence[0].PatientID == "EXT-9"
    assert out.PixelData == ds.PixelData
    assert out.DataSetTrailingPadding == b"\x01\x02padding after pixels"
    for keyword in UID_KEYWORDS:
        assert out.get(keyword) == ds.get(keyword)
    assert out.file_meta.TransferSyntaxUID == (syntax or ds.file_meta.TransferSyntaxUID)
    assert instance.sop_instance_uid == ds.SOPInstanceUID
    assert set(instance.changed) >= {"PatientID", "PatientName"}
    expected = dcmread(source)
    coerce(expected)
    assert out.OriginalAttributesSequence == expected.OriginalAttributesSequence


def test_dataset_blocks_are_the_data_set_without_file_meta(tmp_path: Path) -> None:
    source = saved(tmp_path, make_dataset())
    instance = as_stored(source)
    data = b"".join(instance.dataset_blocks(block=777))
    assert len(data) == instance.dataset_length
    assert source.read_bytes().endswith(data)
    assert max(len(b) for b in instance.dataset_blocks(block=777)) <= 777


def test_a_stale_group_length_is_dropped(tmp_path: Path) -> None:
    ds = make_dataset()
    ds.add_new(0x00100000, "UL", 42)
    out = part10(rewritten(saved(tmp_path, ds), coerce))
    assert 0x00100000 not in out and out.PatientID == "LOC-123"


def test_an_instance_without_pixels_is_rewritten_whole(tmp_path: Path) -> None:
    ds = make_dataset()
    del ds.PixelData
    instance = rewritten(saved(tmp_path, ds), coerce)
    assert instance.tail_length == 0
    assert part10(instance).PatientID == "LOC-123"


def test_a_file_that_is_not_dicom_is_refused_with_a_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.dcm"
    bad.write_bytes(b"not dicom at all" * 10)
    with pytest.raises(InvalidDicom):
        rewritten(bad, coerce)
    with pytest.raises(InvalidDicom):
        as_stored(bad)
