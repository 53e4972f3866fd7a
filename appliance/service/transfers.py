"""The transfer service: the peer endpoint (receiving) and the sender loop (delivering queued studies).

The engine owns one `TransferService` and runs it on its loop:

    service = TransferService(site, store, spool, emit)
    await service.start()      # finish interrupted commits, listen on bind_host:http_port, start the sender loop
    await service.kick()       # something was queued: look now
    await service.cancel(id, who)   # a person cancels: failed with the reason, a running attempt stops
    await service.stop()

Outgoing: every queued or sending transfer whose `next_attempt` is due gets an attempt (a few at once).
A failed attempt is retried with exponential backoff and jitter (1 s doubling, capped at 1 h, forever);
a refusal by the peer or a vanished spool file marks it failed. Work queued in this process wakes the
sender at once (`kick`); a study queued by another process (`passerelle send`) is noticed within 0.1 s by
watching the database files (`DatabaseWatch`), and the queue is read at least every 2 s for due retries.
A directory expired beyond its grace stops new outgoing transfers (state stays queued, with the reason);
transfers already started go on. A person's cancel fails the transfer and stops a running attempt.

Abandon: the receiver of a failed outgoing transfer whose manifest went out (it may hold part of it) is told
to drop its partial data (a sealed `abandon`, docs/protocol.md): once right after the cancel, then with the
same backoff as transfers until it answers (abandoned, held, or unknown), also after a restart and for a
cancel written by another process (the database is scanned every ABANDON_SCAN_SECONDS). The answer is
recorded (audit 'abandon-closed'); a transfer retried and failed again is told again. A site no longer in
the directory cannot be told: its receiver gives the transfer up by itself (spool retention, stale pass).

Incoming: a study whose every file is verified is moved into the spool, recorded as instances with
source 'peer' and origin = the sender's site id, and its transfer goes to state 'storing' with the reason
"received: awaiting reconciliation" (reconciliation and the PACS push are later steps that take it from
there; 'done' on an incoming transfer means the PACS holds every file, or a person rejected it).
Its signed receipt is stored with it and returned to any later offer or query.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta

from appliance.directory.document import Directory
from appliance.directory.verify import Freshness
from appliance.domain import EngineEvent
from appliance.errors import PasserelleError
from appliance.service import sites
from appliance.service.db_watch import WATCH_SECONDS, DatabaseWatch
from appliance.service.site import Site
from appliance.service.transfer_receiver import Emit, TransferReceiver
from appliance.service.transfer_sender import TransferCancelled, TransferGivenUp, TransferSender
from appliance.store.incoming import transfer_state
from appliance.store.spool import Spool
from appliance.store.state import StateStore, now_iso
from appliance.store.transfers import OutgoingTransfer, TransferJournal
from appliance.transport.backoff import Backoff
from appliance.transport.bandwidth import TokenBucket
from appliance.transport.client import PeerClient, close_quietly
from appliance.transport.server import PeerServer

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0
MAX_CONCURRENT = 3
ABANDON_SCAN_SECONDS = 10.0
DIRECTORY_RECHECK = timedelta(minutes=1)


class TransferService:
    """Peer endpoint plus sender loop, both on the engine's asyncio loop."""

    def __init__(self, site: Site, store: StateStore, spool: Spool, emit: Emit, backoff: Backoff | None = None) -> None:
        s = site.settings
        self._site = site
        self._emit = emit
        self.journal = TransferJournal(store.database)
        self._backoff = backoff or Backoff(base_seconds=1.0, cap_seconds=3600.0)
        self._directory_cache: tuple[tuple[int, int], Directory | None] | None = None
        self.client = PeerClient(site.keys, self.directory, s.proxy_url, TokenBucket.from_kbps(s.bandwidth_limit_kbps))
        self.receiver = TransferReceiver(site.keys, self.directory, self.journal, spool, emit)
        self.sender = TransferSender(site.keys, self.journal, spool, self.client, emit,
                                     state_of=lambda transfer_id: transfer_state(store, transfer_id)[0],
                                     begin=self._begin_attempt)
        self._store = store
        self._starting = asyncio.Lock()  # an attempt's start and a cancel never interleave
        self.server = PeerServer(site.keys, self.directory, self.receiver, s.bind_host, s.http_port)
        self._wake: asyncio.Event | None = None
        self._loop_task: asyncio.Task[None] | None = None
        self._active: dict[str, asyncio.Task[None]] = {}
        self._abandons: dict[str, tuple[int, float]] = {}  # transfer id -> (failed tries, monotonic time due)
        self._abandon_scan = 0.0  # monotonic time of the next database scan for abandons to tell

    # -- life cycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        finished = await self.receiver.recover()
        if finished:
            log.info("%d interrupted incoming commits finished", finished)
        await self.server.start()
        self._wake = asyncio.Event()
        self._loop_task = asyncio.create_task(self._sender_loop(), name="passerelle-sender")

    async def stop(self) -> None:
        tasks = [t for t in (self._loop_task, *self._active.values()) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.server.stop()
        await close_quietly(self.client)

    async def kick(self) -> None:
        """Look for queued transfers now."""
        if self._wake is not None:
            self._wake.set()

    async def cancel(self, transfer_id: str, who: str) -> bool:
        """A person cancels an outgoing transfer: it is failed with "cancelled by <who>" and a running attempt
        stops now. Returns False when it was no longer queued or sending (delivered, failed, unknown)."""
        async with self._starting:
            state, _ = await asyncio.to_thread(transfer_state, self._store, transfer_id)
            if state not in ("queued", "sending"):
                return False
            await asyncio.to_thread(self.journal.fail, transfer_id, f"cancelled by {who}")
            task = self._active.get(transfer_id)
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        log.info("transfer %s cancelled by a user (a running attempt: %s)", transfer_id, task is not None)
        self._emit(EngineEvent("transfers_changed", {"id": transfer_id}))
        self._tell_abandon(transfer_id)
        return True

    def _tell_abandon(self, transfer_id: str) -> None:
        """Tell the receiver now (best effort; retried with backoff until it answers)."""
        self._abandons[transfer_id] = (0, time.monotonic())
        if self._wake is not None:
            self._wake.set()

    async def _begin_attempt(self, transfer_id: str) -> None:
        """Mark the transfer 'sending' unless it was cancelled since the queue was read (then no attempt)."""
        async with self._starting:
            state, _ = await asyncio.to_thread(transfer_state, self._store, transfer_id)
            if state not in ("queued", "sending"):
                raise TransferCancelled(f"transfer {transfer_id} is {state or 'unknown'}: no attempt")
            await asyncio.to_thread(self.journal.start_attempt, transfer_id)

    @property
    def port(self) -> int:
        return self.server.port

    def directory(self) -> Directory | None:
        """The installed directory (re-verified only when its file changes); None if none is usable."""
        path = sites.trust_dir_of(self._site.settings.home) / "directory.json"
        try:
            stat = path.stat()
            key = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            return None
        if self._directory_cache is None or self._directory_cache[0] != key:
            try:
                directory = sites.installed_directory(self._site)
            except PasserelleError as exc:
                log.error("installed directory unusable: %s", exc)
                directory = None
            self._directory_cache = (key, directory)
        return self._directory_cache[1]

    # -- sender loop ------------------------------------------------------------------------------
    async def _sender_loop(self) -> None:
        assert self._wake is not None
        watch = DatabaseWatch(self._site.settings.db_path)
        while True:
            try:
                await self._start_due()
            except Exception:
                log.exception("sender loop: cannot read the queue")
            await self._idle(watch)
            self._wake.clear()

    async def _idle(self, watch: DatabaseWatch) -> None:
        """Until a kick (work queued here), a commit by another process (`passerelle send`), or POLL_SECONDS
        (retries whose backoff ended)."""
        assert self._wake is not None
        deadline = time.monotonic() + POLL_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            try:
                await asyncio.wait_for(self._wake.wait(), min(left, WATCH_SECONDS))
                return
            except TimeoutError:
                pass
            if watch.changed():
                return

    async def _start_due(self) -> None:
        rows = await asyncio.to_thread(self.journal.outgoing_due, now_iso())
        for row in rows:
            if row.id in self._active:
                continue
            if len(self._active) >= MAX_CONCURRENT:
                break
            directory = self.directory()
            blocked = self._blocked(row, directory)
            if blocked or directory is None:
                later = (datetime.now(UTC) + DIRECTORY_RECHECK).isoformat(timespec="milliseconds")
                await asyncio.to_thread(self.journal.retry_later, row.id, row.attempts, later, blocked)
                continue
            self._active[row.id] = asyncio.create_task(self._attempt(row, directory), name=f"send-{row.id}")
        await self._start_abandons()

    async def _start_abandons(self) -> None:
        """Start telling the receivers of cancelled transfers whose (re)try is due."""
        now = time.monotonic()
        if now >= self._abandon_scan:
            self._abandon_scan = now + ABANDON_SCAN_SECONDS
            for due in await asyncio.to_thread(self.journal.abandon_due):
                self._abandons.setdefault(due.id, (0, now))
        for transfer_id, (failures, at) in list(self._abandons.items()):
            if at > now or transfer_id in self._active:
                continue
            if len(self._active) >= MAX_CONCURRENT:
                break
            directory = self.directory()
            if directory is None:
                continue
            self._active[transfer_id] = asyncio.create_task(self._abandon(transfer_id, failures, directory),
                                                            name=f"abandon-{transfer_id}")

    async def _abandon(self, transfer_id: str, failures: int, directory: Directory) -> None:
        try:
            due = await asyncio.to_thread(self.journal.abandon_due, transfer_id)
            if not due:  # retried, delivered or already told meanwhile
                self._abandons.pop(transfer_id, None)
                return
            status = await self.sender.abandon(due[0], directory, failures)
            self._abandons.pop(transfer_id, None)
            log.info("transfer %s: site %s told of the cancel; it answered %s", transfer_id, due[0].peer, status)
        except TransferGivenUp as exc:
            self._abandons.pop(transfer_id, None)
            log.warning("transfer %s: the receiver cannot be told of the cancel: %s", transfer_id, exc)
        except Exception as exc:
            delay = self._backoff.delay(failures)
            self._abandons[transfer_id] = (failures + 1, time.monotonic() + delay)
            reason = str(exc) if isinstance(exc, PasserelleError) else f"internal error: {type(exc).__name__}"
            if not isinstance(exc, PasserelleError):
                log.exception("transfer %s: unexpected failure telling the receiver of the cancel", transfer_id)
            log.warning("transfer %s: cannot tell the receiver of the cancel (%s); retry in %.1f s", transfer_id,
                        reason, delay)
        finally:
            self._active.pop(transfer_id, None)
            if self._wake is not None:
                self._wake.set()

    def _blocked(self, row: OutgoingTransfer, directory: Directory | None) -> str:
        if directory is None:
            return "no valid directory installed: run `passerelle directory install`"
        if not row.signed_manifest and sites.freshness(directory) is Freshness.EXPIRED:
            return "directory expired beyond its grace: new outgoing transfers are stopped"
        return ""

    async def _attempt(self, row: OutgoingTransfer, directory: Directory) -> None:
        before = await asyncio.to_thread(self.journal.counts, row.id)
        try:
            await self.sender.send(row, directory)
        except TransferCancelled:
            log.info("transfer %s to site %s: attempt stopped, the transfer was cancelled", row.id, row.peer)
            self._emit(EngineEvent("transfers_changed", {"id": row.id}))
            self._abandons[row.id] = (0, time.monotonic())  # cancelled by another process: tell the receiver
        except TransferGivenUp as exc:
            log.error("transfer %s to site %s failed: %s", row.id, row.peer, exc)
            await asyncio.to_thread(self.journal.fail, row.id, str(exc))
            self._emit(EngineEvent("transfer_failed", {"id": row.id, "peer": row.peer, "reason": str(exc)}))
        except Exception as exc:
            after = await asyncio.to_thread(self.journal.counts, row.id)
            progressed = before is not None and after is not None and after.sent > before.sent
            failures = 1 if progressed else row.attempts + 1
            delay = self._backoff.delay(failures - 1)
            reason = str(exc) if isinstance(exc, PasserelleError) else f"internal error: {type(exc).__name__}"
            if not isinstance(exc, PasserelleError):
                log.exception("transfer %s: unexpected failure", row.id)
            log.warning("transfer %s to site %s: %s; retry %d in %.1f s", row.id, row.peer, reason, failures, delay)
            at = (datetime.now(UTC) + timedelta(seconds=delay)).isoformat(timespec="milliseconds")
            await asyncio.to_thread(self.journal.retry_later, row.id, failures, at, f"retrying: {reason}")
        finally:
            self._active.pop(row.id, None)
            if self._wake is not None:
                self._wake.set()


