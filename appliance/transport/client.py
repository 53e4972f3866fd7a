"""The calling side of the peer protocol over HTTP(S): handshake, sealed control messages, chunks.

One `PeerClient` per appliance holds the HTTP connection pool (several chunks in flight reuse its
keep-alive connections; aiohttp sets TCP_NODELAY on each), the proxy setting and the bandwidth cap.
`connect()` runs the two-round-trip handshake and returns a `PeerLink` bound to one session. https endpoints
use the TLS context given to `use_tls` (transport.tls.client_context; else the system's defaults), through
the proxy too (aiohttp tunnels them with CONNECT).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable

import aiohttp
from aiohttp.abc import AbstractStreamWriter
from aiohttp.payload import Payload

from appliance.domain import SiteId
from appliance.errors import HandshakeRefused, PeerError, PeerUnreachable
from appliance.protocol.batch import decode_results, open_batch
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.handshake import Established, InitiatorHandshake, Send
from appliance.protocol.messages import ControlMessage
from appliance.protocol.peers import LocalKeys, PeerDirectory
from appliance.protocol.session import MessageRejected, Session
from appliance.transport.bandwidth import TokenBucket
from appliance.transport.server import PREFIX, SESSION_HEADER

log = logging.getLogger(__name__)
OCTETS = {"Content-Type": "application/octet-stream"}
BODY_SLICE = 256 * 1024
LARGE_BODY = 64 * 1024


class BufferBody(Payload):
    """A request body sent from the caller's buffer, a slice at a time, with its length known.

    aiohttp sends a bytes body by joining it with the headers into one new object (a copy of each chunk batch,
    on the Python versions this runs on) and warns about each large one; slices go to the socket straight
    from the buffer, under the writer's flow control. The buffer must not change until the answer is read."""

    def __init__(self, value: bytes | bytearray | memoryview) -> None:
        view = memoryview(value).cast("B")
        super().__init__(view, content_type=OCTETS["Content-Type"])
        self._size = len(view)

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        return bytes(self._value).decode(encoding, errors)

    async def as_bytes(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        return bytes(self._value)

    async def write(self, writer: AbstractStreamWriter) -> None:
        await self.write_with_length(writer, None)

    async def write_with_length(self, writer: AbstractStreamWriter, content_length: int | None) -> None:
        view: memoryview = self._value
        end = len(view) if content_length is None else min(len(view), content_length)
        for start in range(0, end, BODY_SLICE):
            await writer.write(view[start : min(end, start + BODY_SLICE)])


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
        self._tls: ssl.SSLContext | bool = True

    def use_tls(self, context: ssl.SSLContext | None) -> None:
        """Check https peers' certificates with this client context (None: the system's defaults)."""
        self._tls = context if context is not None else True

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
        self, url: str, data: bytes | bytearray | memoryview, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """POST one frame; (status, body). Network failures become PeerUnreachable."""
        body = BufferBody(data) if len(data) > LARGE_BODY else data
        try:
            async with self._session().post(
                url, data=body, headers={**OCTETS, **(headers or {})}, proxy=self._proxy, ssl=self._tls
            ) as response:
                return response.status, await response.read()
        except aiohttp.ClientConnectorCertificateError as exc:
            raise PeerUnreachable(f"TLS certificate of {url} not accepted ({_certificate_reason(exc)}): give the CA "
                                  "that signed it in tls_ca_file, or set tls_verify = false") from exc
        except aiohttp.ClientSSLError as exc:
            raise PeerUnreachable(f"TLS with {url} failed ({exc.os_error}): does the endpoint speak "
                                  f"{'HTTPS' if url.startswith('https:') else 'plain HTTP'}?") from exc
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
        self.batches = True  # False once the peer showed it has no /chunks (an older version): one chunk a request

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

    async def chunk(self, frame: bytes | bytearray | memoryview) -> None:
        """Upload one CHUNK frame (after the bandwidth cap lets it go); returns once the peer recorded it."""
        await self._client.bucket.acquire(len(frame))
        await self._chunk(frame)

    async def _chunk(self, frame: bytes | bytearray | memoryview) -> None:
        status, body = await self._client.post(f"{self._base}/chunk", frame, self._headers)
        if status == 204:
            return
        if status == 404:
            raise SessionLost("the peer no longer knows this session")
        if status == 400:
            raise ChunkRefusedByPeer(_reason(body))
        raise PeerUnreachable(f"chunk answered with HTTP {status}: {_reason(body)}")

    async def chunks(self, batch: bytes | bytearray | memoryview, count: int) -> tuple[str, ...]:
        """Upload a CHUNKS frame of `count` CHUNK frames in one request (after the bandwidth cap lets it go).

        Returns one verdict per chunk, in order: '' once the peer made it durable and recorded it, else the
        peer's reason for refusing it. A peer without the batch endpoint (404: an older version, or a lost
        session) gets the chunks one request each; a lost session then shows as SessionLost."""
        await self._client.bucket.acquire(len(batch))
        if self.batches:
            status, body = await self._client.post(f"{self._base}/chunks", batch, self._headers)
            if status == 200:
                try:
                    return decode_results(body, count)
                except MalformedMessage as exc:
                    raise PeerUnreachable(f"the peer's answer to a chunk batch is malformed: {exc}") from exc
            if status != 404:
                raise PeerUnreachable(f"chunk batch answered with HTTP {status}: {_reason(body)}")
            self.batches = False
            log.info("the peer has no chunk batch endpoint: one chunk per request in this session")
        try:
            frames = open_batch(batch)
        except MalformedMessage as exc:  # built by this appliance: a bug here, never peer input
            raise ValueError(f"chunk batch built wrong: {exc}") from exc
        reasons: list[str] = []
        for frame in frames:
            try:
                await self._chunk(frame)
            except ChunkRefusedByPeer as exc:
                reasons.append(str(exc))
            else:
                reasons.append("")
        return tuple(reasons)


def _certificate_reason(exc: aiohttp.ClientConnectorCertificateError) -> str:
    error = exc.certificate_error
    return str(getattr(error, "verify_message", "") or getattr(error, "reason", "") or error)


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
