"""Pushing a received study into a real Orthanc: C-STORE in parallel or STOW-RS, verified, retried while down."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.domain import DicomNode, TransferState
from appliance.service.pacs_push import PacsPusher, RetryPolicy
from appliance.store.state import StateStore, StudyAttributes
from tests.integration import peers
from tests.integration.conftest import NODE_AET

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")
FAST = RetryPolicy(first_delay_s=0.2, max_delay_s=0.5, jitter=0.1)


def transfer_for(store: StateStore, files: list[Path]) -> tuple[str, str]:
    """A transfers row for the study (the receiving side's row comes from the transport; any row will do here)."""
    from appliance.domain import InstanceRef

    study_uid = ""
    for n, path in enumerate(files):
        ds = dcmread(path, stop_before_pixels=True)
        study_uid = str(ds.StudyInstanceUID)
        ref = InstanceRef(study_uid, str(ds.SeriesInstanceUID), str(ds.SOPInstanceUID), str(ds.SOPClassUID),
                          str(path), path.stat().st_size, f"{n:064x}")
        store.record_instance(ref, StudyAttributes(), "peer", origin="site-a")
    transfer_id, created = store.queue_outgoing("site-a", study_uid)
    assert created
    return study_uid, transfer_id


def state_of(store: StateStore, transfer_id: str) -> tuple[TransferState, str]:
    found = [t for t in store.transfers() if t.id == transfer_id]
    return found[0].state, found[0].reason


def test_c_store_push_over_parallel_associations_is_verified(tmp_path: Path, small_study: list[Path]) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    study_uid, transfer_id = transfer_for(store, small_study)
    with peers.start_orthanc(tmp_path, aet="PACSB") as orthanc_b:
        pusher = PacsPusher(store, NODE_AET, DicomNode("PACSB", "127.0.0.1", orthanc_b.dicom_port), associations=4)
        asyncio.run(pusher.push_study(study_uid, small_study, transfer_id))
        assert orthanc_b.instance_count() == len(small_study)
    assert state_of(store, transfer_id) == (TransferState.DONE, "")
    assert all(p.exists() for p in small_study)
    assert any(e["action"] == "pacs-stored" for e in store.audit_entries())
    store.close()


def test_pacs_stopped_during_the_push_means_storing_with_a_reason_then_it_lands(
    tmp_path: Path, small_study: list[Path]
) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    study_uid, transfer_id = transfer_for(store, small_study)
    dicom_port, http_port = peers.free_port(), peers.free_port()
    pacs = DicomNode("PACSB", "127.0.0.1", dicom_port)

    async def scenario() -> None:
        # Nagle left on: about 40 ms per instance, so the push is still running when Orthanc B dies.
        with peers.start_orthanc(tmp_path, aet="PACSB", dicom_port=dicom_port, http_port=http_port,
                                 nodelay=False) as orthanc_b:
            push = asyncio.create_task(PacsPusher(store, NODE_AET, pacs, associations=2, retry=FAST)
                                       .push_study(study_uid, small_study, transfer_id))
            deadline = time.monotonic() + 15
            while orthanc_b.instance_count() < 5:
                assert time.monotonic() < deadline and not push.done()
                await asyncio.sleep(0.02)
            orthanc_b.process.kill()
            orthanc_b.process.wait(timeout=10)
        while "retry in" not in state_of(store, transfer_id)[1]:
            assert time.monotonic() < deadline and not push.done()
            await asyncio.sleep(0.05)
        state, reason = state_of(store, transfer_id)
        assert state is TransferState.STORING and "PACS not reached" in reason
        await asyncio.sleep(0.6)
        assert not push.done() and all(p.exists() for p in small_study)  # waiting, files kept
        with peers.start_orthanc(tmp_path, aet="PACSB", dicom_port=dicom_port, http_port=http_port) as again:
            await asyncio.wait_for(push, timeout=30)
            assert again.instance_count() == len(small_study)

    asyncio.run(scenario())
    assert state_of(store, transfer_id) == (TransferState.DONE, "")
    store.close()


def test_stow_rs_push_is_verified_by_qido(tmp_path: Path, other_study: list[Path]) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    study_uid, transfer_id = transfer_for(store, other_study)
    with peers.start_orthanc(tmp_path, aet="PACSB", plugins=True) as orthanc_b:
        pusher = PacsPusher(store, NODE_AET, dicomweb_url=f"{orthanc_b.url}/dicom-web/")
        assert pusher.via == "STOW-RS"
        asyncio.run(pusher.push_study(study_uid, other_study, transfer_id))
        assert orthanc_b.instance_count() == len(other_study)
    assert state_of(store, transfer_id) == (TransferState.DONE, "")
    store.close()


def test_stow_rs_to_a_stopped_pacs_waits_and_lands(tmp_path: Path, other_study: list[Path]) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    study_uid, transfer_id = transfer_for(store, other_study)
    http_port = peers.free_port()
    url = f"http://127.0.0.1:{http_port}/dicom-web"

    async def scenario() -> None:
        push = asyncio.create_task(PacsPusher(store, NODE_AET, dicomweb_url=url, retry=FAST)
                                   .push_study(study_uid, other_study, transfer_id))
        await asyncio.sleep(0.5)
        state, reason = state_of(store, transfer_id)
        assert state is TransferState.STORING and "STOW-RS" in reason and not push.done()
        with peers.start_orthanc(tmp_path, aet="PACSB", http_port=http_port, plugins=True) as orthanc_b:
            await asyncio.wait_for(push, timeout=20)
            assert orthanc_b.instance_count() == len(other_study)

    asyncio.run(scenario())
    assert state_of(store, transfer_id) == (TransferState.DONE, "")
    store.close()
