"""Peer sites as this appliance sees them: the installed directory, name/id resolution, alarms."""

from __future__ import annotations

import time
from pathlib import Path

from appliance.directory import trust
from appliance.directory.document import Directory
from appliance.directory.verify import DEFAULT_GRACE_SECONDS, Freshness, expiry_status
from appliance.errors import ConfigError, DirectoryRejected, UnknownSite
from appliance.identity.keys import fingerprint_for
from appliance.service.site import Site

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
