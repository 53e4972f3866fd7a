"""Partial incoming transfers do not stay forever: a receiver offline during the cancel is told when it comes back,
and one whose sender vanished gives the transfer up after STALE_INCOMING_DAYS (and restarts it if it returns)."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.domain import TransferState
from appliance.store.state import StateStore
from tests.integration.appliance_proc import SiteHome, cli, make_pair, query, send, serve, transfer, wait_for
from tests.integration.test_transfer_cancel import CAP_KBPS, assert_abandoned, chunks_sent, set_setting, study

pytestmark = pytest.mark.timeout(240)


def partial_folder(b: SiteHome) -> Path:
    return b.home / "spool" / "incoming" / str(transfer(b, "in")["id"])


def abandon_closed(a: SiteHome, transfer_id: str) -> list[sqlite3.Row]:
    return query(a, "SELECT detail FROM audit WHERE action = 'abandon-closed' AND subject = ?", (transfer_id,))


def test_a_receiver_offline_during_the_cancel_is_told_when_it_comes_back(tmp_path: Path) -> None:
    a, b = make_pair(tmp_path / "pair")
    set_setting(a, "bandwidth_limit_kbps", CAP_KBPS)
    with serve(a):
        with serve(b):
            queued = send(a, study(61), to=b.name)
            transfer_id = str(queued["transfers"][0])  # type: ignore[index]
            wait_for(lambda: chunks_sent(a) >= 1, timeout=30, what="the first chunks")
            wait_for(lambda: partial_folder(b).is_dir(), timeout=30, what="the receiver's partial folder")
        store = StateStore(a.db)  # b is down: the GUI's cancel, written by another process
        try:
            store.set_transfer_state(transfer_id, TransferState.FAILED, "cancelled by secretary")
        finally:
            store.close()
        time.sleep(4.0)  # a tries to tell b (at once, then with backoff): b is not there
        assert not abandon_closed(a, transfer_id)
        assert transfer(b, "in")["state"] == "receiving" and partial_folder(b).is_dir()
        with serve(b):
            assert_abandoned(b)
            wait_for(lambda: abandon_closed(a, transfer_id), timeout=30, what="a records the answer")
        assert json.loads(abandon_closed(a, transfer_id)[0]["detail"]) == {"status": "abandoned"}
        out = transfer(a, "out")
        assert (out["state"], out["reason"]) == ("failed", "cancelled by secretary")
    log = (b.home / "logs" / "passerelle.log").read_text(encoding="utf-8")
    assert f"transfer {transfer_id} from site {a.site_id}: cancelled by the sending site" in log


def test_a_partial_transfer_whose_sender_vanished_is_given_up_then_restarted_if_it_returns(tmp_path: Path) -> None:
    a, b = make_pair(tmp_path / "pair")
    set_setting(a, "bandwidth_limit_kbps", CAP_KBPS)
    with serve(b), serve(a) as proc_a:
        send(a, study(62), to=b.name)
        wait_for(lambda: int(transfer(b, "in").get("chunks_recorded") or 0) >= 1, timeout=30, what="chunks at b")
        proc_a.kill()  # the sender vanishes (box replaced, site gone) in the middle
    incoming = transfer(b, "in")
    assert incoming["state"] == "receiving" and partial_folder(b).is_dir()

    old = (datetime.now(UTC) - timedelta(days=40)).isoformat(timespec="milliseconds")
    conn = sqlite3.connect(b.db)  # 40 days without a chunk, simulated
    with conn:
        conn.execute("UPDATE transfers SET updated_at = ? WHERE id = ?", (old, incoming["id"]))
    conn.close()
    printed = cli("spool", "purge", "--home", str(b.home)).stdout  # the operator's view (--json: unit tests)
    assert f"gave up 1 partial incoming transfers without data for too long: {incoming['id']}" in printed
    given_up = transfer(b, "in")
    assert (given_up["state"], given_up["reason"]) == ("failed", "abandoned: no data from the sending site for 30 days")
    assert not partial_folder(b).exists()
    assert not given_up["key_bytes"]

    set_setting(a, "bandwidth_limit_kbps", "0")
    with serve(b), serve(a):  # the sender comes back and offers the same transfer again: restarted cleanly
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=90, what="the resumed transfer")
    back = transfer(b, "in")
    assert (back["id"], back["state"]) == (incoming["id"], "storing")
    assert not partial_folder(b).exists()
