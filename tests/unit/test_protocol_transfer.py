"""Two protocol engines paired in memory: handshake, manifest, chunks in any order, resume, receipt."""

from __future__ import annotations

import hashlib
import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.identity.keys import SiteKeys
from appliance.protocol.loopback import MemoryReceiverSite, open_session
from appliance.protocol.manifest import MIN_CHUNK_SIZE
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer
from appliance.protocol.receiver import ChunkAccepted, StudyComplete
from appliance.protocol.sender import (
    ChunksNeeded,
    OutgoingFile,
    SenderState,
    SenderTransfer,
    TransferDone,
    WaitForReceipt,
)

NOW = 1_800_000_000.0
CHUNK = MIN_CHUNK_SIZE


def make_world() -> tuple[SiteKeys, SiteKeys, StaticDirectory]:
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory(
        {k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)},
    )
    return a, b, directory


def study(sizes: list[int]) -> tuple[list[bytes], list[OutgoingFile]]:
    blobs = [os.urandom(n) for n in sizes]
    files = [
        OutgoingFile("1.2.3.4", f"1.2.3.4.{i}", len(blob), hashlib.sha256(blob).hexdigest())
        for i, blob in enumerate(blobs)
    ]
    return blobs, files


def read(sender: SenderTransfer, blobs: list[bytes], slot: tuple[int, int]) -> bytes:
    offset, length = sender.chunk_span(*slot)
    return blobs[slot[0]][offset : offset + length]


def transfer(sizes: list[int], order_seed: int = 0, duplicates: int = 0) -> tuple[SenderTransfer, MemoryReceiverSite]:
    a, b, directory = make_world()
    blobs, files = study(sizes)
    s_session, r_session = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2.3", files, NOW, chunk_size=CHUNK)
    receiver = MemoryReceiverSite(b, directory)
    event = sender.receive(s_session.open(receiver.handle_sealed(r_session, s_session.seal(sender.offer()), NOW)))
    assert isinstance(event, ChunksNeeded)
    slots = list(event.slots)
    random.Random(order_seed).shuffle(slots)
    slots += slots[:duplicates]
    for slot in slots:
        receiver.handle_chunk(sender.seal_chunk(*slot, read(sender, blobs, slot)), NOW)
    event = sender.receive(s_session.open(receiver.handle_sealed(r_session, s_session.seal(sender.query()), NOW)))
    assert isinstance(event, TransferDone), event
    (durable,) = receiver.durable.values()
    assert durable.committed == blobs
    return sender, receiver


@pytest.mark.parametrize(
    ("sizes", "seed", "duplicates"),
    [
        ([0], 0, 0),
        ([1], 0, 1),
        ([CHUNK], 1, 0),
        ([CHUNK + 1, 3 * CHUNK, 17], 2, 3),
        ([5 * CHUNK - 1] * 3, 3, 10),
    ],
)
def test_full_transfer_out_of_order_with_duplicates(sizes: list[int], seed: int, duplicates: int) -> None:
    sender, receiver = transfer(sizes, seed, duplicates)
    assert sender.state is SenderState.DONE
    assert receiver.chunk_writes == sender.manifest.total_chunks  # duplicates are never written twice


@settings(max_examples=25, deadline=None)
@given(sizes=st.lists(st.integers(0, 3 * CHUNK), min_size=1, max_size=4), seed=st.integers(0, 1000))
def test_any_order_arrives_bit_identical(sizes: list[int], seed: int) -> None:
    transfer(sizes, seed, duplicates=2)


def test_resume_sends_only_missing_chunks_after_receiver_crash() -> None:
    a, b, directory = make_world()
    blobs, files = study([4 * CHUNK, 2 * CHUNK + 5])
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2.3", files, NOW, chunk_size=CHUNK)
    receiver = MemoryReceiverSite(b, directory)
    s1, r1 = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    first = sender.receive(s1.open(receiver.handle_sealed(r1, s1.seal(sender.offer()), NOW)))
    assert isinstance(first, ChunksNeeded)
    sent_before = first.slots[:4]
    for slot in sent_before:
        receiver.handle_chunk(sender.seal_chunk(*slot, read(sender, blobs, slot)), NOW)

    receiver.crash()  # and the sender restarts from what it persisted
    sender = SenderTransfer(a, directory, sender.signed_manifest, sender.transfer_key)
    s2, r2 = open_session(a, b, directory, directory, ReplayCache(300), NOW + 60)
    again = sender.receive(s2.open(receiver.handle_sealed(r2, s2.seal(sender.offer()), NOW + 60)))
    assert isinstance(again, ChunksNeeded)
    assert set(again.slots) == set(first.slots) - set(sent_before)
    for slot in again.slots:
        events = receiver.handle_chunk(sender.seal_chunk(*slot, read(sender, blobs, slot)), NOW + 60)
        assert isinstance(events[0], ChunkAccepted)
    assert receiver.chunk_writes == sender.manifest.total_chunks
    done = sender.receive(s2.open(receiver.handle_sealed(r2, s2.seal(sender.query()), NOW + 60)))
    assert isinstance(done, TransferDone)


def test_resending_an_arrived_study_is_a_no_op() -> None:
    a, b, directory = make_world()
    blobs, files = study([CHUNK * 2])
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2.3", files, NOW, chunk_size=CHUNK)
    receiver = MemoryReceiverSite(b, directory)
    s, r = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    sender.receive(s.open(receiver.handle_sealed(r, s.seal(sender.offer()), NOW)))
    events = []
    for slot in sender.outstanding:
        events += receiver.handle_chunk(sender.seal_chunk(*slot, read(sender, blobs, slot)), NOW)
    assert sum(isinstance(e, StudyComplete) for e in events) == 1
    writes = receiver.chunk_writes
    again = SenderTransfer(a, directory, sender.signed_manifest, sender.transfer_key)
    s2, r2 = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    assert isinstance(again.receive(s2.open(receiver.handle_sealed(r2, s2.seal(again.offer()), NOW))), TransferDone)
    assert receiver.chunk_writes == writes and len(receiver.durable) == 1


def test_sender_waits_when_every_chunk_is_held_but_no_receipt_yet() -> None:
    a, b, directory = make_world()
    _, files = study([10])
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2.3", files, NOW, chunk_size=CHUNK)
    from appliance.protocol.messages import Missing

    assert isinstance(sender.receive(Missing(sender.transfer_id, ())), WaitForReceipt)
    assert sender.state is SenderState.AWAITING_RECEIPT
