"""A copy of an instance on its way into the spool (`appliance.dicom.ingest`): placed under its final name,
or hashed to be compared with the copy already held and set aside in the quarantine."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from appliance.errors import StorageError
from appliance.store.spool import COPY_BLOCK, Spool


def blocks(fp: BinaryIO) -> Iterator[bytes | memoryview]:
    if isinstance(fp, io.BytesIO):
        view = fp.getbuffer()
        start = fp.tell()
        yield view[start:]
        return
    yield from iter(lambda: fp.read(COPY_BLOCK), b"")


def sha256_of(data: bytes | Path) -> str:
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    with open(data, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Arrival:
    """A copy of an instance on its way in: placed in the spool, or compared with the copy held and set aside.

    `size` is that of the Part 10 file it makes, `prefix_len` the part of that file before the data set.
    """

    def __init__(self, size: int, prefix_len: int) -> None:
        self.size = size
        self.prefix_len = prefix_len

    def place(self, final: Path) -> tuple[int, str]:
        """Make the file durable under `final`; its size and sha256."""
        raise NotImplementedError

    def sha256(self) -> str:
        """The sha256 of the file it makes."""
        raise NotImplementedError

    def data_set_sha256(self) -> str:
        """The sha256 of its data set alone (without the file meta)."""
        raise NotImplementedError

    def evidence(self) -> tuple[bytes | Path, str]:
        """What the quarantine keeps of it, and the sha256 of that ("" when not known yet)."""
        raise NotImplementedError


class Streamed(Arrival):
    """A file meta prefix then a data set read from `body` (memory or a file) from its position to `end`."""

    def __init__(self, spool: Spool, prefix: bytes, body: BinaryIO, end: int, original: Path | None) -> None:
        self.start = body.tell()
        super().__init__(len(prefix) + end - self.start, len(prefix))
        self.spool, self.prefix, self.body, self.original = spool, prefix, body, original
        self._digests: tuple[str, str] | None = None

    def _body(self) -> Iterator[bytes | memoryview]:
        self.body.seek(self.start)
        return blocks(self.body)  # memoryview blocks avoid copying a received data set

    def place(self, final: Path) -> tuple[int, str]:
        return self.spool.write_stream(chain([self.prefix], self._body()), final)

    def _hash(self) -> tuple[str, str]:
        if self._digests is None:  # one pass for both
            whole, data_set = hashlib.sha256(self.prefix), hashlib.sha256()
            for block in self._body():
                whole.update(block)
                data_set.update(block)
            self._digests = whole.hexdigest(), data_set.hexdigest()
        return self._digests

    def sha256(self) -> str:
        return self._hash()[0]

    def data_set_sha256(self) -> str:
        return self._hash()[1]

    def evidence(self) -> tuple[bytes | Path, str]:
        if self.original is not None:  # the file as it was given
            return self.original, ""
        return b"".join([self.prefix, *self._body()]), self._digests[0] if self._digests else ""


class Received(Arrival):
    """A data set already written and fsynced to a spool temp file, behind its file meta; its sha256 known."""

    def __init__(self, spool: Spool, tmp: Path, prefix_len: int, size: int, sha256: str) -> None:
        super().__init__(size, prefix_len)
        self.spool, self.tmp, self._sha256 = spool, tmp, sha256

    def place(self, final: Path) -> tuple[int, str]:
        try:
            self.spool.commit(self.tmp, final)
        except OSError as exc:
            raise StorageError(f"cannot move {final.name} into the spool: {exc.strerror}") from exc
        return self.size, self._sha256

    def sha256(self) -> str:
        return self._sha256

    def data_set_sha256(self) -> str:
        with open(self.tmp, "rb") as fp:
            fp.seek(self.prefix_len)
            return hashlib.file_digest(fp, "sha256").hexdigest()

    def evidence(self) -> tuple[bytes | Path, str]:
        return self.tmp, self._sha256
