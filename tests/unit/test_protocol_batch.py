"""Chunk batches (POST /psl1/chunks): the sans-IO splitter, the CHUNKS and CHUNK_RESULTS codecs, batch planning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.protocol.batch import (
    MAX_BATCH_CHUNKS,
    MAX_BATCH_PAYLOAD,
    decode_results,
    encode_batch,
    encode_results,
    open_batch,
    plan_batches,
)
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, encode_frame, frame_prefix, split_frames
from appliance.protocol.receiver import ChunkAccepted


@settings(max_examples=100, deadline=None)
@given(payloads=st.lists(st.binary(max_size=300), min_size=1, max_size=8))
def test_split_frames_gives_each_frame_back_as_a_view(payloads: list[bytes]) -> None:
    frames = [encode_frame(FrameKind.CHUNK, p) for p in payloads]
    data = bytearray(b"".join(frames))
    views = split_frames(data, FrameKind.CHUNK, max_frames=8)
    assert [bytes(v) for v in views] == frames
    if payloads[0]:  # views, not copies: writing through one changes the buffer (in-place decryption)
        views[0][5] ^= 0xFF
        assert data[5] == frames[0][5] ^ 0xFF


@settings(max_examples=200, deadline=None)
@given(payloads=st.lists(st.binary(max_size=40), min_size=1, max_size=4), cut=st.integers(1, 200))
def test_split_frames_refuses_any_truncation(payloads: list[bytes], cut: int) -> None:
    data = b"".join(encode_frame(FrameKind.CHUNK, p) for p in payloads)
    short = data[: max(0, len(data) - cut)]
    try:
        views = split_frames(short, FrameKind.CHUNK, max_frames=8)
    except MalformedMessage as exc:
        assert "truncated" in str(exc) or "empty" in str(exc)
    else:  # a cut that falls exactly between frames leaves a shorter, well-formed sequence
        assert b"".join(bytes(v) for v in views) == short


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty frame sequence"),
    (b"\x06\x00\x00", "frame 0 truncated"),
    (encode_frame(FrameKind.CHUNK, b"ab") + b"\x06\x00\x00\x00\x09abc", "frame 1 truncated"),
    (encode_frame(FrameKind.CHUNK, b"ab") + encode_frame(FrameKind.SEALED, b"x"), "frame 1 is of kind 5, not CHUNK"),
    (encode_frame(FrameKind.CHUNK, b"x" * 11), "exceeds the 10-byte limit"),
    (encode_frame(FrameKind.CHUNK, b"") * 4, "more than 3 frames"),
])
def test_split_frames_reasons(data: bytes, reason: str) -> None:
    with pytest.raises(MalformedMessage, match=reason):
        split_frames(data, FrameKind.CHUNK, max_frames=3, max_payload=10)


def test_open_batch_checks_the_outer_frame_and_its_limits() -> None:
    chunks = [encode_frame(FrameKind.CHUNK, bytes([i]) * 100) for i in range(3)]
    assert [bytes(v) for v in open_batch(encode_batch(chunks))] == chunks
    with pytest.raises(MalformedMessage, match="expected a CHUNKS frame"):
        open_batch(chunks[0])
    with pytest.raises(MalformedMessage, match="trailing"):
        open_batch(encode_batch(chunks) + b"x")
    with pytest.raises(MalformedMessage, match="empty"):
        open_batch(encode_batch([]))
    with pytest.raises(MalformedMessage, match=f"more than {MAX_BATCH_CHUNKS}"):
        open_batch(encode_batch([encode_frame(FrameKind.CHUNK, b"")] * (MAX_BATCH_CHUNKS + 1)))
    with pytest.raises(MalformedMessage, match="exceeds"):
        open_batch(frame_prefix(FrameKind.CHUNKS, MAX_BATCH_PAYLOAD + 1))


def test_results_round_trip_and_must_match_the_batch() -> None:
    reasons = ["", "chunk 3/0 failed authentication", "", "x" * 1000]
    decoded = decode_results(encode_results(reasons), 4)
    assert decoded[:3] == tuple(reasons[:3]) and decoded[3] == "x" * 300
    with pytest.raises(MalformedMessage, match="3 chunk results for 4 chunks"):
        decode_results(encode_results(["", "", ""]), 4)
    with pytest.raises(MalformedMessage, match="expected a CHUNK_RESULTS frame"):
        decode_results(encode_frame(FrameKind.SEALED, b"{}"), 1)
    for body in (b'{"results": [1]}', b'{"results": "x"}', b"[]", b"not json"):
        with pytest.raises(MalformedMessage):
            decode_results(encode_frame(FrameKind.CHUNK_RESULTS, body), 1)


def test_plan_batches_keeps_order_within_the_budget_and_count() -> None:
    slots = [(0, 0), (0, 1), (1, 0), (2, 0), (3, 0), (4, 0)]
    sizes = {(0, 0): 40, (0, 1): 40, (1, 0): 30, (2, 0): 500, (3, 0): 10, (4, 0): 10}
    batches = plan_batches(slots, lambda f, c: sizes[(f, c)], budget=100, max_chunks=2)
    assert [s for batch in batches for s in batch] == slots
    assert batches == [((0, 0), (0, 1)), ((1, 0),), ((2, 0),), ((3, 0), (4, 0))]  # 500 > budget: alone
    assert plan_batches([], lambda f, c: 1, 10, 10) == []


def test_a_batch_built_in_a_reused_buffer_opens_chunk_by_chunk_in_place(tmp_path: Path) -> None:
    """The sender reads each slot from the spool into its place in one (reused, dirty) buffer and seals it
    there; the receiver splits the body and opens every chunk in place, in its own slot."""
    from appliance.service.transfer_sender import TransferSender
    from tests.unit.test_attacks_transfer import make_scene

    scene = make_scene()
    paths = {}
    for index, blob in enumerate(scene.blobs):
        paths[index] = tmp_path / f"f{index}"
        paths[index].write_bytes(blob)
    slots = tuple(scene.sender.manifest.slots())
    dirty = bytearray(os.urandom(1 << 16))
    buffer, size = TransferSender._sealed_batch(scene.sender, paths, slots, dirty, 1 << 16)
    assert buffer is dirty and size < len(buffer)  # room enough: filled again, not replaced
    body = memoryview(buffer)[:size]
    frames = open_batch(body)
    assert [len(f) for f in frames] == [scene.sender.frame_bytes(*s) for s in slots]
    for (file_index, chunk_index), frame in zip(slots, frames, strict=True):
        offset, length = scene.sender.chunk_span(file_index, chunk_index)
        accepted = scene.receiver.receive_chunk(frame, in_place=True)
        assert isinstance(accepted, ChunkAccepted)
        assert (accepted.file_index, accepted.chunk_index) == (file_index, chunk_index)
        assert accepted.data == scene.blobs[file_index][offset : offset + length]
    small, _ = TransferSender._sealed_batch(scene.sender, paths, slots, bytearray(10), 1 << 16)
    assert len(small) >= size  # too small: a new buffer, never a resized one
