"""The receiving side of peer transfers: offers, the chunk journal (write, fsync, record), verify, commit.

Journal discipline (docs/protocol.md): a chunk's bytes are written into `spool/incoming/<transfer>/<file>.part`,
made durable (one fsync per touched file and one transaction for every chunk that arrived meanwhile:
`GroupCommit`), recorded, and only then given to the protocol machine. A file whose chunks are all
recorded is hashed and checked against the manifest; when every file is verified the study is moved
into the spool and recorded whole, with its signed receipt, in one transaction.

Each byte is touched as few times as possible: the chunk is decrypted in place in the server's receive
buffer, and a file is hashed and its DICOM header parsed from that plaintext as it is written, so neither
the check nor the commit reads it back (unless its chunks were rewritten, or a restart came between).

Abandon (docs/protocol.md): the sending site cancelled a transfer. Only the site the transfer came from, in a
session with it, can abandon it; a committed study is never touched (answered HELD). Otherwise the transfer is
failed "cancelled by the sending site" and its journal forgotten (one transaction), then its partial folder
deleted; a repeated abandon does it again harmlessly. An offer for a failed transfer without receipt (abandoned
here, or failed by the stale pass) by the same site with the same manifest restarts it from nothing.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from appliance.crypto.chunks import HEADER_BYTES, peek_header
from appliance.domain import EngineEvent, InstanceRef
from appliance.errors import ChunkRejected, DiskFull, InvalidDicom, PasserelleError, StorageError
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import PREFIX_BYTES, FrameKind
from appliance.protocol.manifest import parse_manifest
from appliance.protocol.messages import (
    ABANDONED,
    HELD,
    UNKNOWN,
    Abandon,
    AbandonAnswer,
    ControlMessage,
    Offer,
    Query,
    Refusal,
)
from appliance.protocol.peers import LocalKeys, PeerDirectory
from appliance.protocol.receiver import (
    ABANDONED_REASON,
    ChunkAccepted,
    ChunkRefused,
    FileAssembled,
    FileComplete,
    FileCorrupt,
    OfferRefused,
    ReceiverState,
    ReceiverTransfer,
)
from appliance.protocol.session import Session
from appliance.service.disk_alarm import DiskAlarm
from appliance.service.spool_retention import remove_partial_folder
from appliance.service.transfer_durability import GroupCommit, JournaledTransfer
from appliance.service.transfer_files import (
    Parsed,
    WrittenHashes,
    hash_and_head,
    instance_in,
    read_instance,
    write_at,
)
from appliance.store.spool import Spool, fsync_dir
from appliance.store.state import StudyAttributes
from appliance.store.transfers import IncomingFile, IncomingTransfer, ReceivedInstance, TransferJournal
from appliance.transport.faults import fault_point

log = logging.getLogger(__name__)
RECEIVED_REASON = "received: awaiting reconciliation"
# A re-sent instance (same SOP Instance UID) whose bytes differ from the copy already held: never replaced
# silently, never duplicated; the new bytes go to the quarantine with this reason for a person to compare.
OTHER_CONTENT = "already received with other content (a corrected copy?); the first copy was kept"
# A lone chunk frame (POST /psl1/chunk) up to this size is opened, hashed and written on the event loop, where
# it blocks the loop for about 1 ms per 512 KiB (3 ms for 2 MiB): handing each to a worker thread cost 0.2 s
# more CPU on the 500-instance benchmark (GIL hand-overs, wake-ups) than that work itself. Larger chunks, and
# every batch (POST /psl1/chunks, a few MiB), go to a worker thread: one hand-off for the whole batch.
INLINE_FRAME_BYTES = 4 * 1024 * 1024 + 1024
Emit = Callable[[EngineEvent], None]


@dataclass
class _Incoming(JournaledTransfer):
    """One incoming transfer in memory: its machine, its folder, a lock for file checks and commit."""

    id: str
    peer: str
    machine: ReceiverTransfer
    folder: Path
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    started: float = field(default_factory=time.monotonic)
    received_bytes: int = 0
    unchecked: list[int] = field(default_factory=list)
    parsed: dict[int, Parsed] = field(default_factory=dict)
    reported: float = 0.0
    hashes: WrittenHashes = field(default_factory=WrittenHashes)  # its lock is held by every write and check


class TransferReceiver:
    """The server's handler: answers offers and queries, journals chunks, commits studies."""

    def __init__(
        self, keys: LocalKeys, directory: Callable[[], PeerDirectory | None], journal: TransferJournal,
        spool: Spool, emit: Emit,
    ) -> None:
        self._keys = keys
        self._directory = directory
        self._journal = journal
        self._spool = spool
        self._emit = emit
        self._incoming_root = spool.root / "incoming"
        self._incoming_root.mkdir(parents=True, exist_ok=True)
        self._transfers: dict[bytes, _Incoming] = {}
        self._group = GroupCommit(journal)
        self._opening = asyncio.Lock()
        self._disk = DiskAlarm(journal.database, spool.root, spool.min_free_bytes, emit)

    # -- control messages ------------------------------------------------------------------------
    async def control(self, session: Session, message: ControlMessage) -> ControlMessage:
        if isinstance(message, Offer):
            return await self._offer(session, message)
        if isinstance(message, Query):
            transfer = await self._open(message.transfer_id, session.peer)
            if transfer is None:
                row = await asyncio.to_thread(self._journal.incoming, message.transfer_id)
                if row is not None and row.peer == session.peer and row.state == "failed":
                    return Refusal(message.transfer_id, f"the receiver gave this transfer up: {row.reason}")
                return Refusal(message.transfer_id, "unknown transfer")
            await self._finish_if_complete(transfer)
            return transfer.machine.answer(message)
        if isinstance(message, Abandon):
            return await self._abandon(session, message)
        return Refusal(bytes(16), f"unexpected {type(message).__name__} message")

    async def _offer(self, session: Session, offer: Offer) -> ControlMessage:
        try:
            manifest, _ = parse_manifest(offer.manifest)
        except MalformedMessage as exc:
            return Refusal(bytes(16), str(exc))
        row = await asyncio.to_thread(self._journal.incoming, manifest.transfer_id)
        if row is not None and row.state == "failed" and not row.receipt:
            return await self._restart(session, offer, row)
        transfer = await self._open(manifest.transfer_id, session.peer)
        if transfer is not None:
            await asyncio.to_thread(self._journal.resumed, transfer.id)
            await self._finish_if_complete(transfer)
            return transfer.machine.answer(offer)
        accepted = self._verified(session, offer, manifest.transfer_id)
        if not isinstance(accepted, ReceiverTransfer):
            return accepted
        await self._make_room(manifest.total_bytes)
        async with self._opening:
            if await asyncio.to_thread(self._journal.protocol_id_taken, manifest.transfer_id):
                return Refusal(manifest.transfer_id, "transfer id already used")
            transfer = await asyncio.to_thread(self._create, accepted, session.peer)
            self._transfers[manifest.transfer_id] = transfer
        log.info("transfer %s from site %s accepted: study %s, %d files", transfer.id, session.peer,
                 manifest.study_uid, len(manifest.files))
        await self._disk.cleared()
        await self._finish_if_complete(transfer)
        return transfer.machine.answer(offer)

    async def _restart(self, session: Session, offer: Offer, row: IncomingTransfer) -> ControlMessage:
        """An offer for a transfer failed here without receipt (abandoned, or given up as stale): the site it
        came from, offering the very same manifest, restarts it from nothing; anyone else is refused."""
        manifest, _ = parse_manifest(offer.manifest)
        if row.peer != session.peer:
            return Refusal(manifest.transfer_id, "transfer id already used")
        accepted = self._verified(session, offer, manifest.transfer_id)
        if not isinstance(accepted, ReceiverTransfer):
            return accepted
        if accepted.signed_manifest != row.signed_manifest:
            return Refusal(manifest.transfer_id, "transfer id reused with a different manifest")
        await self._make_room(manifest.total_bytes)
        async with self._opening:
            old = self._transfers.pop(manifest.transfer_id, None)
            if old is not None:  # failed by the stale pass while still in memory: nothing more goes to it
                old.machine.state = ReceiverState.ABANDONED
            transfer = await asyncio.to_thread(self._restart_journal, accepted, row)
            if transfer is None:  # restarted meanwhile by another session: answer from the journal
                return await self._offer(session, offer)
            self._transfers[manifest.transfer_id] = transfer
        log.info("transfer %s from site %s offered again after it failed here: restarted from nothing",
                 transfer.id, session.peer)
        await self._finish_if_complete(transfer)
        return transfer.machine.answer(offer)

    def _verified(self, session: Session, offer: Offer, transfer_id: bytes) -> ReceiverTransfer | ControlMessage:
        """The offer checked against the installed directory (the signed manifest, sender and addressee), or
        the refusal to answer."""
        directory = self._directory()
        if directory is None:
            return Refusal(transfer_id, "the receiver has no directory installed")
        accepted = ReceiverTransfer.accept(self._keys, directory, session.peer, offer)
        if isinstance(accepted, OfferRefused):
            log.warning("offer from site %s refused: %s", session.peer, accepted.reason)
            return accepted.message(transfer_id)
        return accepted

    async def _make_room(self, total_bytes: int) -> None:
        """DiskFull (the sender retries later, the alarm is raised) when the spool cannot take the study."""
        try:
            self._spool.check_space(total_bytes)
        except DiskFull:
            await self._disk.raised(total_bytes)
            raise

    def _restart_journal(self, machine: ReceiverTransfer, row: IncomingTransfer) -> _Incoming | None:
        remove_partial_folder(self._incoming_root, row.id)  # anything a crash left: start clean
        held = []
        for index, f in enumerate(machine.manifest.files):
            instance = self._journal.held_instance(f.sop_instance_uid)
            if instance is not None and instance[1] == f.sha256:
                held.append(index)
        folder = self._incoming_root / row.id
        folder.mkdir(parents=True, exist_ok=True)
        fsync_dir(self._incoming_root)
        if not self._journal.restart_incoming(row.id, machine.transfer_key, held):
            return None
        resumed = ReceiverTransfer.resume(self._keys, machine.signed_manifest, machine.transfer_key, (), held)
        return _Incoming(row.id, row.peer, resumed, folder)

    async def _abandon(self, session: Session, message: Abandon) -> ControlMessage:
        """The sending site cancelled this transfer: fail it (state first), then delete its partial files."""
        tid = message.transfer_id
        row = await asyncio.to_thread(self._journal.incoming, tid)
        if row is None or row.peer != session.peer:  # someone else's transfer, or none: never say which
            log.warning("abandon of an unknown transfer from site %s ignored", session.peer)
            return AbandonAnswer(tid, UNKNOWN)
        transfer = self._transfers.get(tid)
        if transfer is not None and transfer.peer == session.peer:
            await self._finish_if_complete(transfer)  # every file verified: it is committed, not abandoned
            async with transfer.lock:
                answer = transfer.machine.abandon(message)
                if answer.status == ABANDONED:
                    self._transfers.pop(tid, None)
        else:
            machine = ReceiverTransfer(self._keys, row.signed_manifest, row.transfer_key or bytes(32))
            if row.receipt:
                machine.receipt_bytes = row.receipt
            answer = machine.abandon(message)
        if answer.status == ABANDONED:
            if not await asyncio.to_thread(self._forget, row.id):  # committed after all (a restart between)
                return AbandonAnswer(tid, HELD)
            log.info("transfer %s from site %s: %s; partial files deleted", row.id, session.peer, ABANDONED_REASON)
            self._emit(EngineEvent("transfer_failed", {"id": row.id, "peer": row.peer, "reason": ABANDONED_REASON}))
        else:
            log.info("abandon of transfer %s from site %s: %s, nothing deleted", row.id, session.peer, answer.status)
        return answer

    def _forget(self, transfer_id: str) -> bool:
        """State first (failed, journal forgotten), then the partial files. False when it has a receipt."""
        if not self._journal.abandon_incoming(transfer_id, ABANDONED_REASON):
            return False
        remove_partial_folder(self._incoming_root, transfer_id)
        return True

    def _create(self, machine: ReceiverTransfer, peer: str) -> _Incoming:
        """Record the accepted offer; files this site already holds with the same hash need no chunk."""
        m = machine.manifest
        files: list[IncomingFile] = []
        for index, f in enumerate(m.files):
            held = self._journal.held_instance(f.sop_instance_uid)
            files.append(IncomingFile(index, f.series_uid, f.sop_instance_uid, f.size, f.sha256, f.chunks,
                                      held is not None and held[1] == f.sha256))
        transfer_id = m.transfer_id.hex()
        folder = self._incoming_root / transfer_id
        folder.mkdir(parents=True, exist_ok=True)
        fsync_dir(self._incoming_root)
        self._journal.create_incoming(transfer_id, m.transfer_id, peer, m.study_uid, machine.signed_manifest,
                                      machine.transfer_key, files, m.total_chunks, m.hash.hex())
        already = [f.file_index for f in files if f.verified]
        resumed = ReceiverTransfer.resume(self._keys, machine.signed_manifest, machine.transfer_key, (), already)
        return _Incoming(transfer_id, peer, resumed, folder)

    async def _open(self, protocol_id: bytes, peer: str) -> _Incoming | None:
        """The in-memory transfer, rebuilt from the journal after a restart; None if unknown or not the peer's."""
        transfer = self._transfers.get(protocol_id)
        if transfer is None:
            resumed = await asyncio.to_thread(self._resume, protocol_id)
            if resumed is None:
                return None
            transfer = self._transfers.setdefault(protocol_id, resumed)
            if transfer is resumed:
                await self._settle(transfer)
        elif transfer.unchecked:
            await self._settle(transfer)
        if transfer.machine.state is ReceiverState.ABANDONED:
            return None
        return transfer if transfer.peer == peer else None

    async def _settle(self, transfer: _Incoming) -> None:
        """After a restart: check files whose chunks were all journaled but not yet verified, then commit."""
        async with transfer.lock:
            unchecked, transfer.unchecked = transfer.unchecked, []
        for position, file_index in enumerate(unchecked):
            try:
                await self._check_file(transfer, file_index)
            except BaseException:
                transfer.unchecked.extend(unchecked[position:])  # tried again on the next offer or query
                raise
        await self._finish_if_complete(transfer)

    def _resume(self, protocol_id: bytes) -> _Incoming | None:
        row = self._journal.incoming(protocol_id)
        if row is None or (row.state == "failed" and not row.receipt):  # abandoned: only an offer restarts it
            return None
        if row.receipt:
            machine = ReceiverTransfer(self._keys, row.signed_manifest, bytes(32))
            machine.state = ReceiverState.DONE
            machine.receipt_bytes = row.receipt
        else:
            files = self._journal.incoming_files(row.id)
            verified = [f.file_index for f in files if f.verified]
            slots = self._journal.stored_slots(row.id)
            machine = ReceiverTransfer.resume(self._keys, row.signed_manifest, row.transfer_key, slots, verified)
            stored: dict[int, int] = {}
            for file_index, _ in slots:
                stored[file_index] = stored.get(file_index, 0) + 1
            unchecked = [f.file_index for f in files if not f.verified and stored.get(f.file_index) == f.chunk_count]
            return _Incoming(row.id, row.peer, machine, self._incoming_root / row.id, unchecked=unchecked)
        return _Incoming(row.id, row.peer, machine, self._incoming_root / row.id)

    # -- chunks -----------------------------------------------------------------------------------
    async def chunk(self, session: Session, frame: bytes | memoryview) -> str:
        return (await self.chunks(session, (frame,)))[0]

    async def chunks(self, session: Session, frames: Sequence[bytes | memoryview]) -> list[str]:
        """Journal a batch: authenticate and write every chunk (one thread hand-off for the batch), make the
        accepted ones durable and record them (group commit), then tell their machines. One verdict per chunk,
        '' once it is durable and recorded (or was already held); a refused chunk does not stop the others."""
        reasons = [""] * len(frames)
        work: list[tuple[int, _Incoming, bytes | memoryview]] = []
        for position, frame in enumerate(frames):
            routed = await self._route(session, frame)
            if isinstance(routed, str):
                reasons[position] = routed
            elif routed is not None:
                work.append((position, routed, frame))
        if not work:
            return reasons
        try:
            if len(work) == 1 and len(work[0][2]) <= INLINE_FRAME_BYTES:  # cheaper than a thread hop
                outcomes = self._accept_all(work)
            else:
                outcomes = await asyncio.to_thread(self._accept_all, work)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise StorageError(f"cannot write an incoming chunk: {exc.strerror}") from exc
            machines = {id(t): t.machine for _, t, _ in work}.values()
            await self._disk.raised(sum(m.manifest.chunk_span(f, c)[1] for m in machines for f, c in m.missing()))
            raise DiskFull("spool is full: transfer paused") from exc
        fresh: list[tuple[_Incoming, ChunkAccepted]] = []
        repeats: dict[str, int] = {}
        for (position, transfer, _), accepted in zip(work, outcomes, strict=True):
            if not isinstance(accepted, ChunkAccepted):
                log.warning("chunk of transfer %s refused: %s", transfer.id, accepted.reason)
                reasons[position] = accepted.reason
            elif accepted.duplicate or transfer.machine.is_verified(accepted.file_index):
                repeats[transfer.id] = repeats.get(transfer.id, 0) + 1
            else:
                fresh.append((transfer, accepted))
        for transfer_id, repeated in repeats.items():
            await asyncio.to_thread(self._journal.count_repeats, transfer_id, repeated)
        if fresh:
            await self._durable(fresh)
        touched: dict[str, _Incoming] = {}
        for transfer, accepted in fresh:
            transfer.received_bytes += len(accepted.data)
            touched[transfer.id] = transfer
            for event in transfer.machine.chunk_stored(accepted.file_index, accepted.chunk_index):
                if isinstance(event, FileAssembled):
                    await self._check_file(transfer, event.file_index)
        for transfer in touched.values():
            self._report(transfer)
            await self._finish_if_complete(transfer)
        return reasons

    async def _route(self, session: Session, frame: bytes | memoryview) -> _Incoming | str | None:
        """The transfer a chunk claims (not yet authenticated), a refusal reason, or None when that transfer is
        already committed (nothing left to do: the chunk counts as held)."""
        if len(frame) < PREFIX_BYTES + HEADER_BYTES or frame[0] != FrameKind.CHUNK:
            return "not a chunk frame"
        try:  # only the claimed transfer id, to find the transfer; the machine authenticates the whole frame
            protocol_id = peek_header(frame[PREFIX_BYTES : PREFIX_BYTES + HEADER_BYTES]).transfer_id
        except ChunkRejected as exc:
            return str(exc)
        transfer = await self._open(protocol_id, session.peer)
        if transfer is None:
            return "chunk for an unknown transfer"
        return None if transfer.machine.receipt_bytes else transfer

    async def _durable(self, fresh: list[tuple[_Incoming, ChunkAccepted]]) -> None:
        """Make written chunks durable and record them, in the group commit (never recorded before fsync)."""
        try:
            await asyncio.gather(*(self._group.durable(t, a.file_index, a.chunk_index, len(a.data)) for t, a in fresh))
        except OSError as exc:
            raise StorageError(f"cannot make an incoming chunk durable: {exc.strerror}") from exc
        await self._disk.cleared()

    @classmethod
    def _accept_all(
        cls, work: list[tuple[int, _Incoming, bytes | memoryview]]
    ) -> list[ChunkAccepted | ChunkRefused]:
        return [cls._accept(transfer, frame) for _, transfer, frame in work]

    def _report(self, transfer: _Incoming) -> None:
        """A progress event at most twice a second per transfer (no patient data: ids and counts)."""
        now = time.monotonic()
        if now - transfer.reported < 0.5:
            return
        transfer.reported = now
        m = transfer.machine.manifest
        missing = sum(m.chunk_span(f, c)[1] for f, c in transfer.machine.missing())
        self._emit(EngineEvent("transfer_progress", {
            "id": transfer.id, "direction": "in", "peer": transfer.peer,
            "files_done": len(transfer.machine.verified_files), "files_total": len(m.files),
            "bytes_done": m.total_bytes - missing, "bytes_total": m.total_bytes,
            "bytes_per_second": round(transfer.received_bytes / max(now - transfer.started, 1e-6)),
        }))

    @staticmethod
    def _accept(transfer: _Incoming, frame: bytes | memoryview) -> ChunkAccepted | ChunkRefused:
        """Authenticate the chunk and write it (not yet durable) unless already held: on the event loop for a
        lone frame up to INLINE_FRAME_BYTES, otherwise in a worker thread (one hand-off per batch).

        A one-chunk file is hashed and its header parsed from the plaintext here, a larger one hashed as its
        chunks come (`WrittenHashes`), so that neither the check nor the commit reads it back. A writable
        frame (the server's receive buffer) is decrypted in place."""
        machine = transfer.machine
        accepted = machine.receive_chunk(frame, in_place=isinstance(frame, memoryview) and not frame.readonly)
        if not isinstance(accepted, ChunkAccepted) or accepted.duplicate:
            return accepted
        m, index, data = machine.manifest, accepted.file_index, accepted.data
        whole = m.files[index].chunks == 1
        digest = hashlib.sha256(data).hexdigest() if whole else ""
        parsed = instance_in(data, whole=True) if whole else None
        with transfer.hashes.lock:
            if machine.is_verified(index):
                return accepted
            path = transfer.part(index)
            write_at(path, accepted.offset, data)
            if whole:
                transfer.hashes.whole(index, digest, parsed)
            else:
                transfer.hashes.chunk(index, accepted.chunk_index, data, path, m.files[index].chunks,
                                      lambda chunk: m.chunk_span(index, chunk))
        return accepted

    def _current_path(self, transfer: _Incoming, file_index: int) -> Path:
        """Where a received file is: its .part, or already in the spool when a crash interrupted the commit."""
        part = transfer.part(file_index)
        if part.exists():
            return part
        m, f = transfer.machine.manifest, transfer.machine.manifest.files[file_index]
        return self._spool.absolute(self._spool.relative_path(m.study_uid, f.series_uid, f.sop_instance_uid))

    async def _check_file(self, transfer: _Incoming, file_index: int) -> None:
        """Check an assembled file against the manifest: with the hash taken as its chunks were written, or
        by reading it once (hash and header together) when that hash is not known."""
        machine = transfer.machine
        with transfer.hashes.lock:  # no chunk of the file can land between taking its hash and the verdict
            known = transfer.hashes.take(file_index)
            if known is not None:
                digest, parsed = known
                events = machine.file_checked(file_index, digest)
        if known is None:
            path = self._current_path(transfer, file_index)
            digest, parsed = await asyncio.to_thread(self._hash_and_parse, path)
            events = machine.file_checked(file_index, digest)
        for event in events:
            if isinstance(event, FileComplete):
                self._group.note_verified(transfer.id, file_index)
                if parsed is not None:  # otherwise the commit reads the header (and quarantines bad DICOM)
                    transfer.parsed[file_index] = parsed
            elif isinstance(event, FileCorrupt):
                log.warning("transfer %s file %d: %s", transfer.id, file_index, event.reason)
                await asyncio.to_thread(self._journal.file_corrupt, transfer.id, file_index)

    @staticmethod
    def _hash_and_parse(path: Path) -> tuple[str, Parsed | None]:
        digest, head, whole = hash_and_head(path)
        return digest, instance_in(head, whole)

    # -- commit -----------------------------------------------------------------------------------
    async def _finish_if_complete(self, transfer: _Incoming) -> None:
        """Commit the study whole once every file is verified (again after a crash), then sign the receipt."""
        if transfer.machine.state is not ReceiverState.COMPLETE or transfer.machine.receipt_bytes:
            return
        async with transfer.lock:
            if transfer.machine.receipt_bytes or transfer.machine.state is not ReceiverState.COMPLETE:
                return  # committed meanwhile, or abandoned by its sender
            count = await asyncio.to_thread(self._commit, transfer)
            fault_point("receiver", "after_commit_before_reply")
            # Done: later offers and queries are answered from the stored receipt; nothing stays in memory.
            self._transfers.pop(transfer.machine.transfer_id, None)
            transfer.parsed.clear()
        log.info("transfer %s from site %s committed: %d instances", transfer.id, transfer.peer, count)
        self._emit(EngineEvent("transfer_received", {
            "id": transfer.id, "peer": transfer.peer, "study_uid": transfer.machine.manifest.study_uid,
            "files": count, "seconds": round(time.monotonic() - transfer.started, 3),
        }))

    def _commit(self, transfer: _Incoming) -> int:
        m = transfer.machine.manifest
        placed: list[ReceivedInstance] = []
        moved_dirs: set[Path] = set()
        for index, f in enumerate(m.files):
            relative = self._spool.relative_path(m.study_uid, f.series_uid, f.sop_instance_uid)
            final = self._spool.absolute(relative)
            part = transfer.part(index)
            held = self._journal.held_instance(f.sop_instance_uid)
            if held is not None:
                # Already in the spool: a re-sent study, or moved and re-recorded by recovery before a crash
                # ended this commit. Never replaced, never duplicated; a different content is kept out.
                if held[1] == f.sha256:
                    ref = InstanceRef(m.study_uid, f.series_uid, f.sop_instance_uid, "", held[0], f.size, f.sha256)
                    placed.append(ReceivedInstance(ref, StudyAttributes(), ""))
                elif part.exists():  # a corrected copy? Ours stays; theirs is kept aside for a person to compare.
                    log.warning("transfer %s file %d: instance %s already held with other content (sha256 %s, "
                                "ours %s); ours kept, theirs quarantined", transfer.id, index, f.sop_instance_uid,
                                f.sha256[:16], held[1][:16])
                    self._quarantine(part, transfer, f.sha256, f"{OTHER_CONTENT}: {f.sop_instance_uid}")
                continue
            source = self._current_path(transfer, index)  # moved before a crash, not yet recorded
            try:
                identity, attributes, syntax = transfer.parsed.get(index) or read_instance(source)
                if (identity.study_uid, identity.series_uid, identity.sop_instance_uid) != (
                    m.study_uid, f.series_uid, f.sop_instance_uid
                ):
                    raise InvalidDicom("its UIDs differ from the manifest's")
            except (InvalidDicom, OSError) as exc:
                log.error("transfer %s file %d is not usable DICOM: %s", transfer.id, index, exc)
                if source.exists():
                    self._quarantine(source, transfer, f.sha256, f"peer file not usable: {exc}")
                continue
            if source == part:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, final)
                moved_dirs.add(final.parent)
            ref = InstanceRef(m.study_uid, f.series_uid, f.sop_instance_uid, identity.sop_class_uid, relative,
                              f.size, f.sha256)
            placed.append(ReceivedInstance(ref, attributes, syntax))
        for folder in moved_dirs:
            fsync_dir(folder)
        fault_point("receiver", "after_move_before_record")
        receipt = transfer.machine.receipt(time.time()).receipt
        self._journal.commit_incoming(transfer.id, transfer.peer, placed, receipt, RECEIVED_REASON)
        shutil.rmtree(transfer.folder, ignore_errors=True)
        return len(placed)

    def _quarantine(self, source: Path, transfer: _Incoming, sha256: str, reason: str) -> None:
        """Keep a received file out of the spool, with its reason, counted in `status` (then drop our copy;
        a crash between the two quarantines it twice, never loses it)."""
        target = self._spool.quarantine(source, reason, f"peer:{transfer.peer}")
        self._journal.record_quarantine(target.name, reason, f"peer:{transfer.peer}", sha256)
        source.unlink()

    async def recover(self) -> int:
        """After a restart: finish committing transfers whose files were all verified. Returns how many."""
        finished = 0
        for transfer_id in await asyncio.to_thread(self._journal.unfinished_incoming):
            protocol_id = bytes.fromhex(transfer_id)
            resumed = await asyncio.to_thread(self._resume, protocol_id)
            if resumed is None:
                continue
            transfer = self._transfers.setdefault(protocol_id, resumed)
            try:
                await self._settle(transfer)
            except (PasserelleError, OSError) as exc:  # the sender's next query retries it
                log.error("transfer %s cannot be finished after the restart: %s", transfer_id, exc)
                continue
            if transfer.machine.receipt_bytes:
                finished += 1
        return finished
