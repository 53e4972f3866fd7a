"""Retry backoff, the bandwidth bucket and the fault hook parser (pure, fast; kept next to the transfer tests)."""

from __future__ import annotations

import asyncio
import random
import time

from appliance.transport.backoff import Backoff
from appliance.transport.bandwidth import TokenBucket
from appliance.transport.faults import FaultPlan


def test_backoff_doubles_with_jitter_and_is_capped_at_an_hour() -> None:
    policy = Backoff(base_seconds=1.0, cap_seconds=3600.0)
    rng = random.Random(5)
    for failures in range(60):
        ceiling = min(3600.0, 2.0**failures)
        delays = [policy.delay(failures, rng) for _ in range(200)]
        assert all(min(0.5, ceiling) <= d <= ceiling for d in delays)
        if failures >= 3:
            assert max(delays) - min(delays) > ceiling / 4  # jittered, not a fixed schedule
    assert max(policy.delay(1000, rng) for _ in range(100)) <= 3600.0  # for days, never more than an hour apart


def test_token_bucket_holds_the_average_rate() -> None:
    async def run() -> float:
        bucket = TokenBucket(rate_bytes=4_000_000, burst_bytes=1_000_000)
        started = time.monotonic()
        for _ in range(10):
            await bucket.acquire(500_000)  # 5 MB: 1 MB of burst, then 4 MB at 4 MB/s
        return time.monotonic() - started

    elapsed = asyncio.run(run())
    assert 0.9 <= elapsed <= 1.6


def test_unlimited_bucket_never_waits() -> None:
    async def run() -> float:
        bucket = TokenBucket.from_kbps(0)
        started = time.monotonic()
        for _ in range(1000):
            await bucket.acquire(2 << 20)
        return time.monotonic() - started

    assert asyncio.run(run()) < 0.5


def test_fault_plan_fires_once_at_the_nth_hit() -> None:
    plan = FaultPlan("receiver:mid_chunk:3, sender:after_chunk_sent:1")
    assert [plan.hit("receiver", "mid_chunk") for _ in range(5)] == [False, False, True, False, False]
    assert plan.hit("sender", "after_chunk_sent") is True
    assert plan.hit("receiver", "after_fsync_before_record") is False
    assert FaultPlan("").hit("receiver", "mid_chunk") is False
