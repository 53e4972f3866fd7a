"""IHE Import Reconciliation rewrite: local demographics in, sender's values kept, UIDs and pixels untouched."""

from __future__ import annotations

import datetime

import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from appliance.dicom.rewrite import coerce_to_local_patient, rewrite_file
from appliance.domain import PatientRecord
from appliance.errors import InvalidDicom

LOCAL = PatientRecord("LOC-123", "Van den Broeck", "Marie", "19620523", "F", "62052308840")
NOW = datetime.datetime(2026, 6, 1, 12, 0, 0, tzinfo=datetime.UTC)
UID_KEYWORDS = ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID", "FrameOfReferenceUID")


def make_dataset(pixels: bytes = bytes(range(256)) * 64) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = generate_uid(), generate_uid(), generate_uid()
    ds.PatientID = "EXT-9"
    ds.IssuerOfPatientID = "CHU-LIEGE"
    ds.PatientName = "VANDENBROECK^MARIE"
    ds.PatientBirthDate = "19620523"
    ds.PatientSex = "F"
    ds.Modality = "OT"
    ds.Rows, ds.Columns = 64, 128
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.PixelData = pixels
    return ds


def test_coerce_sets_local_values_and_keeps_originals():
    ds = make_dataset()
    changed = coerce_to_local_patient(ds, LOCAL, local_issuer="CHR-CITADELLE", modifying_system="PASSERELLE",
                                      source_of_previous_values="CHU-LIEGE", now=NOW)
    assert set(changed) == {"PatientID", "IssuerOfPatientID", "PatientName", "OtherPatientIDsSequence"}
    assert (ds.PatientID, ds.IssuerOfPatientID, str(ds.PatientName)) == ("LOC-123", "CHR-CITADELLE",
                                                                          "Van den Broeck^Marie")
    other = ds.OtherPatientIDsSequence[0]
    assert (other.PatientID, other.IssuerOfPatientID, other.TypeOfPatientID) == ("EXT-9", "CHU-LIEGE", "TEXT")
    entry = ds.OriginalAttributesSequence[0]
    assert entry.ReasonForTheAttributeModification == "COERCE"
    assert entry.ModifyingSystem == "PASSERELLE" and entry.SourceOfPreviousValues == "CHU-LIEGE"
    assert entry.AttributeModificationDateTime.startswith("20260601120000")
    original = entry.ModifiedAttributesSequence[0]
    assert (original.PatientID, original.IssuerOfPatientID, str(original.PatientName)) == (
        "EXT-9", "CHU-LIEGE", "VANDENBROECK^MARIE")
    assert "OtherPatientIDsSequence" in original and len(original.OtherPatientIDsSequence) == 0
    assert "PatientBirthDate" not in original


def test_second_coercion_appends_history_and_identical_data_changes_nothing():
    ds = make_dataset()
    coerce_to_local_patient(ds, LOCAL, local_issuer="CHR", now=NOW)
    assert coerce_to_local_patient(ds, LOCAL, local_issuer="CHR", now=NOW) == []
    other_local = PatientRecord("LOC-999", "Van den Broeck", "Marie", "19620523", "F")
    coerce_to_local_patient(ds, other_local, local_issuer="CHR", now=NOW)
    assert len(ds.OriginalAttributesSequence) == 2
    assert ds.OriginalAttributesSequence[1].ModifiedAttributesSequence[0].PatientID == "LOC-123"
    assert [i.PatientID for i in ds.OtherPatientIDsSequence] == ["EXT-9", "LOC-123"]


def test_missing_attributes_are_recorded_empty():
    ds = make_dataset()
    del ds.PatientSex
    del ds.IssuerOfPatientID
    coerce_to_local_patient(ds, LOCAL, local_issuer="CHR", now=NOW)
    original = ds.OriginalAttributesSequence[0].ModifiedAttributesSequence[0]
    assert original.PatientSex == "" and original.IssuerOfPatientID == ""
    assert ds.PatientSex == "F"


def test_file_rewritten_and_reread_keeps_every_uid_and_pixel_byte(tmp_path):
    pixels = bytes((i * 7) % 256 for i in range(64 * 128 * 2))
    ds = make_dataset(pixels)
    source, target = tmp_path / "in.dcm", tmp_path / "out.dcm"
    ds.save_as(source, enforce_file_format=True)
    before = dcmread(source)
    assert rewrite_file(source, target, LOCAL, local_issuer="CHR", now=NOW) == target
    after = dcmread(target)
    for keyword in UID_KEYWORDS:
        assert after[keyword].value == before[keyword].value
    assert after.file_meta.MediaStorageSOPInstanceUID == before.SOPInstanceUID
    assert after.file_meta.TransferSyntaxUID == before.file_meta.TransferSyntaxUID
    assert after.PixelData == pixels
    assert after.PatientID == "LOC-123"
    assert after.OriginalAttributesSequence[0].ModifiedAttributesSequence[0].PatientID == "EXT-9"
    assert not list(tmp_path.glob(".*.part"))


def test_rewrite_of_a_non_dicom_file_is_refused(tmp_path):
    source = tmp_path / "x.dcm"
    source.write_bytes(b"not dicom")
    with pytest.raises(InvalidDicom):
        rewrite_file(source, tmp_path / "y.dcm", LOCAL, local_issuer="CHR")


def test_large_pixel_data_is_copied_from_the_source_file(tmp_path):
    pixels = bytes((i * 13) % 251 for i in range(512 * 512 * 2))
    ds = make_dataset(pixels)
    ds.Rows, ds.Columns = 512, 512
    source, target = tmp_path / "big.dcm", tmp_path / "big-out.dcm"
    ds.save_as(source, enforce_file_format=True)
    rewrite_file(source, target, LOCAL, local_issuer="CHR", now=NOW)
    after = dcmread(target)
    assert after.PixelData == pixels and after.SOPInstanceUID == ds.SOPInstanceUID
