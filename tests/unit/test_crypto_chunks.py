"""Chunk sealing, AEAD and key derivation primitives."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.crypto.aead import OVERHEAD, SealBroken, seal, unseal
from appliance.crypto.chunks import CHUNK_OVERHEAD, ChunkHeader, chunk_key, open_chunk, peek_header, seal_chunk
from appliance.crypto.handshake import AgreementFailed, agree, new_ephemeral, session_keys
from appliance.crypto.kdf import derive_key, transcript_hash
from appliance.errors import ChunkRejected

TID, MHASH = os.urandom(16), os.urandom(32)


def header(file_index: int = 0, index: int = 0, count: int = 1) -> ChunkHeader:
    return ChunkHeader(TID, MHASH, file_index, index, count, index == count - 1)


@settings(max_examples=50, deadline=None)
@given(
    plaintext=st.binary(max_size=5000),
    file_index=st.integers(0, 2**32 - 1),
    count=st.integers(1, 2**32 - 1),
    data=st.data(),
)
def test_seal_open_round_trip(plaintext: bytes, file_index: int, count: int, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, count - 1))
    key = chunk_key(os.urandom(32), TID)
    h = header(file_index, index, count)
    frame = seal_chunk(key, h, plaintext)
    assert len(frame) == len(plaintext) + CHUNK_OVERHEAD
    assert peek_header(frame) == h
    assert open_chunk(key, frame, h) == plaintext


@settings(max_examples=100, deadline=None)
@given(position=st.integers(0, 10_000), bit=st.integers(0, 7))
def test_any_bit_flip_is_rejected(position: int, bit: int) -> None:
    key = chunk_key(os.urandom(32), TID)
    h = header(1, 2, 5)
    frame = bytearray(seal_chunk(key, h, os.urandom(200)))
    frame[position % len(frame)] ^= 1 << bit
    with pytest.raises(ChunkRejected):
        open_chunk(key, bytes(frame), h)


def test_same_plaintext_gives_different_ciphertexts() -> None:
    key = chunk_key(os.urandom(32), TID)
    assert seal_chunk(key, header(), b"x" * 64) != seal_chunk(key, header(), b"x" * 64)


@pytest.mark.parametrize(
    "bad",
    [
        ChunkHeader(TID, MHASH, 0, 1, 1, True),
        ChunkHeader(TID, MHASH, 0, 0, 2, True),
        ChunkHeader(TID, MHASH, 0, 1, 2, False),
        ChunkHeader(TID[:8], MHASH, 0, 0, 1, True),
    ],
)
def test_inconsistent_headers_cannot_be_sealed(bad: ChunkHeader) -> None:
    with pytest.raises(ValueError):
        bad.pack()


def test_aead_refuses_other_associated_data_and_short_input() -> None:
    key = os.urandom(32)
    box = seal(key, b"hello", b"aad")
    assert unseal(key, box, b"aad") == b"hello"
    with pytest.raises(SealBroken):
        unseal(key, box, b"aae")
    with pytest.raises(SealBroken):
        unseal(key, box[: OVERHEAD - 1], b"aad")


def test_keys_are_separated_by_purpose_and_context() -> None:
    secret = os.urandom(32)
    keys = {derive_key(secret, p, c) for p in (b"a", b"b") for c in (b"1", b"2")}
    assert len(keys) == 4
    with pytest.raises(ValueError):
        derive_key(b"short", b"a", b"")
    with pytest.raises(ValueError):
        derive_key(secret, b"x" * 17, b"")


def test_transcript_hash_is_unambiguous() -> None:
    assert transcript_hash(b"ab", b"c") != transcript_hash(b"a", b"bc")


def test_both_sides_agree_and_directions_differ() -> None:
    x, y = new_ephemeral(), new_ephemeral()
    shared = agree(x, bytes(y.public_key))
    assert shared == agree(y, bytes(x.public_key))
    keys = session_keys(shared, transcript_hash(b"h", b"r"))
    assert keys.sending_key(True) == keys.receiving_key(False) != keys.sending_key(False)


@pytest.mark.parametrize("public", [bytes(32), b"\x01" + bytes(31), b"short"])
def test_low_order_or_malformed_ephemeral_refused(public: bytes) -> None:
    with pytest.raises(AgreementFailed):
        agree(new_ephemeral(), public)
