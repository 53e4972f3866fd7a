"""Study transfer: appliance -> appliance (encrypted, durable) vs DCMTK storescu -> storescp vs Orthanc peers.

    python benchmarks/transfer.py [--instances 500] [--size 512] [--rounds 3] [--skip-orthanc]
    python benchmarks/transfer.py --memory-only --instances 1000 --size 1024      # ~2 GB, peak RSS only

1. Two appliances (`passerelle serve`, separate processes and homes) on loopback: A sends the study to B
   over the peer protocol (handshake, signed manifest, XChaCha20-Poly1305 chunks of up to 2 MiB, several
   to a request (POST /psl1/chunks, up to 4 MiB), 6 requests in flight; B writes, fsyncs and journals every
   chunk, verifies each file's SHA-256, commits the study and signs a receipt). Timed from B accepting the
   offer to A storing the receipt (DB timestamps; the CLI `send` import and the sender's queue poll are not
   counted, the handshake is). Peak RSS of both processes is sampled every 20 ms with psutil.
   `chunk_requests` is the sender's own batch plan for the study (no chunk is refused in a benchmark).
2. DCMTK storescu -> storescp over one association; storescp has TCP_NODELAY=1, writes without fsync.
3. Orthanc A -> Orthanc B through Orthanc's own peer transfer (POST /peers/b/store, synchronous), both
   with TCP_NODELAY=1 in their environment (irrelevant here: the peer transfer is HTTP).

Results go to benchmarks/results/transfer.json (merged: a --memory-only run adds its own section).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import StudySpec, cached_study  # noqa: E402
from tests.integration import peers  # noqa: E402
from tests.integration.appliance_proc import (  # noqa: E402
    ApplianceProcess,
    SiteHome,
    make_pair,
    query,
    send,
    transfer,
    wait_for,
)

RESULTS = ROOT / "benchmarks" / "results" / "transfer.json"


class PeakRss:
    """Samples the resident set size of some processes in a thread; `peak` in bytes per pid."""

    def __init__(self, pids: dict[str, int], interval: float = 0.02) -> None:
        self._procs = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.peak = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._interval = interval

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, proc in self._procs.items():
                try:
                    self.peak[name] = max(self.peak[name], proc.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(self._interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def settle() -> None:
    os.sync()
    time.sleep(0.5)


def stamp(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def appliance_round(a: SiteHome, b: SiteHome, files: list[Path]) -> dict[str, object]:
    """One appliance -> appliance transfer of `files` (B's copy of the study is removed first)."""
    settle()
    proc_a, proc_b = ApplianceProcess(a), ApplianceProcess(b)
    try:
        proc_a.wait_ready()
        proc_b.wait_ready()
        cpu_before = {n: psutil.Process(p.pid).cpu_times() for n, p in (("sender", proc_a), ("receiver", proc_b))}
        with PeakRss({"sender": proc_a.pid, "receiver": proc_b.pid}) as rss:
            time.sleep(0.1)
            baseline = dict(rss.peak)
            queued = time.time()
            report = send(a, files, to=b.name)
            transfer_id = str(report["transfers"][0])  # type: ignore[index]
            wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=3600, interval=0.02,
                     what="the receipt")
            done_wall = time.time()
        cpu = {n: psutil.Process(p.pid).cpu_times() for n, p in (("sender", proc_a), ("receiver", proc_b))}
        cpu_seconds = {n: round(sum(cpu[n][:2]) - sum(cpu_before[n][:2]), 2) for n in cpu}
        out, inc = transfer(a, "out"), transfer(b, "in")
        assert out["id"] == inc["id"] == transfer_id and inc["state"] in ("storing", "done")
        seconds = stamp(str(out["updated_at"])) - stamp(str(inc["created_at"]))
        size = int(out["bytes_total"])  # type: ignore[call-overload]
        return {
            "seconds": round(seconds, 3),
            "mb_per_s": round(size / seconds / 1e6, 1),
            "seconds_including_queue_poll": round(done_wall - queued, 3),
            "cpu_seconds_user_sys": cpu_seconds,
            "chunks": out["chunks_total"],
            "chunks_sent": out["chunks_sent"],
            "chunk_requests": chunk_requests(files),
            "peak_rss_mb": {k: round(v / 2**20, 1) for k, v in rss.peak.items()},
            "idle_rss_mb": {k: round(v / 2**20, 1) for k, v in baseline.items()},
            "bytes": size,
        }
    finally:
        proc_a.stop()
        proc_b.stop()


def chunk_requests(files: list[Path]) -> int:
    """Upload requests of a first attempt without refusals: the sender's own batch plan for these files."""
    from appliance.crypto.chunks import CHUNK_OVERHEAD
    from appliance.protocol.batch import plan_batches
    from appliance.protocol.framing import PREFIX_BYTES
    from appliance.protocol.manifest import DEFAULT_CHUNK_SIZE, chunk_count_for
    from appliance.service.transfer_sender import BATCH_CHUNKS, IN_FLIGHT, batch_budget

    sizes = [p.stat().st_size for p in files]
    slots = [(i, c) for i, n in enumerate(sizes) for c in range(chunk_count_for(n, DEFAULT_CHUNK_SIZE))]

    def frame_bytes(i: int, c: int) -> int:
        return PREFIX_BYTES + CHUNK_OVERHEAD + min(DEFAULT_CHUNK_SIZE, sizes[i] - c * DEFAULT_CHUNK_SIZE)

    return len(plan_batches(slots, frame_bytes, batch_budget(sum(sizes), IN_FLIGHT), BATCH_CHUNKS))


def forget_study(site: SiteHome, study_uid: str, sender: bool) -> None:
    """Make the next round a real transfer again: the receiver drops the study, the sender its transfer."""
    import sqlite3

    conn = sqlite3.connect(site.db)
    with conn:
        if sender:
            conn.execute("UPDATE transfers SET state = 'failed' WHERE direction = 'out'")
        else:
            conn.execute("DELETE FROM instances WHERE study_uid = ?", (study_uid,))
            conn.execute("DELETE FROM series WHERE study_uid = ?", (study_uid,))
            conn.execute("DELETE FROM studies WHERE study_uid = ?", (study_uid,))
    conn.close()
    if not sender:
        shutil.rmtree(site.home / "spool" / "studies" / study_uid, ignore_errors=True)


def storescp_round(files: list[Path], work: Path) -> float:
    out = work / "storescp"
    shutil.rmtree(out, ignore_errors=True)
    settle()
    with peers.start_storescp(out, nodelay=True) as (_, port):
        started = time.perf_counter()
        result = peers.storescu("STORESCP", port, files, calling="BENCH")
        elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"storescu failed: {result.stderr.strip()[:300]}")
    assert sum(1 for _ in out.iterdir()) == len(files)
    return elapsed


def orthanc_rounds(files: list[Path], work: Path, study_uid: str, rounds: int) -> list[float]:
    times: list[float] = []
    with peers.start_orthanc(work, aet="ORTHANCB", nodelay=True) as ob, \
            peers.start_orthanc(work, aet="ORTHANCA", nodelay=True) as oa:
        oa.rest("PUT", "/peers/b", {"Url": f"{ob.url}/"})
        oa.upload(files)
        resource = oa.study_id(study_uid)
        for _ in range(rounds):
            for study in ob.rest("GET", "/studies") or []:  # type: ignore[union-attr]
                ob.rest("DELETE", f"/studies/{study}")
            settle()
            started = time.perf_counter()
            oa.rest("POST", "/peers/b/store", {"Resources": [resource], "Synchronous": True}, timeout=3600)
            times.append(time.perf_counter() - started)
            assert ob.instance_count() == len(files)
    return times


def summary(times: list[float], size: int, count: int) -> dict[str, object]:
    median = statistics.median(times)
    return {"seconds": round(median, 3), "mb_per_s": round(size / median / 1e6, 1),
            "instances_per_s": round(count / median, 1), "runs_s": [round(t, 3) for t in times]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-orthanc", action="store_true")
    parser.add_argument("--memory-only", action="store_true", help="one appliance round, for peak RSS")
    args = parser.parse_args()
    spec = StudySpec(instances=args.instances, rows=args.size, columns=args.size)
    files = cached_study(spec)
    size = sum(p.stat().st_size for p in files)
    results: dict[str, object] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    with tempfile.TemporaryDirectory(prefix="psl-transfer-") as tmp:
        work = Path(tmp)
        a, b = make_pair(work / "sites")
        study_uid = ""
        rounds: list[dict[str, object]] = []
        scp_times: list[float] = []
        for n in range(1 if args.memory_only else args.rounds):  # interleaved: this machine's timings drift
            if n:
                forget_study(a, study_uid, sender=True)
                forget_study(b, study_uid, sender=False)
            rounds.append(appliance_round(a, b, files))
            study_uid = str(query(a, "SELECT study_uid FROM transfers WHERE direction = 'out'")[0]["study_uid"])
            print(f"appliance round {n + 1}: {rounds[-1]}", flush=True)
            if not args.memory_only:
                scp_times.append(storescp_round(files, work))
                print(f"storescu -> storescp round {n + 1}: {scp_times[-1]:.3f} s", flush=True)
        study = {"instances": len(files), "bytes": size, "pixels": f"{args.size}x{args.size}x16 bit CT"}
        if args.memory_only:
            results[f"memory_{size // 10**6}MB"] = {"when": _now(), "study": study, "appliance": rounds[0]}
        else:
            app_times = [float(r["seconds"]) for r in rounds]  # type: ignore[arg-type]
            appliance = summary(app_times, size, len(files)) | {
                "encrypted": True, "durable": True, "tcp_nodelay": "both ends (aiohttp sets it on every socket)",
                "peak_rss_mb": max((r["peak_rss_mb"] for r in rounds), key=lambda p: max(p.values())),  # type: ignore
                "rounds": rounds,
            }
            storescp = summary(scp_times, size, len(files)) | {
                "encrypted": False, "durable": False, "tcp_nodelay": "storescp (receiver) only"}
            results.update({"when": _now(), "machine": f"{platform.node()} {os.cpu_count()} cpus", "study": study,
                            "appliance_to_appliance": appliance, "storescu_to_storescp": storescp})
            ratios: dict[str, float] = {"appliance_vs_storescp": round(storescp["seconds"] / appliance["seconds"], 2)}  # type: ignore[operator]
            if not args.skip_orthanc and peers.have_orthanc():
                orthanc = summary(orthanc_rounds(files, work, study_uid, args.rounds), size, len(files)) | {
                    "encrypted": False, "durable": "SyncStorageArea (Orthanc 1.10 default: fsync)",
                    "tcp_nodelay": "HTTP: libcurl and Orthanc's server set it; TCP_NODELAY=1 in both environments"}
                results["orthanc_peer_store"] = orthanc
                ratios["appliance_vs_orthanc_peers"] = round(orthanc["seconds"] / appliance["seconds"], 2)  # type: ignore[operator]
            results["speedup"] = ratios
            results["targets"] = {"appliance_vs_storescp": ">= 1.0", "appliance_vs_orthanc_peers": ">= 3.0",
                                  "peak_rss_mb_2GB_study": "< 250"}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


if __name__ == "__main__":
    main()
