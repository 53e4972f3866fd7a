"""Spool retention: remove the files of studies whose every transfer finished, once `spool_keep_days` passed.

    retention = SpoolRetention(RetentionStore(store.database), spool, settings.spool_keep_days)
    retention.finish_interrupted()        # at start, before `Ingest.recover`
    report = retention.purge(dry_run=True)   # what it would free; nothing deleted
    await retention.run(interval_s)       # engine: a purge now, then every interval

Which files are safe is decided in SQL (`appliance/store/retention.py`). Each study is purged in two steps:
the removal is recorded first (one transaction), then the files are deleted and the purge marked finished.
A crash between the two leaves a recorded, unfinished purge: `finish_interrupted` (and every `purge`)
deletes what is left and closes it. Rows stay: transfers, receipts, decisions, the audit journal, and the
instances (flagged purged), so history and the receiver's "already held" check are unchanged.
Logs carry study UIDs, purge ids, counts and bytes, never patient data.

Partial incoming transfers are not purged by that rule. Each pass also fails an incoming transfer still
'receiving' with nothing recorded for STALE_INCOMING_DAYS (its sender vanished: site revoked, box replaced)
with the reason "abandoned: no data from the sending site for N days", and deletes its partial folder
`spool/incoming/<transfer>/`: the state first, then the files, so a crash between the two leaves a failed
transfer whose folder the next pass removes (it deletes the leftover folder of any failed incoming transfer).
If the sender offers it again later, the receiver restarts it from nothing (transfer_receiver.py).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from appliance.store.retention import PurgeCandidate, RetentionStore, SpoolUsage
from appliance.store.spool import Spool, fsync_dir
from appliance.transport.faults import fault_point

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
DEFAULT_INTERVAL_S = 3600.0
STALE_INCOMING_DAYS = 30.0  # a partial incoming transfer with no chunk for this long is given up


def stale_reason(days: float) -> str:
    return f"abandoned: no data from the sending site for {days:g} days"


def remove_partial_folder(incoming_root: Path, transfer_id: str) -> bool:
    """Delete `incoming_root/<transfer_id>/` (partial chunks of a failed incoming transfer) durably. Its state
    must already be recorded. Harmless when it is already gone. True when something was deleted now."""
    if not transfer_id or not all(c in "0123456789abcdef" for c in transfer_id):
        raise ValueError("not a transfer id")
    folder = incoming_root / transfer_id
    if not folder.exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    if incoming_root.exists():
        fsync_dir(incoming_root)
    return not folder.exists()


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PurgeReport:
    """What one purge freed (or, dry run, would free): per study and in total."""

    dry_run: bool
    keep_days: float
    studies: tuple[PurgeCandidate, ...]
    resumed: int = 0
    seconds: float = 0.0
    abandoned: tuple[str, ...] = ()  # stale partial incoming transfers failed by this pass

    @property
    def files(self) -> int:
        return sum(s.files for s in self.studies)

    @property
    def bytes(self) -> int:
        return sum(s.bytes for s in self.studies)

    def as_json(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run, "keep_days": self.keep_days, "files": self.files, "bytes": self.bytes,
            "resumed_purges": self.resumed, "seconds": round(self.seconds, 3),
            "abandoned_transfers": list(self.abandoned),
            "studies": [{"study_uid": s.study_uid, "files": s.files, "bytes": s.bytes,
                         "transfers": list(s.transfer_ids)} for s in self.studies],
        }


class SpoolRetention:
    """Applies the retention policy to the spool; thread-safe through the database's own lock."""

    def __init__(self, store: RetentionStore, spool: Spool, keep_days: float, clock: Clock = utc_now,
                 stale_days: float = STALE_INCOMING_DAYS) -> None:
        self.store = store
        self.spool = spool
        self.keep_days = keep_days
        self.clock = clock
        self.stale_days = stale_days
        self._stop: asyncio.Event | None = None

    def cutoff(self) -> str:
        """Transfers finished at or before this moment (ISO, UTC, as the store writes it) are old enough."""
        moment = self.clock() - timedelta(days=self.keep_days)
        return moment.astimezone(UTC).isoformat(timespec="milliseconds")

    def abandon_stale(self) -> tuple[str, ...]:
        """Fail partial incoming transfers with no data for `stale_days` and delete their partial folders (state
        first, then files); also delete folders a crash left behind for already failed transfers. Returns the
        ids failed now."""
        stale_before = (self.clock() - timedelta(days=self.stale_days)).astimezone(UTC).isoformat(
            timespec="milliseconds")
        incoming_root = self.spool.root / "incoming"
        reason = stale_reason(self.stale_days)
        failed: list[str] = []
        for transfer_id in self.store.stale_incoming(stale_before):
            if self.store.abandon_stale(transfer_id, stale_before, reason):
                remove_partial_folder(incoming_root, transfer_id)
                failed.append(transfer_id)
                log.warning("incoming transfer %s failed: %s; its partial files are deleted", transfer_id, reason)
        leftovers = [p.name for p in incoming_root.iterdir() if p.is_dir()] if incoming_root.is_dir() else []
        for transfer_id in self.store.abandoned_incoming(leftovers):
            if remove_partial_folder(incoming_root, transfer_id):
                log.info("partial files of failed incoming transfer %s deleted", transfer_id)
        return tuple(failed)

    def finish_interrupted(self) -> int:
        """Complete purges a crash left between their record and their deletes. Returns how many."""
        done = 0
        for purge in self.store.unfinished():
            removed = self.spool.remove_files(purge.paths)
            self.store.finish(purge.id)
            log.info("spool purge %d of study %s finished after an interruption: %d files deleted now",
                     purge.id, purge.study_uid, removed)
            done += 1
        return done

    def purge(self, dry_run: bool = False) -> PurgeReport:
        """Remove every file the policy allows now (dry run: only say what that would be)."""
        started = time.monotonic()
        if dry_run:
            found = tuple(self.store.candidates(self.cutoff()))
            return PurgeReport(True, self.keep_days, found, 0, time.monotonic() - started)
        resumed = self.finish_interrupted()
        abandoned = self.abandon_stale()
        cutoff = self.cutoff()
        purged: list[PurgeCandidate] = []
        for candidate in self.store.candidates(cutoff):
            marked = self.store.mark(candidate.study_uid, cutoff, self.keep_days)
            if marked is None:  # a transfer of the study started meanwhile: its files stay
                continue
            fault_point("retention", "after_mark_before_delete")
            removed = self.spool.remove_files(marked.paths)
            self.store.finish(marked.id)
            purged.append(PurgeCandidate(marked.study_uid, len(marked.paths), marked.bytes, candidate.transfer_ids))
            log.info("spool purge %d: study %s, %d files (%d deleted now), %d bytes freed", marked.id,
                     marked.study_uid, len(marked.paths), removed, marked.bytes)
        report = PurgeReport(False, self.keep_days, tuple(purged), resumed, time.monotonic() - started, abandoned)
        if purged or resumed:
            log.info("spool retention: %d studies, %d files, %d bytes freed in %.2f s (%d interrupted purges "
                     "finished)", len(purged), report.files, report.bytes, report.seconds, resumed)
        return report

    def usage(self) -> SpoolUsage:
        return self.store.usage(self.cutoff())

    def status(self) -> dict[str, object]:
        """The `spool` section of `status --json`: bytes held, reclaimable now, freed so far."""
        return {"keep_days": self.keep_days, **self.usage().as_json()}

    # -- engine -----------------------------------------------------------------------------------
    async def run(self, interval_s: float = DEFAULT_INTERVAL_S,
                  on_report: Callable[[PurgeReport], None] | None = None) -> None:
        """Purge now, then every `interval_s`, until `stop`. An error is logged and tried again next time."""
        self._stop = asyncio.Event()
        while not self._stop.is_set():
            try:
                report = await asyncio.to_thread(self.purge)
                if on_report is not None and (report.studies or report.resumed):
                    on_report(report)
            except Exception:
                log.exception("spool retention: purge failed; files kept, next try in %.0f s", interval_s)
            try:
                await asyncio.wait_for(self._stop.wait(), interval_s)
            except TimeoutError:
                pass

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
