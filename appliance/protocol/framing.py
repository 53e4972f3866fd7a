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
    CHUNKS = 7  # several CHUNK frames back to back (one upload request)
    CHUNK_RESULTS = 8  # the answer to CHUNKS: one verdict per chunk


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


def split_frames(
    data: bytes | bytearray | memoryview, expected: FrameKind, max_frames: int, max_payload: int = MAX_PAYLOAD
) -> list[memoryview]:
    """The frames packed back to back in `data` (a CHUNKS payload), each a whole frame (prefix included) as a
    view of `data`, no copy. MalformedMessage, with a reason, for an empty sequence, a frame of another kind,
    one over `max_payload`, more than `max_frames` frames, or a sequence cut short."""
    view = memoryview(data).cast("B")
    frames: list[memoryview] = []
    at, end = 0, len(view)
    if not end:
        raise MalformedMessage("empty frame sequence")
    while at < end:
        if len(frames) == max_frames:
            raise MalformedMessage(f"more than {max_frames} frames in one sequence")
        if end - at < PREFIX_BYTES:
            raise MalformedMessage(f"frame {len(frames)} truncated")
        kind_value, length = _PREFIX.unpack_from(view, at)
        if kind_value != expected:
            raise MalformedMessage(f"frame {len(frames)} is of kind {kind_value}, not {expected.name}")
        if length > max_payload:
            raise MalformedMessage(f"frame {len(frames)} of {length} bytes exceeds the {max_payload}-byte limit")
        stop = at + PREFIX_BYTES + length
        if stop > end:
            raise MalformedMessage(f"frame {len(frames)} truncated")
        frames.append(view[at:stop])
        at = stop
    return frames


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
