"""Key derivation: one BLAKE2b-keyed key per purpose and per direction, and transcript hashing."""

from __future__ import annotations

import nacl.encoding
import nacl.hash

KEY_BYTES = 32

# Every derived key has its own purpose label (at most 16 bytes: BLAKE2b's personalisation field).
PURPOSE_INITIATOR_TO_RESPONDER = b"psl1 i2r ctl"
PURPOSE_RESPONDER_TO_INITIATOR = b"psl1 r2i ctl"
PURPOSE_FINISH = b"psl1 finish"
PURPOSE_READY = b"psl1 ready"
PURPOSE_CHUNK = b"psl1 chunk"
PURPOSE_TRANSCRIPT = b"psl1 transcript"


def derive_key(secret: bytes, purpose: bytes, context: bytes, length: int = KEY_BYTES) -> bytes:
    """A key for one purpose: BLAKE2b(context, key=secret, person=purpose).

    `secret` is high-entropy input key material (a DH output or a random key), so a single keyed
    BLAKE2b call is a sound extract-and-expand step; `context` binds the key to one handshake or
    transfer.
    """
    if not 16 <= len(secret) <= 64:
        raise ValueError("key material must be 16 to 64 bytes")
    if not purpose or len(purpose) > 16:
        raise ValueError("purpose label must be 1 to 16 bytes")
    return nacl.hash.blake2b(context, digest_size=length, key=secret, person=purpose, encoder=nacl.encoding.RawEncoder)


def transcript_hash(*parts: bytes) -> bytes:
    """A hash over the handshake messages exactly as they travelled (length-prefixed, unambiguous)."""
    data = b"".join(len(part).to_bytes(4, "big") + part for part in parts)
    return nacl.hash.blake2b(data, digest_size=32, person=PURPOSE_TRANSCRIPT, encoder=nacl.encoding.RawEncoder)
