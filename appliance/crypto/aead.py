"""XChaCha20-Poly1305 sealing with a random 24-byte nonce and associated data.

`seal`/`unseal` take and return bytes (control messages). `seal_into`/`unseal_view` are the same
construction for bulk data: they read from any buffer (a memoryview of an HTTP body) and encrypt or
decrypt straight into one output buffer, through the libsodium that PyNaCl bundles, so a chunk is not
copied three or four times on its way (PyNaCl's bindings accept bytes only and copy their result).
"""

from __future__ import annotations

import nacl.bindings as sodium
import nacl.exceptions
import nacl.utils
from nacl._sodium import ffi, lib

Buffer = bytes | bytearray | memoryview

NONCE_BYTES: int = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
TAG_BYTES: int = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES
KEY_BYTES: int = sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES
OVERHEAD = NONCE_BYTES + TAG_BYTES
MAX_BULK = 1 << 30  # far above any chunk; the caller's frame limit is the real bound


class SealBroken(ValueError):
    """The ciphertext, its nonce or its associated data was altered, or the key is wrong."""


def seal(key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """nonce || ciphertext+tag, the nonce drawn at random (safe with 24 bytes)."""
    nonce = nacl.utils.random(NONCE_BYTES)
    box: bytes = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associated, nonce, key)
    return nonce + box


def unseal(key: bytes, sealed: bytes, associated: bytes) -> bytes:
    """The plaintext of `seal`'s output; raises SealBroken on any tampering or wrong key."""
    if len(sealed) < OVERHEAD:
        raise SealBroken("sealed data too short")
    nonce, box = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        plain: bytes = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(box, associated, nonce, key)
    except nacl.exceptions.CryptoError as exc:
        raise SealBroken("authentication failed") from exc
    return plain


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise TypeError(f"key must be {KEY_BYTES} bytes")


def seal_into(out: bytearray | memoryview, start: int, key: bytes, plaintext: Buffer, associated: bytes) -> None:
    """Write nonce || ciphertext+tag of `plaintext` into `out[start:]` (exactly OVERHEAD + len bytes long).

    Same bytes on the wire as `seal`; no intermediate copy of the plaintext or the ciphertext. The plaintext may
    be `out[start + NONCE_BYTES:]` itself (libsodium encrypts in place)."""
    _check_key(key)
    source = memoryview(plaintext).cast("B")
    length = len(source)
    if length > MAX_BULK or len(out) - start != OVERHEAD + length or start < 0:
        raise ValueError("output buffer does not fit nonce, ciphertext and tag")
    nonce = nacl.utils.random(NONCE_BYTES)
    out[start : start + NONCE_BYTES] = nonce
    target = ffi.from_buffer("unsigned char[]", out, require_writable=True) + start + NONCE_BYTES
    written = ffi.new("unsigned long long *")
    result = lib.crypto_aead_xchacha20poly1305_ietf_encrypt(
        target, written, ffi.from_buffer(source), length, associated, len(associated), ffi.NULL, nonce, key,
    )
    if result != 0 or written[0] != length + TAG_BYTES:
        raise RuntimeError("libsodium refused to encrypt")


def unseal_view(key: bytes, sealed: Buffer, associated: bytes, in_place: bool = False) -> bytearray | memoryview:
    """The plaintext of nonce || ciphertext+tag read from any buffer (no copy of the input).

    With `in_place`, `sealed` must be writable: the plaintext is decrypted over the ciphertext and returned as a
    view of it (no allocation at all); the caller gives up the sealed bytes. Raises SealBroken on any tampering
    or wrong key; nothing of an unauthenticated plaintext is returned (libsodium checks the tag first)."""
    _check_key(key)
    view = memoryview(sealed).cast("B")
    if len(view) < OVERHEAD:
        raise SealBroken("sealed data too short")
    if len(view) > MAX_BULK:
        raise SealBroken("sealed data too long")
    nonce = bytes(view[:NONCE_BYTES])
    box = view[NONCE_BYTES:]
    length = len(box) - TAG_BYTES
    plain: bytearray | memoryview
    if in_place:
        if view.readonly:
            raise TypeError("in-place opening needs a writable buffer")
        plain = box[:length]
    else:
        plain = bytearray(length)
    produced = ffi.new("unsigned long long *")
    target = ffi.from_buffer("unsigned char[]", plain, require_writable=True)
    result = lib.crypto_aead_xchacha20poly1305_ietf_decrypt(
        target, produced, ffi.NULL, ffi.from_buffer(box), len(box), associated, len(associated), nonce, key,
    )
    if result != 0:
        raise SealBroken("authentication failed")
    return plain
