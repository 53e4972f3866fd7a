"""Ingest of an instance already held: the same content is a harmless duplicate, other content is quarantined.

Every way in is covered (the SCP's streamed temp file, in-memory data sets, imported files), on a real
SQLite file and spool; a crash while a corrected copy is set aside loses nothing and records nothing new.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

from appliance.dicom.acceptor import DatasetReceiver
from appliance.dicom.commands import C_STORE_RQ, Command
from appliance.dicom.importer import import_paths
from appliance.dicom.ingest import OTHER_CONTENT, OUT_OF_RESOURCES, SUCCESS, Ingest, StoreOutcome
from appliance.domain import InstanceRef
from appliance.errors import StorageError
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from benchmarks.synthetic import StudySpec, make_instance

SPEC = StudySpec(instances=2, rows=16, columns=16, seed=5, patient_name="DURAND^PAUL", patient_id="DUP-0001")


@dataclass
class Site:
    root: Path
    ingest: Ingest
    spool: Spool
    store: StateStore
    stored: list[InstanceRef]


def open_site(root: Path) -> Site:
    store = StateStore(root / "state.sqlite")
    spool = Spool(root / "spool", root / "quarantine")
    stored: list[InstanceRef] = []
    return Site(root, Ingest(spool, store, on_stored=stored.append), spool, store, stored)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    opened = open_site(tmp_path / "site")
    yield opened
    opened.store.close()


def original() -> Dataset:
    return make_instance(SPEC, 0, np.random.default_rng(0))


def corrected(name: str = "DURANT^PAUL") -> Dataset:
    ds = original()
    ds.PatientName = name  # same length: only the bytes tell the copies apart
    return ds


def body(ds: Dataset, syntax: str = ExplicitVRLittleEndian) -> bytes:
    buffer = DicomBytesIO()
    buffer.is_implicit_VR = syntax == ImplicitVRLittleEndian
    buffer.is_little_endian = True
    write_dataset(buffer, ds)
    return buffer.getvalue()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def receive(site: Site, data: bytes, calling: str = "MODALITY",
            syntax: str = ExplicitVRLittleEndian) -> StoreOutcome:
    """What the SCP does with one C-STORE: stream to a spool temp file, then commit_received."""
    command = Command(1, C_STORE_RQ, 1, 0, str(original().SOPClassUID), str(original().SOPInstanceUID))
    receiver = DatasetReceiver(site.ingest, command, syntax, calling)
    for start in range(0, len(data), 1000):  # fragments, as P-DATA brings them
        receiver.write(data[start:start + 1000])
    return receiver.finish()


def held(site: Site) -> tuple[InstanceRef, str]:
    ref = site.store.instance(str(original().SOPInstanceUID))
    assert ref is not None
    return ref, sha(site.spool.absolute(ref.path))


def assert_held_unchanged(site: Site, before: tuple[InstanceRef, str]) -> None:
    assert held(site) == before
    assert site.store.count_instances() == 1
    assert len(list((site.spool.root / "studies").rglob("*.dcm"))) == 1
    assert not list(site.spool.tmp.iterdir())


def test_scp_corrected_copy_is_quarantined_and_answered_success(site: Site) -> None:
    first = receive(site, body(original()))
    assert first.status == SUCCESS and first.ref is not None
    before = held(site)
    assert before[0].sha256 == before[1]
    again = receive(site, body(corrected()))
    assert again == StoreOutcome(SUCCESS, "", before[0])  # the sender must not retry for ever
    assert_held_unchanged(site, before)
    rows = site.store.quarantined()
    assert len(rows) == 1
    assert rows[0]["reason"] == f"{OTHER_CONTENT}: {original().SOPInstanceUID}"
    assert rows[0]["source"] == "dicom:MODALITY"
    kept = site.spool.quarantine_root / str(rows[0]["path"])
    assert rows[0]["sha256"] == sha(kept)
    assert dcmread(kept).PatientName == "DURANT^PAUL" and dcmread(kept).PixelData == original().PixelData
    assert site.stored == [first.ref]
    for copy in (original(), corrected(), original()):  # the same bytes again (held or set aside): nothing more
        assert receive(site, body(copy)).status == SUCCESS
    assert len(site.store.quarantined()) == 1
    assert_held_unchanged(site, before)


def test_scp_same_data_set_from_another_sender_is_a_silent_duplicate(site: Site) -> None:
    receive(site, body(original()), calling="MODALITY")
    before = held(site)
    outcome = receive(site, body(original()), calling="PACS")  # other file meta, same data set
    assert outcome.status == SUCCESS and outcome.ref == before[0]
    assert site.store.quarantined() == []
    assert_held_unchanged(site, before)


def test_scp_other_transfer_syntax_is_kept_apart(site: Site) -> None:
    receive(site, body(original()))
    before = held(site)
    outcome = receive(site, body(original(), ImplicitVRLittleEndian), syntax=ImplicitVRLittleEndian)
    assert outcome.status == SUCCESS
    assert len(site.store.quarantined()) == 1
    assert_held_unchanged(site, before)


@pytest.mark.parametrize("name", ["DURANT^PAUL", "DURAND^PAUL^JR"])  # same size, other size
def test_in_memory_corrected_copy_is_quarantined(site: Site, name: str) -> None:
    first = site.ingest.store_raw(io.BytesIO(body(original())), ExplicitVRLittleEndian, "c-get", "PACS")
    before = held(site)
    second = site.ingest.store_raw(io.BytesIO(body(corrected(name))), ExplicitVRLittleEndian, "c-get", "PACS")
    assert second == first
    rows = site.store.quarantined()
    assert [(r["reason"], r["source"]) for r in rows] == [(f"{OTHER_CONTENT}: {original().SOPInstanceUID}",
                                                         "dicom:PACS")]
    kept = site.spool.quarantine_root / str(rows[0]["path"])
    assert rows[0]["sha256"] == sha(kept) and dcmread(kept).PatientName == name
    site.ingest.store_dataset(original(), original().file_meta, "c-get", "OTHER")  # same content: nothing
    site.ingest.store_raw(io.BytesIO(body(original())), ExplicitVRLittleEndian, "c-get", "PACS")
    assert len(site.store.quarantined()) == 1
    kept.unlink()  # a person dealt with it: sent again, it is kept again
    site.ingest.store_raw(io.BytesIO(body(corrected(name))), ExplicitVRLittleEndian, "c-get", "PACS")
    assert len(site.store.quarantined()) == 2
    assert_held_unchanged(site, before)


def test_import_of_a_corrected_file_is_reported_and_quarantined(site: Site, tmp_path: Path) -> None:
    given = tmp_path / "given"
    given.mkdir()
    original().save_as(given / "a.dcm", enforce_file_format=True)
    assert len(import_paths([given], site.ingest).instances) == 1
    before = held(site)
    assert import_paths([given], site.ingest).quarantined == ()  # the same file again
    fixed = tmp_path / "fixed.dcm"
    corrected().save_as(fixed, enforce_file_format=True)
    report = import_paths([fixed], site.ingest)
    assert report.quarantined == ((str(fixed), f"{OTHER_CONTENT}: {original().SOPInstanceUID}"),)
    assert [r.sha256 for r in report.instances] == [before[0].sha256]  # the held copy is the one sent
    rows = site.store.quarantined()
    assert len(rows) == 1 and rows[0]["source"] == "import"
    assert (site.spool.quarantine_root / str(rows[0]["path"])).read_bytes() == fixed.read_bytes()
    assert import_paths([fixed], site.ingest).quarantined == report.quarantined  # still said, not kept twice
    assert len(site.store.quarantined()) == 1
    assert_held_unchanged(site, before)


def test_a_failing_quarantine_refuses_the_copy_and_keeps_the_held_one(site: Site,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    receive(site, body(original()))
    before = held(site)

    def full(*_: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site.spool, "quarantine", full)
    assert receive(site, body(corrected())).status == OUT_OF_RESOURCES  # the sender tries again later
    with pytest.raises(StorageError):
        site.ingest.store_raw(io.BytesIO(body(corrected())), ExplicitVRLittleEndian, "c-get")
    assert site.store.quarantined() == []
    assert_held_unchanged(site, before)


def _crash_while_setting_aside(root: Path, data: bytes, at: str) -> None:
    """In a child process: receive a corrected copy and die (no cleanup at all) at `at`."""
    child = open_site(root)
    patch = pytest.MonkeyPatch()
    if at == "before_quarantine_rename":  # its copy written to a spool temp file, not yet in the quarantine
        patch.setattr(child.spool, "commit", lambda *_: os._exit(9))
    else:
        patch.setattr(child.store, "record_quarantine", lambda *_: os._exit(9))
    receive(child, data)
    os._exit(0)


@pytest.mark.parametrize("at", ["before_quarantine_rename", "after_quarantine_file"])
def test_a_crash_while_setting_aside_loses_nothing_and_records_nothing(tmp_path: Path, at: str) -> None:
    root = tmp_path / "site"
    first = open_site(root)
    receive(first, body(original()))
    before = held(first)
    first.store.close()
    process = multiprocessing.get_context("fork").Process(
        target=_crash_while_setting_aside, args=(root, body(corrected()), at))
    process.start()
    process.join(30)
    assert process.exitcode == 9
    after = open_site(root)
    try:
        recovery = after.ingest.recover()
        assert (recovery.rerecorded, recovery.quarantined, recovery.missing) == (0, 0, 0)
        assert_held_unchanged(after, before)
        assert after.store.quarantined() == []
        kept = list(after.spool.quarantine_root.glob("*.dcm"))
        assert len(kept) == (1 if at == "after_quarantine_file" else 0)  # unanswered: the sender sends it again
        outcome = receive(after, body(corrected()))
        assert outcome.status == SUCCESS and outcome.ref == before[0]
        assert len(after.store.quarantined()) == 1
        assert_held_unchanged(after, before)
    finally:
        after.store.close()
