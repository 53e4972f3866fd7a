"""Ingest rate: the same synthetic CT study sent by DCMTK storescu into the appliance and into storescp.

    python benchmarks/ingest.py [--instances 500] [--rounds 3] [--appliance-only]

One association per run. storescp (the baseline) runs with TCP_NODELAY=1 in its environment and writes
without fsync; the appliance runs as its own process (tests/integration/scp_process.py) and writes
durably: temp file, fsync, rename, fsync of the folder, SQLite record, then the success status.
storescu, the sender, leaves Nagle's algorithm on. Results go to benchmarks/results/ingest.json, with the
appliance process's CPU seconds (user + system, from /proc) while it received the study.
--appliance-only skips storescp (for profiling or A/B runs; the JSON is then not written).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import WORK, StudySpec, cached_study  # noqa: E402
from tests.integration import peers  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "ingest.json"


def send(port: int, aet: str, files: list[Path]) -> float:
    started = time.perf_counter()
    result = peers.storescu(aet, port, files, calling="BENCH")
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"storescu failed: {result.stderr.strip()[:300]}")
    return elapsed


def settle() -> None:
    """Flush what earlier runs left dirty, so neither end pays for the other's writeback."""
    os.sync()
    time.sleep(0.5)


def run_storescp(files: list[Path], out: Path, max_pdu: int | None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    settle()
    with peers.start_storescp(out, nodelay=True, max_pdu=max_pdu) as (_, port):
        elapsed = send(port, "STORESCP", files)
    count = sum(1 for _ in out.iterdir())
    if count != len(files):
        raise SystemExit(f"storescp kept {count} of {len(files)} files")
    return elapsed


class PeakRss:
    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, self.process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.02)

    def done(self) -> int:
        self.stop.set()
        self.thread.join()
        return self.peak


def run_appliance(files: list[Path], home: Path) -> tuple[float, int, float]:
    shutil.rmtree(home, ignore_errors=True)
    settle()
    port = peers.free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.scp_process", "--home", str(home), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        if not process.stdout.readline().startswith("READY"):
            raise SystemExit("the appliance's SCP did not start")
        rss = PeakRss(process.pid)
        before = rss.process.cpu_times()
        elapsed = send(port, "PASSERELLE", files)
        after = rss.process.cpu_times()
        cpu = (after.user + after.system) - (before.user + before.system)
        peak = rss.done()
    finally:
        process.terminate()
        process.wait(timeout=30)
    stored = sum(1 for _ in (home / "spool" / "studies").rglob("*.dcm"))
    if stored != len(files):
        raise SystemExit(f"the appliance kept {stored} of {len(files)} files")
    return elapsed, peak, cpu


def rate(elapsed: float, count: int, size: int) -> dict[str, float]:
    return {"seconds": round(elapsed, 3), "instances_per_s": round(count / elapsed, 1),
            "mb_per_s": round(size / elapsed / 1e6, 1)}


def dcmtk_version() -> str:
    out = subprocess.run([peers.dcmtk("storescu"), "--version"], capture_output=True, text=True, check=False)
    return next((line for line in out.stdout.splitlines() if "DCMTK" in line), "").strip()


def summary(times: list[float], count: int, size: int) -> dict[str, object]:
    ordered = sorted(times)
    return {**rate(ordered[len(ordered) // 2], count, size), "best": rate(ordered[0], count, size),
            "runs_s": [round(t, 3) for t in times]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--appliance-only", action="store_true", help="skip storescp; print, do not write JSON")
    args = parser.parse_args()
    files = cached_study(StudySpec(instances=args.instances))
    size = sum(p.stat().st_size for p in files)
    for path in files:  # warm the page cache so every run reads the same way
        path.read_bytes()
    baselines = {"storescp": None, "storescp_max_pdu_131072": 131072}
    runs: dict[str, list[float]] = {name: [] for name in [*baselines, "appliance"]}
    peaks = []
    cpus: list[float] = []
    scratch = WORK / "ingest-run"
    for _ in range(args.rounds):  # interleaved, so a noisy machine hurts every end alike
        for name, max_pdu in baselines.items():
            if not args.appliance_only:
                runs[name].append(run_storescp(files, scratch / name, max_pdu))
        elapsed, peak, cpu = run_appliance(files, scratch / "appliance")
        runs["appliance"].append(elapsed)
        peaks.append(peak)
        cpus.append(cpu)
        print(f"appliance: {elapsed:.3f} s wall, {cpu:.2f} CPU s", flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    if args.appliance_only:
        return
    ends = {name: summary(times, len(files), size) for name, times in runs.items()}
    fastest = min(baselines, key=lambda name: sorted(runs[name])[len(runs[name]) // 2])
    median = {name: sorted(times)[len(times) // 2] for name, times in runs.items()}
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "study": {"instances": len(files), "bytes": size, "pixels": "512x512x16 bit CT, explicit VR LE"},
        **{name: {**ends[name], "durable": False, "tcp_nodelay": True} for name in baselines},
        "appliance": {**ends["appliance"], "durable": True, "tcp_nodelay": True,
                      "peak_rss_mb": round(max(peaks) / 1e6, 1),
                      "cpu_s": round(sorted(cpus)[len(cpus) // 2], 2), "runs_cpu_s": [round(c, 2) for c in cpus]},
        "baseline": fastest,
        "ratio_appliance_to_storescp": round(median[fastest] / median["appliance"], 3),
        "ratio_best_to_best": round(min(min(runs[name]) for name in baselines) / min(runs["appliance"]), 3),
        "note": "ratio = the faster storescp configuration's median time / the appliance's median time; "
                "runs are interleaved because this machine's disk and loopback timings vary a lot",
        "target_ratio": 0.8,
        "environment": {
            "sender": "DCMTK storescu, one association, Nagle on (no TCP_NODELAY)",
            "storescp": "TCP_NODELAY=1 in its environment; default max PDU 16384, and 131072; no fsync",
            "appliance": "TCP_NODELAY on its own sockets, max PDU 1 MiB; per instance: fsync file, rename, "
                         "fsync folder, SQLite commit (WAL, synchronous=FULL), then the success status",
            "dcmtk": dcmtk_version(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "kernel": platform.release(),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in [*runs, "baseline", "ratio_appliance_to_storescp", "ratio_best_to_best"]},
                     indent=2))


if __name__ == "__main__":
    main()
