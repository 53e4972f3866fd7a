"""DatabaseWatch: a commit by another connection (another process) is noticed once, without SQL of its own."""

from __future__ import annotations

from pathlib import Path

from appliance.domain import TransferState
from appliance.service.db_watch import DatabaseWatch
from appliance.store.state import StateStore


def test_a_commit_on_another_connection_is_seen_once(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    engine_side = StateStore(path)
    watch = DatabaseWatch(path)
    assert not watch.changed()
    other = StateStore(path)  # what `passerelle send` opens
    try:
        other.set_transfer_state("no-such-transfer", TransferState.QUEUED)  # a commit, even if it changes no row
        other.audit("cli", "send", "x")
    finally:
        other.close()
    assert watch.changed()
    assert not watch.changed()
    engine_side.close()


def test_a_missing_database_is_no_error(tmp_path: Path) -> None:
    watch = DatabaseWatch(tmp_path / "absent.sqlite")
    assert not watch.changed()
