"""CPU accounting for benchmarks/pacs_to_pacs.py: per-process CPU seconds sampled through a run, and their bound.

During every run a thread samples, every 50 ms, the CPU seconds (user+sys of all threads, from /proc via
psutil) of each process involved: Orthanc A, Orthanc B, appliance A and B when they run, and this benchmark
process (which polls Orthanc B and, in the pusher legs, is the appliance itself). Each leg reports `cpu_s` per
process, their sum, and `cpu_bound_wall_s` = sum / cores: no schedule on this machine can finish that work
faster. The two-appliance legs are also cut at their milestones (`legs_cpu`), so retrieve, transfer, decide and
push each get their own CPU seconds.
"""

from __future__ import annotations

import bisect
import os
import threading
import time

import psutil

CORES = os.cpu_count() or 1
HARNESS = "benchmark_process"  # this process: polls Orthanc B's count (and samples CPU); pusher legs run in it
CLI = "passerelle_cli"  # `passerelle rules add`, a child of this process (counted once it has exited)


class CpuClock:
    """CPU seconds (user+sys, all threads) of named processes, sampled with wall timestamps in a thread.

    `between(t0, t1)` interpolates each process's cumulative CPU at two `time.time()` instants, so a run
    can be cut at milestones read from the appliances' databases. This process's reaped children (the CLI)
    are reported apart, under CLI."""

    def __init__(self, pids: dict[str, int], interval: float = 0.05) -> None:
        self._procs = {name: psutil.Process(pid) for name, pid in pids.items()}
        self._own = os.getpid()
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._interval = interval

    def _sample(self) -> None:
        seconds: dict[str, float] = {}
        for name, proc in self._procs.items():
            try:
                times = proc.cpu_times()
            except psutil.Error:  # exited: keep its last value
                seconds[name] = self.samples[-1][1].get(name, 0.0) if self.samples else 0.0
                continue
            seconds[name] = times.user + times.system
            if proc.pid == self._own:
                seconds[CLI] = times.children_user + times.children_system
        self.samples.append((time.time(), seconds))

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()

    def __enter__(self) -> CpuClock:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def at(self, when: float) -> dict[str, float]:
        """Cumulative CPU seconds of each process at `when`, linear between the two nearest samples."""
        stamps = [t for t, _ in self.samples]
        i = bisect.bisect_left(stamps, when)
        if i <= 0:
            return dict(self.samples[0][1])
        if i >= len(stamps):
            return dict(self.samples[-1][1])
        (t0, c0), (t1, c1) = self.samples[i - 1], self.samples[i]
        share = (when - t0) / (t1 - t0) if t1 > t0 else 1.0
        return {name: c0[name] + (c1[name] - c0[name]) * share for name in c1}

    def between(self, start: float, end: float) -> dict[str, float]:
        first, last = self.at(start), self.at(end)
        return {name: round(last[name] - first.get(name, 0.0), 3) for name in last}

    def total(self) -> dict[str, float]:
        return self.between(self.samples[0][0], self.samples[-1][0])


def cpu_summary(cpu: dict[str, float], wall: float, harness_is_appliance: bool = False) -> dict[str, object]:
    """Per-process CPU seconds, their sum over the processes that do the work, and the 1/cores bound.

    The benchmark process only polls, except where the appliance runs inside it (the pusher legs)."""
    involved = {name: s for name, s in cpu.items() if name != HARNESS or harness_is_appliance}
    total = sum(involved.values())
    return {
        "cpu_s": cpu,
        "cpu_s_sum": round(total, 3),
        "cpu_s_sum_counts": sorted(involved),
        "cpu_bound_wall_s": round(total / CORES, 3),
        "busy_cores": round(total / wall, 2) if wall > 0 else None,
    }
