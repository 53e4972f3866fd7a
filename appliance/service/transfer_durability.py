"""Group commit of the receiver's chunk journal: many written chunks made durable with one fsync per file and
recorded in one transaction, never recorded before they are durable. Up to `FLUSHERS` batches are in progress
at once, so a chunk does not wait for a whole earlier batch's fsyncs before its own begin."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from appliance.store.spool import fsync_dir
from appliance.store.transfers import TransferJournal
from appliance.transport.faults import fault_point

FLUSHERS = 3  # batches being made durable at once


class JournaledTransfer:
    """What the group commit needs to know of a transfer: its id and where its files are written."""

    id: str
    folder: Path

    def part(self, file_index: int) -> Path:
        return self.folder / f"{file_index:06d}.part"


@dataclass
class _Pending:
    transfer: JournaledTransfer
    file_index: int
    chunk_index: int
    size: int
    done: asyncio.Future[None]


class GroupCommit:
    """Makes written chunks durable and records them: one fsync per file and one transaction per batch."""

    def __init__(self, journal: TransferJournal, flushers: int = FLUSHERS) -> None:
        self._journal = journal
        self._pending: list[_Pending] = []
        self._verified: dict[str, list[int]] = {}
        self._flushers = flushers
        self._runners: set[asyncio.Task[None]] = set()

    def note_verified(self, transfer_id: str, file_index: int) -> None:
        """Journal a verified file with the next batch (losing it in a crash only costs a re-hash)."""
        self._verified.setdefault(transfer_id, []).append(file_index)

    async def durable(self, transfer: JournaledTransfer, file_index: int, chunk_index: int, size: int) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(_Pending(transfer, file_index, chunk_index, size, done))
        if len(self._runners) < self._flushers:
            self._runners.add(asyncio.create_task(self._drain()))
        await done

    async def _drain(self) -> None:
        """Flush batches while chunks wait. Several drains run at once: a chunk that arrives during a flush
        starts its own (its fsyncs overlap the other batch's, the transactions take turns) instead of
        waiting for that flush to end. Each batch is recorded only after its own fsyncs."""
        try:
            await self._drain_batches()
        finally:  # at once, not in a done-callback: `durable` must never count a drain that has stopped looking
            task = asyncio.current_task()
            if task is not None:
                self._runners.discard(task)

    async def _drain_batches(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            verified, self._verified = self._verified, {}
            try:
                await asyncio.to_thread(self._flush, batch, verified)
            except Exception as exc:
                for item in batch:
                    if not item.done.done():
                        item.done.set_exception(exc)
            else:
                for item in batch:
                    if not item.done.done():
                        item.done.set_result(None)

    def _flush(self, batch: list[_Pending], verified: dict[str, list[int]]) -> None:
        files = {item.transfer.part(item.file_index) for item in batch}
        for path in files:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for folder in {item.transfer.folder for item in batch}:
            fsync_dir(folder)
        fault_point("receiver", "after_fsync_before_record")
        by_transfer: dict[str, list[tuple[int, int, int]]] = {}
        for item in batch:
            by_transfer.setdefault(item.transfer.id, []).append((item.file_index, item.chunk_index, item.size))
        for transfer_id, rows in by_transfer.items():
            self._journal.record_chunks(transfer_id, rows, verified.pop(transfer_id, ()))
        for transfer_id, indexes in verified.items():
            self._journal.record_chunks(transfer_id, (), indexes)


