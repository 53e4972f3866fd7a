"""LAN hints over real mDNS on loopback: advertise and browse, and a transfer that reaches its peer
through a hint when the directory's endpoint is dead (while an impostor hint is refused by the handshake)."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

from appliance.dicom.ingest import Ingest
from appliance.directory import operator, trust
from appliance.domain import EngineEvent, TransferProgress
from appliance.service import commands, sites
from appliance.service.settings import Settings
from appliance.service.site import Site, init_site
from appliance.service.transfers import TransferService
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from appliance.transport.discovery import SERVICE_TYPE, LanHints
from appliance.transport.tls import client_context, server_context
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.peers import free_port
from tests.integration.test_transfer_tls import make_pki

pytestmark = pytest.mark.timeout(20)
LOOPBACK = ["127.0.0.1"]


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def test_two_sites_see_each_other_and_forget_on_goodbye() -> None:
    async def scenario() -> None:
        site_a, site_b = secrets.token_hex(13), secrets.token_hex(13)  # unique: other test runs may share the LAN
        a, b = LanHints(LOOPBACK), LanHints(LOOPBACK)
        await asyncio.gather(a.start(site_a, 18001), b.start(site_b, 18002))
        try:
            assert await a.advertised() and await b.advertised()
            async def both_seen() -> bool:
                return a.hints(site_b) == ["http://127.0.0.1:18002"] and b.hints(site_a) == ["http://127.0.0.1:18001"]

            await eventually(both_seen, 10, "each site to see the other")
            assert a.hints(site_a) == []  # its own announcement is not a hint
        finally:
            await b.stop()

        async def forgotten() -> bool:
            return a.hints(site_b) == []

        try:
            await eventually(forgotten, 5, "the goodbye of site b")
        finally:
            await a.stop()

    asyncio.run(scenario())


def test_an_https_site_is_hinted_as_https_and_an_announcement_without_scheme_as_http() -> None:
    async def scenario() -> None:
        browser, secure, plain = secrets.token_hex(13), secrets.token_hex(13), secrets.token_hex(13)
        legacy = secrets.token_hex(13)
        hints, https_site, http_site = LanHints(LOOPBACK), LanHints(LOOPBACK), LanHints(LOOPBACK)
        older = AsyncZeroconf(interfaces=LOOPBACK)  # a site of an earlier version: no `scheme` in its TXT record
        old_info = AsyncServiceInfo(SERVICE_TYPE, f"passerelle-{legacy}.{SERVICE_TYPE}", port=18006,
                                    properties={"site": legacy, "proto": "psl1"}, server=f"passerelle-{legacy}.local.",
                                    parsed_addresses=LOOPBACK)
        await asyncio.gather(hints.start(browser, 18004), https_site.start(secure, 18005, https=True),
                             http_site.start(plain, 18007), older.async_register_service(old_info))
        try:
            async def all_seen() -> bool:
                return bool(hints.hints(secure) and hints.hints(plain) and hints.hints(legacy))

            await eventually(all_seen, 10, "the three announcements")
            assert hints.hints(secure) == ["https://127.0.0.1:18005"]
            assert hints.hints(plain) == ["http://127.0.0.1:18007"]
            assert hints.hints(legacy) == ["http://127.0.0.1:18006"]
        finally:
            await asyncio.gather(hints.stop(), https_site.stop(), http_site.stop(), older.async_close())

    asyncio.run(scenario())


def test_an_unusable_interface_disables_hints_without_failing(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        hints = LanHints(["203.0.113.5"])  # not an address of this machine
        await hints.start(secrets.token_hex(13), 18003)
        assert not hints.running and hints.hints("anything") == []
        assert not await hints.advertised(timeout=0.1)
        await hints.stop()

    asyncio.run(scenario())
    assert "LAN hints disabled" in caplog.text


@dataclass
class Appliance:
    site: Site
    store: StateStore
    service: TransferService
    events: list[EngineEvent]

    async def transfers(self) -> list[TransferProgress]:
        return await asyncio.to_thread(self.store.transfers)


def make_sites(root: Path) -> tuple[Site, Site]:
    """Site A (sender) and site B whose directory endpoint is a dead port; both trust one signed directory."""
    a = init_site(Settings(home=root / "a", site_name="CHU de Liège", bind_host="127.0.0.1", http_port=free_port(),
                           min_free_mb=0))
    b_port = free_port()
    b = init_site(Settings(home=root / "b", site_name="CHR Citadelle", bind_host="127.0.0.1", http_port=b_port,
                           public_url=f"http://127.0.0.1:{free_port()}", min_free_mb=0))
    key = root / "op.key"
    public = operator.create_operator_key(key)
    for site in (a, b):
        (root / f"{site.site_id}.json").write_text(json.dumps(site.identity()))
        operator.add_site(root / "dir.json", root / f"{site.site_id}.json")
    operator.sign(root / "dir.json", key, 30, root / "signed.json")
    for site in (a, b):
        trust.pin_root(sites.trust_dir_of(site.settings.home), public)
        trust.install(sites.trust_dir_of(site.settings.home), (root / "signed.json").read_bytes(), time.time())
    return a, b


def appliance(site: Site) -> Appliance:
    s = site.settings
    store = StateStore(s.db_path)
    spool = Spool(s.spool_dir, s.quarantine_dir, 0)
    events: list[EngineEvent] = []
    return Appliance(site, store, TransferService(site, store, spool, events.append), events)


def queue_study(sender: Appliance, to: Site, seed: int) -> None:
    files = cached_study(StudySpec(instances=4, rows=64, columns=64, seed=seed, patient_id=f"SYN-LAN-{seed}"))
    spool = Spool(sender.site.settings.spool_dir, sender.site.settings.quarantine_dir, 0)
    commands.send_paths(sender.site, sender.store, Ingest(spool, sender.store), files, to.site_id)


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_transfer_reaches_the_peer_through_a_lan_hint(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, scheme: str
) -> None:
    """Site B's directory endpoint is dead; its LAN hint works, served over HTTP or (certificate set) HTTPS."""
    caplog.set_level(logging.INFO, logger="appliance.service.transfer_sender")
    site_a, site_b = make_sites(tmp_path)
    a, b = appliance(site_a), appliance(site_b)
    queue_study(a, site_b, seed=71 if scheme == "http" else 73)
    https = scheme == "https"
    if https:  # B serves HTTPS only; A trusts the CA that signed B's certificate for 127.0.0.1
        pki = make_pki(tmp_path / "pki")
        b.service.server.use_tls(server_context(pki.cert, pki.key))
        a.service.client.use_tls(client_context(pki.ca))

    async def scenario() -> None:
        hints_a, hints_b = LanHints(LOOPBACK), LanHints(LOOPBACK)
        await b.service.start()
        try:
            await asyncio.gather(hints_a.start(site_a.site_id, 1),
                                 hints_b.start(site_b.site_id, b.service.port, https=https))
            a.service.sender.use_hints(hints_a.hints)

            async def hinted() -> bool:
                return bool(hints_a.hints(site_b.site_id))

            await eventually(hinted, 10, "site b's LAN hint")
            await a.service.start()

            async def delivered() -> bool:
                return [t.state for t in await a.transfers()] == ["done"]

            await eventually(delivered, 10, "the receipt")
        finally:
            await asyncio.gather(a.service.stop(), b.service.stop(), hints_a.stop(), hints_b.stop())

    try:
        asyncio.run(scenario())
        incoming = [t for t in b.store.transfers() if str(t.direction) == "in"]
        assert [t.state for t in incoming] == ["storing"] and incoming[0].files_done == 4
        assert f"session opened through LAN hint {scheme}://127.0.0.1:{b.service.port}" in caplog.text
    finally:
        a.store.close()
        b.store.close()


def test_impostor_hint_is_refused_by_the_handshake(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="appliance.service.transfer_sender")
    site_a, site_b = make_sites(tmp_path)
    a = appliance(site_a)
    queue_study(a, site_b, seed=72)

    async def scenario() -> None:
        await a.service.start()  # A's own endpoint plays the impostor claiming to be site B
        impostor = f"http://127.0.0.1:{a.service.port}"
        a.service.sender.use_hints(lambda site_id: [impostor] if site_id == site_b.site_id else [])
        try:
            async def retried() -> bool:
                rows = await a.transfers()
                return bool(rows) and rows[0].reason.startswith("retrying")

            await eventually(retried, 10, "the failed attempt")
        finally:
            await a.service.stop()

    try:
        asyncio.run(scenario())
        (row,) = a.store.transfers()
        assert row.state != "done" and row.files_done == 0
        assert "retrying" in row.reason and "refused" not in row.reason  # the directory endpoint's failure
        assert "did not work" in caplog.text and "refused the handshake" in caplog.text
    finally:
        a.store.close()
