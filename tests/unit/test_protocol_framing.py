"""Framing and message codecs: streaming decode, limits, round trips, garbage never crashes."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import NEED_DATA, Frame, FrameDecoder, FrameKind, decode_frame, encode_frame
from appliance.protocol.messages import (
    Missing,
    Offer,
    Query,
    ReceiptMessage,
    Refusal,
    decode_control,
    encode_control,
)

kinds = st.sampled_from(list(FrameKind))


@settings(max_examples=50, deadline=None)
@given(frames=st.lists(st.tuples(kinds, st.binary(max_size=300)), max_size=6), cut=st.integers(1, 50))
def test_stream_decoder_reassembles_any_split(frames: list[tuple[FrameKind, bytes]], cut: int) -> None:
    stream = b"".join(encode_frame(k, p) for k, p in frames)
    decoder = FrameDecoder()
    out: list[Frame] = []
    for start in range(0, len(stream), cut):
        decoder.receive_data(stream[start : start + cut])
        while not isinstance(frame := decoder.next_frame(), type(NEED_DATA)):
            out.append(frame)
    assert out == [Frame(k, p) for k, p in frames]


def test_decode_frame_limits() -> None:
    with pytest.raises(MalformedMessage, match="exceeds"):
        decode_frame(encode_frame(FrameKind.CHUNK, b"x" * 100), max_payload=10)
    with pytest.raises(MalformedMessage, match="trailing"):
        decode_frame(encode_frame(FrameKind.CHUNK, b"x") + b"y")
    with pytest.raises(MalformedMessage, match="truncated"):
        decode_frame(encode_frame(FrameKind.CHUNK, b"xyz")[:-1])
    with pytest.raises(MalformedMessage, match="expected"):
        decode_frame(encode_frame(FrameKind.CHUNK, b""), FrameKind.SEALED)
    with pytest.raises(MalformedMessage, match="unknown frame kind"):
        decode_frame(b"\x63\x00\x00\x00\x00")


@pytest.mark.parametrize(
    "message",
    [
        Offer(b'{"a":1}', os.urandom(32)),
        Query(os.urandom(16)),
        Missing(b"t" * 16, ()),
        Missing(b"t" * 16, ((0, 0), (0, 1), (0, 2), (3, 7), (3, 9))),
        ReceiptMessage(b"{}"),
        Refusal(b"t" * 16, "disk full"),
    ],
)
def test_control_messages_round_trip(message: object) -> None:
    assert decode_control(encode_control(message)) == message  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_control_garbage_is_malformed_not_a_crash(data: bytes) -> None:
    try:
        decode_control(data)
    except MalformedMessage:
        pass


def test_missing_runs_are_validated() -> None:
    with pytest.raises(MalformedMessage):
        decode_control(b'{"type":"missing","transfer":"' + b"A" * 22 + b'==","runs":[[0,5,2]]}')


def test_base64_fields_must_be_canonical() -> None:
    """A second spelling of the same bytes (spare bits set in the last character) is refused: a mutated
    signed message must never decode to the signed values (the fuzzed HELLO found it)."""
    import base64

    from appliance.protocol.codec import field_bytes

    value = bytes(range(32))
    text = base64.b64encode(value).decode()
    assert field_bytes({"k": text}, "k", "test", 32) == value
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = text[-2]  # 32 bytes: 43 characters and "=", the 43rd carrying 2 spare bits
    other = alphabet[alphabet.index(last) ^ 1]
    twin = text[:-2] + other + "="
    assert base64.b64decode(twin, validate=True) == value
    with pytest.raises(MalformedMessage, match="canonical"):
        field_bytes({"k": twin}, "k", "test", 32)
