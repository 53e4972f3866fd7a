"""The calling side of the peer protocol over HTTP(S): handshake, sealed control messages, chunks.

One `PeerClient` per appliance holds the HTTP connection pool (several chunks in flight reuse its
keep-alive connections; aiohttp sets TCP_NODELAY on each), the proxy setting and the bandwidth cap.
`connect()` runs the two-round-trip handshake and returns a `PeerLink` bound to one session.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import aiohttp

from appliance.domain import SiteId
from appliance.errors import HandshakeRefused, PeerError, PeerUnreachable
from appliance.protocol.handshake import Established, InitiatorHandshake, Send
from appliance.protocol.messages import ControlMessage
from appliance.protocol.peers import LocalKeys, PeerDirectory
from appliance.protocol.session import MessageRejected, Session
from appliance.transport.bandwidth import TokenBucket
from appliance.transport.server import PREFIX, SESSION_HEADER

log = logging.getLogger(__name__)
OCTETS = {"Content-Type": "application/octet-stream"}


class SessionLost(PeerUnreachable):
    """The peer no longer knows the session (it restarted or expired it): open a new one."""


class ChunkRefusedByPeer(PeerError):
    """The peer refused a chunk (it names the reason); the transfer itself goes on."""


class PeerClient:
    """HTTP client for every outgoing session of this appliance."""

    def __init__(
        self,
        keys: LocalKeys,
        directory: Callable[[], PeerDirectory | None],
        proxy_url: str = "",
        bucket: TokenBucket | None = None,
        connections: int = 16,
        timeout_seconds: float = 120.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._directory = directory
        self._proxy = proxy_url or None
        self.bucket = bucket or TokenBucket(0)
        self._connections = connections
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds, sock_connect=15)
        self._clock = clock
        self._http: aiohttp.ClientSession | None = None

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            connector = aiohttp.TCPConnector(limit=self._connections, limit_per_host=self._connections)
            self._http = aiohttp.ClientSession(connector=connector, timeout=self._timeout, trust_env=False)
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def post(
        self, url: str, data: bytes | bytearray, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """POST one frame; (status, body). Network failures become PeerUnreachable."""
        try:
            async with self._session().post(
                url, data=data, headers={**OCTETS, **(headers or {})}, proxy=self._proxy
            ) as response:
                return response.status, await response.read()
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise PeerUnreachable(f"{type(exc).__name__} talking to {url}: {exc}".rstrip(": ")) from exc

    async def connect(self, peer: SiteId, endpoint: str) -> PeerLink:
        """Open a session with `peer` at `endpoint`; HandshakeRefused or PeerUnreachable otherwise."""
        directory = self._directory()
        if directory is None:
            raise HandshakeRefused("no directory installed: cannot prove who the peer is")
        base = endpoint.rstrip("/") + PREFIX
        machine = InitiatorHandshake(self._keys, peer, directory)
        status, body = await self.post(f"{base}/hello", machine.hello(self._clock()))
        _check_handshake_status(status, body, peer)
        step = machine.receive_reply(body, self._clock())
        if not isinstance(step, Send):
            raise HandshakeRefused(f"site {peer}: {getattr(step, 'reason', step)}")
        status, body = await self.post(f"{base}/finish", step.data)
        _check_handshake_status(status, body, peer)
        ready = machine.receive_ready(body)
        if not isinstance(ready, Established):
            raise HandshakeRefused(f"site {peer}: {getattr(ready, 'reason', ready)}")
        log.info("session open with site %s", peer)
        return PeerLink(self, base, ready.session)


class PeerLink:
    """One open session: sealed request/answer exchanges and chunk uploads."""

    def __init__(self, client: PeerClient, base_url: str, session: Session) -> None:
        self._client = client
        self._base = base_url
        self.session = session
        self._headers = {SESSION_HEADER: session.session_id.hex()}

    async def control(self, message: ControlMessage) -> ControlMessage:
        status, body = await self._client.post(f"{self._base}/control", self.session.seal(message))
        if status == 404:
            raise SessionLost("the peer no longer knows this session")
        if status != 200:
            raise PeerUnreachable(f"control message answered with HTTP {status}: {_reason(body)}")
        try:
            return self.session.open(body)
        except MessageRejected as exc:
            raise PeerUnreachable(f"answer from the peer failed authentication: {exc}") from exc

    async def chunk(self, frame: bytes | bytearray) -> None:
        """Upload one CHUNK frame (after the bandwidth cap lets it go); returns once the peer recorded it."""
        await self._client.bucket.acquire(len(frame))
        status, body = await self._client.post(f"{self._base}/chunk", frame, self._headers)
        if status == 204:
            return
        if status == 404:
            raise SessionLost("the peer no longer knows this session")
        if status == 400:
            raise ChunkRefusedByPeer(_reason(body))
        raise PeerUnreachable(f"chunk answered with HTTP {status}: {_reason(body)}")


def _reason(body: bytes) -> str:
    return body[:300].decode("utf-8", "replace").strip() or "no reason given"


def _check_handshake_status(status: int, body: bytes, peer: SiteId) -> None:
    if status == 200:
        return
    if status in (400, 403):
        raise HandshakeRefused(f"site {peer} refused the handshake: {_reason(body)}")
    raise PeerUnreachable(f"site {peer} answered the handshake with HTTP {status}: {_reason(body)}")


async def close_quietly(client: PeerClient) -> None:
    try:
        await asyncio.wait_for(client.close(), timeout=5)
    except (TimeoutError, aiohttp.ClientError):
        log.debug("closing the peer HTTP client timed out")
