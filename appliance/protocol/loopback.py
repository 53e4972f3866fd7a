"""Two engines wired back to back in memory: the reference use of the protocol API (tests, demo).

A transport does the same over HTTP: two POSTs for the handshake, POSTs of SEALED frames for
offers and queries, POSTs of CHUNK frames (several in flight). Here the "spool" is a bytearray per
file and the "journal" a set of recorded slots, so a crash is simulated by dropping the machines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from appliance.crypto.chunks import peek_header
from appliance.errors import HandshakeRefused
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, decode_frame
from appliance.protocol.handshake import Established, InitiatorHandshake, ResponderHandshake, Send
from appliance.protocol.manifest import parse_manifest
from appliance.protocol.messages import Offer, Query, Refusal, Slot
from appliance.protocol.peers import LocalKeys, PeerDirectory, ReplayCache
from appliance.protocol.receiver import (
    ChunkAccepted,
    FileAssembled,
    FileCorrupt,
    OfferRefused,
    ReceiverEvent,
    ReceiverTransfer,
    StudyComplete,
)
from appliance.protocol.session import Session


def open_session(
    initiator: LocalKeys,
    responder: LocalKeys,
    initiator_directory: PeerDirectory,
    responder_directory: PeerDirectory,
    replay_cache: ReplayCache,
    now: float,
) -> tuple[Session, Session]:
    """Run a whole handshake in memory; (initiator session, responder session) or HandshakeRefused."""
    init = InitiatorHandshake(initiator, responder.site_id, initiator_directory)
    resp = ResponderHandshake(responder, responder_directory, replay_cache)
    step = resp.receive_hello(init.hello(now), now)
    if not isinstance(step, Send):
        raise HandshakeRefused(f"responder: {getattr(step, 'reason', step)}")
    step = init.receive_reply(step.data, now)
    if not isinstance(step, Send):
        raise HandshakeRefused(f"initiator: {getattr(step, 'reason', step)}")
    done = resp.receive_finish(step.data)
    if not isinstance(done, Established):
        raise HandshakeRefused(f"responder: {getattr(done, 'reason', done)}")
    ready = init.receive_ready(done.data)
    if not isinstance(ready, Established):
        raise HandshakeRefused(f"initiator: {getattr(ready, 'reason', ready)}")
    return ready.session, done.session


@dataclass
class _Durable:
    """What survives a crash of the receiver: manifest, key, journal, spool, receipt."""

    signed_manifest: bytes
    transfer_key: bytes
    spool: list[bytearray]
    journal: set[Slot] = field(default_factory=set)
    verified: set[int] = field(default_factory=set)
    committed: list[bytes] | None = None
    receipt: bytes = b""


class MemoryReceiverSite:
    """A receiving appliance without disk or network."""

    def __init__(self, keys: LocalKeys, directory: PeerDirectory) -> None:
        self.keys = keys
        self.directory = directory
        self.durable: dict[bytes, _Durable] = {}
        self.transfers: dict[bytes, ReceiverTransfer] = {}
        self.chunk_writes = 0
        self.refusals: list[str] = []

    def crash(self) -> None:
        """Forget every in-memory machine; the durable part stays."""
        self.transfers.clear()

    def _transfer(self, transfer_id: bytes) -> ReceiverTransfer | None:
        if transfer_id not in self.transfers and transfer_id in self.durable:
            d = self.durable[transfer_id]
            t = ReceiverTransfer.resume(self.keys, d.signed_manifest, d.transfer_key, d.journal, d.verified)
            t.receipt_bytes = d.receipt
            self.transfers[transfer_id] = t
        return self.transfers.get(transfer_id)

    def handle_sealed(self, session: Session, frame: bytes, now: float) -> bytes:
        """Answer one sealed control message with a sealed reply."""
        message = session.open(frame)
        if isinstance(message, Offer):
            try:
                manifest, _ = parse_manifest(message.manifest)
            except MalformedMessage as exc:
                return session.seal(Refusal(bytes(16), str(exc)))
            transfer = self._transfer(manifest.transfer_id)
            if transfer is None:
                accepted = ReceiverTransfer.accept(self.keys, self.directory, session.peer, message)
                if isinstance(accepted, OfferRefused):
                    self.refusals.append(accepted.reason)
                    return session.seal(accepted.message(manifest.transfer_id))
                transfer = accepted
                self.transfers[manifest.transfer_id] = transfer
                self.durable[manifest.transfer_id] = _Durable(
                    message.manifest, message.transfer_key, [bytearray(f.size) for f in manifest.files]
                )
            return session.seal(transfer.answer(message))
        if isinstance(message, Query):
            transfer = self._transfer(message.transfer_id)
            if transfer is None:
                return session.seal(Refusal(message.transfer_id, "unknown transfer"))
            return session.seal(transfer.answer(message))
        return session.seal(Refusal(b"\x00" * 16, f"unexpected {type(message).__name__}"))

    def handle_chunk(self, frame: bytes, now: float) -> list[ReceiverEvent]:
        """Authenticate, write, 'fsync', record, then check files and commit: the journal discipline."""
        transfer_id = peek_header(decode_frame(frame, FrameKind.CHUNK).payload).transfer_id
        transfer = self._transfer(transfer_id)
        if transfer is None:
            self.refusals.append("chunk for an unknown transfer")
            return []
        d = self.durable[transfer_id]
        first = transfer.receive_chunk(frame)
        events: list[ReceiverEvent] = [first]
        if not isinstance(first, ChunkAccepted):
            return events
        if not first.duplicate:
            d.spool[first.file_index][first.offset : first.offset + len(first.data)] = first.data
            self.chunk_writes += 1
            d.journal.add((first.file_index, first.chunk_index))
        for event in transfer.chunk_stored(first.file_index, first.chunk_index):
            events.append(event)
            if isinstance(event, FileAssembled):
                digest = hashlib.sha256(d.spool[event.file_index]).hexdigest()
                checked = transfer.file_checked(event.file_index, digest)
                events.extend(checked)
                d.verified = set(transfer.verified_files)
                if any(isinstance(e, FileCorrupt) for e in checked):
                    d.journal = {slot for slot in d.journal if slot[0] != event.file_index}
                if any(isinstance(e, StudyComplete) for e in checked):
                    d.committed = [bytes(b) for b in d.spool]
                    d.receipt = transfer.receipt(now).receipt
        return events
