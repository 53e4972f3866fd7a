"""The receiver's full-disk alarm: raised when incoming data is refused for space, shown until there is room.

Two sources, so the alarm holds even when the database itself cannot be written:
* live: the spool's filesystem has less free space than `min_free_mb` (at least 1 MiB);
* recorded (`store.disk_alarm`): an offer or a chunk was refused for space; the alarm lasts while the spool
  still lacks room for what was refused, and lapses when no refusal came for `STALE_SECONDS` (senders
  retry at least hourly) or when the next offer or chunk is stored.
No patient data: sizes and counts only.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from appliance.domain import EngineEvent
from appliance.errors import StorageError
from appliance.store import disk_alarm as record_store
from appliance.store.database import Database
from appliance.store.state import now_iso

log = logging.getLogger(__name__)
MIB = 1 << 20
STALE_SECONDS = 2 * 3600.0
PAUSED_REASON = "paused: receiver storage full, waiting for free space"
EVENT = "transfer_alarm"  # "transfer*" events make the window refresh its status


def _free_bytes(spool_dir: Path) -> int | None:
    try:
        return shutil.disk_usage(spool_dir).free
    except OSError:
        return None


def alarm_text(free: int, min_free_bytes: int, needed: int) -> str:
    wanted = min_free_bytes + needed
    return (f"receiver storage full: the spool has {free // MIB} MiB free, {-(-wanted // MIB)} MiB needed: "
            "incoming transfers are paused until space is freed")


def current(database: Database, spool_dir: Path, min_free_bytes: int, now: float | None = None) -> str:
    """The alarm text while the spool lacks room, else ''."""
    free = _free_bytes(spool_dir)
    if free is None:
        return ""
    found = record_store.load(database)
    moment = time.time() if now is None else now
    if found is not None and moment - found.updated > STALE_SECONDS:
        found = None
    if found is not None and free < min_free_bytes + found.needed_bytes:
        return alarm_text(free, min_free_bytes, found.needed_bytes)
    if free < max(min_free_bytes, MIB):
        return alarm_text(free, max(min_free_bytes, MIB), 0)
    return ""


def annotate_status(report: dict[str, object], database: Database, spool_dir: Path,
                    min_free_bytes: int) -> dict[str, object]:
    """Add the alarm, a `storage` summary and the reason of paused incoming transfers to a status report."""
    text = current(database, spool_dir, min_free_bytes)
    free = _free_bytes(spool_dir)
    report["storage"] = {
        "state": "disk_full" if text else "ok",
        "spool_free_mb": None if free is None else free // MIB,
        "min_free_mb": min_free_bytes // MIB,
    }
    if text:
        alarms = report.get("alarms")
        report["alarms"] = [*(alarms if isinstance(alarms, list) else []), text]
        transfers = report.get("transfers")
        for t in transfers if isinstance(transfers, list) else []:
            if isinstance(t, dict) and t.get("direction") == "in" and t.get("state") == "receiving" \
                    and not t.get("reason"):
                t["reason"] = PAUSED_REASON
    return report


class DiskAlarm:
    """The receiver's handle: record and announce a refusal for space; clear it on the next success."""

    def __init__(self, database: Database, spool_dir: Path, min_free_bytes: int,
                 emit: Callable[[EngineEvent], None]) -> None:
        self._database = database
        self._spool_dir = spool_dir
        self._min_free = min_free_bytes
        self._emit = emit
        self.active = record_store.load(database) is not None  # an episode left by an earlier run

    async def raised(self, needed_bytes: int) -> None:
        """Incoming data of `needed_bytes` was refused for space (the peer gets a 503 and retries)."""
        try:
            await asyncio.to_thread(record_store.record, self._database, now_iso(), needed_bytes)
        except (StorageError, OSError) as exc:  # the database may share the full disk
            log.warning("cannot record the disk-full alarm (the live free space still shows it): %s", exc)
        if self.active:
            return
        self.active = True
        text = alarm_text(_free_bytes(self._spool_dir) or 0, self._min_free, needed_bytes)
        log.error("%s (%d bytes refused)", text, needed_bytes)
        self._emit(EngineEvent(EVENT, {"kind": "disk_full", "active": True, "message": text}))

    async def cleared(self) -> None:
        """Incoming data was stored again: the episode is over."""
        if not self.active:
            return
        self.active = False
        try:
            await asyncio.to_thread(record_store.clear, self._database)
        except (StorageError, OSError) as exc:
            self.active = True  # tried again on the next success
            log.warning("cannot clear the disk-full alarm: %s", exc)
            return
        log.info("receiver storage: space is back, incoming transfers resume")
        self._emit(EngineEvent(EVENT, {"kind": "disk_full", "active": False, "message": ""}))
