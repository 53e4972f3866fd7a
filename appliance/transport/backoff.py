"""Retry timing for an unreachable peer: exponential backoff with full jitter, capped, for days if need be."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delay before attempt `n + 1` after `n` failures: uniform in [base/2, min(cap, base * 2**n)].

    The lower bound keeps a flapping peer from being hammered; the jitter spreads many senders so a peer
    coming back online is not hit by all of them at once. There is no give-up: transfers wait for days.
    """

    base_seconds: float = 2.0
    cap_seconds: float = 3600.0

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        ceiling = min(self.cap_seconds, self.base_seconds * 2.0 ** min(max(failures, 0), 40))
        floor = min(self.base_seconds / 2.0, ceiling)
        return (rng or random).uniform(floor, ceiling)
