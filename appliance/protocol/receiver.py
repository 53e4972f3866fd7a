"""The receiving side of one transfer: verify the manifest, accept chunks idempotently, issue the receipt.

The journal stays outside: the transport writes a chunk, makes it durable, records it, and only then
calls `chunk_stored`; after a restart it rebuilds the machine with `resume(..., stored=, verified=)`.

    RECEIVING --all files verified--> COMPLETE --receipt()--> DONE
    RECEIVING --abandon(Abandon of the sending site)--> ABANDONED (partial data to delete; terminal)
    COMPLETE/DONE --abandon--> unchanged, answered HELD (a committed study is never deleted)
    a bad chunk:   ChunkRefused(reason), state unchanged (a forged chunk cannot kill a transfer)
    a bad file:    FileCorrupt(reason), its chunks become missing again
"""

from __future__ import annotations

import enum
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from appliance.crypto.chunks import ChunkHeader, chunk_key, open_chunk, peek_header
from appliance.domain import SiteId
from appliance.errors import ChunkRejected
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, frame_view
from appliance.protocol.manifest import (
    MAX_CHUNK_SIZE,
    Receipt,
    manifest_signed_by,
    parse_manifest,
    sign_receipt,
)
from appliance.protocol.messages import (
    ABANDONED,
    HELD,
    KEY_BYTES,
    UNKNOWN,
    Abandon,
    AbandonAnswer,
    ControlMessage,
    Missing,
    Offer,
    Query,
    ReceiptMessage,
    Refusal,
    Slot,
)
from appliance.protocol.peers import LocalKeys, PeerDirectory

MAX_CHUNK_FRAME = MAX_CHUNK_SIZE + 1024


class ReceiverState(enum.Enum):
    RECEIVING = "receiving"
    COMPLETE = "complete"
    DONE = "done"
    ABANDONED = "abandoned"


ABANDONED_REASON = "cancelled by the sending site"


@dataclass(frozen=True, slots=True)
class ChunkAccepted:
    """Write `data` at `offset` of file `file_index`, make it durable, then call `chunk_stored`."""

    file_index: int
    chunk_index: int
    offset: int
    data: bytes | bytearray | memoryview
    duplicate: bool


@dataclass(frozen=True, slots=True)
class ChunkRefused:
    reason: str


@dataclass(frozen=True, slots=True)
class FileAssembled:
    """Every chunk of the file is stored: hash it and call `file_checked`."""

    file_index: int


@dataclass(frozen=True, slots=True)
class FileComplete:
    file_index: int


@dataclass(frozen=True, slots=True)
class FileCorrupt:
    file_index: int
    reason: str


@dataclass(frozen=True, slots=True)
class StudyComplete:
    """Every file is verified: commit the study whole, then call `receipt`."""


ReceiverEvent = ChunkAccepted | ChunkRefused | FileAssembled | FileComplete | FileCorrupt | StudyComplete


@dataclass(frozen=True, slots=True)
class OfferRefused:
    reason: str

    def message(self, transfer_id: bytes) -> Refusal:
        return Refusal(transfer_id, self.reason)


class ReceiverTransfer:
    """One incoming transfer, after its manifest was verified against the sender's directory key."""

    def __init__(self, me: LocalKeys, signed_manifest: bytes, transfer_key: bytes) -> None:
        manifest, _ = parse_manifest(signed_manifest)
        if len(transfer_key) != KEY_BYTES:
            raise ValueError("transfer key must be 32 bytes")
        self._me = me
        self.manifest = manifest
        self.signed_manifest = signed_manifest
        self.transfer_key = transfer_key
        self._chunk_key = chunk_key(transfer_key, manifest.transfer_id)
        self._hash = manifest.hash
        self._stored: list[set[int]] = [set() for _ in manifest.files]
        self._verified: set[int] = set()
        self.receipt_bytes = b""
        self.state = ReceiverState.RECEIVING
        self.refused_chunks = 0

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def accept(
        cls, me: LocalKeys, directory: PeerDirectory, peer: SiteId, offer: Offer
    ) -> ReceiverTransfer | OfferRefused:
        """Verify an offer that arrived in a session with `peer`; a transfer or the reason it is refused."""
        try:
            manifest, signature = parse_manifest(offer.manifest)
        except MalformedMessage as exc:
            return OfferRefused(str(exc))
        if manifest.receiver != me.site_id:
            return OfferRefused(f"manifest is addressed to {manifest.receiver}, not to this site")
        if manifest.sender != peer:
            return OfferRefused(f"manifest is from {manifest.sender}, but the session is with {peer}")
        entry = directory.find_site(peer)
        if entry is None or directory.is_revoked(peer):
            return OfferRefused(f"site {peer} is not an unrevoked member of the directory")
        if not manifest_signed_by(manifest, signature, entry.signing_key):
            return OfferRefused("manifest signature does not match the sender's directory key")
        if len(offer.transfer_key) != KEY_BYTES:
            return OfferRefused("transfer key must be 32 bytes")
        return cls(me, offer.manifest, offer.transfer_key)

    @classmethod
    def resume(
        cls,
        me: LocalKeys,
        signed_manifest: bytes,
        transfer_key: bytes,
        stored: Iterable[Slot] = (),
        verified: Iterable[int] = (),
    ) -> ReceiverTransfer:
        """Rebuild from the journal: chunks durably stored, files already verified (or already held)."""
        transfer = cls(me, signed_manifest, transfer_key)
        files = transfer.manifest.files
        for file_index, chunk_index in stored:
            if 0 <= file_index < len(files) and 0 <= chunk_index < files[file_index].chunks:
                transfer._stored[file_index].add(chunk_index)
        for file_index in verified:
            if 0 <= file_index < len(files):
                transfer._stored[file_index] = set(range(files[file_index].chunks))
                transfer._verified.add(file_index)
        if len(transfer._verified) == len(files):
            transfer.state = ReceiverState.COMPLETE
        return transfer

    # -- queries ------------------------------------------------------------------------------------

    @property
    def transfer_id(self) -> bytes:
        return self.manifest.transfer_id

    def missing(self) -> tuple[Slot, ...]:
        return tuple(
            (i, c) for i, f in enumerate(self.manifest.files) for c in range(f.chunks) if c not in self._stored[i]
        )

    def answer(self, message: ControlMessage) -> ControlMessage:
        """The reply to a (re-)offer or a query for this transfer: the receipt if issued, else what is missing."""
        if isinstance(message, Offer) and not hmac.compare_digest(message.manifest, self.signed_manifest):
            return Refusal(self.transfer_id, "transfer id reused with a different manifest")
        if self.state is ReceiverState.ABANDONED:
            return Refusal(self.transfer_id, ABANDONED_REASON)
        if isinstance(message, Offer | Query):
            if self.receipt_bytes:
                return ReceiptMessage(self.receipt_bytes)
            return Missing(self.transfer_id, self.missing())
        return Refusal(self.transfer_id, f"unexpected {type(message).__name__} message")

    def abandon(self, message: Abandon) -> AbandonAnswer:
        """The sending site cancelled the transfer. Call it only with a message opened from a session with
        the manifest's sender (the transport checks the peer); the manifest hash must be this transfer's.
        ABANDONED: delete the partial data (record the state first). HELD: committed, nothing to delete."""
        if message.transfer_id != self.transfer_id or not hmac.compare_digest(message.manifest_hash, self._hash):
            return AbandonAnswer(message.transfer_id, UNKNOWN)
        if self.receipt_bytes or self.state in (ReceiverState.COMPLETE, ReceiverState.DONE):
            return AbandonAnswer(self.transfer_id, HELD)
        self.state = ReceiverState.ABANDONED
        return AbandonAnswer(self.transfer_id, ABANDONED)

    # -- chunks and files ---------------------------------------------------------------------------

    def receive_chunk(
        self, data: bytes | bytearray | memoryview, in_place: bool = False
    ) -> ChunkAccepted | ChunkRefused:
        """Authenticate a CHUNK frame against the manifest slot it claims.

        With `in_place` (a writable frame the caller no longer needs) the chunk is decrypted over its ciphertext
        and `ChunkAccepted.data` is a view of `data`, valid as long as the caller keeps that buffer."""
        if self.state is ReceiverState.ABANDONED:
            self.refused_chunks += 1
            return ChunkRefused(f"transfer {ABANDONED_REASON}")
        try:
            kind, frame = frame_view(data, MAX_CHUNK_FRAME)  # a view: the body is not copied
            if kind != FrameKind.CHUNK:
                raise MalformedMessage(f"expected a CHUNK frame, got {kind.name}")
            claimed = peek_header(frame)
            files = self.manifest.files
            if not 0 <= claimed.file_index < len(files):
                raise ChunkRejected("chunk names a file the manifest does not have")
            count = files[claimed.file_index].chunks
            if not 0 <= claimed.chunk_index < count:
                raise ChunkRejected("chunk index beyond the file's chunk count")
            expected = ChunkHeader(
                self.transfer_id,
                self._hash,
                claimed.file_index,
                claimed.chunk_index,
                count,
                claimed.chunk_index == count - 1,
            )
            plain = open_chunk(self._chunk_key, frame, expected, in_place)
            offset, length = self.manifest.chunk_span(claimed.file_index, claimed.chunk_index)
            if len(plain) != length:
                raise ChunkRejected("chunk length disagrees with the manifest")
        except (ChunkRejected, MalformedMessage) as exc:
            self.refused_chunks += 1
            return ChunkRefused(str(exc))
        duplicate = claimed.chunk_index in self._stored[claimed.file_index]
        return ChunkAccepted(claimed.file_index, claimed.chunk_index, offset, plain, duplicate)

    def chunk_stored(self, file_index: int, chunk_index: int) -> tuple[ReceiverEvent, ...]:
        """The transport made this chunk durable and recorded it."""
        chunks = self._stored[file_index]
        if chunk_index in chunks or file_index in self._verified or self.state is ReceiverState.ABANDONED:
            return ()
        chunks.add(chunk_index)
        if len(chunks) == self.manifest.files[file_index].chunks:
            return (FileAssembled(file_index),)
        return ()

    def file_checked(self, file_index: int, sha256_hex: str) -> tuple[ReceiverEvent, ...]:
        """The transport hashed the assembled file; compare with the manifest."""
        f = self.manifest.files[file_index]
        if self.state is ReceiverState.ABANDONED:
            return ()
        if len(self._stored[file_index]) != f.chunks:
            return (FileCorrupt(file_index, "file checked before all its chunks were stored"),)
        if not hmac.compare_digest(sha256_hex.lower(), f.sha256):
            self._stored[file_index] = set()
            return (FileCorrupt(file_index, "sha256 of the assembled file differs from the manifest"),)
        if file_index in self._verified:
            return ()
        self._verified.add(file_index)
        events: list[ReceiverEvent] = [FileComplete(file_index)]
        if len(self._verified) == len(self.manifest.files):
            self.state = ReceiverState.COMPLETE
            events.append(StudyComplete())
        return tuple(events)

    @property
    def verified_files(self) -> frozenset[int]:
        return frozenset(self._verified)

    def is_verified(self, file_index: int) -> bool:
        """Whether this file was checked against the manifest (cheaper than `verified_files` per chunk)."""
        return file_index in self._verified

    def receipt(self, now: float) -> ReceiptMessage:
        """The signed receipt; call it only after the study is committed whole."""
        if self.state in (ReceiverState.RECEIVING, ReceiverState.ABANDONED):
            raise RuntimeError("no receipt before every file is verified and the study is committed")
        if not self.receipt_bytes:
            m = self.manifest
            receipt = Receipt(m.transfer_id, self._hash, m.sender, m.receiver, m.study_uid, len(m.files), int(now))
            self.receipt_bytes = sign_receipt(self._me, receipt)
            self.state = ReceiverState.DONE
        return ReceiptMessage(self.receipt_bytes)
