"""Abandoned partial incoming transfers on a real database and spool: the receiver's `abandon` handler (who may
abandon what, state first then files, reruns) and the spool retention's stale pass, and a later re-offer."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from appliance.domain import InstanceRef
from appliance.identity.keys import SiteKeys
from appliance.protocol.loopback import open_session
from appliance.protocol.manifest import MIN_CHUNK_SIZE
from appliance.protocol.messages import (
    ABANDONED,
    HELD,
    UNKNOWN,
    Abandon,
    AbandonAnswer,
    Missing,
    Query,
    ReceiptMessage,
    Refusal,
)
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer
from appliance.protocol.sender import OutgoingFile, SenderTransfer
from appliance.protocol.session import Session
from appliance.service.spool_retention import STALE_INCOMING_DAYS, SpoolRetention, stale_reason
from appliance.service.transfer_receiver import TransferReceiver
from appliance.store.retention import RetentionStore
from appliance.store.spool import Spool
from appliance.store.state import StateStore, StudyAttributes
from appliance.store.transfers import TransferJournal

NOW = datetime.now(UTC).timestamp()
CHUNK = MIN_CHUNK_SIZE
CANCELLED = "cancelled by the sending site"


@dataclass
class Box:
    """Site B receiving from A; C is another member of the directory."""

    root: Path
    a: SiteKeys
    b: SiteKeys
    c: SiteKeys
    directory: StaticDirectory
    store: StateStore
    journal: TransferJournal
    spool: Spool
    receiver: TransferReceiver
    blobs: list[bytes]
    sender: SenderTransfer

    def session(self, initiator: SiteKeys) -> Session:
        return open_session(initiator, self.b, self.directory, self.directory, ReplayCache(300), NOW)[1]

    def frame(self, file_index: int, chunk_index: int) -> bytes:
        offset, length = self.sender.chunk_span(file_index, chunk_index)
        return self.sender.seal_chunk(file_index, chunk_index, self.blobs[file_index][offset : offset + length])

    @property
    def tid(self) -> str:
        return self.sender.transfer_id.hex()

    @property
    def folder(self) -> Path:
        return self.spool.root / "incoming" / self.tid

    def row(self) -> dict[str, object]:
        rows = self.store.database.query("SELECT * FROM transfers WHERE id = ?", (self.tid,))
        return dict(rows[0]) if rows else {}

    def chunk_rows(self) -> int:
        return int(self.store.database.query("SELECT count(*) AS n FROM chunks WHERE transfer_id = ?",
                                             (self.tid,))[0]["n"])


def box(root: Path, sizes: tuple[int, ...] = (3 * CHUNK, CHUNK)) -> Box:
    a, b, c = SiteKeys.generate(), SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b, c)})
    store = StateStore(root / "state.sqlite")
    journal = TransferJournal(store.database)
    spool = Spool(root / "spool", root / "quarantine")
    receiver = TransferReceiver(b, lambda: directory, journal, spool, lambda event: None)
    blobs = [os.urandom(n) for n in sizes]
    files = [OutgoingFile("1.2.3", f"1.2.3.{i}", len(x), hashlib.sha256(x).hexdigest()) for i, x in enumerate(blobs)]
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2", files, NOW, chunk_size=CHUNK)
    return Box(root, a, b, c, directory, store, journal, spool, receiver, blobs, sender)


async def partial(x: Box) -> Session:
    """A offers and B stores two chunks of the first file: a partial transfer with files on disk."""
    session = x.session(x.a)
    answer = await x.receiver.control(session, x.sender.offer())
    assert isinstance(answer, Missing) and len(answer.slots) == 4
    assert await x.receiver.chunks(session, [x.frame(0, 0), x.frame(0, 1)]) == ["", ""]
    assert x.folder.is_dir() and any(x.folder.iterdir()) and x.chunk_rows() == 2
    return session


def test_only_the_sending_site_abandons_its_partial_transfer(tmp_path: Path) -> None:
    x = box(tmp_path)

    async def run() -> None:
        session_a = await partial(x)
        # C, a member with its own valid session, names A's transfer (id and manifest hash learnt somehow)
        forged = Abandon(x.sender.transfer_id, x.sender.manifest.hash)
        assert await x.receiver.control(x.session(x.c), forged) == AbandonAnswer(x.sender.transfer_id, UNKNOWN)
        assert x.row()["state"] == "receiving" and x.folder.is_dir() and x.chunk_rows() == 2
        # A itself, but naming another manifest under this id: nothing either
        wrong = Abandon(x.sender.transfer_id, hashlib.sha256(b"other").digest())
        assert (await x.receiver.control(session_a, wrong)).status == UNKNOWN  # type: ignore[union-attr]
        assert x.row()["state"] == "receiving" and x.folder.is_dir()
        # the sending site: failed with the reason, journal forgotten, partial folder gone
        answer = await x.receiver.control(x.session(x.a), x.sender.abandon())
        assert answer == AbandonAnswer(x.sender.transfer_id, ABANDONED)
        row = x.row()
        assert (row["state"], row["reason"]) == ("failed", CANCELLED)
        assert not x.folder.exists() and x.chunk_rows() == 0
        key = x.store.database.query("SELECT length(transfer_key) AS n FROM peer_transfers WHERE transfer_id = ?",
                                     (x.tid,))[0]["n"]
        assert key == 0
        # a repeat (the answer was lost) is harmless; chunks and queries of the old session are refused
        assert (await x.receiver.control(session_a, x.sender.abandon())).status == ABANDONED  # type: ignore[union-attr]
        assert await x.receiver.chunks(session_a, [x.frame(0, 2)]) == ["chunk for an unknown transfer"]
        refusal = await x.receiver.control(session_a, Query(x.sender.transfer_id))
        assert isinstance(refusal, Refusal) and CANCELLED in refusal.reason
        assert not x.folder.exists()

    asyncio.run(run())


def test_abandoning_a_committed_transfer_deletes_nothing(tmp_path: Path) -> None:
    x = box(tmp_path, (CHUNK,))

    async def run() -> None:
        session = x.session(x.a)
        await x.receiver.control(session, x.sender.offer())
        assert await x.receiver.chunks(session, [x.frame(0, 0)]) == [""]
        receipt = await x.receiver.control(session, Query(x.sender.transfer_id))
        assert isinstance(receipt, ReceiptMessage)
        before = x.row()
        assert await x.receiver.control(session, x.sender.abandon()) == AbandonAnswer(x.sender.transfer_id, HELD)
        after = x.row()
        assert (after["state"], after["reason"]) == (before["state"], before["reason"]) != ("failed", CANCELLED)
        assert await x.receiver.control(session, Query(x.sender.transfer_id)) == receipt

    asyncio.run(run())


def test_the_sending_site_offering_again_restarts_an_abandoned_transfer_cleanly(tmp_path: Path) -> None:
    x = box(tmp_path)

    async def run() -> None:
        await partial(x)
        await x.receiver.control(x.session(x.a), x.sender.abandon())
        # another site replaying A's offer bytes in its own session: refused (manifest not from its peer)
        stolen = await x.receiver.control(x.session(x.c), x.sender.offer())
        assert isinstance(stolen, Refusal) and x.row()["state"] == "failed"
        # A offers the same transfer again (a person pressed Retry): from nothing
        session = x.session(x.a)
        answer = await x.receiver.control(session, x.sender.offer())
        assert isinstance(answer, Missing) and len(answer.slots) == 4
        assert x.row()["state"] == "receiving" and x.row()["reason"] == "" and x.folder.is_dir()
        frames = [x.frame(f, c) for f, c in answer.slots]
        assert await x.receiver.chunks(session, frames) == [""] * 4
        assert isinstance(await x.receiver.control(session, Query(x.sender.transfer_id)), ReceiptMessage)
        assert x.row()["state"] == "storing" and not x.folder.exists()

    asyncio.run(run())


def retention(x: Box, days_later: float) -> SpoolRetention:
    return SpoolRetention(RetentionStore(x.store.database), x.spool, 7.0,
                          lambda: datetime.now(UTC) + timedelta(days=days_later))


def test_stale_pass_gives_up_a_partial_transfer_after_the_limit(tmp_path: Path) -> None:
    x = box(tmp_path)

    async def run() -> None:
        await partial(x)

    asyncio.run(run())
    assert retention(x, STALE_INCOMING_DAYS - 1).purge().abandoned == ()
    assert x.row()["state"] == "receiving" and x.folder.is_dir()
    dry = retention(x, STALE_INCOMING_DAYS + 1).purge(dry_run=True)
    assert dry.abandoned == () and x.row()["state"] == "receiving"
    report = retention(x, STALE_INCOMING_DAYS + 1).purge()
    assert report.abandoned == (x.tid,) and report.as_json()["abandoned_transfers"] == [x.tid]
    assert (x.row()["state"], x.row()["reason"]) == ("failed", stale_reason(STALE_INCOMING_DAYS))
    assert x.row()["reason"] == "abandoned: no data from the sending site for 30 days"
    assert not x.folder.exists() and x.chunk_rows() == 0
    assert retention(x, STALE_INCOMING_DAYS + 2).purge().abandoned == ()  # a rerun: nothing more

    async def back() -> None:  # the sender comes back (a new session offers first); B's memory still has it
        session = x.session(x.a)
        answer = await x.receiver.control(session, x.sender.offer())
        assert isinstance(answer, Missing) and len(answer.slots) == 4
        assert await x.receiver.chunks(session, [x.frame(f, c) for f, c in answer.slots]) == [""] * 4
        assert isinstance(await x.receiver.control(session, Query(x.sender.transfer_id)), ReceiptMessage)

    asyncio.run(back())
    assert x.row()["state"] == "storing"


def test_stale_pass_spares_recent_and_committed_transfers(tmp_path: Path) -> None:
    x = box(tmp_path, (CHUNK,))

    async def run() -> None:
        session = x.session(x.a)
        await x.receiver.control(session, x.sender.offer())
        await x.receiver.chunks(session, [x.frame(0, 0)])
        assert isinstance(await x.receiver.control(session, Query(x.sender.transfer_id)), ReceiptMessage)

    asyncio.run(run())
    assert retention(x, 365).purge().abandoned == ()
    assert x.row()["state"] == "storing"


def test_a_crash_between_the_state_and_the_delete_is_finished_by_the_next_pass(tmp_path: Path) -> None:
    x = box(tmp_path)

    async def run() -> None:
        await partial(x)

    asyncio.run(run())
    assert x.journal.abandon_incoming(x.tid, CANCELLED)  # the state was written, then the power went
    assert x.folder.is_dir()
    assert x.journal.abandon_incoming(x.tid, CANCELLED)  # a rerun of the state step is harmless
    unrelated = x.spool.root / "incoming" / ("ab" * 16)  # a folder of a transfer not failed: kept
    unrelated.mkdir()
    assert retention(x, 0).purge().abandoned == ()
    assert not x.folder.exists() and unrelated.is_dir()
    assert x.row()["reason"] == CANCELLED  # not overwritten by the stale pass


def test_an_abandon_is_due_once_per_failure_of_an_outgoing_transfer(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite")
    journal = TransferJournal(store.database)
    spool = Spool(tmp_path / "spool", tmp_path / "quarantine")
    relative = spool.relative_path("1.2", "1.2.3", "1.2.3.1")
    size, digest = spool.write_stream([b"x" * 100], spool.absolute(relative))
    ref = InstanceRef("1.2", "1.2.3", "1.2.3.1", "1.2.840.10008.5.1.4.1.1.2", relative, size, digest)
    assert store.record_instance(ref, StudyAttributes(), "scp")
    transfer_id, _ = store.queue_outgoing("b" * 64, "1.2")
    assert journal.abandon_due() == []  # queued: nothing went out
    journal.freeze_outgoing(transfer_id, os.urandom(16), b"manifest", b"k" * 32, "h", 1)
    assert journal.abandon_due() == []  # still queued
    journal.fail(transfer_id, "cancelled by secretary")
    assert [d.id for d in journal.abandon_due()] == [transfer_id]
    time.sleep(0.01)  # timestamps have millisecond precision
    journal.abandon_closed(transfer_id, ABANDONED)
    assert journal.abandon_due() == [] and journal.abandon_due(transfer_id) == []
    time.sleep(0.01)
    journal.start_attempt(transfer_id)  # a person pressed Retry; it failed again
    journal.fail(transfer_id, "cancelled by secretary")
    assert [d.id for d in journal.abandon_due(transfer_id)] == [transfer_id]
    journal.delivered(transfer_id, b"receipt")
    assert journal.abandon_due() == []
