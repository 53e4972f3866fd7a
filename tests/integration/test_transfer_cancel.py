"""Cancelling an outgoing transfer stops the attempt under way (not only the next one) and tells the receiver,
which drops its partial data; retry sends it after all (the receiver restarts it from nothing)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from appliance.domain import TransferState
from appliance.service.engine import Engine
from appliance.service.site import open_site
from appliance.store.state import StateStore
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import SiteHome, make_pair, query, send, serve, transfer, wait_for

pytestmark = pytest.mark.timeout(180)
CAP_KBPS = "8000"  # 1 MB/s: the ~6 MB study takes several seconds, long enough to cancel in the middle


def set_setting(site: SiteHome, key: str, value: str) -> None:
    path = site.home / "settings.toml"
    text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")


def study(seed: int) -> list[Path]:
    return cached_study(StudySpec(instances=12, rows=512, columns=512, seed=seed, patient_id=f"SYN-CANCEL-{seed}"))


def chunks_sent(a: SiteHome) -> int:
    return int(transfer(a, "out").get("chunks_sent") or 0)


def assert_abandoned(b: SiteHome) -> None:
    """The receiver was told: its transfer failed with the reason, its partial folder gone, nothing committed."""
    wait_for(lambda: transfer(b, "in").get("state") == "failed", timeout=30, what="the receiver told of the cancel")
    incoming = transfer(b, "in")
    assert incoming["reason"] == "cancelled by the sending site"
    assert not incoming["receipt_bytes"]
    assert not (b.home / "spool" / "incoming" / str(incoming["id"])).exists()


def assert_stopped(a: SiteHome, b: SiteHome, reason: str) -> None:
    """The attempt sends nothing more, the transfer stays failed with the person's reason, nothing committed, and
    the receiver drops what it had."""
    time.sleep(1.5)  # an attempt still running would flush progress within 0.5 s
    sent = chunks_sent(a)
    time.sleep(2.0)
    assert chunks_sent(a) == sent, "chunks still going out after the cancel"
    assert sent < 12
    out = transfer(a, "out")
    assert (out["state"], out["reason"]) == ("failed", reason)
    assert not out["receipt_bytes"]
    assert_abandoned(b)


def test_cancel_written_by_another_process_stops_the_running_attempt(tmp_path: Path) -> None:
    a, b = make_pair(tmp_path / "pair")
    set_setting(a, "bandwidth_limit_kbps", CAP_KBPS)
    with serve(a) as proc_a, serve(b):
        queued = send(a, study(51), to=b.name)
        transfer_id = str(queued["transfers"][0])  # type: ignore[index]
        wait_for(lambda: chunks_sent(a) >= 1, timeout=30, what="the first chunks")
        store = StateStore(a.db)  # what the GUI or a script does: write the state, nothing else
        try:
            store.set_transfer_state(transfer_id, TransferState.FAILED, "cancelled by secretary")
        finally:
            store.close()
        assert_stopped(a, b, "cancelled by secretary")
        assert proc_a.alive()
        log = (a.home / "logs" / "passerelle.log").read_text(encoding="utf-8")
        assert "attempt stopped, the transfer was cancelled" in log

        set_setting(a, "bandwidth_limit_kbps", "0")  # read at the next start only: the retry stays capped
        store = StateStore(a.db)
        try:
            store.set_transfer_state(transfer_id, TransferState.QUEUED, "")  # Retry
        finally:
            store.close()
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60, what="the retried transfer")
    incoming = transfer(b, "in")
    assert incoming["state"] == "storing"  # restarted from nothing, received whole, awaiting reconciliation
    assert incoming["id"] == transfer_id  # the same transfer, offered again
    assert query(b, "SELECT 1 FROM audit WHERE action = 'receive-restarted' AND subject = ?", (transfer_id,))


def test_engine_cancel_stops_the_attempt_at_once(tmp_path: Path) -> None:
    a, b = make_pair(tmp_path / "pair")
    set_setting(a, "bandwidth_limit_kbps", CAP_KBPS)
    with serve(b):
        engine = Engine(open_site(a.home))
        engine.start()
        try:
            report = engine.call(engine.send(study(52), b.name)).result(timeout=30)
            transfer_id = report.transfer_ids[0]
            wait_for(lambda: chunks_sent(a) >= 1, timeout=30, what="the first chunks")
            started = time.monotonic()
            assert engine.call(engine.transfers.cancel(transfer_id, "technician")).result(timeout=10)
            assert time.monotonic() - started < 2.0
            assert transfer_id not in engine.transfers._active
            assert_stopped(a, b, "cancelled by technician")
            assert not engine.call(engine.transfers.cancel(transfer_id, "technician")).result(timeout=10)
        finally:
            engine.stop()
