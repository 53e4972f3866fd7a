"""Hypothesis-driven fuzzing of the peer protocol: framing, handshake, sealed control messages, chunks,
first sans-IO (fast, many examples), then against a live `passerelle serve` over HTTP.

Every mutated input must end in a clean refusal: MalformedMessage / MessageRejected / Refused /
ChunkRefused in the machines, HTTP 400/403/404/413 from the engine (never a 500, never a dropped
connection), and the genuine traffic afterwards still completes. Bounded example counts, no deadline,
derandomized.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appliance.domain import SiteId
from appliance.identity.keys import SiteKeys
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import NEED_DATA, Frame, FrameDecoder, FrameKind, encode_frame
from appliance.protocol.handshake import InitiatorHandshake, Refused, ResponderHandshake, Send
from appliance.protocol.loopback import open_session
from appliance.protocol.manifest import MIN_CHUNK_SIZE
from appliance.protocol.messages import Offer, Query
from appliance.protocol.peers import ReplayCache, StaticDirectory, StaticPeer
from appliance.protocol.receiver import ChunkAccepted, ChunkRefused, FileAssembled, ReceiverTransfer, StudyComplete
from appliance.protocol.sender import OutgoingFile, SenderTransfer
from appliance.protocol.session import MessageRejected, Session
from appliance.service import sites
from appliance.service.site import open_site
from appliance.transport.client import PeerClient
from tests.integration.appliance_proc import SiteHome, make_pair, serve

pytestmark = [pytest.mark.faults, pytest.mark.timeout(300)]
NOW = 1_800_000_000.0
FUZZ = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FUZZ_LIVE = settings(FUZZ, max_examples=200)
LIVE_STATUSES: Counter[str] = Counter()


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with at least one change: bit flips, overwritten bytes, a cut, an insertion."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["flip", "byte", "cut", "insert"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte" and out:
            out[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del out[at:]
        else:
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(out)


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


def make_scene() -> Scene:
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)})
    blobs = [os.urandom(n) for n in (2 * MIN_CHUNK_SIZE + 17, 300)]
    files = [OutgoingFile("1.2.3", f"1.2.3.{i}", len(x), hashlib.sha256(x).hexdigest()) for i, x in enumerate(blobs)]
    sender = SenderTransfer.create(a, directory, b.site_id, "1.2", files, NOW, chunk_size=MIN_CHUNK_SIZE)
    sa, sb = open_session(a, b, directory, directory, ReplayCache(300), NOW)
    offer = sb.open(sa.seal(sender.offer()))
    assert isinstance(offer, Offer)
    receiver = ReceiverTransfer.accept(b, directory, sb.peer, offer)
    assert isinstance(receiver, ReceiverTransfer)
    return Scene(a, b, directory, blobs, sender, receiver, sa, sb)


SCENE = make_scene()


def genuine_chunks(scene: Scene) -> list[tuple[int, int, bytes]]:
    out = []
    for f, meta in enumerate(scene.sender.manifest.files):
        for c in range(meta.chunks):
            offset, length = scene.sender.chunk_span(f, c)
            out.append((f, c, scene.sender.seal_chunk(f, c, scene.blobs[f][offset : offset + length])))
    return out


CHUNKS = genuine_chunks(SCENE)


# -- framing ------------------------------------------------------------------------------------------

@FUZZ
@given(stream=st.binary(max_size=2000) | st.lists(st.tuples(st.sampled_from(list(FrameKind)), st.binary(max_size=64)))
       .map(lambda fs: b"".join(encode_frame(k, p) for k, p in fs)).flatmap(mutation),
       cut=st.integers(1, 97))
def test_frame_decoder_only_yields_frames_or_refuses(stream: bytes, cut: int) -> None:
    decoder = FrameDecoder(max_payload=4096)
    taken = 0
    try:
        for start in range(0, len(stream), cut):
            decoder.receive_data(stream[start : start + cut])
            while True:
                frame = decoder.next_frame()
                if frame is NEED_DATA:
                    break
                assert isinstance(frame, Frame) and len(frame.payload) <= 4096
                taken += 5 + len(frame.payload)
    except MalformedMessage:
        return
    assert taken + decoder.buffered == len(stream)


# -- handshake, sealed messages, chunks (sans-IO) ---------------------------------------------------

HELLO = InitiatorHandshake(SCENE.a, SCENE.b.site_id, SCENE.directory).hello(NOW)


@FUZZ
@given(data=mutation(HELLO) | st.binary(max_size=600))
def test_mutated_hello_is_refused(data: bytes) -> None:
    responder = ResponderHandshake(SCENE.b, SCENE.directory, ReplayCache(300))
    step = responder.receive_hello(data, NOW)
    if data != HELLO:
        assert isinstance(step, Refused) and step.reason
    else:
        assert isinstance(step, Send)


SEALED = SCENE.session_a.seal(Query(SCENE.sender.manifest.transfer_id))


@FUZZ
@given(data=mutation(SEALED) | st.binary(max_size=300))
def test_mutated_sealed_message_is_rejected(data: bytes) -> None:
    if data == SEALED:
        return
    with pytest.raises((MessageRejected, MalformedMessage)):
        SCENE.session_b.open(data)


@FUZZ
@given(pick=st.integers(0, len(CHUNKS) - 1), data=st.data())
def test_mutated_chunk_is_refused_and_the_transfer_still_completes(pick: int, data: st.DataObject) -> None:
    scene = make_scene()
    chunks = genuine_chunks(scene)
    frame = chunks[pick][2]
    bad = data.draw(mutation(frame) | st.binary(max_size=200).map(lambda p: encode_frame(FrameKind.CHUNK, p)))
    if bad != frame:
        event = scene.receiver.receive_chunk(bad)
        assert isinstance(event, ChunkRefused) and event.reason
    complete = False
    for f, c, genuine in chunks:
        accepted = scene.receiver.receive_chunk(genuine)
        assert isinstance(accepted, ChunkAccepted) and not accepted.duplicate
        for ev in scene.receiver.chunk_stored(f, c):
            if isinstance(ev, FileAssembled):
                complete |= any(isinstance(e, StudyComplete)
                                for e in scene.receiver.file_checked(f, hashlib.sha256(scene.blobs[f]).hexdigest()))
    assert complete


# -- a live engine over HTTP -------------------------------------------------------------------------

@dataclass
class Live:
    receiver: SiteHome
    base: str
    loop: asyncio.AbstractEventLoop
    client: PeerClient
    session: Session
    http: aiohttp.ClientSession
    hello: bytes


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    a, b = make_pair(tmp_path_factory.mktemp("fuzz-live"))
    site_a = open_site(a.home)
    loop = asyncio.new_event_loop()
    with serve(b) as proc:
        client = PeerClient(site_a.keys, lambda: sites.installed_directory(site_a))
        link = loop.run_until_complete(client.connect(SiteId(b.site_id), f"http://127.0.0.1:{b.http_port}"))
        http = loop.run_until_complete(_http())
        try:
            hello = InitiatorHandshake(site_a.keys, SiteId(b.site_id), SCENE.directory).hello(NOW)
            yield Live(b, f"http://127.0.0.1:{b.http_port}/psl1", loop, client, link.session, http, hello)
        finally:
            loop.run_until_complete(http.close())
            loop.run_until_complete(client.close())
            loop.close()
            assert proc.alive(), "the engine died while being fuzzed"


async def _http() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))


def post(live: Live, endpoint: str, body: bytes, headers: dict[str, str] | None = None) -> int:
    async def go() -> int:
        async with live.http.post(f"{live.base}/{endpoint}", data=body, headers=headers or {}) as response:
            await response.read()
            return response.status
    return live.loop.run_until_complete(go())


@FUZZ_LIVE
@given(data=st.data())
def test_live_engine_refuses_mutated_frames_cleanly(live: Live, data: st.DataObject) -> None:
    endpoint = data.draw(st.sampled_from(["hello", "finish", "control", "chunk"]))
    genuine = {
        "hello": live.hello,
        "finish": encode_frame(FrameKind.FINISH, os.urandom(48)),
        "control": live.session.seal(Query(os.urandom(16))),
        "chunk": CHUNKS[0][2],
    }[endpoint]
    body = data.draw(mutation(genuine) | st.binary(max_size=400))
    headers = {"X-Passerelle-Session": live.session.session_id.hex()} if endpoint == "chunk" else {}
    status = post(live, endpoint, body, headers)
    LIVE_STATUSES[f"{endpoint} {status}"] += 1
    allowed = {400, 403, 404, 413} | ({200} if body == genuine else set())
    assert status in allowed, f"{endpoint}: HTTP {status} for a mutated frame"


def test_live_engine_still_serves_after_fuzzing(live: Live, measurements: list[dict[str, object]]) -> None:
    measurements.append({"fault": "live peer endpoint fuzz (HTTP status per endpoint)", **LIVE_STATUSES})
    answer = live.loop.run_until_complete(
        live.client.connect(SiteId(live.receiver.site_id), f"http://127.0.0.1:{live.receiver.http_port}"))
    assert answer.session.peer == live.receiver.site_id
    # A genuine sealed query on the old session still gets a sealed answer (an 'unknown transfer' refusal).
    status = post(live, "control", live.session.seal(Query(os.urandom(16))))
    assert status == 200

