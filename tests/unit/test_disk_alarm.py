"""The receiver's full-disk alarm: raised on a refusal for space, shown while the spool lacks room, cleared."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from appliance.domain import EngineEvent
from appliance.service import disk_alarm
from appliance.service.disk_alarm import MIB, PAUSED_REASON, DiskAlarm, annotate_status, current
from appliance.store.state import StateStore


@pytest.fixture
def store(tmp_path: Path) -> StateStore:
    return StateStore(tmp_path / "state.sqlite")


def free(monkeypatch: pytest.MonkeyPatch, mib: int) -> None:
    monkeypatch.setattr(disk_alarm, "_free_bytes", lambda _: mib * MIB)


def test_live_free_space_below_the_floor_is_an_alarm(store: StateStore, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    free(monkeypatch, 4)
    assert "receiver storage full" in current(store.database, tmp_path, 8 * MIB)
    assert current(store.database, tmp_path, 0) == ""  # 4 MiB free, nothing refused, no floor
    free(monkeypatch, 0)
    assert "0 MiB free" in current(store.database, tmp_path, 0)  # a full disk with min_free_mb = 0


def test_refusal_raises_once_shows_until_room_and_clears(store: StateStore, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[EngineEvent] = []
    alarm = DiskAlarm(store.database, tmp_path, 8 * MIB, events.append)
    free(monkeypatch, 20)
    assert current(store.database, tmp_path, 8 * MIB) == ""

    async def refused_twice_then_stored() -> list[str]:
        await alarm.raised(25 * MIB)
        await alarm.raised(25 * MIB)  # the sender retries: one event only
        seen = [current(store.database, tmp_path, 8 * MIB)]
        free(monkeypatch, 40)  # room again, before the sender's next try
        seen.append(current(store.database, tmp_path, 8 * MIB))
        free(monkeypatch, 20)
        seen.append(current(store.database, tmp_path, 8 * MIB))
        await alarm.cleared()  # the next offer or chunk was stored
        seen.append(current(store.database, tmp_path, 8 * MIB))
        await alarm.cleared()
        return seen

    seen = asyncio.run(refused_twice_then_stored())
    assert "20 MiB free, 33 MiB needed" in seen[0] and seen[1] == "" and seen[2] and seen[3] == ""
    assert [(e.kind, e.data["kind"], e.data["active"]) for e in events] == [
        ("transfer_alarm", "disk_full", True), ("transfer_alarm", "disk_full", False)]
    assert "MiB free" in str(events[0].data["message"])


def test_an_old_refusal_lapses(store: StateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    free(monkeypatch, 20)
    asyncio.run(DiskAlarm(store.database, tmp_path, 8 * MIB, lambda _: None).raised(25 * MIB))
    assert current(store.database, tmp_path, 8 * MIB)
    import time
    assert current(store.database, tmp_path, 8 * MIB, now=time.time() + disk_alarm.STALE_SECONDS + 1) == ""
    assert DiskAlarm(store.database, tmp_path, 8 * MIB, lambda _: None).active  # remembered across a restart


def test_status_shows_the_alarm_and_the_paused_incoming_transfer(store: StateStore, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    free(monkeypatch, 0)
    report: dict[str, object] = {"alarms": ["directory expired"], "transfers": [
        {"direction": "in", "state": "receiving", "reason": ""},
        {"direction": "out", "state": "sending", "reason": ""},
        {"direction": "in", "state": "done", "reason": "received"}]}
    out = annotate_status(report, store.database, tmp_path, 0)
    assert out["alarms"][0] == "directory expired" and "storage full" in out["alarms"][1]  # type: ignore[index]
    assert [t["reason"] for t in out["transfers"]] == [PAUSED_REASON, "", "received"]  # type: ignore[attr-defined]
    assert out["storage"] == {"state": "disk_full", "spool_free_mb": 0, "min_free_mb": 0}
    free(monkeypatch, 50)
    ok = annotate_status({"alarms": [], "transfers": []}, store.database, tmp_path, 8 * MIB)
    assert ok["alarms"] == [] and ok["storage"] == {"state": "ok", "spool_free_mb": 50, "min_free_mb": 8}


def test_a_database_that_cannot_be_written_still_raises_the_alarm(store: StateStore, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from appliance.errors import StorageError
    from appliance.store import disk_alarm as record_store

    def full(*_: object) -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(record_store, "record", full)
    free(monkeypatch, 0)
    events: list[EngineEvent] = []
    asyncio.run(DiskAlarm(store.database, tmp_path, 0, events.append).raised(4 * MIB))
    assert [e.data["active"] for e in events] == [True]
    assert "receiver storage full" in current(store.database, tmp_path, 0)  # the live check
