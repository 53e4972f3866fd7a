"""The receiver's running hash of a multi-chunk file: chunks written early are read back once the gap before
them closes; a chunk written again after it was hashed drops the hash for good, so that an entry always
describes the bytes on disk (otherwise the check reads the whole file back)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from appliance.service.transfer_files import WrittenHashes, write_at

SIZE = 1000


class Files:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hashes = WrittenHashes()

    def write(self, index: int, chunk: int, data: bytes, chunks: int) -> None:
        """What the receiver does under the lock: write the chunk, then follow it with the running hash."""
        path = self.folder / f"{index}.part"
        with self.hashes.lock:
            write_at(path, chunk * SIZE, data)
            self.hashes.chunk(index, chunk, data, path, chunks, lambda c: (c * SIZE, SIZE))

    def take(self, index: int) -> tuple[str, object] | None:
        return self.hashes.take(index)


def incoming(tmp_path: Path) -> Files:
    return Files(tmp_path)


def write(transfer: Files, index: int, chunk: int, data: bytes, chunks: int) -> None:
    transfer.write(index, chunk, data, chunks)


def test_chunks_in_any_order_give_the_file_hash(tmp_path: Path) -> None:
    transfer, parts = incoming(tmp_path), [os.urandom(SIZE) for _ in range(4)]
    for order, index in (([0, 1, 2, 3], 1), ([3, 1, 0, 2], 2), ([2, 3, 0, 1], 3)):
        for position, chunk in enumerate(order):
            write(transfer, index, chunk, parts[chunk], 4)
            if position < 3:
                assert index not in transfer.hashes._known
        assert transfer.take(index) == (hashlib.sha256(b"".join(parts)).hexdigest(), None)
        assert transfer.take(index) is None  # once


def test_a_chunk_written_again_after_it_was_hashed_leaves_no_hash(tmp_path: Path) -> None:
    transfer, parts = incoming(tmp_path), [os.urandom(SIZE) for _ in range(3)]
    write(transfer, 1, 0, parts[0], 3)
    write(transfer, 1, 0, os.urandom(SIZE), 3)  # chunk 0 again, other bytes
    write(transfer, 1, 1, parts[1], 3)
    write(transfer, 1, 2, parts[2], 3)
    assert transfer.take(1) is None  # the check reads the file back
    for chunk in range(3):
        write(transfer, 2, chunk, parts[chunk], 3)
    assert 2 in transfer.hashes._known
    write(transfer, 2, 1, os.urandom(SIZE), 3)  # a late copy of chunk 1 lands over the hashed file
    assert transfer.take(2) is None


def test_a_chunk_written_twice_ahead_of_the_gap_is_read_back_as_it_ends(tmp_path: Path) -> None:
    transfer, parts = incoming(tmp_path), [os.urandom(SIZE) for _ in range(2)]
    write(transfer, 4, 1, os.urandom(SIZE), 2)
    write(transfer, 4, 1, parts[1], 2)  # the last bytes written are what counts
    write(transfer, 4, 0, parts[0], 2)
    known = transfer.take(4)
    assert known is not None and known[0] == hashlib.sha256(parts[0] + parts[1]).hexdigest()
