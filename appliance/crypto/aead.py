"""XChaCha20-Poly1305 sealing with a random 24-byte nonce and associated data."""

from __future__ import annotations

import nacl.bindings as sodium
import nacl.exceptions
import nacl.utils

NONCE_BYTES: int = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
TAG_BYTES: int = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES
KEY_BYTES: int = sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES
OVERHEAD = NONCE_BYTES + TAG_BYTES


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
