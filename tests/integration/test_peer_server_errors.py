"""The peer endpoint's 503: a generic reason for the peer, the detail (paths, errno) only in the local log."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest

from appliance.errors import DiskFull, LocalError, PeerUnreachable, StorageError
from appliance.identity.keys import SiteKeys
from appliance.protocol.batch import encode_batch
from appliance.protocol.framing import FrameKind, encode_frame
from appliance.protocol.messages import ControlMessage, Query
from appliance.protocol.peers import StaticDirectory, StaticPeer
from appliance.protocol.session import Session
from appliance.transport.client import PeerClient
from appliance.transport.server import STORAGE_FULL, STORAGE_TROUBLE, PeerServer

SECRET_PATH = "/srv/hospital/passerelle/spool"


class FailingHandler:
    """A receiver whose storage fails with a detailed local error."""

    def __init__(self, error: LocalError) -> None:
        self.error = error

    async def control(self, session: Session, message: ControlMessage) -> ControlMessage:
        raise self.error

    async def chunk(self, session: Session, frame: bytes) -> str:
        raise self.error

    async def chunks(self, session: Session, frames: Sequence[memoryview]) -> list[str]:
        raise self.error


async def exchange(error: LocalError) -> tuple[str, str, str]:
    """What the sending peer reads for a control message, for a chunk and for a batch of chunks."""
    a, b = SiteKeys.generate(), SiteKeys.generate()
    directory = StaticDirectory({k.site_id: StaticPeer(bytes(k.verify_key)) for k in (a, b)})
    server = PeerServer(b, lambda: directory, FailingHandler(error), "127.0.0.1", 0)
    await server.start()
    client = PeerClient(a, lambda: directory)
    try:
        link = await client.connect(b.site_id, f"http://127.0.0.1:{server.port}")
        with pytest.raises(PeerUnreachable) as control:
            await link.control(Query(bytes(16)))
        with pytest.raises(PeerUnreachable) as chunk:
            await link.chunk(b"\x00" * 200)
        with pytest.raises(PeerUnreachable) as batch:
            await link.chunks(encode_batch([encode_frame(FrameKind.CHUNK, b"\x00" * 200)] * 2), 2)
        return str(control.value), str(chunk.value), str(batch.value)
    finally:
        await client.close()
        await server.stop()


@pytest.mark.parametrize("error,generic", [
    (DiskFull(f"spool {SECRET_PATH} has less than 8 MiB free: work paused"), STORAGE_FULL),
    (StorageError(f"cannot write an incoming chunk: No space left on device: {SECRET_PATH}/incoming/x.part"),
     STORAGE_TROUBLE),
])
def test_503_gives_the_peer_a_generic_reason_and_logs_the_detail(
    error: LocalError, generic: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="appliance.transport.server")
    control, chunk, batch = asyncio.run(exchange(error))
    for seen in (control, chunk, batch):
        assert "HTTP 503" in seen and seen.endswith(generic), seen
        assert SECRET_PATH not in seen and "MiB free" not in seen and "No space" not in seen
    logged = [r.getMessage() for r in caplog.records]
    assert sum(SECRET_PATH in line for line in logged) == 3, logged
