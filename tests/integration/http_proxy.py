"""Small HTTP proxies for integration tests, each serving on its own event loop in a daemon thread.

`ForwardProxy` forwards absolute-form requests (what a client sends a proxy for an http:// URL) and counts
what went through it; `ConnectProxy` only tunnels (CONNECT), as hospital proxies do for HTTPS.

    with ForwardProxy().running() as proxy:      # proxy_url = f"http://127.0.0.1:{proxy.port}"
        ...
    assert "/psl1/hello" in proxy.requests
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

import aiohttp
from aiohttp import web

from appliance.protocol.batch import open_batch
from tests.integration.peers import free_port


class ProxyLoop:
    """Runs `listen()` on a fresh event loop in a daemon thread while `running()` is entered."""

    def __init__(self) -> None:
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"test-proxy-{self.port}", daemon=True)

    async def listen(self) -> None:
        """Start serving on 127.0.0.1:`port` (then the loop runs until `running()` exits)."""
        raise NotImplementedError

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.listen())
        except BaseException as exc:  # shown by running(), in the test's thread
            self._failure = exc
            return
        finally:
            self._ready.set()
        self._loop.run_forever()

    @contextmanager
    def running(self) -> Iterator[Self]:
        self._thread.start()
        assert self._ready.wait(10), "the test proxy did not start within 10 s"
        if self._failure is not None:
            raise RuntimeError(f"the test proxy cannot listen on port {self.port}") from self._failure
        try:
            yield self
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)


class ForwardProxy(ProxyLoop):
    """A forward proxy for plain http:// URLs (absolute-form requests) that records the paths it carried."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []
        self.chunks_carried = 0  # CHUNK frames inside the /psl1/chunks requests it forwarded

    async def _forward(self, request: web.Request) -> web.Response:
        probe = request.url.path.endswith("/chunk") and "X-Passerelle-Session" not in request.headers
        self.requests.append(request.url.path + (" (reachability probe)" if probe else ""))  # sites.PROBE_PATH
        body = self.rewrite(request.url.path, await request.read())
        async with aiohttp.ClientSession() as client, client.request(
            request.method, str(request.url), data=body, headers=dict(request.headers)
        ) as answer:
            return web.Response(status=answer.status, body=await answer.read(), content_type=answer.content_type)

    def rewrite(self, path: str, body: bytes) -> bytes:
        """What it forwards of a request body (as is here; a tampering proxy in test_transfer_batches)."""
        if path.endswith("/chunks"):
            self.chunks_carried += len(open_batch(body))
        return body

    async def listen(self) -> None:
        app = web.Application(client_max_size=64 << 20)
        app.router.add_route("*", "/{tail:.*}", self._forward)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()


class ConnectProxy(ProxyLoop):
    """A proxy that only tunnels (CONNECT), as hospital proxies do for HTTPS; records the targets."""

    def __init__(self) -> None:
        super().__init__()
        self.tunnels: list[str] = []

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            method, target, _ = head.split(b"\r\n", 1)[0].decode("ascii").split(" ", 2)
            if method != "CONNECT":
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            self.tunnels.append(target)
            host, port = target.rsplit(":", 1)
            up_reader, up_writer = await asyncio.open_connection(host, int(port))
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        except (OSError, ValueError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def listen(self) -> None:
        await asyncio.start_server(self._client, "127.0.0.1", self.port)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(1 << 16):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()
