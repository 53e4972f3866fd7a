"""Peer protocol messages as frozen dataclasses, with their canonical JSON encoding and strict decoding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from appliance.domain import SiteId
from appliance.protocol.codec import (
    MalformedMessage,
    canonical_json,
    encode_bytes,
    field_bytes,
    field_int,
    field_list,
    field_object,
    field_str,
    parse_object,
)

PROTOCOL_VERSION = 1
NONCE_BYTES = 32
KEY_BYTES = 32
SIG_BYTES = 64
ID_BYTES = 16


def _site(obj: dict[str, Any], key: str, what: str) -> SiteId:
    return SiteId(field_str(obj, key, what, max_len=64))


# --- handshake (plaintext frames, signed) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hello:
    """Initiator -> responder: who, to whom, when, a fresh nonce and ephemeral key; signed by the initiator."""

    sender: SiteId
    addressee: SiteId
    timestamp: int
    nonce: bytes
    ephemeral: bytes
    signature: bytes = b""

    def body(self) -> bytes:
        return canonical_json(
            {
                "type": "hello",
                "v": PROTOCOL_VERSION,
                "from": self.sender,
                "to": self.addressee,
                "time": self.timestamp,
                "nonce": encode_bytes(self.nonce),
                "eph": encode_bytes(self.ephemeral),
            }
        )


@dataclass(frozen=True, slots=True)
class Reply:
    """Responder -> initiator: its ephemeral key, bound to the hello by hash; signed by the responder."""

    sender: SiteId
    addressee: SiteId
    timestamp: int
    nonce: bytes
    ephemeral: bytes
    hello_hash: bytes
    signature: bytes = b""

    def body(self) -> bytes:
        return canonical_json(
            {
                "type": "reply",
                "v": PROTOCOL_VERSION,
                "from": self.sender,
                "to": self.addressee,
                "time": self.timestamp,
                "nonce": encode_bytes(self.nonce),
                "eph": encode_bytes(self.ephemeral),
                "hello": encode_bytes(self.hello_hash),
            }
        )


@dataclass(frozen=True, slots=True)
class Finish:
    """Initiator -> responder: signature over the whole transcript and key confirmation."""

    session_id: bytes
    signature: bytes
    confirm: bytes


@dataclass(frozen=True, slots=True)
class Ready:
    """Responder -> initiator: key confirmation; the session is open."""

    session_id: bytes
    confirm: bytes


def encode_signed(body: bytes, signature: bytes) -> bytes:
    return canonical_json({"body": parse_object(body, "body"), "sig": encode_bytes(signature)})


def _signed_parts(data: bytes, what: str, kind: str) -> dict[str, Any]:
    outer = parse_object(data, what)
    body = field_object(outer, "body", what)
    if body.get("type") != kind:
        raise MalformedMessage(f"{what}: not a {kind} message")
    if body.get("v") != PROTOCOL_VERSION:
        raise MalformedMessage(f"{what}: unsupported protocol version {body.get('v')!r}")
    body["__sig"] = field_bytes(outer, "sig", what, SIG_BYTES)
    return body


def decode_hello(data: bytes) -> Hello:
    b = _signed_parts(data, "hello", "hello")
    return Hello(
        sender=_site(b, "from", "hello"),
        addressee=_site(b, "to", "hello"),
        timestamp=field_int(b, "time", "hello"),
        nonce=field_bytes(b, "nonce", "hello", NONCE_BYTES),
        ephemeral=field_bytes(b, "eph", "hello", KEY_BYTES),
        signature=b["__sig"],
    )


def decode_reply(data: bytes) -> Reply:
    b = _signed_parts(data, "reply", "reply")
    return Reply(
        sender=_site(b, "from", "reply"),
        addressee=_site(b, "to", "reply"),
        timestamp=field_int(b, "time", "reply"),
        nonce=field_bytes(b, "nonce", "reply", NONCE_BYTES),
        ephemeral=field_bytes(b, "eph", "reply", KEY_BYTES),
        hello_hash=field_bytes(b, "hello", "reply", 32),
        signature=b["__sig"],
    )


def encode_finish(m: Finish) -> bytes:
    return canonical_json(
        {
            "type": "finish",
            "session": encode_bytes(m.session_id),
            "sig": encode_bytes(m.signature),
            "confirm": encode_bytes(m.confirm),
        }
    )


def decode_finish(data: bytes) -> Finish:
    o = parse_object(data, "finish")
    return Finish(
        session_id=field_bytes(o, "session", "finish", ID_BYTES),
        signature=field_bytes(o, "sig", "finish", SIG_BYTES),
        confirm=field_bytes(o, "confirm", "finish", 32),
    )


def encode_ready(m: Ready) -> bytes:
    return canonical_json({"type": "ready", "session": encode_bytes(m.session_id), "confirm": encode_bytes(m.confirm)})


def decode_ready(data: bytes) -> Ready:
    o = parse_object(data, "ready")
    return Ready(
        session_id=field_bytes(o, "session", "ready", ID_BYTES),
        confirm=field_bytes(o, "confirm", "ready", 32),
    )


# --- control messages (always sealed inside a session) ----------------------------------------------

Slot = tuple[int, int]
"""(file index, chunk index)"""


@dataclass(frozen=True, slots=True)
class Offer:
    """Sender -> receiver: the signed manifest and the fresh per-transfer key."""

    manifest: bytes
    transfer_key: bytes


@dataclass(frozen=True, slots=True)
class Query:
    """Sender -> receiver: which chunks of this transfer are still missing?"""

    transfer_id: bytes


@dataclass(frozen=True, slots=True)
class Missing:
    """Receiver -> sender: the chunks it does not hold yet (empty: all held, receipt to follow)."""

    transfer_id: bytes
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class ReceiptMessage:
    """Receiver -> sender: the signed receipt of a study committed whole."""

    receipt: bytes


@dataclass(frozen=True, slots=True)
class Refusal:
    """Either side: this transfer is refused, with a reason a technician can act on."""

    transfer_id: bytes
    reason: str


@dataclass(frozen=True, slots=True)
class Abandon:
    """Sender -> receiver: a person cancelled this transfer; drop its partial data.

    Bound to the transfer by its id and manifest hash; the session it is sealed in proves the sending site."""

    transfer_id: bytes
    manifest_hash: bytes


ABANDONED = "abandoned"
"""AbandonAnswer status: the receiver failed its partial transfer and deleted its partial files."""
HELD = "held"
"""AbandonAnswer status: the receiver already committed the study (it keeps it; nothing deleted)."""
UNKNOWN = "unknown"
"""AbandonAnswer status: no partial transfer with this id and manifest from this site (nothing to do)."""
ABANDON_STATUSES = (ABANDONED, HELD, UNKNOWN)


@dataclass(frozen=True, slots=True)
class AbandonAnswer:
    """Receiver -> sender: what became of an abandoned transfer (one of ABANDON_STATUSES)."""

    transfer_id: bytes
    status: str


ControlMessage = Offer | Query | Missing | ReceiptMessage | Refusal | Abandon | AbandonAnswer


def _ranges(slots: tuple[Slot, ...]) -> list[list[int]]:
    """Compress sorted slots into [file, first, last] runs."""
    runs: list[list[int]] = []
    for file_index, chunk in sorted(set(slots)):
        if runs and runs[-1][0] == file_index and runs[-1][2] == chunk - 1:
            runs[-1][2] = chunk
        else:
            runs.append([file_index, chunk, chunk])
    return runs


def _unranges(runs: list[Any], limit: int = 1_000_000) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    for run in runs:
        if (
            not isinstance(run, list)
            or len(run) != 3
            or not all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in run)
            or run[2] < run[1]
        ):
            raise MalformedMessage("missing: bad chunk run")
        if len(slots) + run[2] - run[1] + 1 > limit:
            raise MalformedMessage("missing: too many chunks")
        slots.extend((run[0], c) for c in range(run[1], run[2] + 1))
    return tuple(slots)


def encode_control(m: ControlMessage) -> bytes:
    obj: dict[str, Any]
    if isinstance(m, Offer):
        obj = {"type": "offer", "manifest": encode_bytes(m.manifest), "key": encode_bytes(m.transfer_key)}
    elif isinstance(m, Query):
        obj = {"type": "query", "transfer": encode_bytes(m.transfer_id)}
    elif isinstance(m, Missing):
        obj = {"type": "missing", "transfer": encode_bytes(m.transfer_id), "runs": _ranges(m.slots)}
    elif isinstance(m, ReceiptMessage):
        obj = {"type": "receipt", "receipt": encode_bytes(m.receipt)}
    elif isinstance(m, Abandon):
        obj = {"type": "abandon", "transfer": encode_bytes(m.transfer_id), "manifest": encode_bytes(m.manifest_hash)}
    elif isinstance(m, AbandonAnswer):
        obj = {"type": "abandoned", "transfer": encode_bytes(m.transfer_id), "status": m.status}
    else:
        obj = {"type": "refusal", "transfer": encode_bytes(m.transfer_id), "reason": m.reason}
    return canonical_json(obj)


def decode_control(data: bytes) -> ControlMessage:
    o = parse_object(data, "control message")
    kind = o.get("type")
    if kind == "offer":
        return Offer(field_bytes(o, "manifest", "offer"), field_bytes(o, "key", "offer", KEY_BYTES))
    if kind == "query":
        return Query(field_bytes(o, "transfer", "query", ID_BYTES))
    if kind == "missing":
        return Missing(field_bytes(o, "transfer", "missing", ID_BYTES), _unranges(field_list(o, "runs", "missing")))
    if kind == "receipt":
        return ReceiptMessage(field_bytes(o, "receipt", "receipt"))
    if kind == "refusal":
        return Refusal(field_bytes(o, "transfer", "refusal", ID_BYTES), field_str(o, "reason", "refusal", 500))
    if kind == "abandon":
        return Abandon(field_bytes(o, "transfer", "abandon", ID_BYTES), field_bytes(o, "manifest", "abandon", 32))
    if kind == "abandoned":
        status = field_str(o, "status", "abandoned", 32)
        if status not in ABANDON_STATUSES:
            raise MalformedMessage(f"abandoned: unknown status {status!r}")
        return AbandonAnswer(field_bytes(o, "transfer", "abandoned", ID_BYTES), status)
    raise MalformedMessage(f"unknown control message type {kind!r}")
