"""The bulk path of chunks: zero-copy sealing and opening, frame views, and the header read from plaintext.

Each fast function is checked against the plain one it replaces: same bytes on the wire, same refusals.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.crypto.aead import OVERHEAD, SealBroken, seal, seal_into, unseal, unseal_view
from appliance.crypto.chunks import (
    CHUNK_OVERHEAD,
    PLAINTEXT_AT,
    ChunkHeader,
    chunk_key,
    open_chunk,
    seal_chunk,
    seal_chunk_into,
)
from appliance.dicom.encoding import file_header
from appliance.errors import ChunkRejected
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, decode_frame, encode_frame, frame_prefix, frame_view
from appliance.protocol.receiver import ChunkAccepted
from appliance.service.transfer_files import (
    HEADER_WINDOW,
    hash_and_head,
    instance_in,
    read_instance,
    read_into,
    write_at,
)

TID, MHASH = os.urandom(16), os.urandom(32)
CT = "1.2.840.10008.5.1.4.1.1.2"


@settings(max_examples=40, deadline=None)
@given(plaintext=st.binary(max_size=4000), start=st.integers(0, 16))
def test_seal_into_and_unseal_view_interoperate_with_seal_and_unseal(plaintext: bytes, start: int) -> None:
    key, ad = os.urandom(32), os.urandom(20)
    out = bytearray(start + OVERHEAD + len(plaintext))
    seal_into(out, start, key, plaintext, ad)
    assert unseal(key, bytes(out[start:]), ad) == plaintext
    assert unseal_view(key, memoryview(out)[start:], ad) == plaintext
    assert unseal_view(key, seal(key, plaintext, ad), ad) == plaintext


def test_unseal_view_refuses_tampering_wrong_key_and_short_input() -> None:
    key, ad = os.urandom(32), b"ad"
    sealed = bytearray(seal(key, b"x" * 100, ad))
    for position in (0, 23, 24, len(sealed) - 1):
        bad = bytearray(sealed)
        bad[position] ^= 1
        with pytest.raises(SealBroken):
            unseal_view(key, bad, ad)
    with pytest.raises(SealBroken):
        unseal_view(os.urandom(32), sealed, ad)
    with pytest.raises(SealBroken):
        unseal_view(key, sealed, b"other")
    with pytest.raises(SealBroken):
        unseal_view(key, sealed[: OVERHEAD - 1], ad)
    with pytest.raises(TypeError):
        unseal_view(b"short", sealed, ad)


def test_seal_into_encrypts_in_place_and_checks_its_room() -> None:
    key = chunk_key(os.urandom(32), TID)
    h = ChunkHeader(TID, MHASH, 3, 0, 1, True)
    plaintext = os.urandom(3000)
    frame = bytearray(5 + CHUNK_OVERHEAD + len(plaintext))
    frame[5 + PLAINTEXT_AT : 5 + PLAINTEXT_AT + len(plaintext)] = plaintext
    seal_chunk_into(frame, 5, key, h, memoryview(frame)[5 + PLAINTEXT_AT : 5 + PLAINTEXT_AT + len(plaintext)])
    assert open_chunk(key, memoryview(frame)[5:], h) == plaintext
    assert plaintext not in frame  # encrypted where it lay
    with pytest.raises(ValueError):
        seal_chunk_into(bytearray(10), 0, key, h, plaintext)


def test_open_chunk_reads_a_view_and_refuses_like_before() -> None:
    key = chunk_key(os.urandom(32), TID)
    h = ChunkHeader(TID, MHASH, 1, 2, 5, False)
    sealed = seal_chunk(key, h, b"p" * 500)
    body = bytearray(b"\x00" * 7 + sealed)
    assert open_chunk(key, memoryview(body)[7:], h) == b"p" * 500
    body[-1] ^= 1
    with pytest.raises(ChunkRejected, match="failed authentication"):
        open_chunk(key, memoryview(body)[7:], h)


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(list(FrameKind)), payload=st.binary(max_size=300), cut=st.integers(-3, 3))
def test_frame_view_agrees_with_decode_frame(kind: FrameKind, payload: bytes, cut: int) -> None:
    data = encode_frame(kind, payload)
    data = data[:cut] if cut < 0 else data + b"z" * cut
    try:
        expected: object = decode_frame(data)
    except MalformedMessage as exc:
        expected = str(exc)
    try:
        found_kind, view = frame_view(bytearray(data))
        found: object = (found_kind, bytes(view))
    except MalformedMessage as exc:
        found = str(exc)
    assert found == (expected if isinstance(expected, str) else (expected.kind, expected.payload))
    assert frame_prefix(kind, len(payload)) == encode_frame(kind, payload)[:5]


def _instance(tmp_path: Path, pixels: int = 4096, padding: int = 0) -> Path:
    """A small Part 10 file (explicit VR little endian), optionally with a long private text in its header."""
    from pydicom.dataset import Dataset
    from pydicom.filebase import DicomBytesIO
    from pydicom.filewriter import write_dataset

    ds = Dataset()
    ds.SOPClassUID = CT
    ds.SOPInstanceUID = "1.2.3.4.5.6"
    ds.StudyDate = "20260101"
    ds.Modality = "CT"
    ds.PatientName = "Test^Header"
    ds.PatientID = "HDR-1"
    if padding:
        ds.add_new(0x00111010, "UT", "x" * padding)  # before the UIDs: pushes them far into the file
    ds.StudyInstanceUID = "1.2.3.4"
    ds.SeriesInstanceUID = "1.2.3.4.5"
    ds.SeriesNumber = "7"
    ds.add_new(0x7FE00010, "OW", b"\x01\x02" * (pixels // 2))
    body = DicomBytesIO()
    body.is_implicit_VR, body.is_little_endian = False, True
    write_dataset(body, ds)
    path = tmp_path / "instance.dcm"
    path.write_bytes(file_header(CT, "1.2.3.4.5.6", "1.2.840.10008.1.2.1") + body.getvalue())
    return path


@pytest.mark.parametrize("padding", [0, HEADER_WINDOW])
def test_header_from_plaintext_equals_header_from_file(tmp_path: Path, padding: int) -> None:
    path = _instance(tmp_path, padding=padding)
    data = path.read_bytes()
    assert instance_in(bytearray(data), whole=True) == read_instance(path)
    digest, head, whole = hash_and_head(path)
    assert digest == hashlib.sha256(data).hexdigest()
    assert whole and head == data and instance_in(head, whole) == read_instance(path)


def test_header_cut_short_is_not_trusted(tmp_path: Path) -> None:
    """The first chunk of a larger file: a header that runs to its end may be incomplete, so it is not used."""
    data = _instance(tmp_path, pixels=100_000).read_bytes()
    end_of_header = data.index(b"\xe0\x7f\x10\x00")  # the pixel data tag
    assert instance_in(data[: end_of_header + 12], whole=False) is not None  # stopped at the pixels: complete
    assert instance_in(data[: end_of_header - 3], whole=False) is None  # cut inside the header
    assert instance_in(b"not dicom at all" * 20, whole=True) is None


def test_write_at_read_into_and_hash(tmp_path: Path) -> None:
    path = tmp_path / "f.part"
    data = os.urandom(10_000)
    assert write_at(path, 5000, memoryview(data)[5000:], digest=True) == hashlib.sha256(data[5000:]).hexdigest()
    write_at(path, 0, bytearray(data[:5000]))
    assert hash_and_head(path)[0] == hashlib.sha256(data).hexdigest()
    view = memoryview(bytearray(3000))
    read_into(path, 4000, view)
    assert bytes(view) == data[4000:7000]
    with pytest.raises(OSError, match="shorter"):
        read_into(path, 9000, memoryview(bytearray(2000)))


def test_open_chunk_in_place_decrypts_over_the_frame() -> None:
    key = chunk_key(os.urandom(32), TID)
    h = ChunkHeader(TID, MHASH, 0, 0, 1, True)
    plaintext = os.urandom(5000)
    body = bytearray(seal_chunk(key, h, plaintext))
    plain = open_chunk(key, memoryview(body), h, in_place=True)
    assert isinstance(plain, memoryview) and plain == plaintext
    assert body[PLAINTEXT_AT : PLAINTEXT_AT + len(plaintext)] == plaintext  # no copy: it is the frame
    with pytest.raises(TypeError):
        unseal_view(key, seal(key, b"x", b""), b"", in_place=True)  # bytes are not writable
    tampered = bytearray(seal_chunk(key, h, plaintext))
    tampered[-5] ^= 1
    with pytest.raises(ChunkRejected, match="failed authentication"):
        open_chunk(key, memoryview(tampered), h, in_place=True)


def test_chunk_bodies_reuse_buffers_within_their_bounds() -> None:
    from appliance.transport.server import ChunkBodies

    bodies = ChunkBodies(keep=2, keep_bytes=300_000)
    first = bodies._take(100_000)
    assert len(first) >= 100_000 and len(first) % 65536 == 0
    bodies.give(first)
    assert bodies._take(90_000) is first  # reused, not allocated again
    second, third = bodies._take(100_000), bodies._take(200_000)
    bodies.give(first)
    bodies.give(second)
    bodies.give(third)  # over `keep`: dropped
    assert bodies._take(200_000) is not third
    bodies.give(None)


def test_chunk_bodies_never_hand_out_one_buffer_twice() -> None:
    """Buffers with equal contents are still different buffers (a list's `remove` would compare contents)."""
    from appliance.transport.server import ChunkBodies

    bodies = ChunkBodies(keep=4, keep_bytes=10 << 20)
    small, large = bytearray(65536), bytearray(2 * 65536)
    bodies.give(large)
    bodies.give(small)
    taken = [bodies._take(1000), bodies._take(1000), bodies._take(1000)]
    assert taken[0] is small and taken[1] is large and taken[2] is not small and taken[2] is not large


def test_a_frame_read_straight_from_the_spool_file_is_the_frame_seal_chunk_makes(tmp_path: Path) -> None:
    """`seal_chunk_frame` + `read_into` (the chunk read into its frame, encrypted in place) is accepted like
    `seal_chunk`'s frame, also decrypted in place in a receive buffer."""
    from tests.unit.test_attacks_transfer import make_scene

    scene = make_scene()
    spool_file = tmp_path / "f0"
    spool_file.write_bytes(scene.blobs[0])
    for chunk_index in range(3):
        offset, length = scene.sender.chunk_span(0, chunk_index)
        frame = scene.sender.seal_chunk_frame(0, chunk_index, lambda view, at=offset: read_into(spool_file, at, view))
        assert len(frame) == len(scene.chunk(0, chunk_index))
        body = memoryview(bytearray(frame))
        accepted = scene.receiver.receive_chunk(body, in_place=True)
        assert isinstance(accepted, ChunkAccepted) and accepted.data == scene.blobs[0][offset : offset + length]
    with pytest.raises(ValueError):
        scene.sender.seal_chunk(0, 0, b"short")
