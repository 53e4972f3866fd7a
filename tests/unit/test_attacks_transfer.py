"""Attack suite, transfers: each test fails if the attack succeeds (data accepted or a transfer marked done)."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from base64 import b64decode
from dataclasses import dataclass

import pytest

from appliance.crypto.aead import SealBroken, unseal
from appliance.crypto.chunks import HEADER_BYTES
from appliance.crypto.handshake import agree, session_keys
from appliance.crypto.kdf import transcript_hash
from appliance.identity.keys import SiteKeys
from appliance.protocol.framing import PREFIX_BYTES, FrameKind, decode_frame, encode_frame
from appliance.protocol.handshake import Established, InitiatorHandshake, ResponderHandshake, Send
from appliance.protocol.loopback import MemoryReceiverSite, open_session
from appliance.protocol.manifest import MIN_CHUNK_SIZE, Receipt, sign_receipt
from appliance.protocol.messages import Offer, ReceiptMessage, Refusal
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer
from appliance.protocol.receiver import (
    ChunkAccepted,
    ChunkRefused,
    OfferRefused,
    ReceiverTransfer,
    StudyComplete,
)
from appliance.protocol.sender import (
    ChunksNeeded,
    OutgoingFile,
    ReceiptRejected,
    SenderState,
    SenderTransfer,
    TransferDone,
)
from appliance.protocol.session import MessageRejected, Session

NOW = 1_800_000_000.0
CHUNK = MIN_CHUNK_SIZE


@dataclass
class Scene:
    a: SiteKeys
    b: SiteKeys
    directory: StaticDirectory
    blobs: list[bytes]
    sender: SenderTransfer
    receiver: ReceiverTransfer
    session_a: Session
    session_b: Session

    def chunk(self, file_index: int, chunk_index: int, sender: SenderTransfer | None = None) -> bytes:
        s = sender or self.sender
        offset, length = s.chunk_span(file_index, chunk_index)
        return s.seal_chunk(file_index, chunk_index, self.blobs[file_index][offset : offset + length])


def make_scene(sizes: tuple[int, ...] = (3 * CHUNK, 2 * CHUNK)) -> Scene:
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)})
    blobs = [os.urandom(n) for n in sizes]
    files = [OutgoingFile("1.2.3", f"1.2.3.{i}", len(x), hashlib.sha256(x).hexdigest()) for i, x in enumerate(blobs)]
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2", files, NOW, chunk_size=CHUNK)
    sa, sb = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    offer = sb.open(sa.seal(sender.offer()))
    assert isinstance(offer, Offer)
    receiver = ReceiverTransfer.accept(b, directory, sb.peer, offer)
    assert isinstance(receiver, ReceiverTransfer)
    return Scene(a, b, directory, blobs, sender, receiver, sa, sb)


def flip(frame: bytes, position: int) -> bytes:
    data = bytearray(frame)
    data[position] ^= 0x01
    return bytes(data)


def refused(event: object, reason: str) -> None:
    assert isinstance(event, ChunkRefused), f"attack succeeded: {event!r}"
    assert reason in event.reason, event.reason


def with_header(frame: bytes, **fields: int) -> bytes:
    """Rewrite a chunk header field (the ciphertext stays): file, index, count, last."""
    payload = bytearray(decode_frame(frame, FrameKind.CHUNK).payload)
    offsets = {"file": 52, "index": 56, "count": 60}
    for name, value in fields.items():
        if name == "last":
            payload[64] = value
        else:
            struct.pack_into(">I", payload, offsets[name], value)
    return encode_frame(FrameKind.CHUNK, bytes(payload))


def test_bit_flip_in_chunk_ciphertext() -> None:
    s = make_scene()
    frame = s.chunk(0, 1)
    refused(s.receiver.receive_chunk(flip(frame, len(frame) - 5)), "failed authentication")
    refused(s.receiver.receive_chunk(flip(frame, PREFIX_BYTES + HEADER_BYTES + 3)), "failed authentication")
    assert isinstance(s.receiver.receive_chunk(frame), ChunkAccepted)  # the honest chunk still passes


def test_bit_flip_in_manifest_hash_of_header() -> None:
    s = make_scene()
    refused(s.receiver.receive_chunk(flip(s.chunk(0, 0), PREFIX_BYTES + 30)), "another manifest")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"index": 0}, "failed authentication"),  # moved to another slot of the same file
        ({"file": 1, "index": 0, "count": 2}, "failed authentication"),  # moved to another file
        ({"index": 7}, "beyond"),
        ({"file": 9}, "file the manifest does not have"),
        ({"count": 4}, "count or last flag"),
        ({"last": 1}, "count or last flag"),
    ],
)
def test_chunk_moved_to_another_slot_or_file(fields: dict[str, int], reason: str) -> None:
    s = make_scene()
    refused(s.receiver.receive_chunk(with_header(s.chunk(0, 1), **fields)), reason)


def test_chunk_moved_to_another_transfer() -> None:
    s, other = make_scene(), make_scene()
    refused(s.receiver.receive_chunk(other.chunk(0, 0)), "another transfer")
    # Even relabelled with this transfer's id and manifest hash, the key and AAD do not match.
    payload = bytearray(decode_frame(other.chunk(0, 0), FrameKind.CHUNK).payload)
    payload[4:20] = s.sender.transfer_id
    payload[20:52] = s.sender.manifest.hash
    refused(s.receiver.receive_chunk(encode_frame(FrameKind.CHUNK, bytes(payload))), "failed authentication")


def test_dropped_last_chunk_never_completes() -> None:
    s = make_scene((3 * CHUNK,))
    events = []
    for index in (0, 1):
        accepted = s.receiver.receive_chunk(s.chunk(0, index))
        assert isinstance(accepted, ChunkAccepted)
        events += s.receiver.chunk_stored(0, index)
    assert not any(isinstance(e, StudyComplete) for e in events)
    assert s.receiver.missing() == ((0, 2),)
    with pytest.raises(RuntimeError):
        s.receiver.receipt(NOW)
    assert isinstance(s.sender.receive(s.receiver.answer(s.sender.query())), ChunksNeeded)
    assert s.sender.state is not SenderState.DONE


def test_truncated_chunk_is_refused() -> None:
    s = make_scene()
    frame = s.chunk(0, 0)
    payload = decode_frame(frame, FrameKind.CHUNK).payload
    refused(s.receiver.receive_chunk(encode_frame(FrameKind.CHUNK, payload[:-100])), "failed authentication")
    refused(s.receiver.receive_chunk(encode_frame(FrameKind.CHUNK, payload[:40])), "shorter than its header")


def test_duplicated_and_reordered_chunks_are_harmless() -> None:
    s = make_scene()
    slots = list(reversed(s.sender.manifest.slots()))
    slots = slots + slots[::2]
    blobs: list[bytearray] = [bytearray(len(b)) for b in s.blobs]
    complete = 0
    for slot in slots:
        event = s.receiver.receive_chunk(s.chunk(*slot))
        assert isinstance(event, ChunkAccepted)
        blobs[event.file_index][event.offset : event.offset + len(event.data)] = event.data
        for e in s.receiver.chunk_stored(*slot):
            for done in s.receiver.file_checked(e.file_index, hashlib.sha256(blobs[e.file_index]).hexdigest()):
                complete += isinstance(done, StudyComplete)
    assert complete == 1 and [bytes(b) for b in blobs] == s.blobs


def test_corrupt_assembled_file_is_not_accepted() -> None:
    s = make_scene((CHUNK,))
    assert isinstance(s.receiver.receive_chunk(s.chunk(0, 0)), ChunkAccepted)
    s.receiver.chunk_stored(0, 0)
    events = s.receiver.file_checked(0, "0" * 64)
    assert "differs" in getattr(events[0], "reason", "")
    assert s.receiver.missing() == ((0, 0),)


def test_replay_of_old_transfer_messages_in_a_new_session() -> None:
    s = make_scene()
    old_offer = s.session_a.seal(s.sender.offer())
    new_a, new_b = open_session(s.a, s.b, s.directory, s.directory, ReplayCache(300), NOW + 3600)
    with pytest.raises(MessageRejected, match="another session"):
        new_b.open(old_offer)
    forged = old_offer[:PREFIX_BYTES] + new_b.session_id + old_offer[PREFIX_BYTES + 16 :]
    with pytest.raises(MessageRejected, match="failed authentication"):
        new_b.open(forged)
    assert new_a.session_id != s.session_a.session_id


def test_replay_of_an_old_transfer_writes_nothing_new() -> None:
    s = make_scene((CHUNK,))
    site = MemoryReceiverSite(s.b, s.directory)
    site.handle_sealed(s.session_b, s.session_a.seal(s.sender.offer()), NOW)
    captured = [s.chunk(0, 0)]
    for frame in captured:
        site.handle_chunk(frame, NOW)
    writes = site.chunk_writes
    for frame in captured * 3:  # an attacker replays the captured chunk frames
        site.handle_chunk(frame, NOW + 10)
    answer = s.session_a.open(site.handle_sealed(s.session_b, s.session_a.seal(s.sender.offer()), NOW))
    assert isinstance(answer, ReceiptMessage)
    assert site.chunk_writes == writes and len(site.durable) == 1


def test_wrong_transfer_key() -> None:
    s = make_scene()
    wrong = ReceiverTransfer(s.b, s.sender.signed_manifest, os.urandom(32))
    refused(wrong.receive_chunk(s.chunk(0, 0)), "failed authentication")


def test_wrong_session_key() -> None:
    s = make_scene()
    other_a, _ = open_session(s.a, s.b, s.directory, s.directory, ReplayCache(300), NOW)
    with pytest.raises(MessageRejected):
        s.session_b.open(other_a.seal(s.sender.query()))
    with pytest.raises(MessageRejected):  # a message cannot be reflected back to its sender
        s.session_a.open(s.session_a.seal(s.sender.query()))


def test_manifest_signed_by_wrong_key() -> None:
    s = make_scene()
    intruder = SiteKeys.generate()

    class Claims:
        signing = intruder.signing
        site_id = s.a.site_id

    forged = SenderTransfer.create(
        Claims(), s.directory, s.b.site_id, "1.2", [OutgoingFile("1", "1.1", 1, "0" * 64)], NOW
    )
    result = ReceiverTransfer.accept(s.b, s.directory, s.a.site_id, forged.offer())
    assert isinstance(result, OfferRefused) and "signature" in result.reason


def test_manifest_relayed_by_another_site_or_to_another_site() -> None:
    s = make_scene()
    c = SiteKeys.generate()
    s.directory.sites[c.site_id] = StaticPeer(bytes(c.verify_key))
    relayed = ReceiverTransfer.accept(s.b, s.directory, c.site_id, s.sender.offer())
    assert isinstance(relayed, OfferRefused) and "session is with" in relayed.reason
    elsewhere = ReceiverTransfer.accept(c, s.directory, s.a.site_id, s.sender.offer())
    assert isinstance(elsewhere, OfferRefused) and "addressed to" in elsewhere.reason


def test_offer_from_revoked_sender() -> None:
    s = make_scene()
    s.directory.revoked.add(s.a.site_id)
    assert isinstance(ReceiverTransfer.accept(s.b, s.directory, s.a.site_id, s.sender.offer()), OfferRefused)


def test_forged_or_wrong_receipt_does_not_finish_the_transfer() -> None:
    s = make_scene()
    m = s.sender.manifest
    intruder = SiteKeys.generate()

    class Claims:
        signing = intruder.signing
        site_id = s.b.site_id

    good = Receipt(m.transfer_id, m.hash, m.sender, m.receiver, m.study_uid, len(m.files), int(NOW))
    event = s.sender.receive(ReceiptMessage(sign_receipt(Claims(), good)))
    assert isinstance(event, ReceiptRejected) and "signature" in event.reason
    partial = Receipt(m.transfer_id, m.hash, m.sender, m.receiver, m.study_uid, 1, int(NOW))
    assert isinstance(s.sender.receive(ReceiptMessage(sign_receipt(s.b, partial))), ReceiptRejected)
    assert isinstance(s.sender.receive(ReceiptMessage(b"{}")), ReceiptRejected)
    o = make_scene().sender.manifest  # a valid receipt, but for another transfer
    foreign = Receipt(o.transfer_id, o.hash, m.sender, m.receiver, m.study_uid, len(m.files), int(NOW))
    assert isinstance(s.sender.receive(ReceiptMessage(sign_receipt(s.b, foreign))), ReceiptRejected)
    assert s.sender.state is not SenderState.DONE
    assert isinstance(s.sender.receive(ReceiptMessage(sign_receipt(s.b, good))), TransferDone)


def test_receiver_refusal_fails_the_sender_with_its_reason() -> None:
    s = make_scene()
    event = s.sender.receive(Refusal(s.sender.transfer_id, "disk full"))
    assert s.sender.state is SenderState.FAILED and "disk full" in getattr(event, "reason", "")


def test_captured_transfer_unreadable_after_long_term_keys_disclosed() -> None:
    """Forward secrecy: with both sites' long-term private keys and every captured byte, no key opens it."""
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)})
    init = InitiatorHandshake(a, b.site_id, directory)
    resp = ResponderHandshake(b, directory, ReplayCache(300))
    wire: list[bytes] = [init.hello(NOW)]
    reply = resp.receive_hello(wire[-1], NOW)
    assert isinstance(reply, Send)
    wire.append(reply.data)
    finish = init.receive_reply(wire[-1], NOW)
    assert isinstance(finish, Send)
    wire.append(finish.data)
    done = resp.receive_finish(wire[-1])
    assert isinstance(done, Established)
    wire.append(done.data)
    established = init.receive_ready(wire[-1])
    assert isinstance(established, Established)
    secret = os.urandom(CHUNK)
    files = [OutgoingFile("1.2", "1.2.1", len(secret), hashlib.sha256(secret).hexdigest())]
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2", files, NOW, chunk_size=CHUNK)
    sealed_offer = established.session.seal(sender.offer())
    wire += [sealed_offer, sender.seal_chunk(0, 0, secret)]
    captured = b"".join(wire)
    assert sender.transfer_key not in captured and secret[:64] not in captured

    # The attacker now holds both long-term private keys (Ed25519, also tried in their X25519 form) and
    # tries every combination that does not need an ephemeral private key (never stored, gone).
    hello_payload = decode_frame(wire[0], FrameKind.HELLO).payload
    reply_payload = decode_frame(wire[1], FrameKind.REPLY).payload
    th = transcript_hash(hello_payload, reply_payload)
    eph_i = json.loads(hello_payload)["body"]["eph"]
    eph_r = json.loads(reply_payload)["body"]["eph"]
    privates = [a.signing.to_curve25519_private_key(), b.signing.to_curve25519_private_key()]
    publics = [b64decode(eph_i), b64decode(eph_r), *(bytes(p.public_key) for p in privates)]
    candidates = [agree(p, q) for p in privates for q in publics if q != bytes(p.public_key)]
    candidates += [bytes(a.signing)[:32], bytes(b.signing)[:32], *(bytes(p) for p in privates)]
    body = decode_frame(sealed_offer, FrameKind.SEALED).payload[16:]
    for shared in candidates:
        keys = session_keys(shared, th)
        for key in (keys.initiator_to_responder, keys.responder_to_initiator):
            for aad_direction in (b"\x01", b"\x02"):
                with pytest.raises(SealBroken):
                    unseal(key, body, b"psl1 sealed" + keys.session_id + aad_direction)
    # Sanity: the real (ephemeral-derived) key does open it, so the attempt above was meaningful.
    assert isinstance(done.session.open(sealed_offer), Offer)
