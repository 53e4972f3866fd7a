"""Chunk sealing: XChaCha20-Poly1305 under a per-transfer key, with an authenticated slot header."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from appliance.crypto.aead import NONCE_BYTES, OVERHEAD, Buffer, SealBroken, seal, seal_into, unseal_view
from appliance.crypto.kdf import PURPOSE_CHUNK, derive_key
from appliance.errors import ChunkRejected

MAGIC = b"PSC1"
TRANSFER_ID_BYTES = 16
MANIFEST_HASH_BYTES = 32
_HEADER = struct.Struct(">4s16s32sIIIB")
HEADER_BYTES = _HEADER.size
CHUNK_OVERHEAD = HEADER_BYTES + OVERHEAD
PLAINTEXT_AT = HEADER_BYTES + NONCE_BYTES  # where the ciphertext starts in a sealed chunk


@dataclass(frozen=True, slots=True)
class ChunkHeader:
    """Where a chunk belongs: transfer, manifest, file, index, count, and whether it is the last one."""

    transfer_id: bytes
    manifest_hash: bytes
    file_index: int
    chunk_index: int
    chunk_count: int
    last: bool

    def pack(self) -> bytes:
        if len(self.transfer_id) != TRANSFER_ID_BYTES or len(self.manifest_hash) != MANIFEST_HASH_BYTES:
            raise ValueError("transfer id must be 16 bytes and manifest hash 32 bytes")
        if not 0 <= self.chunk_index < self.chunk_count or self.file_index < 0:
            raise ValueError("chunk index out of range")
        if self.last != (self.chunk_index == self.chunk_count - 1):
            raise ValueError("last flag must be set on the final chunk only")
        return _HEADER.pack(
            MAGIC,
            self.transfer_id,
            self.manifest_hash,
            self.file_index,
            self.chunk_index,
            self.chunk_count,
            1 if self.last else 0,
        )

    @classmethod
    def unpack(cls, data: Buffer) -> ChunkHeader:
        if len(data) < HEADER_BYTES:
            raise ChunkRejected("chunk shorter than its header")
        magic, transfer_id, manifest_hash, file_index, index, count, last = _HEADER.unpack_from(data)
        if magic != MAGIC:
            raise ChunkRejected("not a chunk (bad magic)")
        if last not in (0, 1):
            raise ChunkRejected("chunk header has an invalid last flag")
        return cls(transfer_id, manifest_hash, file_index, index, count, last == 1)


def chunk_key(transfer_key: bytes, transfer_id: bytes) -> bytes:
    """The key that seals every chunk of one transfer (derived, so the transfer key itself is never used)."""
    return derive_key(transfer_key, PURPOSE_CHUNK, transfer_id)


def seal_chunk(key: bytes, header: ChunkHeader, plaintext: bytes) -> bytes:
    """header || nonce || ciphertext, the header authenticated as associated data."""
    packed = header.pack()
    return packed + seal(key, plaintext, packed)


def seal_chunk_into(
    out: bytearray | memoryview, start: int, key: bytes, header: ChunkHeader, plaintext: Buffer
) -> None:
    """`seal_chunk` written into `out[start:]` (exactly CHUNK_OVERHEAD + len(plaintext) bytes).

    `plaintext` may already sit in `out` at `start + PLAINTEXT_AT`: it is then encrypted in place."""
    if len(out) - start != CHUNK_OVERHEAD + len(plaintext):
        raise ValueError("output buffer does not fit the sealed chunk")
    packed = header.pack()
    out[start : start + HEADER_BYTES] = packed
    seal_into(out, start + HEADER_BYTES, key, plaintext, packed)


def peek_header(frame: Buffer) -> ChunkHeader:
    """The claimed header of a sealed chunk, not yet authenticated (for routing only)."""
    return ChunkHeader.unpack(frame)


def open_chunk(key: bytes, frame: Buffer, expected: ChunkHeader, in_place: bool = False) -> bytearray | memoryview:
    """The plaintext of a sealed chunk, if it authenticates and sits exactly in the `expected` slot.

    Raises ChunkRejected with a reason for a foreign, moved, truncated or altered chunk. `frame` may be a
    view of a larger buffer: it is read where it is, and the plaintext is the only copy made; with `in_place`
    (a writable frame the caller is done with) not even that: the plaintext is a view of the frame.
    """
    header = ChunkHeader.unpack(frame)
    if header.transfer_id != expected.transfer_id:
        raise ChunkRejected("chunk belongs to another transfer")
    if header.manifest_hash != expected.manifest_hash:
        raise ChunkRejected("chunk belongs to another manifest")
    if (header.file_index, header.chunk_index) != (expected.file_index, expected.chunk_index):
        raise ChunkRejected("chunk is not in the slot it claims")
    if header.chunk_count != expected.chunk_count or header.last != expected.last:
        raise ChunkRejected("chunk count or last flag disagrees with the manifest")
    try:
        view = memoryview(frame)
        return unseal_view(key, view[HEADER_BYTES:], view[:HEADER_BYTES].tobytes(), in_place)
    except SealBroken as exc:
        raise ChunkRejected(f"chunk {header.file_index}/{header.chunk_index} failed authentication") from exc
