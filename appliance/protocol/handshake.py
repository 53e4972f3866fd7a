"""Handshake state machines (initiator and responder): mutual authentication, fresh ephemeral keys.

Two HTTP round trips: HELLO -> REPLY, then FINISH -> READY. Each method takes the received frame and
returns one event: `Send` (bytes for the peer), `Established` (session open) or `Refused` (terminal,
with a reason). Cheap checks (size, addressee, clock, membership, revocation, replay) run before any
signature verification or Diffie-Hellman.

    Initiator:  START --hello()--> SENT_HELLO --reply ok--> SENT_FINISH --ready ok--> ESTABLISHED
    Responder:  WAIT_HELLO --hello ok--> SENT_REPLY --finish ok--> ESTABLISHED
    any state --bad input--> FAILED (reason)
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
from dataclasses import dataclass

from appliance.crypto.handshake import (
    SIGNATURE_CONTEXT_FINISH,
    SIGNATURE_CONTEXT_HELLO,
    SIGNATURE_CONTEXT_REPLY,
    AgreementFailed,
    agree,
    confirmation,
    confirmation_matches,
    new_ephemeral,
    session_keys,
    sign,
    verify,
)
from appliance.crypto.kdf import transcript_hash
from appliance.domain import SiteId
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, decode_frame, encode_frame
from appliance.protocol.messages import (
    NONCE_BYTES,
    Finish,
    Hello,
    Ready,
    Reply,
    decode_finish,
    decode_hello,
    decode_ready,
    decode_reply,
    encode_finish,
    encode_ready,
    encode_signed,
)
from appliance.protocol.peers import LocalKeys, PeerDirectory, ReplayCache
from appliance.protocol.session import Session

log = logging.getLogger(__name__)

MAX_HANDSHAKE_FRAME = 4096
DEFAULT_CLOCK_WINDOW = 300.0


class HandshakeState(enum.Enum):
    START = "start"
    SENT_HELLO = "sent-hello"
    SENT_FINISH = "sent-finish"
    WAIT_HELLO = "wait-hello"
    SENT_REPLY = "sent-reply"
    ESTABLISHED = "established"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Send:
    data: bytes


@dataclass(frozen=True, slots=True)
class Established:
    session: Session
    data: bytes = b""  # READY frame the responder must return; empty for the initiator


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str


HandshakeEvent = Send | Established | Refused


class _Machine:
    def __init__(self, me: LocalKeys, directory: PeerDirectory, clock_window: float) -> None:
        self._me = me
        self._directory = directory
        self._window = clock_window
        self.state = HandshakeState.START
        self.failure = ""

    def _refuse(self, reason: str) -> Refused:
        self.state = HandshakeState.FAILED
        self.failure = reason
        log.info("handshake refused: %s", reason)
        return Refused(reason)

    def _check_peer(self, peer: SiteId) -> bytes | str:
        """The peer's signing key, or why it is refused (cheap: a dictionary lookup)."""
        if peer == self._me.site_id:
            return "handshake from this site itself"
        if self._directory.is_revoked(peer):
            return f"site {peer} is revoked in the directory"
        entry = self._directory.find_site(peer)
        if entry is None:
            return f"site {peer} is not a member of the directory"
        return entry.signing_key

    def _check_clock(self, timestamp: int, now: float) -> str:
        if abs(now - timestamp) > self._window:
            return f"timestamp {timestamp} is outside the {int(self._window)} s clock window"
        return ""


class InitiatorHandshake(_Machine):
    """The side that opens the session (the sender of a study)."""

    def __init__(
        self,
        me: LocalKeys,
        peer: SiteId,
        directory: PeerDirectory,
        clock_window: float = DEFAULT_CLOCK_WINDOW,
    ) -> None:
        super().__init__(me, directory, clock_window)
        self.peer = peer
        self._ephemeral = new_ephemeral()
        self._hello_payload = b""
        self._transcript = b""
        self._session: Session | None = None

    def hello(self, now: float) -> bytes:
        """The HELLO frame to POST to the peer."""
        if self.state is not HandshakeState.START:
            raise RuntimeError("hello() may be called once")
        msg = Hello(
            sender=self._me.site_id,
            addressee=self.peer,
            timestamp=int(now),
            nonce=os.urandom(NONCE_BYTES),
            ephemeral=bytes(self._ephemeral.public_key),
        )
        self._hello_payload = encode_signed(msg.body(), sign(self._me.signing, SIGNATURE_CONTEXT_HELLO, msg.body()))
        self.state = HandshakeState.SENT_HELLO
        return encode_frame(FrameKind.HELLO, self._hello_payload)

    def receive_reply(self, data: bytes, now: float) -> HandshakeEvent:
        if self.state is not HandshakeState.SENT_HELLO:
            return self._refuse(f"unexpected reply in state {self.state.value}")
        try:
            payload = decode_frame(data, FrameKind.REPLY, MAX_HANDSHAKE_FRAME).payload
            reply = decode_reply(payload)
        except MalformedMessage as exc:
            return self._refuse(str(exc))
        if reply.addressee != self._me.site_id:
            return self._refuse(f"reply addressed to {reply.addressee}, not to this site")
        if reply.sender != self.peer:
            return self._refuse(f"reply from {reply.sender}, expected {self.peer}")
        if reply.hello_hash != hashlib.sha256(self._hello_payload).digest():
            return self._refuse("reply answers another hello")
        clock = self._check_clock(reply.timestamp, now)
        if clock:
            return self._refuse(clock)
        key = self._check_peer(reply.sender)
        if isinstance(key, str):
            return self._refuse(key)
        if not verify(key, SIGNATURE_CONTEXT_REPLY, reply.body(), reply.signature):
            return self._refuse("reply signature does not match the directory key of the peer")
        try:
            shared = agree(self._ephemeral, reply.ephemeral)
        except AgreementFailed as exc:
            return self._refuse(str(exc))
        self._transcript = transcript_hash(self._hello_payload, payload)
        keys = session_keys(shared, self._transcript)
        finish = Finish(
            session_id=keys.session_id,
            signature=sign(self._me.signing, SIGNATURE_CONTEXT_FINISH, self._transcript),
            confirm=confirmation(keys.finish_key, self._transcript),
        )
        self._session = Session(peer=self.peer, initiator=True, keys=keys)
        self.state = HandshakeState.SENT_FINISH
        return Send(encode_frame(FrameKind.FINISH, encode_finish(finish)))

    def receive_ready(self, data: bytes) -> HandshakeEvent:
        session = self._session
        if self.state is not HandshakeState.SENT_FINISH or session is None:
            return self._refuse(f"unexpected ready in state {self.state.value}")
        try:
            ready = decode_ready(decode_frame(data, FrameKind.READY, MAX_HANDSHAKE_FRAME).payload)
        except MalformedMessage as exc:
            return self._refuse(str(exc))
        if ready.session_id != session.session_id or not confirmation_matches(
            session.keys.ready_key, self._transcript, ready.confirm
        ):
            return self._refuse("ready does not confirm the session keys")
        self.state = HandshakeState.ESTABLISHED
        return Established(session)


class ResponderHandshake(_Machine):
    """The side that accepts a session (the receiver). One object per incoming handshake."""

    def __init__(
        self,
        me: LocalKeys,
        directory: PeerDirectory,
        replay_cache: ReplayCache,
        clock_window: float = DEFAULT_CLOCK_WINDOW,
    ) -> None:
        super().__init__(me, directory, clock_window)
        self.state = HandshakeState.WAIT_HELLO
        self._replay = replay_cache
        self._session: Session | None = None
        self._transcript = b""
        self._peer_key = b""

    @property
    def session_id(self) -> bytes:
        """The id the FINISH frame will carry (known after the reply), for the transport's lookup."""
        return self._session.session_id if self._session else b""

    def receive_hello(self, data: bytes, now: float) -> HandshakeEvent:
        if self.state is not HandshakeState.WAIT_HELLO:
            return self._refuse(f"unexpected hello in state {self.state.value}")
        try:
            payload = decode_frame(data, FrameKind.HELLO, MAX_HANDSHAKE_FRAME).payload
            hello = decode_hello(payload)
        except MalformedMessage as exc:
            return self._refuse(str(exc))
        if hello.addressee != self._me.site_id:
            return self._refuse(f"hello addressed to {hello.addressee}, not to this site")
        clock = self._check_clock(hello.timestamp, now)
        if clock:
            return self._refuse(clock)
        key = self._check_peer(hello.sender)
        if isinstance(key, str):
            return self._refuse(key)
        if self._replay.seen(hello.nonce, now):
            return self._refuse("replayed hello (nonce already seen)")
        if self._replay.full(now):
            return self._refuse("too many handshakes in the clock window; try again later")
        # Expensive work starts here, for a fresh hello from a listed, unrevoked peer.
        if not verify(key, SIGNATURE_CONTEXT_HELLO, hello.body(), hello.signature):
            return self._refuse("hello signature does not match the directory key of the peer")
        self._replay.remember(hello.nonce, now)
        return self._reply(hello, payload, key, now)

    def _reply(self, hello: Hello, hello_payload: bytes, peer_key: bytes, now: float) -> HandshakeEvent:
        ephemeral = new_ephemeral()
        try:
            shared = agree(ephemeral, hello.ephemeral)
        except AgreementFailed as exc:
            return self._refuse(str(exc))
        reply = Reply(
            sender=self._me.site_id,
            addressee=hello.sender,
            timestamp=int(now),
            nonce=os.urandom(NONCE_BYTES),
            ephemeral=bytes(ephemeral.public_key),
            hello_hash=hashlib.sha256(hello_payload).digest(),
        )
        payload = encode_signed(reply.body(), sign(self._me.signing, SIGNATURE_CONTEXT_REPLY, reply.body()))
        self._transcript = transcript_hash(hello_payload, payload)
        self._session = Session(peer=hello.sender, initiator=False, keys=session_keys(shared, self._transcript))
        self._peer_key = peer_key
        self.state = HandshakeState.SENT_REPLY
        return Send(encode_frame(FrameKind.REPLY, payload))

    def receive_finish(self, data: bytes) -> HandshakeEvent:
        session = self._session
        if self.state is not HandshakeState.SENT_REPLY or session is None:
            return self._refuse(f"unexpected finish in state {self.state.value}")
        try:
            finish = decode_finish(decode_frame(data, FrameKind.FINISH, MAX_HANDSHAKE_FRAME).payload)
        except MalformedMessage as exc:
            return self._refuse(str(exc))
        if finish.session_id != session.session_id:
            return self._refuse("finish belongs to another session")
        if not confirmation_matches(session.keys.finish_key, self._transcript, finish.confirm):
            return self._refuse("finish does not confirm the session keys")
        if not verify(self._peer_key, SIGNATURE_CONTEXT_FINISH, self._transcript, finish.signature):
            return self._refuse("finish signature does not match the directory key of the peer")
        self.state = HandshakeState.ESTABLISHED
        ready = Ready(session.session_id, confirmation(session.keys.ready_key, self._transcript))
        return Established(session, encode_frame(FrameKind.READY, encode_ready(ready)))
