"""Peer sites as this appliance sees them: the installed directory, name/id resolution, alarms, reachability."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from appliance.directory import trust
from appliance.directory.document import Directory
from appliance.directory.verify import DEFAULT_GRACE_SECONDS, Freshness, expiry_status
from appliance.errors import ConfigError, DirectoryRejected, PeerError, UnknownSite
from appliance.identity.keys import fingerprint_for
from appliance.service.site import Site
from appliance.transport.server import PREFIX

log = logging.getLogger(__name__)

TRUST_DIR = "trust"
REFRESH_ALARM_FILE = "refresh-alarm.txt"


def trust_dir_of(home: Path) -> Path:
    return home / TRUST_DIR


def installed_directory(site: Site) -> Directory | None:
    """The installed directory, or None when none is installed (or the roots are not pinned yet)."""
    try:
        return trust.load_installed(trust_dir_of(site.settings.home))
    except ConfigError:
        return None


def freshness(directory: Directory, now: float | None = None) -> Freshness:
    return expiry_status(directory, time.time() if now is None else now, DEFAULT_GRACE_SECONDS)


def directory_summary(site: Site) -> dict[str, object]:
    """Version, expiry and freshness of the installed directory (installed: false when none)."""
    try:
        directory = installed_directory(site)
    except DirectoryRejected as exc:
        return {"installed": False, "error": str(exc)}
    if directory is None:
        return {"installed": False}
    return {
        "installed": True,
        "version": directory.version,
        "issued": directory.issued,
        "expires": directory.expires,
        "freshness": freshness(directory).name.lower(),
        "members": len(directory.members),
        "operator_fingerprint": ", ".join(fingerprint_for(k) for k in operator_roots(site)),
    }


def operator_roots(site: Site) -> tuple[bytes, ...]:
    """The pinned operator root keys (empty when none is pinned)."""
    try:
        return tuple(trust.load_roots(trust_dir_of(site.settings.home)).keys)
    except ConfigError:
        return ()


def peer_list(site: Site) -> list[dict[str, object]]:
    """Every other member site: id, name, fingerprint, endpoints."""
    try:
        directory = installed_directory(site)
    except DirectoryRejected:
        return []
    if directory is None:
        return []
    return [
        {"id": s.id, "name": s.name, "fingerprint": fingerprint_for(s.signing_key), "endpoints": list(s.endpoints)}
        for s in directory.members
        if s.id != site.site_id
    ]


def refresh_alarm(home: Path) -> str:
    """The alarm the periodic directory refresh left (service.directory_refresh), or ''."""
    try:
        return (trust_dir_of(home) / REFRESH_ALARM_FILE).read_text(encoding="utf-8").strip()[:500]
    except (OSError, UnicodeDecodeError):  # usually: no alarm file, the last refresh worked
        return ""


def alarms(site: Site) -> list[str]:
    refresh = refresh_alarm(site.settings.home)
    return [*_directory_alarms(site), *([refresh] if refresh else [])]


def _directory_alarms(site: Site) -> list[str]:
    try:
        directory = installed_directory(site)
    except DirectoryRejected as exc:
        return [f"installed directory refused: {exc}"]
    if directory is None:
        return ["no directory installed: run `passerelle directory install SIGNED.json`"]
    state = freshness(directory)
    if state is Freshness.EXPIRED:
        return ["directory expired: new outgoing transfers are stopped until a fresh one is installed"]
    if state is Freshness.IN_GRACE:
        return ["directory expired (grace period): install a fresh one before outgoing transfers stop"]
    if directory.find_site(site.site_id) is None:
        return ["this site is not listed in the installed directory: peers will refuse it"]
    if directory.is_revoked(site.site_id):
        return ["this site is revoked in the directory"]
    return []


def resolve_site(site: Site, name_or_id: str) -> str:
    """The site id for a directory name or id; refuses sites the directory does not list (or revoked)."""
    directory = installed_directory(site)
    if directory is None:
        raise UnknownSite(f"unknown site {name_or_id!r}: no directory is installed on this appliance")
    entry = directory.find_by_name(name_or_id)
    if entry is None:
        names = ", ".join(sorted(s.name for s in directory.members if s.id != site.site_id)) or "none"
        raise UnknownSite(f"unknown site {name_or_id!r}; sites in the directory: {names}")
    if entry.id == site.site_id:
        raise UnknownSite("a study cannot be sent to this site itself")
    return entry.id


# -- reachability ---------------------------------------------------------------------------------
Post = Callable[[str, bytes], Awaitable[tuple[int, bytes]]]
PeerLister = Callable[[], list[dict[str, object]]]
SEEN_FILE = "peers-seen.json"
PROBE_PATH = PREFIX + "/chunk"
"""An empty CHUNK without a session: the peer endpoint answers 404 at once (no crypto, no disk)."""


@dataclass(frozen=True)
class PeerSeen:
    """The last probe of one peer: `reachable` None until probed; times are seconds since the epoch."""

    reachable: bool | None = None
    checked_at: float = 0.0
    last_seen: float = 0.0
    endpoint: str = ""
    error: str = ""


class PeerReachability:
    """Probes each peer's HTTP endpoint through the transport client, on the engine's loop, never on a UI thread.

    A peer is probed as soon as it appears in the directory, then every `interval_s`. "Reachable" means an
    HTTP answer from a peer endpoint (404 or 400 to a session-less chunk); a refused connection, a timeout
    or a proxy error is "unreachable". `last_seen` survives restarts (a small JSON file in the site home).
    """

    def __init__(self, peers: PeerLister, post: Post, interval_s: float = 60.0, timeout_s: float = 5.0,
                 state_file: Path | None = None, tick_s: float = 5.0, clock: Callable[[], float] = time.time) -> None:
        self._peers = peers
        self._post = post
        self.interval_s = interval_s
        self.timeout_s = timeout_s
        self.tick_s = tick_s
        self._clock = clock
        self._state_file = state_file
        self.seen: dict[str, PeerSeen] = {}
        self._wake: asyncio.Event | None = None
        self._stopping = False

    async def run(self) -> None:
        """Probe what is due every `tick_s` until `stop()`; a failed round never stops the next."""
        self._wake = asyncio.Event()
        self._stopping = False
        await asyncio.to_thread(self._load)
        while not self._stopping:
            try:
                await self.probe_due()
            except Exception:
                log.exception("peer reachability round failed")
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.tick_s)
            except TimeoutError:
                pass
            self._wake.clear()

    def stop(self) -> None:
        self._stopping = True
        if self._wake is not None:
            self._wake.set()

    async def probe_due(self, force: bool = False) -> dict[str, PeerSeen]:
        """Probe every peer not checked within `interval_s` (all of them with `force`)."""
        peers = await asyncio.to_thread(self._peers)
        now = self._clock()
        due = [p for p in peers if force or now - self.seen.get(str(p["id"]), PeerSeen()).checked_at >= self.interval_s]
        if not due:
            return dict(self.seen)
        results = await asyncio.gather(*(self._probe(p) for p in due))
        for peer, seen in zip(due, results, strict=True):
            self.seen[str(peer["id"])] = seen
        await asyncio.to_thread(self._save)
        log.info("peer reachability: %d of %d probed peers answer", sum(bool(s.reachable) for s in results),
                 len(results))
        return dict(self.seen)

    async def _probe(self, peer: dict[str, object]) -> PeerSeen:
        site_id = str(peer["id"])
        before = self.seen.get(site_id, PeerSeen())
        endpoints = [str(e) for e in peer.get("endpoints", []) or []]  # type: ignore[attr-defined]
        error = "the directory lists no endpoint for this site"
        for endpoint in endpoints:
            try:
                status, _ = await asyncio.wait_for(self._post(endpoint.rstrip("/") + PROBE_PATH, b""), self.timeout_s)
            except TimeoutError:
                error = f"no answer within {self.timeout_s:.0f} s"
                continue
            except PeerError as exc:
                error = str(exc)[:300]
                continue
            if status in (400, 404):
                now = self._clock()
                return PeerSeen(True, now, now, endpoint, "")
            error = f"answered HTTP {status} (a proxy or another server, not a Passerelle endpoint)"
        return PeerSeen(False, self._clock(), before.last_seen, endpoints[0] if endpoints else "", error)

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    def annotate(self, peers: list[dict[str, object]]) -> list[dict[str, object]]:
        """The peers with `reachable`, `last_seen`, `checked_at` and `probe_error` added (from the last probes)."""
        for peer in peers:
            seen = self.seen.get(str(peer.get("id", "")), PeerSeen())
            peer.update(reachable=seen.reachable, last_seen=seen.last_seen or None,
                        checked_at=seen.checked_at or None, probe_error=seen.error)
        return peers

    def _load(self) -> None:
        if self._state_file is None:
            return
        try:
            data = json.loads(self._state_file.read_text(encoding="utf-8"))
            for site_id, last in dict(data).items():
                self.seen.setdefault(str(site_id), PeerSeen(last_seen=float(last)))
        except (OSError, ValueError, TypeError):
            return  # usually: no file yet

    def _save(self) -> None:
        if self._state_file is None:
            return
        data = {k: v.last_seen for k, v in sorted(self.seen.items()) if v.last_seen}
        try:
            tmp = self._state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            tmp.replace(self._state_file)
        except OSError as exc:
            log.warning("cannot record when peers were last seen: %s", exc)
