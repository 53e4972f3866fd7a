"""The sealed `abandon` control message and its answer: encoding, the sender and receiver machines, attacks."""

from __future__ import annotations

import hashlib
import os

import pytest

from appliance.identity.keys import SiteKeys
from appliance.protocol.codec import MalformedMessage, canonical_json
from appliance.protocol.loopback import open_session
from appliance.protocol.manifest import MIN_CHUNK_SIZE
from appliance.protocol.messages import (
    ABANDONED,
    HELD,
    UNKNOWN,
    Abandon,
    AbandonAnswer,
    Missing,
    Offer,
    Query,
    Refusal,
    decode_control,
    encode_control,
)
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer
from appliance.protocol.receiver import (
    ChunkAccepted,
    ChunkRefused,
    ReceiverState,
    ReceiverTransfer,
    StudyComplete,
)
from appliance.protocol.sender import AbandonAcknowledged, OutgoingFile, ReceiptRejected, SenderTransfer
from appliance.protocol.session import MessageRejected

NOW = 1_800_000_000.0
CHUNK = MIN_CHUNK_SIZE


def scene(sizes: tuple[int, ...] = (2 * CHUNK, CHUNK)) -> tuple[SiteKeys, SiteKeys, StaticDirectory, list[bytes],
                                                              SenderTransfer, ReceiverTransfer]:
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)})
    blobs = [os.urandom(n) for n in sizes]
    files = [OutgoingFile("1.2.3", f"1.2.3.{i}", len(x), hashlib.sha256(x).hexdigest()) for i, x in enumerate(blobs)]
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2", files, NOW, chunk_size=CHUNK)
    receiver = ReceiverTransfer.accept(b, directory, a.site_id, sender.offer())
    assert isinstance(receiver, ReceiverTransfer)
    return a, b, directory, blobs, sender, receiver


def chunk(sender: SenderTransfer, blobs: list[bytes], file_index: int, chunk_index: int) -> bytes:
    offset, length = sender.chunk_span(file_index, chunk_index)
    return sender.seal_chunk(file_index, chunk_index, blobs[file_index][offset : offset + length])


@pytest.mark.parametrize("message", [
    Abandon(b"\x01" * 16, b"\x02" * 32),
    AbandonAnswer(b"\x03" * 16, ABANDONED),
    AbandonAnswer(b"\x03" * 16, HELD),
    AbandonAnswer(b"\x03" * 16, UNKNOWN),
])
def test_abandon_messages_round_trip(message: Abandon | AbandonAnswer) -> None:
    assert decode_control(encode_control(message)) == message


@pytest.mark.parametrize("obj", [
    {"type": "abandon", "transfer": "AAAA"},  # no manifest hash, short id
    {"type": "abandon", "transfer": "AQEBAQEBAQEBAQEBAQEBAQ==", "manifest": "AQ=="},  # short hash
    {"type": "abandoned", "transfer": "AQEBAQEBAQEBAQEBAQEBAQ==", "status": "deleted-everything"},
    {"type": "abandoned", "transfer": "AQEBAQEBAQEBAQEBAQEBAQ=="},
])
def test_malformed_abandon_messages_are_refused(obj: dict[str, str]) -> None:
    with pytest.raises(MalformedMessage):
        decode_control(canonical_json(obj))


def test_abandon_drops_a_partial_transfer_and_refuses_everything_after() -> None:
    _, _, _, blobs, sender, receiver = scene()
    first = receiver.receive_chunk(chunk(sender, blobs, 0, 0))
    assert isinstance(first, ChunkAccepted)
    receiver.chunk_stored(0, 0)
    answer = receiver.abandon(sender.abandon())
    assert answer == AbandonAnswer(sender.transfer_id, ABANDONED)
    assert receiver.state is ReceiverState.ABANDONED
    assert receiver.abandon(sender.abandon()) == answer  # a repeated abandon: the same answer
    assert isinstance(receiver.receive_chunk(chunk(sender, blobs, 0, 1)), ChunkRefused)
    assert receiver.chunk_stored(0, 1) == ()
    assert receiver.file_checked(1, hashlib.sha256(blobs[1]).hexdigest()) == ()
    refusal = receiver.answer(Query(sender.transfer_id))
    assert isinstance(refusal, Refusal) and refusal.reason == "cancelled by the sending site"
    with pytest.raises(RuntimeError):
        receiver.receipt(NOW)
    assert sender.abandon_answered(answer) == AbandonAcknowledged(ABANDONED)


def test_abandon_of_a_committed_study_deletes_nothing() -> None:
    _, _, _, blobs, sender, receiver = scene((CHUNK,))
    assert isinstance(receiver.receive_chunk(chunk(sender, blobs, 0, 0)), ChunkAccepted)
    receiver.chunk_stored(0, 0)
    events = receiver.file_checked(0, hashlib.sha256(blobs[0]).hexdigest())
    assert any(isinstance(e, StudyComplete) for e in events)
    assert receiver.abandon(sender.abandon()).status == HELD  # verified, commit under way: kept
    receipt = receiver.receipt(NOW)
    assert receiver.abandon(sender.abandon()) == AbandonAnswer(sender.transfer_id, HELD)
    assert receiver.state is ReceiverState.DONE
    assert receiver.answer(Query(sender.transfer_id)) == receipt


def test_abandon_bound_to_the_transfer_and_its_manifest() -> None:
    a, _, directory, blobs, sender, receiver = scene()
    other = SenderTransfer.create(a, directory, receiver.manifest.receiver, "1.2", [
        OutgoingFile("1.2.3", "1.2.3.0", 5, hashlib.sha256(b"hello").hexdigest())], NOW, chunk_size=CHUNK)
    assert receiver.abandon(other.abandon()).status == UNKNOWN  # another transfer's id
    forged = Abandon(sender.transfer_id, hashlib.sha256(b"another manifest").digest())
    assert receiver.abandon(forged) == AbandonAnswer(sender.transfer_id, UNKNOWN)  # right id, wrong manifest
    assert receiver.state is ReceiverState.RECEIVING
    assert isinstance(receiver.receive_chunk(chunk(sender, blobs, 0, 0)), ChunkAccepted)


def test_sender_checks_the_answer_to_its_abandon() -> None:
    _, _, _, _, sender, _ = scene()
    sender.abandon()
    assert isinstance(sender.abandon_answered(AbandonAnswer(os.urandom(16), ABANDONED)), ReceiptRejected)
    assert isinstance(sender.abandon_answered(Missing(sender.transfer_id, ())), ReceiptRejected)
    assert sender.abandon_answered(AbandonAnswer(sender.transfer_id, UNKNOWN)) == AbandonAcknowledged(UNKNOWN)
    assert sender.finished  # a sender that abandons never sends again


def test_sealed_abandon_cannot_be_replayed_in_another_session_or_reflected() -> None:
    a, b, directory, _, sender, _ = scene()
    c = SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b, c)})
    sa, sb = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    captured = sa.seal(sender.abandon())
    opened = sb.open(captured)
    assert isinstance(opened, Abandon) and sb.peer == a.site_id  # the receiver learns who abandons from the session
    later_a, later_b = open_session(a, b, directory, directory, ReplayCache(300), NOW + 60)
    with pytest.raises(MessageRejected):
        later_b.open(captured)  # a later session of the same two sites
    sc, sb_c = open_session(c, b, directory, directory, ReplayCache(300), NOW)
    with pytest.raises(MessageRejected):
        sb_c.open(captured)  # a session of another site with the receiver
    with pytest.raises(MessageRejected):
        sa.open(captured)  # reflected back to the sender
    relabelled = bytearray(captured)
    relabelled[5 : 5 + 16] = sb_c.session_id  # the public session id swapped: authentication still fails
    with pytest.raises(MessageRejected):
        sb_c.open(bytes(relabelled))
    assert later_a.session_id != sa.session_id != sc.session_id


def test_offer_answers_are_unchanged_by_the_new_messages() -> None:
    _, _, _, _, sender, receiver = scene()
    assert isinstance(receiver.answer(Offer(sender.signed_manifest, sender.transfer_key)), Missing)
