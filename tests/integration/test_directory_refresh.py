"""The directory refreshed from a real HTTP server on loopback: newer installed, older refused, outages alarmed."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from appliance.directory import operator, trust
from appliance.domain import EngineEvent
from appliance.service import directory_commands, sites
from appliance.service.directory_refresh import DirectoryRefresher, redacted
from appliance.service.settings import Settings, save_settings
from appliance.service.site import Site, init_site
from tests.integration.http_proxy import ForwardProxy
from tests.integration.peers import free_port

pytestmark = pytest.mark.timeout(20)


class DirectoryServer:
    """Serves whatever bytes `published` holds at /directory.json (404 when None)."""

    def __init__(self) -> None:
        self.published: bytes | None = None
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits += 1
                body = outer.published
                if self.path != "/directory.json" or body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/directory.json"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class Operator:
    """The network operator's desk: a draft directory listing our site, signed into numbered versions."""

    def __init__(self, root: Path, site: Site) -> None:
        self.root = root
        self.key = root / "op.key"
        self.public = operator.create_operator_key(self.key)
        self.draft = root / "dir.json"
        site_json = root / "site.json"
        site_json.write_text(json.dumps(site.identity()))
        operator.add_site(self.draft, site_json)
        self.versions: dict[int, bytes] = {}

    def sign_next(self) -> int:
        out = self.root / "signed.json"
        version = operator.sign(self.draft, self.key, 30, out)["version"]
        assert isinstance(version, int)
        self.versions[version] = out.read_bytes()
        return version


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Site, Operator, DirectoryServer]]:
    site = init_site(Settings(home=tmp_path / "site", site_name="CHR Citadelle", bind_host="127.0.0.1"))
    desk = Operator(tmp_path, site)
    trust.pin_root(sites.trust_dir_of(site.settings.home), desk.public)
    server = DirectoryServer()
    try:
        yield site, desk, server
    finally:
        server.close()


def installed_version(site: Site) -> int | None:
    directory = sites.installed_directory(site)
    return None if directory is None else directory.version


def test_newer_version_is_installed_and_clears_the_alarm(desk: tuple[Site, Operator, DirectoryServer]) -> None:
    site, op, server = desk
    events: list[EngineEvent] = []
    refresher = DirectoryRefresher(site.settings.home, server.url, 60, events.append)
    server.published = op.versions[op.sign_next()]
    assert asyncio.run(refresher.refresh_once()) is True
    assert installed_version(site) == 1
    server.published = op.versions[op.sign_next()]
    assert asyncio.run(refresher.refresh_once()) is True
    assert installed_version(site) == 2
    assert sites.alarms(site) == []
    assert [e.kind for e in events] == ["directory_refreshed", "directory_refreshed"]
    assert events[-1].data == {"version": 2, "sites": 1}


def test_older_version_is_refused_with_an_alarm_and_the_newer_kept(
    desk: tuple[Site, Operator, DirectoryServer],
) -> None:
    site, op, server = desk
    events: list[EngineEvent] = []
    refresher = DirectoryRefresher(site.settings.home, server.url, 60, events.append)
    v1, v2 = op.sign_next(), op.sign_next()
    server.published = op.versions[v2]
    assert asyncio.run(refresher.refresh_once()) is True
    server.published = op.versions[v1]  # a rollback, correctly signed
    assert asyncio.run(refresher.refresh_once()) is False
    assert installed_version(site) == 2
    alarms = sites.alarms(site)
    assert len(alarms) == 1 and "directory refresh" in alarms[0] and "kept" in alarms[0]
    assert events[-1].kind == "directory_refresh_failed"
    server.published = op.versions[v2]  # the operator fixes the server: the alarm goes away
    assert asyncio.run(refresher.refresh_once()) is True
    assert sites.alarms(site) == []


def test_tampered_document_is_refused(desk: tuple[Site, Operator, DirectoryServer]) -> None:
    site, op, server = desk
    refresher = DirectoryRefresher(site.settings.home, server.url, 60, lambda e: None)
    server.published = op.versions[op.sign_next()]
    assert asyncio.run(refresher.refresh_once()) is True
    envelope = json.loads(op.versions[op.sign_next()])
    envelope["document"]["version"] = 7  # no longer what was signed
    server.published = json.dumps(envelope).encode()
    assert asyncio.run(refresher.refresh_once()) is False
    assert installed_version(site) == 1 and len(sites.alarms(site)) == 1


def test_unreachable_server_raises_an_alarm_and_keeps_the_installed_one(
    desk: tuple[Site, Operator, DirectoryServer],
) -> None:
    site, op, server = desk
    server.published = op.versions[op.sign_next()]
    assert asyncio.run(DirectoryRefresher(site.settings.home, server.url, 60, lambda e: None).refresh_once())
    dead = f"http://user:secret@127.0.0.1:{free_port()}/directory.json"
    started = time.monotonic()
    assert asyncio.run(DirectoryRefresher(site.settings.home, dead, 60, lambda e: None).refresh_once()) is False
    assert time.monotonic() - started < 5
    assert installed_version(site) == 1
    alarms = sites.alarms(site)
    assert len(alarms) == 1 and "refresh" in alarms[0] and "secret" not in alarms[0]
    server.published = None  # reachable, but 404
    assert asyncio.run(DirectoryRefresher(site.settings.home, server.url, 60, lambda e: None).refresh_once()) is False
    assert installed_version(site) == 1 and "404" in sites.alarms(site)[0]


def test_periodic_loop_picks_up_a_new_version(desk: tuple[Site, Operator, DirectoryServer]) -> None:
    site, op, server = desk
    server.published = op.versions[op.sign_next()]

    async def scenario() -> None:
        refresher = DirectoryRefresher(site.settings.home, server.url, 0.01, lambda e: None)  # every 0.6 s
        await refresher.start()
        try:
            for _ in range(50):
                if installed_version(site) == 1:
                    break
                await asyncio.sleep(0.1)
            server.published = op.versions[op.sign_next()]
            for _ in range(50):
                if installed_version(site) == 2:
                    break
                await asyncio.sleep(0.1)
        finally:
            await refresher.stop()

    asyncio.run(scenario())
    assert installed_version(site) == 2 and server.hits >= 2


def test_refresh_and_install_go_through_the_proxy_setting(desk: tuple[Site, Operator, DirectoryServer]) -> None:
    """A site whose only way out is its proxy: the periodic refresh and `directory install URL` both use it."""
    site, op, server = desk
    server.published = op.versions[op.sign_next()]
    with ForwardProxy().running() as proxy:
        proxy_url = f"http://127.0.0.1:{proxy.port}"
        refresher = DirectoryRefresher(site.settings.home, server.url, 60, lambda e: None, proxy_url=proxy_url)
        assert asyncio.run(refresher.refresh_once()) is True
        assert proxy.requests == ["/directory.json"]
        save_settings(site.settings.with_changes(proxy_url=proxy_url))  # what `install` reads
        server.published = op.versions[op.sign_next()]
        assert directory_commands.install_from(site.settings.home, server.url).version == 2
        assert proxy.requests == ["/directory.json", "/directory.json"]
    assert installed_version(site) == 2 and server.hits == 2 and sites.alarms(site) == []


def test_a_dead_proxy_is_an_alarm_that_names_it_without_its_password(
    desk: tuple[Site, Operator, DirectoryServer],
) -> None:
    site, op, server = desk
    server.published = op.versions[op.sign_next()]
    dead = f"http://op:secret@127.0.0.1:{free_port()}"
    refresher = DirectoryRefresher(site.settings.home, server.url, 60, lambda e: None, proxy_url=dead)
    assert asyncio.run(refresher.refresh_once()) is False
    assert server.hits == 0  # never around the proxy
    (alarm,) = [a for a in sites.alarms(site) if "refresh" in a]  # besides: no directory installed yet
    assert "through the proxy http://127.0.0.1:" in alarm and "secret" not in alarm, alarm


def test_no_url_means_no_refresh(tmp_path: Path) -> None:
    refresher = DirectoryRefresher(tmp_path, "", 60, lambda e: None)
    assert not refresher.enabled
    assert asyncio.run(refresher.refresh_once()) is False
    assert not (tmp_path / "trust").exists()


def test_redacted_url_drops_credentials_and_query() -> None:
    assert redacted("https://op:pw@dir.example.org:8443/net/dir.json?token=x") == "https://dir.example.org:8443/net/dir.json"
