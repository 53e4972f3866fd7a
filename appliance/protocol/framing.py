"""Frames on the wire: kind byte, 32-bit length, payload; a sans-IO decoder (bytes in, frames out)."""

from __future__ import annotations

import enum
import struct
from dataclasses import dataclass

from appliance.protocol.codec import MalformedMessage

_PREFIX = struct.Struct(">BI")
PREFIX_BYTES = _PREFIX.size
MAX_PAYLOAD = 32 * 1024 * 1024


class FrameKind(enum.IntEnum):
    HELLO = 1
    REPLY = 2
    FINISH = 3
    READY = 4
    SEALED = 5
    CHUNK = 6


@dataclass(frozen=True, slots=True)
class Frame:
    """One framed payload of a known kind."""

    kind: FrameKind
    payload: bytes


class NeedData:
    """Returned by `FrameDecoder.next_frame` when more bytes must arrive first."""


NEED_DATA = NeedData()


def frame_prefix(kind: FrameKind, payload_length: int) -> bytes:
    """The 5 bytes before a payload of `payload_length` (for a frame built in place, without a copy)."""
    if payload_length > MAX_PAYLOAD:
        raise ValueError("frame payload too large")
    return _PREFIX.pack(int(kind), payload_length)


def encode_frame(kind: FrameKind, payload: bytes) -> bytes:
    return frame_prefix(kind, len(payload)) + payload


def frame_view(data: bytes | bytearray | memoryview, max_payload: int = MAX_PAYLOAD) -> tuple[FrameKind, memoryview]:
    """Exactly one frame from `data` (an HTTP body), its payload a view of `data` (no copy); MalformedMessage
    otherwise, with the reasons `FrameDecoder` gives."""
    view = memoryview(data).cast("B")
    if len(view) < PREFIX_BYTES:
        raise MalformedMessage("truncated frame")
    kind_value, length = _PREFIX.unpack_from(view)
    try:
        kind = FrameKind(kind_value)
    except ValueError as exc:
        raise MalformedMessage(f"unknown frame kind {kind_value}") from exc
    if length > max_payload:
        raise MalformedMessage(f"frame of {length} bytes exceeds the {max_payload}-byte limit")
    end = PREFIX_BYTES + length
    if len(view) < end:
        raise MalformedMessage("truncated frame")
    if len(view) > end:
        raise MalformedMessage("trailing bytes after frame")
    return kind, view[PREFIX_BYTES:end]


def decode_frame(data: bytes, expected: FrameKind | None = None, max_payload: int = MAX_PAYLOAD) -> Frame:
    """Exactly one frame from `data` (an HTTP body); MalformedMessage otherwise."""
    kind, payload = frame_view(data, max_payload)
    if expected is not None and kind != expected:
        raise MalformedMessage(f"expected a {expected.name} frame, got {kind.name}")
    return Frame(kind, payload.tobytes())


class FrameDecoder:
    """Feed it bytes as they arrive; take frames out one at a time (like h11's receive_data/next_event)."""

    def __init__(self, max_payload: int = MAX_PAYLOAD) -> None:
        self._buffer = bytearray()
        self._max_payload = max_payload

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def receive_data(self, data: bytes) -> None:
        self._buffer += data

    def next_frame(self) -> Frame | NeedData:
        if len(self._buffer) < PREFIX_BYTES:
            return NEED_DATA
        kind_value, length = _PREFIX.unpack_from(self._buffer)
        try:
            kind = FrameKind(kind_value)
        except ValueError as exc:
            raise MalformedMessage(f"unknown frame kind {kind_value}") from exc
        if length > self._max_payload:
            raise MalformedMessage(f"frame of {length} bytes exceeds the {self._max_payload}-byte limit")
        end = PREFIX_BYTES + length
        if len(self._buffer) < end:
            return NEED_DATA
        payload = bytes(self._buffer[PREFIX_BYTES:end])
        del self._buffer[:end]
        return Frame(kind, payload)
