"""Handshake primitives: ephemeral X25519 agreement, transcript signatures, session key schedule."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

import nacl.bindings as sodium
import nacl.exceptions
from nacl.public import PrivateKey
from nacl.signing import SigningKey, VerifyKey

from appliance.crypto.kdf import (
    PURPOSE_FINISH,
    PURPOSE_INITIATOR_TO_RESPONDER,
    PURPOSE_READY,
    PURPOSE_RESPONDER_TO_INITIATOR,
    derive_key,
)

PUBLIC_KEY_BYTES = 32
SIGNATURE_CONTEXT_HELLO = b"passerelle/1 hello\x00"
SIGNATURE_CONTEXT_REPLY = b"passerelle/1 reply\x00"
SIGNATURE_CONTEXT_FINISH = b"passerelle/1 finish\x00"


class AgreementFailed(ValueError):
    """The peer's ephemeral key is malformed or of low order."""


def new_ephemeral() -> PrivateKey:
    """A fresh X25519 key for one handshake; never stored, so sessions have forward secrecy."""
    return PrivateKey.generate()


def agree(ephemeral: PrivateKey, peer_ephemeral: bytes) -> bytes:
    """X25519(ephemeral, peer_ephemeral); refuses malformed keys and an all-zero result."""
    if len(peer_ephemeral) != PUBLIC_KEY_BYTES:
        raise AgreementFailed("ephemeral key must be 32 bytes")
    try:
        shared: bytes = sodium.crypto_scalarmult(bytes(ephemeral), peer_ephemeral)
    except nacl.exceptions.RuntimeError as exc:  # libsodium refuses low-order points
        raise AgreementFailed("ephemeral key of low order") from exc
    if not any(shared):
        raise AgreementFailed("ephemeral key of low order")
    return shared


def sign(key: SigningKey, context: bytes, message: bytes) -> bytes:
    """A detached Ed25519 signature over context || message."""
    signature: bytes = key.sign(context + message).signature
    return signature


def verify(public_key: bytes, context: bytes, message: bytes, signature: bytes) -> bool:
    """True when `signature` is `public_key`'s signature over context || message."""
    try:
        VerifyKey(public_key).verify(context + message, signature)
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, nacl.exceptions.TypeError):
        return False
    return True


@dataclass(frozen=True)
class SessionKeys:
    """Keys of one session, derived from the ephemeral DH output and the transcript hash."""

    initiator_to_responder: bytes
    responder_to_initiator: bytes
    finish_key: bytes
    ready_key: bytes
    session_id: bytes

    def sending_key(self, initiator: bool) -> bytes:
        return self.initiator_to_responder if initiator else self.responder_to_initiator

    def receiving_key(self, initiator: bool) -> bytes:
        return self.responder_to_initiator if initiator else self.initiator_to_responder


def session_keys(shared_secret: bytes, transcript: bytes) -> SessionKeys:
    """The key schedule: one key per purpose and direction, all bound to the transcript."""
    return SessionKeys(
        initiator_to_responder=derive_key(shared_secret, PURPOSE_INITIATOR_TO_RESPONDER, transcript),
        responder_to_initiator=derive_key(shared_secret, PURPOSE_RESPONDER_TO_INITIATOR, transcript),
        finish_key=derive_key(shared_secret, PURPOSE_FINISH, transcript),
        ready_key=derive_key(shared_secret, PURPOSE_READY, transcript),
        session_id=transcript[:16],
    )


def confirmation(key: bytes, transcript: bytes) -> bytes:
    """A key-confirmation tag: proof that the sender derived the same session keys."""
    return derive_key(key, b"psl1 confirm", transcript)


def confirmation_matches(key: bytes, transcript: bytes, tag: bytes) -> bool:
    return hmac.compare_digest(confirmation(key, transcript), tag)
