"""Spool retention on a real SQLite database and real spool files: what is removed, what stays, crash safety."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.domain import InstanceRef, PatientRecord, TransferState
from appliance.errors import ConfigError
from appliance.service import review
from appliance.service.settings import Settings, load_settings, save_settings
from appliance.service.spool_retention import SpoolRetention
from appliance.store import incoming as incoming_sql
from appliance.store.retention import RetentionStore
from appliance.store.spool import Spool
from appliance.store.state import StateStore, StudyAttributes
from appliance.store.transfers import IncomingFile, ReceivedInstance, TransferJournal

PEER_B, PEER_C = "b" * 64, "c" * 64
SOP_CLASS = "1.2.840.10008.5.1.4.1.1.2"


@dataclass
class Clock:
    """A settable clock: real time plus an offset, so the retention age is simulated, never slept."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, days: float) -> None:
        self.offset += timedelta(days=days)


class Box:
    """One site's state: store, spool, peer journal, retention with a settable clock."""

    def __init__(self, root: Path, keep_days: float = 7.0) -> None:
        self.store = StateStore(root / "state.sqlite")
        self.spool = Spool(root / "spool", root / "quarantine")
        self.journal = TransferJournal(self.store.database)
        self.clock = Clock()
        self.retention = SpoolRetention(RetentionStore(self.store.database), self.spool, keep_days, self.clock)
        self._serial = 0

    def file(self, study: str, series: str, n: int, size: int = 1000) -> InstanceRef:
        relative = self.spool.relative_path(study, series, f"{series}.{n}")
        length, digest = self.spool.write_stream([os.urandom(size)], self.spool.absolute(relative))
        return InstanceRef(study, series, f"{series}.{n}", SOP_CLASS, relative, length, digest)

    def local_study(self, study: str, series: str = "", count: int = 3) -> list[InstanceRef]:
        """Instances stored by the SCP (what the PACS pushed), as the engine records them."""
        refs = [self.file(study, series or f"{study}.1", n) for n in range(1, count + 1)]
        for ref in refs:
            assert self.store.record_instance(ref, StudyAttributes(), "scp")
        return refs

    def queue(self, peer: str, study: str) -> str:
        transfer_id, created = self.store.queue_outgoing(peer, study)
        assert created
        return transfer_id

    def deliver(self, transfer_id: str) -> None:
        """The sender's path to 'done': manifest frozen, then the peer's valid receipt stored."""
        self._serial += 1
        self.journal.freeze_outgoing(transfer_id, self._serial.to_bytes(16, "big"), b"manifest", b"k" * 32, "h", 1)
        self.journal.delivered(transfer_id, b"signed receipt")

    def receive(self, study: str, series: str = "", count: int = 3) -> tuple[str, list[InstanceRef]]:
        """An incoming transfer committed by the receiver (state 'storing', files moved into the spool)."""
        self._serial += 1
        transfer_id = self._serial.to_bytes(16, "big").hex()
        refs = [self.file(study, series or f"{study}.1", n) for n in range(1, count + 1)]
        files = [IncomingFile(n, r.series_uid, r.sop_instance_uid, r.size, r.sha256, 1, True)
                 for n, r in enumerate(refs)]
        self.journal.create_incoming(transfer_id, bytes.fromhex(transfer_id), PEER_B, study, b"m", b"k" * 32, files,
                                     len(files), "h")
        self.journal.commit_incoming(transfer_id, PEER_B, [ReceivedInstance(r, StudyAttributes(), "") for r in refs],
                                     b"receipt", "received: awaiting reconciliation")
        return transfer_id, refs

    def exists(self, refs: list[InstanceRef]) -> list[bool]:
        return [self.spool.absolute(r.path).exists() for r in refs]

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def box(tmp_path: Path) -> Iterator[Box]:
    b = Box(tmp_path)
    yield b
    b.close()


# -- outgoing ---------------------------------------------------------------------------------------
def test_outgoing_files_stay_until_every_destination_has_a_receipt_and_the_age_passed(box: Box) -> None:
    refs = box.local_study("1.2.10")
    to_b, to_c = box.queue(PEER_B, "1.2.10"), box.queue(PEER_C, "1.2.10")
    box.deliver(to_b)
    box.retention.keep_days = 0  # even with no delay at all:
    assert box.retention.purge().files == 0 and all(box.exists(refs))  # C has no receipt yet
    box.journal.start_attempt(to_c)
    assert box.retention.purge().files == 0 and all(box.exists(refs))  # C is sending
    box.retention.keep_days = 7
    box.deliver(to_c)
    assert box.retention.purge().files == 0 and all(box.exists(refs))  # C's receipt is fresh: 7 days to go
    box.clock.advance(6.9)
    assert box.retention.purge().files == 0
    box.clock.advance(0.2)
    report = box.retention.purge()
    assert report.files == 3 and report.bytes == sum(r.size for r in refs)
    assert report.studies[0].transfer_ids == tuple(sorted((to_b, to_c)))
    assert not any(box.exists(refs))
    assert not (box.spool.root / "studies" / "1.2.10").exists()  # emptied folders go too
    # the rows stay: history, receipts, and "already sent" for the same site
    assert box.store.count_instances() == 3
    assert [t.state for t in box.store.transfers()] == [TransferState.DONE, TransferState.DONE]
    assert box.store.queue_outgoing(PEER_B, "1.2.10")[1] is False
    assert any(e["action"] == "spool-purge" for e in box.store.audit_entries())


def test_a_failed_or_cancelled_outgoing_transfer_keeps_the_study(box: Box) -> None:
    refs = box.local_study("1.2.11")
    to_b, to_c = box.queue(PEER_B, "1.2.11"), box.queue(PEER_C, "1.2.11")
    box.deliver(to_b)
    box.journal.fail(to_c, "cancelled by a user")
    box.clock.advance(365)
    assert box.retention.purge().files == 0 and all(box.exists(refs))


def test_a_failed_transfer_stops_holding_the_study_once_a_resend_delivered_its_files(box: Box) -> None:
    refs = box.local_study("1.2.14")
    cancelled = box.queue(PEER_B, "1.2.14")
    box.journal.fail(cancelled, "cancelled by a user")
    box.retention.keep_days = 0
    assert box.retention.purge().files == 0
    resent = box.queue(PEER_B, "1.2.14")  # a person sends it again: a new transfer of the same files
    assert resent != cancelled
    box.deliver(resent)
    report = box.retention.purge()
    assert report.files == 3 and not any(box.exists(refs))
    assert report.studies[0].transfer_ids == tuple(sorted((cancelled, resent)))


def test_a_series_not_yet_sent_stays_and_an_addition_in_flight_holds_the_whole_study(box: Box) -> None:
    first = box.local_study("1.2.12", "1.2.12.1")
    box.deliver(box.queue(PEER_B, "1.2.12"))
    later = box.local_study("1.2.12", "1.2.12.2", count=2)  # arrived after the transfer, not queued yet
    box.clock.advance(8)
    report = box.retention.purge()
    assert report.files == 3 and not any(box.exists(first)) and all(box.exists(later))
    addition = box.queue(PEER_B, "1.2.12")  # the later series goes as an addition: only its two files
    assert [f.sop_instance_uid for f in box.journal.outgoing_files(addition)] == [r.sop_instance_uid for r in later]
    box.clock.advance(8)
    assert box.retention.purge().files == 0 and all(box.exists(later))
    box.deliver(addition)
    box.clock.advance(8)
    assert box.retention.purge().files == 2 and not any(box.exists(later))


def test_a_study_never_queued_stays(box: Box) -> None:
    refs = box.local_study("1.2.13")
    box.clock.advance(1000)
    assert box.retention.purge().files == 0 and all(box.exists(refs))


# -- incoming ---------------------------------------------------------------------------------------
def test_incoming_files_go_only_once_the_pacs_verified_them(tmp_path: Path) -> None:
    box = Box(tmp_path, keep_days=0)
    transfer_id, refs = box.receive("1.2.20")
    assert box.retention.purge().files == 0  # storing: awaiting reconciliation
    box.store.set_transfer_state(transfer_id, TransferState.STORING, "PACS not reached (attempt 3); retry in 8 s")
    assert box.retention.purge().files == 0
    box.store.set_transfer_state(transfer_id, TransferState.DONE, "reconciled; no PACS configured to store into")
    assert box.retention.purge().files == 0 and all(box.exists(refs))  # done, but not stored in a PACS
    box.store.mark_stored(transfer_id, {"study_uid": "1.2.20", "files": 3, "via": "C-STORE", "attempts": 1})
    report = box.retention.purge()
    assert report.files == 3 and not any(box.exists(refs))
    # what the pipeline and the receiver see afterwards
    assert incoming_sql.peer_instance_paths(box.store, "1.2.20") == []
    assert box.journal.held_instance(refs[0].sop_instance_uid) == (refs[0].path, refs[0].sha256)
    box.close()


def test_incoming_in_review_failed_or_receiving_stays(tmp_path: Path) -> None:
    box = Box(tmp_path, keep_days=0)
    in_review, a = box.receive("1.2.21")
    review.record_review_case(box.store, in_review, "1.2.21", PEER_B, PatientRecord(id="X1"), [])
    failed, b = box.receive("1.2.22")
    box.store.set_transfer_state(failed, TransferState.FAILED, "reconciliation or PACS push failed")
    decided, c = box.receive("1.2.23")  # a person decided 'reject' but the grace (undo window) has not passed
    review.record_review_case(box.store, decided, "1.2.23", PEER_B, PatientRecord(id="X2"), [])
    review.decide_transfer(box.store, decided, review.Choice.REJECT, "secretary", reason="not our patient")
    box.clock.advance(100)
    assert box.retention.purge().files == 0
    assert all(box.exists(a) + box.exists(b) + box.exists(c))
    box.close()


def test_a_rejected_study_goes_once_the_rejection_stands(tmp_path: Path) -> None:
    box = Box(tmp_path, keep_days=0)
    transfer_id, refs = box.receive("1.2.24")
    review.record_review_case(box.store, transfer_id, "1.2.24", PEER_B, PatientRecord(id="X3"), [])
    decision = review.decide_transfer(box.store, transfer_id, review.Choice.REJECT, "secretary", reason="wrong")
    assert incoming_sql.claim_for_push(box.store, transfer_id, decision.decision_id, "done",
                                       "rejected at review: not stored in the PACS")
    assert box.retention.purge().files == 3 and not any(box.exists(refs))
    box.close()


def test_an_addition_arriving_after_the_purge_pushes_only_what_is_held(tmp_path: Path) -> None:
    box = Box(tmp_path, keep_days=0)
    first, old = box.receive("1.2.25", "1.2.25.1")
    box.store.mark_stored(first, {"files": 3})
    assert box.retention.purge().files == 3 and not any(box.exists(old))
    second, new = box.receive("1.2.25", "1.2.25.2", count=2)
    assert box.retention.purge().files == 0  # the addition is not stored yet
    paths = incoming_sql.peer_instance_paths(box.store, "1.2.25")
    assert paths == [r.path for r in new]
    assert box.store.instances_of_study("1.2.25")[0].path == new[0].path  # held files first (header reads)
    box.store.mark_stored(second, {"files": 2})
    assert box.retention.purge().files == 2
    box.close()


# -- crash safety, dry run, re-arrival ----------------------------------------------------------------
def test_a_crash_between_the_mark_and_the_deletes_is_completed_by_the_next_purge(tmp_path: Path) -> None:
    box = Box(tmp_path, keep_days=0)
    transfer_id, refs = box.receive("1.2.30")
    box.store.mark_stored(transfer_id, {"files": 3})
    retention = box.retention
    marked = retention.store.mark("1.2.30", retention.cutoff(), 0)  # the record, then "power cut"
    assert marked is not None and all(box.exists(refs))
    box.spool.absolute(refs[0].path).unlink()  # ... one file had been deleted before the cut
    assert retention.usage().unfinished_purges == 1
    assert box.store.recorded_paths() == {r.path for r in refs}  # not yet finished: recovery leaves them
    report = retention.purge()
    assert report.resumed == 1 and report.files == 0
    assert not any(box.exists(refs))
    assert retention.usage().unfinished_purges == 0 and retention.usage().files_purged == 3
    assert box.store.recorded_paths() == set()
    assert retention.purge().resumed == 0  # again: harmless, nothing left
    box.close()


def test_a_transfer_queued_between_listing_and_marking_keeps_the_files(box: Box) -> None:
    refs = box.local_study("1.2.31")
    box.deliver(box.queue(PEER_B, "1.2.31"))
    box.clock.advance(8)
    [candidate] = box.retention.store.candidates(box.retention.cutoff())
    box.queue(PEER_C, "1.2.31")
    assert box.retention.store.mark(candidate.study_uid, box.retention.cutoff(), 7) is None
    assert all(box.exists(refs))


def test_dry_run_deletes_nothing_and_reports_what_a_purge_frees(box: Box) -> None:
    refs = box.local_study("1.2.32")
    box.deliver(box.queue(PEER_B, "1.2.32"))
    box.clock.advance(8)
    before = box.retention.usage()
    dry = box.retention.purge(dry_run=True)
    assert dry.dry_run and dry.files == 3 and dry.bytes == sum(r.size for r in refs)
    assert all(box.exists(refs)) and box.retention.usage() == before
    assert before.bytes_reclaimable == dry.bytes and before.bytes_held == dry.bytes
    real = box.retention.purge()
    assert (real.files, real.bytes) == (dry.files, dry.bytes)
    after = box.retention.usage()
    assert (after.bytes_held, after.bytes_reclaimable, after.bytes_purged) == (0, 0, dry.bytes)


def test_a_purged_instance_stored_again_is_held_again(box: Box) -> None:
    refs = box.local_study("1.2.33")
    box.deliver(box.queue(PEER_B, "1.2.33"))
    box.clock.advance(8)
    assert box.retention.purge().files == 3
    assert box.store.instance(refs[0].sop_instance_uid) is None  # ingest stores it again when it comes back
    again = box.file("1.2.33", "1.2.33.1", 1)
    assert box.store.record_instance(again, StudyAttributes(), "scp") is True
    assert box.store.instance(refs[0].sop_instance_uid) == again
    assert box.store.record_instance(again, StudyAttributes(), "scp") is False
    assert box.store.count_instances() == 3
    box.clock.advance(8)
    assert box.retention.purge().files == 1  # carried by the delivered transfer: safe again


def test_purge_time_for_many_files(tmp_path: Path) -> None:
    box = Box(tmp_path, keep_days=0)
    for study in range(10):
        uid = f"1.2.40.{study}"
        box.local_study(uid, count=200)
        box.deliver(box.queue(PEER_B, uid))
    started = time.monotonic()
    report = box.retention.purge()
    elapsed = time.monotonic() - started
    assert report.files == 2000 and len(report.studies) == 10
    print(f"purged {report.files} files ({report.bytes} bytes) of {len(report.studies)} studies in {elapsed:.2f} s")
    assert elapsed < 30
    box.close()


# -- settings and schema ------------------------------------------------------------------------------
def test_keep_days_setting_is_validated(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, site_name="X")
    assert settings.spool_keep_days == 7.0
    save_settings(settings.with_changes(spool_keep_days=0))
    assert load_settings(tmp_path).spool_keep_days == 0
    for bad in (-1, 4000, "7"):
        save_settings(settings.with_changes(spool_keep_days=bad))
        with pytest.raises(ConfigError, match="spool_keep_days"):
            load_settings(tmp_path)


def test_the_purge_journal_is_in_the_schema(box: Box) -> None:
    conn = sqlite3.connect(box.store.database.path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(instances)")}
    assert {"purged_at", "purge_id"} <= columns
    assert conn.execute("SELECT count(*) FROM spool_purges").fetchone() == (0,)
    conn.close()
