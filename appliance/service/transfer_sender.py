"""The sending side of peer transfers: freeze and sign the manifest, offer, send what is missing, keep the receipt.

One `send()` call is one attempt: open a session, offer (or re-offer) the frozen manifest, upload the
chunks the receiver says it misses (several to a request, several requests in flight, each batch read and
sealed in one buffer by a worker thread), ask again, and store the receipt. Any failure leaves the
transfer where it was; the caller retries with backoff. While chunks go out (at each progress flush, twice
a second) and while waiting for the receipt, the attempt reads the transfer's state: 'failed' (a person
cancelled it, in this process or another) stops it with `TransferCancelled`. The caller cancels its own
attempts at once (`TransferService.cancel`).

`abandon()` tells the receiver of a failed (cancelled) transfer to drop its partial data: one session, one
sealed `abandon` message, its answer recorded so that it is not sent again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from appliance.directory.document import Directory
from appliance.domain import EngineEvent, SiteId
from appliance.errors import PeerError, PeerUnreachable
from appliance.protocol.batch import plan_batches
from appliance.protocol.framing import PREFIX_BYTES, FrameKind, frame_prefix
from appliance.protocol.manifest import DEFAULT_CHUNK_SIZE, Manifest, ManifestFile, chunk_count_for, sign_manifest
from appliance.protocol.messages import KEY_BYTES, Slot
from appliance.protocol.peers import LocalKeys
from appliance.protocol.sender import (
    AbandonAcknowledged,
    ChunksNeeded,
    ReceiptRejected,
    SenderTransfer,
    TransferDone,
    TransferFailed,
    WaitForReceipt,
)
from appliance.service.transfer_files import read_into
from appliance.store.spool import Spool
from appliance.store.transfers import AbandonDue, OutgoingTransfer, TransferJournal
from appliance.transport.client import PeerClient, PeerLink
from appliance.transport.faults import fault_point

log = logging.getLogger(__name__)
Emit = Callable[[EngineEvent], None]
PROGRESS_INTERVAL = 0.5
RECEIPT_POLLS = 40
MAX_ROUNDS = 8
MAX_HINTS = 3
# Chunks travel several to a request (POST /psl1/chunks): up to BATCH_BYTES of sealed frames or BATCH_CHUNKS
# chunks each. With `in_flight` requests, at most in_flight x BATCH_BYTES of sealed chunks are in memory.
IN_FLIGHT = 6  # upload requests at once
BATCH_BYTES = 4 * 1024 * 1024 + 64 * 1024  # two chunks of the default 2 MiB with their frames, and small ones
MIN_BATCH_BYTES = 256 * 1024
BATCH_CHUNKS = 256
Hints = Callable[[str], list[str]]


def batch_budget(missing_bytes: int, in_flight: int, rate_bytes: float = 0) -> int:
    """Bytes of sealed chunks per request: BATCH_BYTES, less for a small upload (so that it still spreads over
    the requests in flight) or under a bandwidth cap of `rate_bytes` per second (about a second's worth, so
    that progress stays smooth)."""
    budget = min(BATCH_BYTES, max(MIN_BATCH_BYTES, missing_bytes // (2 * max(1, in_flight))))
    if rate_bytes > 0:
        budget = min(budget, max(MIN_BATCH_BYTES, int(rate_bytes)))
    return budget


def _no_hints(site_id: str) -> list[str]:
    return []


class TransferGivenUp(PeerError):
    """The transfer cannot succeed (refused by the peer, files gone): it is marked failed."""


class TransferCancelled(Exception):
    """A person cancelled the transfer while an attempt was running: the attempt stops, the state stays theirs."""


def _no_state(transfer_id: str) -> str:
    return ""


@dataclass
class _Progress:
    """Counters of one attempt, flushed to the journal and the event stream twice a second."""

    transfer: OutgoingTransfer
    files_total: int
    bytes_total: int
    files_done: int
    bytes_done: int
    outstanding: dict[int, int]
    unflushed_chunks: int = 0
    sent_bytes: int = 0
    started: float = field(default_factory=time.monotonic)
    flushed: float = 0.0


class TransferSender:
    """Attempts to deliver one outgoing transfer at a time per call; safe to run several concurrently."""

    def __init__(
        self, keys: LocalKeys, journal: TransferJournal, spool: Spool, client: PeerClient, emit: Emit,
        in_flight: int = IN_FLIGHT, chunk_size: int = DEFAULT_CHUNK_SIZE, state_of: Callable[[str], str] = _no_state,
        begin: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        self._keys = keys
        self._journal = journal
        self._spool = spool
        self._client = client
        self._emit = emit
        self._in_flight = in_flight
        self._chunk_size = chunk_size
        self._hints: Hints = _no_hints
        self._state_of = state_of  # the transfer's state as the database has it ('' when not checked)
        self._begin = begin or self._start_attempt  # may raise TransferCancelled: the transfer is no longer due

    def use_hints(self, hints: Hints) -> None:
        """LAN hints (site id -> URLs) to try when the directory's endpoint is unreachable; never trusted:
        the handshake still proves, against the directory, who answers there."""
        self._hints = hints

    async def send(self, row: OutgoingTransfer, directory: Directory) -> None:
        """One attempt. Returns when the receipt is stored; raises PeerError (retry) or TransferGivenUp."""
        entry = directory.find_site(row.peer)
        if entry is None or directory.is_revoked(row.peer):
            raise TransferGivenUp(f"site {row.peer} is no longer an unrevoked member of the directory")
        if not entry.endpoints and not self._hints(row.peer):
            raise PeerUnreachable(f"the directory lists no endpoint for site {row.peer}")
        signed, key = row.signed_manifest, row.transfer_key
        if not signed:
            signed, key = await asyncio.to_thread(self._freeze, row)
        machine = SenderTransfer(self._keys, directory, signed, key)
        await self._begin(row.id)
        endpoints = entry.endpoints
        endpoint = endpoints[row.attempts % len(endpoints)] if endpoints else ""  # after a failure, the next one
        link = await self._connect(SiteId(row.peer), endpoint)
        event = machine.receive(await link.control(machine.offer()))
        missing = len(event.slots) if isinstance(event, ChunksNeeded) else 0
        await asyncio.to_thread(self._journal.offer_answered, row.id, missing)
        log.info("transfer %s offered to site %s: %d of %d chunks missing", row.id, row.peer, missing,
                 machine.manifest.total_chunks)
        polls = rounds = 0
        while True:
            if isinstance(event, TransferDone):
                fault_point("sender", "receipt_before_store")
                await asyncio.to_thread(self._journal.delivered, row.id, event.receipt)
                log.info("transfer %s delivered to site %s (receipt stored)", row.id, row.peer)
                self._emit(EngineEvent("transfer_done", {"id": row.id, "peer": row.peer, "direction": "out"}))
                return
            if isinstance(event, TransferFailed):
                raise TransferGivenUp(event.reason)
            if isinstance(event, ReceiptRejected):
                raise PeerUnreachable(f"receiver's answer rejected: {event.reason}")
            if isinstance(event, ChunksNeeded):
                rounds += 1
                if rounds > MAX_ROUNDS:  # the receiver keeps asking again (refused chunks, corrupt files)
                    raise PeerUnreachable(f"receiver still misses {len(event.slots)} chunks after {MAX_ROUNDS} rounds")
                await self._upload(link, machine, row, event.slots)
            elif isinstance(event, WaitForReceipt):
                await self._check_not_cancelled(row.id)
                polls += 1
                if polls > RECEIPT_POLLS:
                    raise PeerUnreachable("the receiver holds every chunk but has not issued its receipt yet")
                await asyncio.sleep(min(5.0, 0.1 * polls))
            event = machine.receive(await link.control(machine.query()))

    async def abandon(self, due: AbandonDue, directory: Directory, attempt: int = 0) -> str:
        """Tell the receiver this failed transfer is abandoned; returns its answer (abandoned, held, unknown),
        recorded so that it is not told again. Raises PeerError (try again later) or TransferGivenUp (the site
        is no longer an unrevoked member: it cannot be told; recorded as such)."""
        entry = directory.find_site(due.peer)
        if entry is None or directory.is_revoked(due.peer):
            await asyncio.to_thread(self._journal.abandon_closed, due.id, "not told: site not in the directory")
            raise TransferGivenUp(f"site {due.peer} is no longer an unrevoked member of the directory")
        key = due.transfer_key if len(due.transfer_key) == KEY_BYTES else bytes(KEY_BYTES)  # not used to abandon
        machine = SenderTransfer(self._keys, directory, due.signed_manifest, key)
        endpoints = entry.endpoints
        link = await self._connect(SiteId(due.peer), endpoints[attempt % len(endpoints)] if endpoints else "")
        event = machine.abandon_answered(await link.control(machine.abandon()))
        if not isinstance(event, AbandonAcknowledged):
            raise PeerUnreachable(f"receiver's answer to the abandon rejected: {event.reason}")
        await asyncio.to_thread(self._journal.abandon_closed, due.id, event.status)
        return event.status

    async def _start_attempt(self, transfer_id: str) -> None:
        await asyncio.to_thread(self._journal.start_attempt, transfer_id)

    async def _connect(self, peer: SiteId, endpoint: str) -> PeerLink:
        """A session at the directory's endpoint; when it is unreachable, at a LAN hint (a few at most)."""
        failure = PeerUnreachable(f"the directory lists no endpoint for site {peer}")
        if endpoint:
            try:
                return await self._client.connect(peer, endpoint)
            except PeerUnreachable as exc:  # a refused handshake is an answer: no hint for that
                failure = exc
        for hint in [h for h in self._hints(peer) if h.rstrip("/") != endpoint.rstrip("/")][:MAX_HINTS]:
            try:
                link = await self._client.connect(peer, hint)
            except PeerError as exc:
                log.info("site %s: LAN hint %s did not work: %s", peer, hint, exc)
                continue
            log.info("site %s unreachable at its directory endpoint; session opened through LAN hint %s", peer, hint)
            return link
        raise failure

    def _freeze(self, row: OutgoingTransfer) -> tuple[bytes, bytes]:
        """Sign the manifest of the queued files and persist it with a fresh key, before the first offer."""
        files = self._journal.outgoing_files(row.id)
        if not files:
            raise TransferGivenUp("the transfer has no files")
        for f in files:
            if not f.series_uid or not self._spool.absolute(f.path).is_file():
                raise TransferGivenUp(f"instance {f.sop_instance_uid} is no longer in the spool")
        size = self._chunk_size
        manifest = Manifest(
            transfer_id=bytes.fromhex(row.id) if len(row.id) == 32 else os.urandom(16),
            sender=self._keys.site_id,
            receiver=SiteId(row.peer),
            study_uid=row.study_uid,
            created=int(time.time()),
            chunk_size=size,
            files=tuple(
                ManifestFile(f.series_uid, f.sop_instance_uid, f.size, f.sha256, chunk_count_for(f.size, size))
                for f in files
            ),
        )
        signed, key = sign_manifest(self._keys, manifest), os.urandom(KEY_BYTES)
        self._journal.freeze_outgoing(row.id, manifest.transfer_id, signed, key, manifest.hash.hex(),
                                      manifest.total_chunks)
        return signed, key

    # -- chunks -----------------------------------------------------------------------------------
    async def _upload(self, link: PeerLink, machine: SenderTransfer, row: OutgoingTransfer,
                      slots: tuple[Slot, ...]) -> None:
        """Send every slot in `slots`, in batches of several chunks per request (file order), `in_flight`
        requests at a time; progress is flushed as acknowledgements arrive. At most `in_flight` batches are
        built or on the wire at once, which bounds the memory of an upload."""
        m = machine.manifest
        paths = {i: self._spool.absolute(f.path) for i, f in enumerate(await asyncio.to_thread(
            self._journal.outgoing_files, row.id))}
        outstanding: dict[int, int] = {}
        missing_bytes = 0
        for file_index, chunk_index in slots:
            outstanding[file_index] = outstanding.get(file_index, 0) + 1
            missing_bytes += m.chunk_span(file_index, chunk_index)[1]
        progress = _Progress(row, len(m.files), m.total_bytes, len(m.files) - len(outstanding),
                             m.total_bytes - missing_bytes, outstanding)
        bucket = self._client.bucket
        budget = batch_budget(missing_bytes, self._in_flight, 0 if bucket.unlimited else bucket.rate)
        queue = iter(plan_batches(slots, machine.frame_bytes, budget, BATCH_CHUNKS))
        free: list[bytearray] = []  # batch buffers the peer has read whole, filled again (no zeroing, no faults)

        async def worker() -> None:
            for batch in queue:
                reuse = free.pop() if free else None
                buffer, size = await asyncio.to_thread(self._sealed_batch, machine, paths, batch, reuse, budget)
                del reuse
                verdicts = await link.chunks(memoryview(buffer)[:size], len(batch))
                if link.batches:  # answered by the batch endpoint, so sent whole: nothing still reads it
                    free.append(buffer)
                del buffer
                for (file_index, chunk_index), reason in zip(batch, verdicts, strict=True):
                    if reason:
                        log.warning("transfer %s: peer refused chunk %d/%d: %s", row.id, file_index, chunk_index,
                                    reason)
                        continue
                    fault_point("sender", "after_chunk_sent")
                    self._acknowledged(progress, file_index, m.chunk_span(file_index, chunk_index)[1])
                if await self._flush(progress, force=False):
                    await self._check_not_cancelled(row.id)

        workers = [asyncio.create_task(worker()) for _ in range(self._in_flight)]
        try:
            await asyncio.gather(*workers)
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            await self._flush(progress, force=True)

    @staticmethod
    def _sealed_batch(machine: SenderTransfer, paths: dict[int, Path], batch: tuple[Slot, ...],
                      buffer: bytearray | None, budget: int) -> tuple[bytearray, int]:
        """The CHUNKS frame of `batch`, built at the start of `buffer` (a new one when it does not fit), and its
        length: each slot's bytes read from the spool straight into their place and encrypted there. In a worker
        thread: one hand-off per batch."""
        sizes = [machine.frame_bytes(file_index, chunk_index) for file_index, chunk_index in batch]
        size = PREFIX_BYTES + sum(sizes)
        if buffer is None or len(buffer) < size:  # never resized: an old view of it may still be around
            buffer = bytearray(max(size, PREFIX_BYTES + budget))
        view = memoryview(buffer)
        view[:PREFIX_BYTES] = frame_prefix(FrameKind.CHUNKS, size - PREFIX_BYTES)
        at = PREFIX_BYTES
        for (file_index, chunk_index), frame_size in zip(batch, sizes, strict=True):
            fill = partial(read_into, paths[file_index], machine.chunk_span(file_index, chunk_index)[0])
            machine.seal_chunk_frame_into(view[at : at + frame_size], file_index, chunk_index, fill)
            at += frame_size
        return buffer, size

    @staticmethod
    def _acknowledged(progress: _Progress, file_index: int, length: int) -> None:
        progress.unflushed_chunks += 1
        progress.bytes_done += length
        progress.sent_bytes += length
        progress.outstanding[file_index] -= 1
        if progress.outstanding[file_index] == 0:
            progress.files_done += 1

    async def _check_not_cancelled(self, transfer_id: str) -> None:
        """Stop the attempt when someone (the GUI, another process) has failed the transfer meanwhile."""
        if await asyncio.to_thread(self._state_of, transfer_id) == "failed":
            raise TransferCancelled(f"transfer {transfer_id} was cancelled during the attempt")

    async def _flush(self, progress: _Progress, force: bool) -> bool:
        """Write the progress at most every PROGRESS_INTERVAL (unless forced); True when it was written."""
        now = time.monotonic()
        if not force and now - progress.flushed < PROGRESS_INTERVAL:
            return False
        progress.flushed = now
        chunks, progress.unflushed_chunks = progress.unflushed_chunks, 0
        await asyncio.to_thread(self._journal.chunks_sent, progress.transfer.id, chunks, progress.files_done,
                                progress.bytes_done)
        elapsed = max(now - progress.started, 1e-6)
        self._emit(EngineEvent("transfer_progress", {
            "id": progress.transfer.id, "direction": "out", "peer": progress.transfer.peer,
            "files_done": progress.files_done, "files_total": progress.files_total,
            "bytes_done": progress.bytes_done, "bytes_total": progress.bytes_total,
            "bytes_per_second": round(progress.sent_bytes / elapsed),
        }))
        return True
