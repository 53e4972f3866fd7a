"""Chunk batches over real sockets (POST /psl1/chunks): a tampered chunk is refused alone and sent again, a
malformed batch is a 400 that records nothing, an older peer without the endpoint gets one chunk per request.

The receiving side is the real peer server and transfer receiver on a temporary spool and database; the
sending side is the protocol's sender machine over the real HTTP client. The last test runs two appliances
with a proxy between them that flips one bit of one chunk."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pydicom
import pytest
from aiohttp import web

from appliance.crypto.chunks import CHUNK_OVERHEAD
from appliance.identity.keys import SiteKeys
from appliance.protocol.batch import MAX_BATCH_FRAME, encode_batch, open_batch
from appliance.protocol.framing import PREFIX_BYTES, FrameKind, encode_frame
from appliance.protocol.manifest import MIN_CHUNK_SIZE
from appliance.protocol.peers import StaticDirectory, StaticPeer
from appliance.protocol.sender import ChunksNeeded, OutgoingFile, SenderTransfer, TransferDone
from appliance.service.transfer_receiver import TransferReceiver
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from appliance.store.transfers import TransferJournal
from appliance.transport.client import PeerClient, PeerLink
from appliance.transport.server import SESSION_HEADER, PeerServer
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import make_pair, query, send, serve, transfer, wait_for
from tests.integration.test_transfer_options import ForwardProxy, set_setting

pytestmark = pytest.mark.timeout(120)
NOW = 1_800_000_000.0


@dataclass
class Scene:
    """Site B's peer endpoint on a temporary spool, and site A's sender machine for a small study."""

    server: PeerServer
    journal: TransferJournal
    spool: Spool
    client: PeerClient
    machine: SenderTransfer
    blobs: list[bytes]
    b: SiteKeys

    def frame(self, file_index: int, chunk_index: int) -> bytes:
        offset, length = self.machine.chunk_span(file_index, chunk_index)
        return self.machine.seal_chunk(file_index, chunk_index, self.blobs[file_index][offset : offset + length])

    async def link(self) -> PeerLink:
        return await self.client.connect(self.b.site_id, f"http://127.0.0.1:{self.server.port}")

    def recorded(self) -> int:
        return len(self.journal.stored_slots(self.machine.transfer_id.hex()))


def study() -> list[Path]:
    return cached_study(StudySpec(instances=6, rows=64, columns=64, seed=51, patient_id="SYN-BATCH"))


@asynccontextmanager
async def scene(tmp_path: Path, server_class: type[PeerServer] = PeerServer) -> AsyncIterator[Scene]:
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)})
    store = StateStore(tmp_path / "b.sqlite")
    journal = TransferJournal(store.database)
    spool = Spool(tmp_path / "spool", tmp_path / "quarantine")
    receiver = TransferReceiver(b, lambda: directory, journal, spool, lambda event: None)
    server = server_class(b, lambda: directory, receiver, "127.0.0.1", 0)
    await server.start()
    paths = study()
    blobs = [p.read_bytes() for p in paths]
    headers = [pydicom.dcmread(p, stop_before_pixels=True) for p in paths]
    files = [OutgoingFile(str(h.SeriesInstanceUID), str(h.SOPInstanceUID), len(x), hashlib.sha256(x).hexdigest())
             for h, x in zip(headers, blobs, strict=True)]
    machine = SenderTransfer.create(a, directory, b.site_id, str(headers[0].StudyInstanceUID), files, NOW,
                                    chunk_size=MIN_CHUNK_SIZE)
    client = PeerClient(a, lambda: directory)
    try:
        yield Scene(server, journal, spool, client, machine, blobs, b)
    finally:
        await client.close()
        await server.stop()
        store.close()


async def offer(s: Scene, link: PeerLink) -> tuple[tuple[int, int], ...]:
    event = s.machine.receive(await link.control(s.machine.offer()))
    assert isinstance(event, ChunksNeeded)
    return event.slots


def flip(frame: bytes, position: int) -> bytes:
    data = bytearray(frame)
    data[position] ^= 0x01
    return bytes(data)


def test_a_tampered_chunk_in_a_batch_is_refused_alone_then_sent_again(tmp_path: Path) -> None:
    async def run() -> None:
        async with scene(tmp_path) as s:
            link = await s.link()
            slots = await offer(s, link)
            assert len(slots) > len(s.blobs)  # several chunks per file
            frames = [s.frame(*slot) for slot in slots]
            bad = len(frames) // 2
            frames[bad] = flip(frames[bad], len(frames[bad]) - 20)  # a bit of the ciphertext
            verdicts = await link.chunks(encode_batch(frames), len(frames))
            assert "failed authentication" in verdicts[bad]
            assert [v for i, v in enumerate(verdicts) if i != bad] == [""] * (len(frames) - 1)
            assert s.recorded() == len(frames) - 1  # the others are durable and recorded
            event = s.machine.receive(await link.control(s.machine.query()))
            assert isinstance(event, ChunksNeeded) and event.slots == (slots[bad],)
            assert await link.chunks(encode_batch([s.frame(*slots[bad])]), 1) == ("",)
            event = s.machine.receive(await link.control(s.machine.query()))
            assert isinstance(event, TransferDone)
            held = {p.name: p.read_bytes() for p in (s.spool.root / "studies").rglob("*.dcm")}
            assert sorted(held.values()) == sorted(s.blobs)

    asyncio.run(run())


def test_a_malformed_batch_is_refused_whole_and_records_nothing(tmp_path: Path) -> None:
    async def run() -> None:
        async with scene(tmp_path) as s:
            link = await s.link()
            slots = await offer(s, link)
            good = [s.frame(*slot) for slot in slots[:3]]
            truncated = encode_frame(FrameKind.CHUNKS, b"".join(good)[:-1])
            cases = [
                (b"", 400, "malformed chunk batch: truncated frame"),
                (encode_frame(FrameKind.CHUNK, good[0][PREFIX_BYTES:]), 400, "expected a CHUNKS frame"),
                (truncated, 400, "frame 2 truncated"),
                (encode_batch([good[0], encode_frame(FrameKind.SEALED, b"x" * 40)]), 400, "frame 1 is of kind 5"),
                (encode_batch(good) + b"x", 400, "trailing bytes"),
                (b"\x07" + b"\x00" * MAX_BATCH_FRAME, 413, ""),  # one byte over the limit
            ]
            url = f"http://127.0.0.1:{s.server.port}/psl1/chunks"
            headers = {SESSION_HEADER: link.session.session_id.hex()}
            async with aiohttp.ClientSession() as http:
                for body, status, reason in cases:
                    async with http.post(url, data=body, headers=headers) as answer:
                        assert answer.status == status, (reason, answer.status)
                        assert reason in await answer.text()
                async with http.post(url, data=encode_batch(good), headers={SESSION_HEADER: "00" * 16}) as answer:
                    assert answer.status == 404  # no session, no upload
            assert s.recorded() == 0
            assert await link.chunks(encode_batch(good), 3) == ("", "", "")  # the session still works
            assert s.recorded() == 3

    asyncio.run(run())


class OlderPeerServer(PeerServer):
    """A peer of an earlier version: no /psl1/chunks (aiohttp's own 404), one chunk per request."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.single_uploads = 0

    async def _chunks(self, request: web.Request) -> web.Response:
        return web.Response(status=404, text="404: Not Found")

    async def _chunk(self, request: web.Request) -> web.Response:
        self.single_uploads += 1
        return await super()._chunk(request)


def test_an_older_peer_gets_one_chunk_per_request(tmp_path: Path) -> None:
    async def run() -> None:
        async with scene(tmp_path, OlderPeerServer) as s:
            server = s.server
            assert isinstance(server, OlderPeerServer)
            link = await s.link()
            slots = await offer(s, link)
            frames = [s.frame(*slot) for slot in slots]
            frames[0] = flip(frames[0], len(frames[0]) - 1)
            verdicts = await link.chunks(encode_batch(frames), len(frames))
            assert not link.batches and server.single_uploads == len(frames)
            assert "failed authentication" in verdicts[0] and set(verdicts[1:]) == {""}
            assert await link.chunks(encode_batch([s.frame(*slots[0])]), 1) == ("",)
            assert server.single_uploads == len(frames) + 1  # no second try of the batch endpoint
            assert isinstance(s.machine.receive(await link.control(s.machine.query())), TransferDone)

    asyncio.run(run())


class TamperingProxy(ForwardProxy):
    """A forward proxy that flips one ciphertext bit of the second chunk of the first batch it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.tampered = False
        self.batches: list[int] = []

    def rewrite(self, path: str, body: bytes) -> bytes:
        if not path.endswith("/chunks"):
            return body
        data = bytearray(body)
        frames = open_batch(data)
        self.batches.append(len(frames))
        if not self.tampered and len(frames) > 1:
            frames[1][PREFIX_BYTES + CHUNK_OVERHEAD] ^= 0x01
            self.tampered = True
        frames.clear()
        return bytes(data)


def test_appliances_resend_only_the_chunk_a_proxy_tampered_with(tmp_path_factory: pytest.TempPathFactory) -> None:
    a, b = make_pair(tmp_path_factory.mktemp("batch-pair"))
    files = cached_study(StudySpec(instances=12, rows=128, columns=128, seed=52, patient_id="SYN-BATCH-TAMPER"))
    proxy = TamperingProxy()
    with proxy.running():
        set_setting(a, "proxy_url", f'"http://127.0.0.1:{proxy.port}"')
        try:
            with serve(a), serve(b):
                report = send(a, files, to=b.name)
                wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        finally:
            set_setting(a, "proxy_url", '""')
    assert proxy.tampered and sum(proxy.batches) == len(files) + 1 and proxy.batches[-1] == 1
    incoming = transfer(b, "in")
    assert incoming["chunks_recorded"] == incoming["chunks_total"] == len(files)
    assert incoming["chunks_repeated"] == 0  # the others were recorded the first time, and only then
    study_uid = str(report["studies"][0])  # type: ignore[index]
    sql = "SELECT sop_instance_uid, sha256 FROM instances WHERE study_uid = ?"
    assert {r["sop_instance_uid"]: r["sha256"] for r in query(b, sql, (study_uid,))} == {
        r["sop_instance_uid"]: r["sha256"] for r in query(a, sql, (study_uid,))}
