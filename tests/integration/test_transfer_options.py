"""Transfer settings with real appliances: the bandwidth cap, an HTTP proxy, an expired directory."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import aiohttp
import pytest
from aiohttp import web

from appliance.directory import operator, trust
from appliance.protocol.batch import open_batch
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import SiteHome, make_pair, send, serve, status, transfer, wait_for
from tests.integration.peers import free_port

pytestmark = pytest.mark.timeout(180)


def set_setting(site: SiteHome, key: str, value: str) -> None:
    path = site.home / "settings.toml"
    text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")


def seconds_on_the_wire(a: SiteHome, b: SiteHome) -> float:
    """From the receiver accepting the offer to the sender storing the receipt."""
    return (datetime.fromisoformat(str(transfer(a, "out")["updated_at"]))
            - datetime.fromisoformat(str(transfer(b, "in")["created_at"]))).total_seconds()


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteHome, SiteHome]:
    return make_pair(tmp_path_factory.mktemp("options-pair"))


def test_bandwidth_cap_slows_the_sender_to_the_setting(pair: tuple[SiteHome, SiteHome]) -> None:
    a, b = pair
    files = cached_study(StudySpec(instances=12, rows=512, columns=512, seed=41, patient_id="SYN-OPT-BW"))
    size = sum(p.stat().st_size for p in files)
    set_setting(a, "bandwidth_limit_kbps", "16000")  # 2 MB/s, with a 2 MB burst
    try:
        with serve(a), serve(b):
            send(a, files, to=b.name)
            wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
    finally:
        set_setting(a, "bandwidth_limit_kbps", "0")
    elapsed = seconds_on_the_wire(a, b)
    assert size > 6_000_000
    assert elapsed >= (size - 2_000_000) / 2_000_000 * 0.9, f"{size} bytes in {elapsed:.2f} s beats the cap"


class ForwardProxy:
    """A tiny HTTP forward proxy (absolute-form requests) that counts what went through it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[str] = []
        self.chunks_carried = 0  # CHUNK frames inside the /psl1/chunks requests it forwarded
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    async def _forward(self, request: web.Request) -> web.Response:
        probe = request.url.path.endswith("/chunk") and "X-Passerelle-Session" not in request.headers
        self.requests.append(request.url.path + (" (reachability probe)" if probe else ""))  # sites.PROBE_PATH
        body = self.rewrite(request.url.path, await request.read())
        async with aiohttp.ClientSession() as client, client.post(str(request.url), data=body,
                                                                   headers=dict(request.headers)) as answer:
            return web.Response(status=answer.status, body=await answer.read(),
                                content_type=answer.content_type)

    def rewrite(self, path: str, body: bytes) -> bytes:
        """What it forwards of a request body (as is here; a tampering proxy in test_transfer_batches)."""
        if path.endswith("/chunks"):
            self.chunks_carried += len(open_batch(body))
        return body

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application(client_max_size=64 << 20)
        app.router.add_route("*", "/{tail:.*}", self._forward)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()

    @contextmanager
    def running(self) -> Iterator[ForwardProxy]:
        self._thread.start()
        self._ready.wait(10)
        try:
            yield self
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)


def test_transfer_goes_through_the_configured_proxy(pair: tuple[SiteHome, SiteHome]) -> None:
    a, b = pair
    files = cached_study(StudySpec(instances=4, rows=64, columns=64, seed=42, patient_id="SYN-OPT-PX"))
    with ForwardProxy().running() as proxy:
        set_setting(a, "proxy_url", f'"http://127.0.0.1:{proxy.port}"')
        try:
            with serve(a), serve(b):
                send(a, files, to=b.name)
                wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        finally:
            set_setting(a, "proxy_url", '""')
    assert "/psl1/hello" in proxy.requests and "/psl1/chunks" in proxy.requests and proxy.chunks_carried == 4


def test_expired_directory_stops_new_outgoing_transfers(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A directory expired beyond its grace: the study stays queued, with the reason in `status --json`."""
    root = tmp_path_factory.mktemp("expired-pair")
    a, b = make_pair(root)
    past = time.time() - 3 * 86400  # a 1-day directory signed 3 days ago: expired, and its 24 h grace over
    operator.sign(root / "dir.json", root / "op.key", 1, root / "old.json", now=past)
    trust.install(a.home / "trust", (root / "old.json").read_bytes(), now=past + 60)
    files = cached_study(StudySpec(instances=2, rows=32, columns=32, seed=43, patient_id="SYN-OPT-EXP"))
    with serve(a), serve(b):
        send(a, files, to=b.name)
        shown = wait_for(lambda: [t for t in status(a)["transfers"] if "expired" in t["reason"]],  # type: ignore[union-attr]
                         timeout=20, what="the expiry reason")
    assert shown[0]["state"] == "queued"  # type: ignore[index]
    assert transfer(b, "in") == {}
