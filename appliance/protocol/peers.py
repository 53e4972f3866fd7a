"""What the protocol needs from its surroundings: local keys, a peer directory, a replay cache."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol

from appliance.domain import SiteId


class LocalKeys(Protocol):
    """This site's long-term keys (`appliance.identity.keys.SiteKeys` fits)."""

    @property
    def signing(self) -> Any: ...  # nacl.signing.SigningKey

    @property
    def site_id(self) -> SiteId: ...


class PeerEntry(Protocol):
    """A directory entry: only the raw Ed25519 public key matters to the protocol."""

    @property
    def signing_key(self) -> bytes: ...


class PeerDirectory(Protocol):
    """The accepted directory as the protocol sees it (`appliance.directory.Directory` fits)."""

    def find_site(self, site_id: str) -> PeerEntry | None: ...

    def is_revoked(self, site_id: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class StaticPeer:
    """A peer known by its signing key alone (tests, the demo)."""

    signing_key: bytes


@dataclass
class StaticDirectory:
    """A PeerDirectory held in memory."""

    sites: dict[str, StaticPeer] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)

    def find_site(self, site_id: str) -> StaticPeer | None:
        return self.sites.get(site_id)

    def is_revoked(self, site_id: str) -> bool:
        return site_id in self.revoked


class ReplayCache:
    """Handshake nonces seen inside the clock window. Bounded: when full it refuses, never forgets early."""

    def __init__(self, window_seconds: float, capacity: int = 100_000) -> None:
        self._window = window_seconds
        self._capacity = capacity
        self._seen: OrderedDict[bytes, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def _expire(self, now: float) -> None:
        while self._seen:
            nonce, stamp = next(iter(self._seen.items()))
            if stamp + 2 * self._window >= now:
                break
            del self._seen[nonce]

    def seen(self, nonce: bytes, now: float) -> bool:
        self._expire(now)
        return nonce in self._seen

    def full(self, now: float) -> bool:
        self._expire(now)
        return len(self._seen) >= self._capacity

    def remember(self, nonce: bytes, now: float) -> None:
        self._seen[nonce] = now
        self._seen.move_to_end(nonce)
