"""The receiver's group commit: every chunk is recorded once, only after its file and folder were fsynced,
with several batches in progress at once and none left waiting."""

from __future__ import annotations

import asyncio
import os
import random
from pathlib import Path

import pytest

from appliance.service import transfer_durability
from appliance.service.transfer_durability import GroupCommit, JournaledTransfer


class _Transfer(JournaledTransfer):
    def __init__(self, folder: Path) -> None:
        self.id = "t1"
        self.folder = folder


class _Journal:
    def __init__(self, synced: set[str]) -> None:
        self.synced = synced
        self.recorded: list[tuple[int, int]] = []
        self.verified: list[int] = []
        self.unsynced_records = 0

    def record_chunks(self, transfer_id: str, rows: object, verified: object = ()) -> None:
        for file_index, chunk_index, _ in rows:  # type: ignore[attr-defined]
            if f"{file_index:06d}.part" not in self.synced:
                self.unsynced_records += 1
            self.recorded.append((file_index, chunk_index))
        self.verified.extend(verified)  # type: ignore[arg-type]


@pytest.mark.parametrize("flushers", [1, 3])
def test_each_chunk_recorded_once_after_its_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   flushers: int) -> None:
    synced: set[str] = set()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        name = os.readlink(f"/proc/self/fd/{fd}")
        synced.add(os.path.basename(name))

    monkeypatch.setattr(transfer_durability.os, "fsync", fsync)
    journal = _Journal(synced)
    transfer = _Transfer(tmp_path)
    group = GroupCommit(journal, flushers=flushers)  # type: ignore[arg-type]

    async def one(file_index: int) -> None:
        await asyncio.sleep(random.random() / 200)
        transfer.part(file_index).write_bytes(b"x" * 100)
        if file_index % 7 == 0:
            group.note_verified(transfer.id, file_index)
        await group.durable(transfer, file_index, 0, 100)

    async def main() -> None:
        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(60))), timeout=30)

    asyncio.run(main())
    assert sorted(journal.recorded) == [(i, 0) for i in range(60)]
    assert journal.unsynced_records == 0
    assert not group._runners  # every drain stopped, none counted after it stopped
