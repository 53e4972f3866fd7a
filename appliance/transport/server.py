"""The peer endpoint: an aiohttp server that carries protocol frames (handshake, sealed control, chunks).

    POST /psl1/hello    HELLO   -> REPLY            (403 + reason when refused)
    POST /psl1/finish   FINISH  -> READY
    POST /psl1/control  SEALED  -> SEALED           (404 when the session is unknown or expired)
    POST /psl1/chunk    CHUNK   -> 204              (400 + reason when refused; header X-Passerelle-Session)
    POST /psl1/chunks   CHUNKS  -> CHUNK_RESULTS    (one verdict per chunk; 400 + reason when malformed)

The handshake and the sessions live here; what a control message or a chunk means is the handler's job
(the receiver side of the transfer service). aiohttp sets TCP_NODELAY on every accepted socket. Given a TLS
context (`use_tls`, from transport.tls), the endpoint serves HTTPS only.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from aiohttp import web

from appliance.errors import DiskFull, LocalError
from appliance.protocol.batch import MAX_BATCH_FRAME, encode_results, open_batch
from appliance.protocol.codec import MalformedMessage
from appliance.protocol.framing import FrameKind, decode_frame
from appliance.protocol.handshake import MAX_HANDSHAKE_FRAME, Established, ResponderHandshake, Send
from appliance.protocol.messages import ControlMessage, decode_finish
from appliance.protocol.peers import LocalKeys, PeerDirectory, ReplayCache
from appliance.protocol.receiver import MAX_CHUNK_FRAME
from appliance.protocol.session import MessageRejected, Session, session_id_of

log = logging.getLogger(__name__)
V = TypeVar("V")

PREFIX = "/psl1"
SESSION_HEADER = "X-Passerelle-Session"
PENDING_SECONDS = 60.0
SESSION_IDLE_SECONDS = 3600.0
MAX_PENDING = 1024
MAX_SESSIONS = 4096
OCTETS = "application/octet-stream"
STORAGE_FULL = "receiver storage full, retry later"
STORAGE_TROUBLE = "receiver cannot store now, retry later"


class TransferHandler(Protocol):
    """What the server hands opened messages to."""

    async def control(self, session: Session, message: ControlMessage) -> ControlMessage: ...

    async def chunk(self, session: Session, frame: bytes | memoryview) -> str:
        """'' when the chunk is durable and recorded; otherwise the reason it was refused.

        A memoryview `frame` is a writable receive buffer the handler may overwrite (decrypt in place); it is
        reused for another request once this returns, so nothing may keep a reference to it."""
        ...

    async def chunks(self, session: Session, frames: Sequence[memoryview]) -> list[str]:
        """One verdict per CHUNK frame of a batch, in order, as `chunk` gives it; a refused chunk does not stop
        the others. The frames are views of one writable receive buffer, with the same rules as in `chunk`."""
        ...


class _Expiring(Generic[V]):
    """A bounded map whose entries expire after `ttl` seconds without use."""

    def __init__(self, ttl: float, capacity: int) -> None:
        self._ttl = ttl
        self._capacity = capacity
        self._items: OrderedDict[bytes, tuple[V, float]] = OrderedDict()

    def get(self, key: bytes, now: float) -> V | None:
        self._expire(now)
        item = self._items.get(key)
        if item is None:
            return None
        self._items[key] = (item[0], now)
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: bytes, value: V, now: float) -> None:
        self._expire(now)
        self._items[key] = (value, now)
        self._items.move_to_end(key)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)

    def pop(self, key: bytes) -> V | None:
        item = self._items.pop(key, None)
        return item[0] if item else None

    def _expire(self, now: float) -> None:
        while self._items:
            key, (_, stamp) = next(iter(self._items.items()))
            if stamp + self._ttl >= now:
                break
            del self._items[key]


class PeerServer:
    """The HTTP side of the peer protocol on `host:port` (port 0 picks a free one)."""

    def __init__(
        self,
        keys: LocalKeys,
        directory: Callable[[], PeerDirectory | None],
        handler: TransferHandler,
        host: str,
        port: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._directory = directory
        self._handler = handler
        self._host = host
        self._port = port
        self._clock = clock
        self._replay = ReplayCache(300.0)
        self._pending: _Expiring[ResponderHandshake] = _Expiring(PENDING_SECONDS, MAX_PENDING)
        self._sessions: _Expiring[Session] = _Expiring(SESSION_IDLE_SECONDS, MAX_SESSIONS)
        self._runner: web.AppRunner | None = None
        self._bodies = ChunkBodies()
        self._tls: ssl.SSLContext | None = None
        self.port = port

    def use_tls(self, context: ssl.SSLContext | None) -> None:
        """Serve HTTPS only with this server context (transport.tls.server_context); call before `start`."""
        self._tls = context

    def app(self) -> web.Application:
        app = web.Application(client_max_size=max(MAX_CHUNK_FRAME, MAX_BATCH_FRAME) + 4096)
        app.router.add_post(f"{PREFIX}/hello", self._hello)
        app.router.add_post(f"{PREFIX}/finish", self._finish)
        app.router.add_post(f"{PREFIX}/control", self._control)
        app.router.add_post(f"{PREFIX}/chunk", self._chunk)
        app.router.add_post(f"{PREFIX}/chunks", self._chunks)
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None, handle_signals=False, shutdown_timeout=5.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port, backlog=128, ssl_context=self._tls)
        await site.start()
        server = site._server  # the asyncio server, for the port actually bound (port 0 in tests)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("peer endpoint listening on %s:%d (%s)", self._host, self.port, "HTTPS" if self._tls else "HTTP")

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- handshake ----------------------------------------------------------------------------------
    async def _hello(self, request: web.Request) -> web.Response:
        data = await _body(request, MAX_HANDSHAKE_FRAME)
        directory = self._directory()
        if directory is None:
            return _refuse(503, "this appliance has no valid directory installed")
        machine = ResponderHandshake(self._keys, directory, self._replay)
        step = machine.receive_hello(data, self._clock())
        if not isinstance(step, Send):
            return _refuse(403, getattr(step, "reason", "handshake refused"))
        self._pending.put(machine.session_id, machine, self._clock())
        return web.Response(body=step.data, content_type=OCTETS)

    async def _finish(self, request: web.Request) -> web.Response:
        data = await _body(request, MAX_HANDSHAKE_FRAME)
        try:
            session_id = decode_finish(decode_frame(data, FrameKind.FINISH, MAX_HANDSHAKE_FRAME).payload).session_id
        except MalformedMessage as exc:
            return _refuse(400, str(exc))
        machine = self._pending.pop(session_id)
        if machine is None:
            return _refuse(403, "finish for an unknown or expired handshake")
        done = machine.receive_finish(data)
        if not isinstance(done, Established):
            return _refuse(403, getattr(done, "reason", "handshake refused"))
        self._sessions.put(session_id, done.session, self._clock())
        log.info("session open with site %s", done.session.peer)
        return web.Response(body=done.data, content_type=OCTETS)

    # -- sealed control messages and chunks ------------------------------------------------------
    async def _control(self, request: web.Request) -> web.Response:
        data = await _body(request, MAX_CHUNK_FRAME)
        try:
            session = self._sessions.get(session_id_of(data), self._clock())
        except MalformedMessage as exc:
            return _refuse(400, str(exc))
        if session is None:
            return _refuse(404, "unknown or expired session")
        try:
            message = session.open(data)
        except (MessageRejected, MalformedMessage) as exc:
            return _refuse(400, str(exc))
        try:
            answer = await self._handler.control(session, message)
        except LocalError as exc:  # disk full, database trouble: the peer should come back later
            log.error("control message from site %s not handled: %s", session.peer, exc)
            return _unavailable(exc)
        return web.Response(body=session.seal(answer), content_type=OCTETS)

    def _upload_session(self, request: web.Request) -> Session | None:
        """The session a chunk upload names in its header (chunks are not sealed with session keys)."""
        try:
            session_id = bytes.fromhex(request.headers.get(SESSION_HEADER, ""))
        except ValueError:
            session_id = b""
        return self._sessions.get(session_id, self._clock())

    async def _chunk(self, request: web.Request) -> web.Response:
        session = self._upload_session(request)
        if session is None:
            return _refuse(404, "unknown or expired session")
        buffer, data = await self._bodies.read(request, MAX_CHUNK_FRAME)
        try:
            reason = await self._handler.chunk(session, data)
        except LocalError as exc:
            log.error("chunk from site %s not stored: %s", session.peer, exc)
            return _unavailable(exc)
        finally:
            del data
            self._bodies.give(buffer)
        if reason:
            return _refuse(400, reason)
        return web.Response(status=204)

    async def _chunks(self, request: web.Request) -> web.Response:
        """A batch: every chunk is handled (a refused one does not stop the others), the answer says which
        are durable and recorded. A body that does not split into CHUNK frames is refused whole (400)."""
        session = self._upload_session(request)
        if session is None:
            return _refuse(404, "unknown or expired session")
        buffer, data = await self._bodies.read(request, MAX_BATCH_FRAME)
        frames: list[memoryview] = []
        try:
            try:
                frames = open_batch(data)
            except MalformedMessage as exc:
                return _refuse(400, f"malformed chunk batch: {exc}")
            reasons = await self._handler.chunks(session, frames)
        except LocalError as exc:
            log.error("chunk batch from site %s not stored: %s", session.peer, exc)
            return _unavailable(exc)
        finally:
            frames.clear()
            del data
            self._bodies.give(buffer)
        return web.Response(body=encode_results(reasons), content_type=OCTETS)


async def _body(request: web.Request, limit: int) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=request.content_length)
    return await request.read()


class ChunkBodies:
    """Receive buffers for chunk bodies, reused: a fresh 2 MiB buffer per request costs a zeroing allocation
    and page faults (a fifth of the receiver's time with the GIL held, measured), and `request.read()` would
    gather the body, then copy it twice more. Each body is copied once, as it arrives, into its buffer."""

    def __init__(self, keep: int = 8, keep_bytes: int = 32 * 1024 * 1024) -> None:
        self._free: list[bytearray] = []
        self._keep = keep
        self._keep_bytes = keep_bytes

    async def read(self, request: web.Request, limit: int) -> tuple[bytearray | None, bytes | memoryview]:
        """(buffer to give back, body): without a Content-Length, the ordinary read and no buffer."""
        length = request.content_length
        if length is None:
            return None, await _body(request, limit)
        if length > limit:
            raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=length)
        raise_limit = getattr(request.content, "set_read_chunk_size", None)
        if raise_limit is not None:  # as `read()` does: no pause/resume of the socket inside one body
            raise_limit(length)
        buffer = self._take(length)
        view = memoryview(buffer)
        filled = 0
        try:
            while filled < length:
                data, _ = await request.content.readchunk()
                if not data:
                    break
                take = min(len(data), length - filled)
                view[filled : filled + take] = data[:take] if take < len(data) else data
                filled += take
        except BaseException:
            del view
            self.give(buffer)
            raise
        return buffer, view[:filled]

    def _take(self, length: int) -> bytearray:
        fitting = [(len(b), position) for position, b in enumerate(self._free) if len(b) >= length]
        if fitting:
            return self._free.pop(min(fitting)[1])  # by position: equal contents must not pick another buffer
        return bytearray(-(-length // 65536) * 65536)  # rounded up, so that it fits later bodies too

    def give(self, buffer: bytearray | None) -> None:
        if buffer is None or len(self._free) >= self._keep:
            return
        if sum(map(len, self._free)) + len(buffer) <= self._keep_bytes:
            self._free.append(buffer)


def _unavailable(exc: LocalError) -> web.Response:
    """503 with a generic reason: the detail (paths, database errors) stays in this appliance's log."""
    return _refuse(503, STORAGE_FULL if isinstance(exc, DiskFull) else STORAGE_TROUBLE)


def _refuse(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=reason[:500])
