"""LAN hints: advertise this site and browse for others over zeroconf/mDNS (`_passerelle._tcp`).

A discovered address is only a hint. Anyone on the LAN can announce anything, so the TXT record's site
id is used as a lookup key and nothing more: the sender tries a hint only when the directory's endpoint
fails, and the handshake proves against the directory who answers there. Nothing here is trusted.

    hints = LanHints(interfaces_for(settings.bind_host))
    await hints.start(site_id, http_port, https=settings.serves_tls)   # advertise, and browse for the others
    hints.hints(peer_site_id)                 # ["https://192.168.1.20:8443", ...], maybe []
    await hints.stop()                        # goodbye packets, sockets closed

The TXT record says how the port is served: `scheme=https` or `scheme=http`. An announcement without it
(an older version) means http; one with any other value is no usable hint.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Coroutine, Sequence
from typing import Any

import zeroconf
from zeroconf import InterfaceChoice, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

log = logging.getLogger(__name__)

SERVICE_TYPE = "_passerelle._tcp.local."
TXT_SITE = "site"
TXT_PROTOCOL = "proto"
TXT_SCHEME = "scheme"
PROTOCOL = "psl1"
SCHEMES = ("http", "https")
MAX_SERVICES = 256  # a noisy or hostile LAN cannot grow the registry without bound
MAX_ADDRESSES = 4
RESOLVE_TIMEOUT_MS = 3000


def interfaces_for(bind_host: str) -> list[str] | None:
    """Where to advertise and browse: every interface for a wildcard bind, else only the bound address."""
    if bind_host in ("", "0.0.0.0", "::"):
        return None
    return [bind_host]


def _valid_site_id(text: str | None) -> bool:
    return text is not None and 0 < len(text) <= 64 and text.isascii() and text.isalnum()


def _url_for(address: str, port: int, scheme: str = "http") -> str | None:
    """`scheme://addr:port` for a usable unicast address; None for link-local IPv6, multicast and the like."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.is_multicast or ip.is_unspecified or (ip.version == 6 and ip.is_link_local):
        return None
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    return f"{scheme}://{host}:{port}"


class HintRegistry:
    """What browsing saw: service name -> (claimed site id, URLs). Bounded; never a source of trust."""

    def __init__(self, capacity: int = MAX_SERVICES) -> None:
        self._capacity = capacity
        self._services: dict[str, tuple[str, tuple[str, ...]]] = {}

    def put(
        self, service: str, site_id: str | None, addresses: Sequence[str], port: int | None, scheme: str | None = None
    ) -> bool:
        """Record (or replace) what `service` announces; False when the announcement is unusable. `scheme` is
        the TXT `scheme` (None: an announcement without it, from a version that served only http)."""
        scheme = "http" if scheme is None else scheme
        if (site_id is None or not _valid_site_id(site_id) or port is None or not 0 < port < 65536
                or scheme not in SCHEMES):
            self._services.pop(service, None)
            return False
        urls = tuple(dict.fromkeys(u for u in (_url_for(a, port, scheme) for a in addresses) if u))[:MAX_ADDRESSES]
        if not urls:
            self._services.pop(service, None)
            return False
        if service not in self._services and len(self._services) >= self._capacity:
            return False
        self._services[service] = (site_id.lower(), urls)
        return True

    def drop(self, service: str) -> None:
        self._services.pop(service, None)

    def hints(self, site_id: str) -> list[str]:
        key = site_id.lower()
        seen: dict[str, None] = {}
        for claimed, urls in self._services.values():
            if claimed == key:
                seen.update(dict.fromkeys(urls))
        return list(seen)

    def __len__(self) -> int:
        return len(self._services)


class LanHints:
    """Advertise this site and keep a registry of the other sites' LAN addresses (asyncio zeroconf)."""

    def __init__(self, interfaces: Sequence[str] | None = None, resolve_timeout_ms: int = RESOLVE_TIMEOUT_MS) -> None:
        self._interfaces = list(interfaces) if interfaces else None
        self._resolve_timeout_ms = resolve_timeout_ms
        self.registry = HintRegistry()
        self._zc: AsyncZeroconf | None = None
        self._browser: AsyncServiceBrowser | None = None
        self._info: AsyncServiceInfo | None = None
        self._own_service = ""
        self._tasks: set[asyncio.Task[None]] = set()
        self._advertised = asyncio.Event()

    @property
    def running(self) -> bool:
        return self._zc is not None

    def hints(self, site_id: str) -> list[str]:
        """LAN URLs that claim to serve `site_id` (maybe none). Try them only after the directory's endpoint."""
        return self.registry.hints(site_id)

    async def start(self, site_id: str, port: int, https: bool = False) -> None:
        """Browse for others and advertise `site_id` on `port`, served over HTTPS when `https` (mDNS probing,
        about a second, runs in the background). Network trouble is logged, never raised: the appliance works
        without LAN hints."""
        if self._zc is not None:
            return
        try:
            zc = AsyncZeroconf(interfaces=self._interfaces if self._interfaces else InterfaceChoice.All)
        except OSError as exc:
            log.warning("LAN hints disabled: cannot open mDNS sockets (%s)", exc)
            return
        self._zc = zc
        self._own_service = f"passerelle-{site_id}.{SERVICE_TYPE}"
        self._browser = AsyncServiceBrowser(zc.zeroconf, [SERVICE_TYPE], handlers=[self._on_change])
        info = AsyncServiceInfo(
            SERVICE_TYPE,
            self._own_service,
            port=port,
            properties={TXT_SITE: site_id, TXT_PROTOCOL: PROTOCOL, TXT_SCHEME: "https" if https else "http"},
            server=f"passerelle-{site_id}.local.",
            parsed_addresses=self._advertised_addresses(),
        )
        self._track(self._advertise(zc, info, site_id))

    async def advertised(self, timeout: float = 10.0) -> bool:
        """Wait until this site's announcement is out (tests, diagnostics); False if it failed or timed out."""
        try:
            await asyncio.wait_for(self._advertised.wait(), timeout)
        except TimeoutError:
            return False
        return self._info is not None

    async def _advertise(self, zc: AsyncZeroconf, info: AsyncServiceInfo, site_id: str) -> None:
        try:
            await zc.async_register_service(info, allow_name_change=True)
            self._info = info
            log.info("LAN hints: advertising site %s on port %s (%s)", site_id, info.port,
                     info.decoded_properties.get(TXT_SCHEME))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # zeroconf raises several kinds (name conflicts, closed sockets)
            log.warning("LAN hints: cannot advertise this site (%s); browsing only", exc)
        finally:
            self._advertised.set()

    async def stop(self) -> None:
        zc, self._zc = self._zc, None
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if zc is None:
            return
        if self._browser is not None:
            await self._browser.async_cancel()
            self._browser = None
        try:
            await asyncio.wait_for(zc.async_close(), timeout=5)  # unregisters (goodbye packets) first
        except (TimeoutError, OSError) as exc:
            log.debug("LAN hints: closing zeroconf: %s", exc)
        self._info = None
        self._advertised = asyncio.Event()

    def _advertised_addresses(self) -> list[str]:
        if self._interfaces:
            return [a for a in self._interfaces if _url_for(a, 1)]
        everything: list[str] = zeroconf.get_all_addresses()  # type: ignore[attr-defined]  # exported, not in __all__
        addresses = [a for a in everything if not ipaddress.ip_address(a).is_loopback]
        return addresses or ["127.0.0.1"]

    # -- browsing -----------------------------------------------------------------------------------
    def _on_change(
        self, zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        """Called by the browser on the loop: resolve additions and updates, forget removals."""
        if name.lower() == self._own_service.lower():
            return
        if state_change is ServiceStateChange.Removed:
            self.registry.drop(name)
            return
        self._track(self._resolve(zeroconf, service_type, name))

    def _track(self, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resolve(self, zeroconf: Zeroconf, service_type: str, name: str) -> None:
        info = AsyncServiceInfo(service_type, name)
        try:
            found = await info.async_request(zeroconf, self._resolve_timeout_ms)
        except Exception as exc:  # a closing zeroconf or a malformed answer: this hint is simply missing
            log.debug("LAN hints: cannot resolve %s: %s", name, exc)
            return
        if not found:
            return
        properties = info.decoded_properties
        claimed = properties.get(TXT_SITE)
        if self.registry.put(name, claimed, info.parsed_addresses(), info.port, properties.get(TXT_SCHEME)):
            log.info("LAN hint: a service claims site %s at %s", claimed, ", ".join(self.registry.hints(claimed or "")))
