"""The sending side of one transfer: offer the manifest, seal the chunks asked for, wait for the receipt.

READY --offer()--> OFFERED --Missing(non-empty)--> SENDING --Missing(empty)--> AWAITING_RECEIPT
  any non-terminal --valid Receipt--> DONE
  any non-terminal --Refusal--> FAILED (reason)
A bad receipt is reported (ReceiptRejected) and changes nothing: the sender keeps asking.
A new session after a disconnect re-offers the same manifest and sends only what is missing.

After a person cancelled the transfer, `abandon()` is the message that tells the receiver to drop its
partial data, and `abandon_answered` checks its answer (AbandonAcknowledged, or ReceiptRejected: ask again).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from appliance.crypto.chunks import CHUNK_OVERHEAD, PLAINTEXT_AT, ChunkHeader, chunk_key, seal_chunk_into
from appliance.domain import SiteId
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import PREFIX_BYTES, FrameKind, frame_prefix
from appliance.protocol.manifest import (
    DEFAULT_CHUNK_SIZE,
    Manifest,
    ManifestFile,
    chunk_count_for,
    parse_manifest,
    parse_receipt,
    receipt_signed_by,
    sign_manifest,
)
from appliance.protocol.messages import (
    ABANDON_STATUSES,
    ID_BYTES,
    KEY_BYTES,
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


class SenderState(enum.Enum):
    READY = "ready"
    OFFERED = "offered"
    SENDING = "sending"
    AWAITING_RECEIPT = "awaiting-receipt"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    """One frozen spool file to send."""

    series_uid: str
    sop_instance_uid: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ChunksNeeded:
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class WaitForReceipt:
    """The receiver holds every chunk; ask again later for the receipt."""


@dataclass(frozen=True, slots=True)
class TransferDone:
    receipt: bytes


@dataclass(frozen=True, slots=True)
class ReceiptRejected:
    reason: str


@dataclass(frozen=True, slots=True)
class TransferFailed:
    reason: str


@dataclass(frozen=True, slots=True)
class AbandonAcknowledged:
    """The receiver answered an abandon: `status` is ABANDONED, HELD or UNKNOWN (messages.py)."""

    status: str


SenderEvent = ChunksNeeded | WaitForReceipt | TransferDone | ReceiptRejected | TransferFailed


class SenderTransfer:
    """One outgoing transfer. Persist `signed_manifest` and `transfer_key` to resume after a restart."""

    def __init__(self, me: LocalKeys, directory: PeerDirectory, signed_manifest: bytes, transfer_key: bytes) -> None:
        manifest, _ = parse_manifest(signed_manifest)
        if manifest.sender != me.site_id:
            raise ValueError("this manifest was not made by this site")
        if len(transfer_key) != KEY_BYTES:
            raise ValueError("transfer key must be 32 bytes")
        self._me = me
        self._directory = directory
        self.manifest = manifest
        self.signed_manifest = signed_manifest
        self.transfer_key = transfer_key
        self._chunk_key = chunk_key(transfer_key, manifest.transfer_id)
        self._manifest_hash = manifest.hash
        self.state = SenderState.READY
        self.failure = ""
        self.receipt = b""
        self.outstanding: tuple[Slot, ...] = tuple(manifest.slots())

    @classmethod
    def create(
        cls,
        me: LocalKeys,
        directory: PeerDirectory,
        receiver: SiteId,
        study_uid: str,
        files: Sequence[OutgoingFile],
        now: float,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> SenderTransfer:
        """A new transfer with a fresh id and a fresh random per-transfer key."""
        manifest = Manifest(
            transfer_id=os.urandom(ID_BYTES),
            sender=me.site_id,
            receiver=receiver,
            study_uid=study_uid,
            created=int(now),
            chunk_size=chunk_size,
            files=tuple(
                ManifestFile(f.series_uid, f.sop_instance_uid, f.size, f.sha256, chunk_count_for(f.size, chunk_size))
                for f in files
            ),
        )
        return cls(me, directory, sign_manifest(me, manifest), os.urandom(KEY_BYTES))

    @property
    def transfer_id(self) -> bytes:
        return self.manifest.transfer_id

    @property
    def finished(self) -> bool:
        return self.state in (SenderState.DONE, SenderState.FAILED)

    def offer(self) -> Offer:
        """The offer to seal into the (new) session; the receiver answers with what it is missing."""
        if self.state is SenderState.READY:
            self.state = SenderState.OFFERED
        return Offer(self.signed_manifest, self.transfer_key)

    def query(self) -> Query:
        return Query(self.transfer_id)

    def abandon(self) -> Abandon:
        """The message that tells the receiver this transfer was cancelled here (seal it into a session)."""
        if not self.finished:
            self.state = SenderState.FAILED
            self.failure = "cancelled"
        return Abandon(self.transfer_id, self._manifest_hash)

    def abandon_answered(self, message: ControlMessage) -> AbandonAcknowledged | ReceiptRejected:
        """Check the receiver's (opened) answer to `abandon()`."""
        if not isinstance(message, AbandonAnswer):
            return ReceiptRejected(f"unexpected {type(message).__name__} message in answer to an abandon")
        if message.transfer_id != self.transfer_id:
            return ReceiptRejected("abandon answered for another transfer")
        if message.status not in ABANDON_STATUSES:
            return ReceiptRejected(f"unknown abandon status {message.status!r}")
        return AbandonAcknowledged(message.status)

    def chunk_span(self, file_index: int, chunk_index: int) -> tuple[int, int]:
        """(offset, length) to read from the spool file for this chunk."""
        return self.manifest.chunk_span(file_index, chunk_index)

    def seal_chunk(self, file_index: int, chunk_index: int, plaintext: bytes | bytearray | memoryview) -> bytes:
        """A CHUNK frame for one slot. Pure and thread-safe: call it for several chunks in flight."""
        source = memoryview(plaintext).cast("B")

        def fill(view: memoryview) -> None:
            if len(view) != len(source):
                raise ValueError("chunk plaintext has the wrong length for its slot")
            view[:] = source

        return bytes(self.seal_chunk_frame(file_index, chunk_index, fill))

    def seal_chunk_frame(self, file_index: int, chunk_index: int, fill: Callable[[memoryview], None]) -> bytearray:
        """A CHUNK frame for one slot, built in one buffer: `fill` writes the slot's plaintext into the view
        it is given (the caller reads the spool file straight into it), which is then encrypted in place.

        Thread-safe, like `seal_chunk`; the frame is a bytearray an HTTP client can send as is."""
        frame = bytearray(self.frame_bytes(file_index, chunk_index))
        self.seal_chunk_frame_into(memoryview(frame), file_index, chunk_index, fill)
        return frame

    def frame_bytes(self, file_index: int, chunk_index: int) -> int:
        """The size of the CHUNK frame of one slot (prefix included)."""
        return PREFIX_BYTES + CHUNK_OVERHEAD + self.chunk_span(file_index, chunk_index)[1]

    def seal_chunk_frame_into(
        self, out: memoryview, file_index: int, chunk_index: int, fill: Callable[[memoryview], None]
    ) -> None:
        """`seal_chunk_frame` written into `out`, exactly `frame_bytes` long (a slot of a batch being built)."""
        if not 0 <= file_index < len(self.manifest.files):
            raise ValueError("file index out of range")
        count = self.manifest.files[file_index].chunks
        if not 0 <= chunk_index < count:
            raise ValueError("chunk index out of range")
        length = self.chunk_span(file_index, chunk_index)[1]
        payload = CHUNK_OVERHEAD + length
        if len(out) != PREFIX_BYTES + payload:
            raise ValueError("output buffer does not fit the chunk frame")
        header = ChunkHeader(
            self.transfer_id, self._manifest_hash, file_index, chunk_index, count, chunk_index == count - 1
        )
        out[:PREFIX_BYTES] = frame_prefix(FrameKind.CHUNK, payload)
        start = PREFIX_BYTES + PLAINTEXT_AT
        plain = out[start : start + length]
        fill(plain)
        seal_chunk_into(out, PREFIX_BYTES, self._chunk_key, header, plain)  # in place

    def receive(self, message: ControlMessage) -> SenderEvent:
        """Feed the receiver's (opened) answer to an offer or a query."""
        if self.finished:
            return TransferFailed(self.failure) if self.state is SenderState.FAILED else TransferDone(self.receipt)
        if isinstance(message, Missing):
            return self._missing(message)
        if isinstance(message, ReceiptMessage):
            return self._receipt(message.receipt)
        if isinstance(message, Refusal) and message.transfer_id == self.transfer_id:
            self.state = SenderState.FAILED
            self.failure = f"receiver refused the transfer: {message.reason}"
            return TransferFailed(self.failure)
        return ReceiptRejected(f"unexpected {type(message).__name__} message")

    def _missing(self, message: Missing) -> SenderEvent:
        if message.transfer_id != self.transfer_id:
            return ReceiptRejected("missing list for another transfer")
        valid = set(self.manifest.slots())
        if any(slot not in valid for slot in message.slots):
            return ReceiptRejected("missing list names chunks the manifest does not have")
        self.outstanding = tuple(sorted(set(message.slots)))
        if not self.outstanding:
            self.state = SenderState.AWAITING_RECEIPT
            return WaitForReceipt()
        self.state = SenderState.SENDING
        return ChunksNeeded(self.outstanding)

    def _receipt(self, data: bytes) -> SenderEvent:
        try:
            receipt, signature = parse_receipt(data)
        except MalformedMessage as exc:
            return ReceiptRejected(str(exc))
        m = self.manifest
        expected = (m.transfer_id, m.hash, m.sender, m.receiver, m.study_uid, len(m.files))
        got = (
            receipt.transfer_id,
            receipt.manifest_hash,
            receipt.sender,
            receipt.receiver,
            receipt.study_uid,
            receipt.files,
        )
        if got != expected:
            return ReceiptRejected("receipt does not match this transfer's manifest")
        entry = self._directory.find_site(m.receiver)
        if entry is None or self._directory.is_revoked(m.receiver):
            return ReceiptRejected(f"site {m.receiver} is not an unrevoked member of the directory")
        if not receipt_signed_by(receipt, signature, entry.signing_key):
            return ReceiptRejected("receipt signature does not match the receiver's directory key")
        self.state = SenderState.DONE
        self.receipt = data
        self.outstanding = ()
        return TransferDone(data)
