"""asyncio MLLP server: receives HL7 v2 ADT messages, hands index events to a callback, answers ACK.

Framing (MLLP): <VT> message <FS><CR>. Each message is parsed (`adt.parse_adt`), the callback is
awaited, and only then is AA returned; a message we cannot use gets AE with a reason (no patient
data), and a callback failure gets AE "could not be stored", so the sender retries it.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import logging
import socket
from collections.abc import Awaitable, Callable

from appliance.errors import BadInput
from appliance.hl7.adt import AdtEvent, build_ack, parse_adt

log = logging.getLogger(__name__)

START_BLOCK = b"\x0b"
END_BLOCK = b"\x1c\x0d"
AdtCallback = Callable[[AdtEvent], Awaitable[None] | None]


def frame(message: str) -> bytes:
    """Wrap one HL7 message in MLLP start and end blocks."""
    return START_BLOCK + message.encode("utf-8") + END_BLOCK


class MllpServer:
    """One listening MLLP endpoint; `start()` returns the bound port, `close()` stops it."""

    def __init__(self, on_event: AdtCallback, *, host: str = "0.0.0.0", port: int = 2575,
                 id_authority: str = "", max_message_bytes: int = 1 << 20, encoding: str = "utf-8") -> None:
        self._on_event = on_event
        self._host, self._port = host, port
        self._id_authority = id_authority
        self._max = max_message_bytes
        self._encoding = encoding
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        """Listen; returns the port actually bound (useful with port 0)."""
        self._server = await asyncio.start_server(self._serve, self._host, self._port)
        port = int(self._server.sockets[0].getsockname()[1])
        log.info("MLLP listening on port %d", port)
        return port

    async def close(self) -> None:
        """Stop listening and wait for the server to close."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = b""
        try:
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                buffer += chunk
                while True:
                    end = buffer.find(END_BLOCK)
                    if end < 0:
                        break
                    start = buffer.find(START_BLOCK)
                    payload = buffer[start + 1:end] if 0 <= start < end else buffer[:end]
                    buffer = buffer[end + len(END_BLOCK):]
                    writer.write(frame(await self._answer(payload)))
                    await writer.drain()
                if len(buffer) > self._max:
                    log.warning("MLLP message over %d bytes: connection closed", self._max)
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()

    async def _answer(self, payload: bytes) -> str:
        raw = payload.decode(self._encoding, errors="replace")
        digest = hashlib.sha256(payload).hexdigest()[:12]
        try:
            event = parse_adt(raw, id_authority=self._id_authority)
        except BadInput as exc:
            log.info("HL7 message %s refused: %s", digest, exc)
            return build_ack(raw, "AE", str(exc))
        try:
            result = self._on_event(event)
            if inspect.isawaitable(result):
                await result
        except Exception:
            log.exception("HL7 %s message %s could not be applied", event.trigger, digest)
            return build_ack(raw, "AE", "could not be stored; please retry")
        log.info("HL7 %s message %s applied (%s)", event.trigger, digest, event.kind)
        return build_ack(raw, "AA")
