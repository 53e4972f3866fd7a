"""Ingest: validation, durable write then record, duplicates, quarantine, structure checks, recovery."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

from appliance.dicom.encoding import Encoding, check_structure
from appliance.dicom.ingest import DatasetMismatch, Ingest
from appliance.domain import InstanceRef
from appliance.errors import DiskFull, InvalidDicom
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from benchmarks.synthetic import StudySpec, make_instance

SPEC = StudySpec(instances=4, rows=16, columns=16, seed=3, patient_name="SECRET^NAME", patient_id="SECRET-ID")


@pytest.fixture
def parts(tmp_path: Path) -> Iterator[tuple[Ingest, Spool, StateStore, list[InstanceRef]]]:
    store = StateStore(tmp_path / "state.sqlite")
    spool = Spool(tmp_path / "spool", tmp_path / "quarantine")
    stored: list[InstanceRef] = []
    yield Ingest(spool, store, on_stored=stored.append), spool, store, stored
    store.close()


def instance(index: int = 0) -> Dataset:
    return make_instance(SPEC, index, np.random.default_rng(index))


def encoded(ds: Dataset, syntax: str = ExplicitVRLittleEndian) -> io.BytesIO:
    from pydicom.filebase import DicomBytesIO
    from pydicom.filewriter import write_dataset

    buffer = DicomBytesIO()
    buffer.is_implicit_VR = syntax == ImplicitVRLittleEndian
    buffer.is_little_endian = True
    write_dataset(buffer, ds)
    return io.BytesIO(buffer.getvalue())


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, ImplicitVRLittleEndian])
def test_store_raw_writes_then_records(parts, syntax: str) -> None:
    ingest, spool, store, stored = parts
    ds = instance()
    ref = ingest.store_raw(encoded(ds, syntax), syntax, "scp", "MODALITY")
    assert stored == [ref]
    assert store.instance(ds.SOPInstanceUID) == ref
    back = dcmread(spool.absolute(ref.path))
    assert back.file_meta.TransferSyntaxUID == syntax
    assert back.PixelData == ds.PixelData and back.PatientName == ds.PatientName
    assert ref.path == f"studies/{ds.StudyInstanceUID}/{ds.SeriesInstanceUID}/{ds.SOPInstanceUID}.dcm"
    assert not list(spool.tmp.iterdir())


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("keyword", ["StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID"])
@pytest.mark.parametrize("bad", [None, "", "1.2.abc", "../../etc", "1." + "2" * 70])
def test_missing_or_bad_uids_are_invalid(parts, keyword: str, bad: str | None) -> None:
    ingest, spool, store, _ = parts
    ds = instance()
    if bad is None:
        delattr(ds, keyword)
    else:
        setattr(ds, keyword, bad)
    with pytest.raises(InvalidDicom, match=keyword):
        ingest.store_raw(encoded(ds), ExplicitVRLittleEndian, "scp")
    assert store.count_instances() == 0
    assert not (spool.root / "studies").exists()


def test_duplicate_is_acknowledged_without_second_file_or_record(parts) -> None:
    ingest, spool, store, stored = parts
    ds = instance()
    first = ingest.store_raw(encoded(ds), ExplicitVRLittleEndian, "scp")
    ds.PatientComments = "changed"  # a resent, slightly different copy keeps the first
    second = ingest.store_raw(encoded(ds), ExplicitVRLittleEndian, "scp")
    assert second == first
    assert store.count_instances() == 1 and len(stored) == 1
    assert len(list((spool.root / "studies").rglob("*.dcm"))) == 1


def test_sop_class_mismatch_is_reported(parts) -> None:
    ingest, *_ = parts
    with pytest.raises(DatasetMismatch):
        ingest.store_raw(encoded(instance()), ExplicitVRLittleEndian, "scp", expected_sop_class="1.2.3")


def test_store_dataset_and_store_file(parts, tmp_path: Path) -> None:
    ingest, spool, store, _ = parts
    ds = instance(1)
    ref = ingest.store_dataset(ds, ds.file_meta, "c-get", "PACS")
    assert dcmread(spool.absolute(ref.path)) == ds
    other = instance(2)
    path = tmp_path / "file.dcm"
    other.save_as(path, enforce_file_format=True)
    ref2 = ingest.store_file(path)
    assert dcmread(spool.absolute(ref2.path)) == other
    assert store.count_instances() == 2


def test_full_disk_refuses_before_writing(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite")
    spool = Spool(tmp_path / "spool", tmp_path / "q", min_free_bytes=1 << 62)
    with pytest.raises(DiskFull):
        Ingest(spool, store).store_raw(encoded(instance()), ExplicitVRLittleEndian, "scp")
    assert store.count_instances() == 0
    store.close()


def test_quarantine_keeps_data_and_reason(parts) -> None:
    ingest, _spool, store, _ = parts
    kept = ingest.quarantine(b"garbage", "dataset cannot be parsed", "scp:X")
    assert kept.read_bytes() == b"garbage"
    assert "dataset cannot be parsed" in kept.with_suffix(".reason.txt").read_text()
    [entry] = store.quarantined()
    assert entry["path"] == kept.name and entry["reason"] == "dataset cannot be parsed"


def test_truncated_data_is_invalid(parts) -> None:
    ingest, _, store, _ = parts
    data = encoded(instance()).getvalue()
    for cut in (len(data) - 1, len(data) - 300, 200, 9):
        with pytest.raises(InvalidDicom):
            ingest.store_raw(io.BytesIO(data[:cut]), ExplicitVRLittleEndian, "scp")
    assert store.count_instances() == 0


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_structure_check_never_crashes_on_garbage(data: bytes) -> None:
    for syntax in (ExplicitVRLittleEndian, ImplicitVRLittleEndian):
        try:
            check_structure(io.BytesIO(data), len(data), Encoding.of(syntax))
        except InvalidDicom:
            pass


def test_structure_check_walks_sequences() -> None:
    ds = instance()
    item = Dataset()
    item.CodeValue = "T-D3000"
    ds.AnatomicRegionSequence = [item, item]
    data = encoded(ds).getvalue()
    check_structure(io.BytesIO(data), len(data), Encoding.of(ExplicitVRLittleEndian))


def test_recover_rerecords_final_files_and_drops_temp(parts) -> None:
    ingest, spool, store, _ = parts
    ds = instance(3)
    ref = ingest.store_raw(encoded(ds), ExplicitVRLittleEndian, "scp")
    final = spool.absolute(ref.path)
    content = final.read_bytes()
    # Simulate a crash after the rename but before the record, plus a half-written temp file.
    store.close()
    fresh_db = spool.root.parent / "fresh.sqlite"
    store2 = StateStore(fresh_db)
    (spool.tmp / "dead.part").write_bytes(content[:100])
    broken = spool.root / "studies" / "1.2" / "1.2.3" / "1.2.3.4.dcm"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(content[:-50])
    again = Ingest(spool, store2)
    result = again.recover()
    assert (result.temp_removed, result.rerecorded, result.quarantined) == (1, 1, 1)
    assert store2.instance(ds.SOPInstanceUID) == ref
    assert not broken.exists() and len(store2.quarantined()) == 1
    assert again.recover().rerecorded == 0
    store2.close()
