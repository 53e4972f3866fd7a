"""The bandwidth cap: one token bucket shared by every outgoing chunk of the appliance."""

from __future__ import annotations

import asyncio
import time


class TokenBucket:
    """At most `rate_bytes` per second on average, with bursts up to `burst_bytes`. A rate of 0 means no cap.

    `acquire(n)` may be asked for more than the burst (a chunk bigger than the bucket): it then waits
    until the debt is paid, so the long-run rate still holds.
    """

    def __init__(self, rate_bytes: float, burst_bytes: float | None = None) -> None:
        self.rate = float(rate_bytes)
        self.burst = float(burst_bytes if burst_bytes is not None else max(rate_bytes, 256 * 1024))
        self._tokens = self.burst
        self._stamp = time.monotonic()
        self._lock = asyncio.Lock()

    @classmethod
    def from_kbps(cls, kbps: int) -> TokenBucket:
        """A bucket for the `bandwidth_limit_kbps` setting (kilobits per second; 0 = unlimited)."""
        return cls(kbps * 1000 / 8)

    @property
    def unlimited(self) -> bool:
        return self.rate <= 0

    def _refill(self) -> None:
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    async def acquire(self, amount: int) -> None:
        if self.unlimited:
            return
        async with self._lock:  # first come, first served
            self._refill()
            self._tokens -= amount
            if self._tokens < 0:
                await asyncio.sleep(-self._tokens / self.rate)
                self._refill()
