"""PACS to PACS: the ~250 MB, 500-instance synthetic CT study from Orthanc A to Orthanc B, several ways.

    python benchmarks/pacs_to_pacs.py [--instances 500] [--size 512] [--rounds 1] [--nodelay]

1. Orthanc's own peer transfer: Orthanc A POSTs the study to Orthanc B over HTTP (/peers/b/store).
2. C-MOVE: we ask Orthanc A (C-MOVE SCP) to move the study to Orthanc B (C-STORE SCP, one association).
3. The receiving appliance's last leg alone: PacsPusher from spool files into Orthanc B, by C-STORE over
   4 parallel associations (files as stored, and with every header rewritten on the way out) and by
   STOW-RS (verified by C-FIND count / QIDO-RS as in production).
4. Through two appliances (A's PACS -> appliance A -> encrypted peer transport -> appliance B, patient
   reconciled and files rewritten -> B's PACS), `TwoAppliances`: by DIMSE (C-MOVE per series into
   appliance A, C-STORE over 4 associations into Orthanc B) and by DICOMweb (WADO-RS per series in,
   STOW-RS out). The leg is cut at its milestones; the first, `trigger`, is the `passerelle rules add` process
   from its start to the rule's commit (Python start-up and imports, before any routing can happen), so
   `after_rule_stored_s` gives the path without it.
5. The sequential floor (`sequential_floor` in the JSON): the issue's rules run the legs one after another
   (queued only once the PACS's counts say complete; committed whole and reconciled before any push), so no
   schedule beats (whole study out of Orthanc A) + (whole study into Orthanc B) with a free transfer. Exports:
   C-MOVE to DCMTK storescp (TCP_NODELAY=1, +B, -dhl; the study on one association, or one per series at
   once), WADO-RS per series at once cut into files by a bare aiohttp client, and, as a reference for Orthanc
   A's own limit, curl saving the multipart answers uncut. Imports: the pusher legs above and raw
   POST /instances from 4 keep-alive clients. Medians of this run, against Orthanc peers in the same run.

Both Orthancs run as Debian ships them (TCP_NODELAY unset, so Nagle's algorithm is on at their DICOM
ends) unless --nodelay is given; the JSON states which. Each leg starts with Orthanc B empty and ends when
Orthanc B counts every instance (the export legs of 5: when every instance is on the receiver's disk).
Results go to benchmarks/results/pacs_to_pacs.json.

CPU accounting: during every run a thread samples, every 50 ms, the CPU seconds (user+sys of all threads,
from /proc via psutil) of each process involved: Orthanc A, Orthanc B, appliance A and B when they run,
and this benchmark process (which polls Orthanc B and, in the pusher legs, is the appliance itself). Each
leg reports `cpu_s` per process, their sum, and `cpu_bound_wall_s` = sum / cores: no schedule on this
machine can finish that work faster. The two-appliance legs are also cut at their milestones
(`legs_cpu`), so retrieve, transfer, decide and push each get their own CPU seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from appliance.dicom import scu  # noqa: E402
from appliance.domain import DicomNode, InstanceRef  # noqa: E402
from appliance.service.pacs_push import PacsPusher  # noqa: E402
from appliance.store.state import StateStore, StudyAttributes  # noqa: E402
from benchmarks.synthetic import StudySpec, cached_study  # noqa: E402
from tests.integration import peers  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "pacs_to_pacs.json"
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


def wait_count(orthanc: peers.Orthanc, expected: int, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while orthanc.instance_count() < expected:
        if time.monotonic() > deadline:
            raise SystemExit(f"Orthanc {orthanc.aet} holds {orthanc.instance_count()} of {expected} after {timeout} s")
        time.sleep(0.05)


def empty(orthanc: peers.Orthanc) -> None:
    studies = orthanc.rest("GET", "/studies")
    assert isinstance(studies, list)
    for study in studies:
        orthanc.rest("DELETE", f"/studies/{study}")
    if orthanc.instance_count():
        raise SystemExit(f"could not empty Orthanc {orthanc.aet}")


def peer_transfer(a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
    """Orthanc's own HTTP peer transfer, synchronous: returns when A's job is done."""
    a.rest("POST", "/peers/b/store", {"Resources": [a.study_id(study_uid)], "Synchronous": True}, timeout=3600)


def c_move(a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
    moved = scu.move_study(DicomNode(a.aet, "127.0.0.1", a.dicom_port), "BENCH", study_uid, b.aet)
    if moved <= 0:
        raise SystemExit("C-MOVE moved nothing")


def rest_post_parallel(files: list[Path], clients: int = 4) -> Callable[[peers.Orthanc, peers.Orthanc, str], None]:
    """The import floor's reference, Orthanc's fastest intake: raw POST /instances of the spool files into
    Orthanc B over `clients` keep-alive connections at once (each answer's status checked, nothing else)."""
    import http.client

    def post(b: peers.Orthanc, share: list[Path]) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", b.http_port, timeout=600)
        try:
            for path in share:
                connection.request("POST", "/instances", path.read_bytes())
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise SystemExit(f"POST /instances into Orthanc {b.aet} answered HTTP {response.status}")
        finally:
            connection.close()

    def leg(a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(lambda share: post(b, share), [files[i::clients] for i in range(clients)]))

    return leg


class Pushes:
    """The pusher legs: one state database with a transfers row for the study, files pushed from disk."""

    def __init__(self, files: list[Path], work: Path) -> None:
        from pydicom import dcmread

        self.files = files
        self.store = StateStore(work / "bench-state.sqlite")
        for path in files:
            ds = dcmread(path, stop_before_pixels=True)
            self.study_uid = str(ds.StudyInstanceUID)
            self.store.record_instance(InstanceRef(self.study_uid, str(ds.SeriesInstanceUID), str(ds.SOPInstanceUID),
                                                   str(ds.SOPClassUID), str(path), path.stat().st_size, "0" * 64),
                                       StudyAttributes(), "bench")
        self.transfer_id, _ = self.store.queue_outgoing("bench", self.study_uid)

    def c_store(self, a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
        pusher = PacsPusher(self.store, "BENCH", DicomNode(b.aet, "127.0.0.1", b.dicom_port), associations=4)
        asyncio.run(pusher.push_study(study_uid, self.files, self.transfer_id))

    def stow_rs(self, a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
        pusher = PacsPusher(self.store, "BENCH", dicomweb_url=f"{b.url}/dicom-web")
        asyncio.run(pusher.push_study(study_uid, self.files, self.transfer_id))

    def c_store_rewritten(self, a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
        """As `c_store`, every file's header coerced to a local patient (IHE IRWF) on the way out."""
        from pydicom.dataset import Dataset

        from appliance.dicom.outgoing import rewritten
        from appliance.dicom.rewrite import coerce_to_local_patient
        from appliance.domain import PatientRecord

        local = PatientRecord("BENCH-LOCAL-1", "Bench", "Local", "19700101", "O")
        now = datetime.now(UTC)  # one modification time per study, as the pipeline does

        def coerce(ds: Dataset) -> list[str]:  # one coerce per study, as `IncomingPipeline._rewriter` makes
            return coerce_to_local_patient(ds, local, local_issuer="BENCH", now=now)

        def prepare(path: Path) -> object:
            return rewritten(path, coerce)

        pusher = PacsPusher(self.store, "BENCH", DicomNode(b.aet, "127.0.0.1", b.dicom_port), associations=4)
        asyncio.run(pusher.push_study(study_uid, self.files, self.transfer_id, prepare))  # type: ignore[arg-type]


class TwoAppliances:
    """Leg 4: Orthanc A -> appliance A (routing rule) -> encrypted peer transport -> appliance B -> Orthanc B.

    Two real `passerelle serve` processes on loopback with a signed directory listing both (made before the
    Orthancs start, so Orthanc A knows appliance A as a C-MOVE destination). Appliance B reconciles the
    patient for real: the synthetic patient is unknown there and `new_patient_policy` is "automatic", so
    every file is rewritten with a new local id (IHE IRWF) before the push. The timed part runs from
    adding the routing rule on A (its scheduler cycles every second: C-FIND/QIDO, retrieve, queue) until
    Orthanc B counts every instance. A study goes to a site once, so each mode gets a fresh pair of sites.
    """

    def __init__(self, work: Path, mode: str) -> None:
        from tests.integration.pipeline_net import make_network

        self.mode = mode
        self.seconds = 0.0
        self.phases: dict[str, float] = {}
        self.cli_exited = 0.0
        self.cpu: dict[str, object] = {}
        self.net = make_network(work / f"net-{mode}")

    def configure(self, a: peers.Orthanc, b: peers.Orthanc) -> None:
        from tests.integration.pipeline_net import set_settings

        common: dict[str, object] = {"bind_host": "127.0.0.1", "routing_interval_s": 1, "min_free_mb": 0,
                                     "routing_look_back_days": 36500, "routing_debounce_s": 0.5}
        if self.mode == "dicomweb":
            set_settings(self.net.a, aet="PASSA", pacs=f"{a.aet}@127.0.0.1:{a.dicom_port}",
                         pacs_dicomweb_url=f"{a.url}/dicom-web", routing_retrieve="wado", **common)
            set_settings(self.net.b, aet="PASSB", pacs=f"{b.aet}@127.0.0.1:{b.dicom_port}",
                         pacs_dicomweb_url=f"{b.url}/dicom-web", new_patient_policy="automatic", **common)
        else:
            set_settings(self.net.a, aet="PASSA", pacs=f"{a.aet}@127.0.0.1:{a.dicom_port}", **common)
            set_settings(self.net.b, aet="PASSB", pacs=f"{b.aet}@127.0.0.1:{b.dicom_port}",
                         new_patient_policy="automatic", **common)

    def leg(self, a: peers.Orthanc, b: peers.Orthanc, study_uid: str) -> None:
        """Serve both sites, add the rule (the clock starts there), wait until Orthanc B holds the study."""
        from tests.integration.appliance_proc import cli, serve

        self.configure(a, b)
        count = a.instance_count()
        with serve(self.net.b) as app_b, serve(self.net.a) as app_a:
            pids = {"orthanc_a": a.process.pid, "orthanc_b": b.process.pid, "appliance_a": app_a.pid,
                    "appliance_b": app_b.pid, HARNESS: os.getpid()}
            with CpuClock(pids) as clock:
                wall = datetime.now(UTC)
                started = time.perf_counter()
                cli("rules", "add", "--site", self.net.b.name, "--referring-from-directory",
                    "--home", str(self.net.a.home))
                self.cli_exited = time.perf_counter() - started
                wait_count(b, count)
                self.seconds = time.perf_counter() - started
                self._wait_verified()
        self.phases = self._phases(wall)
        self.cpu = self._cpu(clock, wall.timestamp())

    def _cpu(self, clock: CpuClock, start: float) -> dict[str, object]:
        """CPU of every process over the whole path (rule added -> Orthanc B counts all) and per milestone leg.

        The CLI's CPU is known only once it has exited, just after committing the rule: it is booked whole to
        the trigger leg, where the process ran (before, it fell into the retrieve leg)."""
        total = clock.between(start, start + self.seconds)
        whole = cpu_summary(total, self.seconds)
        bounds = [0.0, self.phases["rule_stored_on_a"], self.phases["queued_on_a"], self.phases["sent_by_a"],
                  self.phases["decided_on_b"], self.phases["verified_in_orthanc_b"]]
        names = ["trigger (`passerelle rules add` started -> rule committed on A)",
                 "retrieve (rule committed -> study retrieved and queued on A)",
                 "transfer (queued on A -> receipt stored on A)", "decide (receipt -> decision on B)",
                 "push (decision -> Orthanc B verified)"]
        legs: dict[str, object] = {}
        for name, t0, t1 in zip(names, bounds, bounds[1:], strict=False):
            if t0 < 0 or t1 < t0:
                continue
            cpu = clock.between(start + t0, start + t1) | {CLI: total[CLI] if name.startswith("trigger") else 0.0}
            legs[name] = {"wall_s": round(t1 - t0, 3)} | cpu_summary(cpu, t1 - t0)
        return {"whole": whole, "legs_cpu": legs}

    def _wait_verified(self, timeout: float = 30) -> None:
        """Keep appliance B running until it has verified the study (its milestone), not past `timeout`."""
        from tests.integration.appliance_proc import query

        deadline = time.monotonic() + timeout
        while not query(self.net.b, "SELECT 1 FROM audit WHERE action = 'pacs-stored'"):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)

    def _phases(self, wall: datetime) -> dict[str, float]:
        """Seconds from the rule's creation to each milestone, read from both sites' state databases."""
        from tests.integration.appliance_proc import query

        def at(site: object, sql: str) -> float:
            rows = query(site, sql)  # type: ignore[arg-type]
            if not rows or not rows[0][0]:
                return -1.0
            return round((datetime.fromisoformat(str(rows[0][0])) - wall).total_seconds(), 3)

        return {
            "rule_stored_on_a": at(self.net.a, "SELECT min(created_at) FROM routing_rules"),
            "cli_exited": round(self.cli_exited, 3),
            "queued_on_a": at(self.net.a, "SELECT min(created_at) FROM transfers WHERE direction = 'out'"),
            "sent_by_a": at(self.net.a, "SELECT max(updated_at) FROM transfers WHERE direction = 'out'"),
            "decided_on_b": at(self.net.b, "SELECT min(decided_at) FROM decisions"),
            "verified_in_orthanc_b": at(self.net.b, "SELECT max(at) FROM audit WHERE action = 'pacs-stored'"),
        }


EXPORT_AETS = ("FLOOR1", "FLOOR2")  # storescp receivers Orthanc A knows as C-MOVE destinations
WADO_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*'  # as stored: never transcode
SPLIT_BLOCK = 1 << 20
EXPORTS_AS_FILES = ("export_c_move_storescp_study", "export_c_move_storescp_series_parallel",
                    "export_wado_rs_split_series_parallel")
IMPORTS = ("appliance_push_c_store_4_associations", "appliance_push_stow_rs",
           "appliance_push_c_store_rewritten_4_associations", "orthanc_b_rest_post_4_clients")


class PartSplitter:
    """Cuts a multipart/related body, fed in blocks, into one file per part (part headers dropped) in `folder`."""

    def __init__(self, boundary: bytes, folder: Path, prefix: str) -> None:
        self.delimiter = b"\r\n--" + boundary
        self.folder = folder
        self.prefix = prefix
        self.buffer = b"\r\n"  # the body opens with "--boundary": make it look like every later delimiter
        self.out: BinaryIO | None = None
        self.files = 0
        self.done = False

    def feed(self, block: bytes) -> None:
        self.buffer += block
        while not self.done:
            if self.out is None:  # at a delimiter: the closing one, or a part's headers
                start = self.buffer.find(self.delimiter)
                after = start + len(self.delimiter)
                if start < 0 or len(self.buffer) < after + 2:
                    return
                if self.buffer[after:after + 2] == b"--":
                    self.done = True
                    return
                headers_end = self.buffer.find(b"\r\n\r\n", after)
                if headers_end < 0:
                    return
                self.out = open(self.folder / f"{self.prefix}{self.files:05d}.dcm", "wb")
                self.buffer = self.buffer[headers_end + 4:]
                continue
            end = self.buffer.find(self.delimiter)
            if end < 0:  # write all but what could be the start of a delimiter
                keep = len(self.delimiter) - 1
                self.out.write(self.buffer[:-keep])
                self.buffer = self.buffer[-keep:]
                return
            self.out.write(self.buffer[:end])
            self.out.close()
            self.out = None
            self.files += 1
            self.buffer = self.buffer[end:]


class Exports:
    """The sequential floor's first half: the whole study out of Orthanc A by the fastest receivers at hand
    (DCMTK's storescp for C-MOVE, a bare aiohttp client or curl for WADO-RS), into a fresh folder per run.

    A run ends when Orthanc A has answered and every file is on disk (written, not fsynced). CPU: Orthanc A and
    the receiver (the storescp or curl processes, or this process where the WADO-RS client runs in it)."""

    def __init__(self, work: Path, study_uid: str, count: int) -> None:
        self.work = work
        self.study_uid = study_uid
        self.count = count
        self.ports = {aet: peers.free_port() for aet in EXPORT_AETS}
        self.series: list[str] = []

    def modalities(self) -> dict[str, tuple[str, str, int]]:
        return {aet.lower(): (aet, "127.0.0.1", port) for aet, port in self.ports.items()}

    def legs(self) -> dict[str, Callable[[peers.Orthanc, Path], None]]:
        return {"export_c_move_storescp_study": self.c_move_study,
                "export_c_move_storescp_series_parallel": self.c_move_series,
                "export_wado_rs_split_series_parallel": self.wado_rs_split,
                "export_wado_rs_curl_series_parallel": self.wado_rs_curl}

    def measure(self, name: str, a: peers.Orthanc, rounds: int) -> dict[str, object]:
        """Median wall of `rounds` runs of one export, with Orthanc A's and the receiver's CPU seconds."""
        if not self.series:
            listed = a.rest("GET", f"/studies/{a.study_id(self.study_uid)}/series")
            assert isinstance(listed, list)
            self.series = [str(s["MainDicomTags"]["SeriesInstanceUID"]) for s in listed]
        runs: list[float] = []
        cpus: list[dict[str, float]] = []
        for index in range(rounds):
            folder = self.work / f"{name}-{index}"
            folder.mkdir(parents=True)
            try:
                seconds, cpu = self._timed(name, a, folder)
            finally:
                shutil.rmtree(folder)  # before the kernel writes it back, so later legs do not pay for it
            runs.append(seconds)
            cpus.append(cpu)
        median = sorted(runs)[len(runs) // 2]
        cpu_median = {key: round(statistics.median(c.get(key, 0.0) for c in cpus), 3) for key in cpus[0]}
        return {"seconds": round(median, 3), "best_seconds": round(min(runs), 3),
                "runs_s": [round(r, 3) for r in runs]} | cpu_summary(cpu_median, median) | {"runs_cpu_s": cpus}

    def _timed(self, name: str, a: peers.Orthanc, folder: Path) -> tuple[float, dict[str, float]]:
        with self._storescps(folder if "storescp" in name else None) as receivers:
            pids = {"orthanc_a": a.process.pid, HARNESS: os.getpid()} | receivers
            with CpuClock(pids) as clock:
                started = time.perf_counter()
                self.legs()[name](a, folder)
                seconds = time.perf_counter() - started
        files = self._count(folder)
        if files != self.count:
            raise SystemExit(f"{name}: {files} of {self.count} instances on disk")
        cpu = clock.total()
        children = cpu.pop(CLI, 0.0)  # this process's reaped children: the curl clients
        if "curl" in name:
            cpu["receiver_curl"] = children
        if "split" in name:
            cpu["receiver_in_" + HARNESS] = cpu.pop(HARNESS)
        return seconds, cpu

    @contextmanager
    def _storescps(self, folder: Path | None) -> Iterator[dict[str, int]]:
        """One storescp per AET with TCP_NODELAY=1, writing data as received (+B), no DNS lookup (-dhl)."""
        if folder is None:
            yield {}
            return
        env = dict(os.environ) | {"TCP_NODELAY": "1"}
        processes: dict[str, subprocess.Popen[bytes]] = {}
        try:
            for aet, port in self.ports.items():
                (folder / aet).mkdir()
                processes[f"receiver_storescp_{aet.lower()}"] = subprocess.Popen(
                    [peers.dcmtk("storescp"), "-aet", aet, "+B", "-dhl", "-od", str(folder / aet), str(port)],
                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                peers.wait_for_port(port)
            yield {name: process.pid for name, process in processes.items()}
        finally:
            for process in processes.values():
                process.terminate()
                process.wait(timeout=10)

    @staticmethod
    def _count(folder: Path) -> int:
        """Instances on disk after a run: files (storescp answers each C-STORE once it has written the file), or
        the parts in curl's multipart answers (each part is delimited by the body's first line)."""
        count = 0
        for path in folder.rglob("*"):
            if path.suffix == ".multipart":
                body = path.read_bytes()
                count += body.count(b"\r\n" + body[:body.index(b"\r\n")])  # the closing delimiter ends the last
            elif path.is_file():
                count += 1
        return count

    def c_move_study(self, a: peers.Orthanc, folder: Path) -> None:
        """One C-MOVE of the whole study to one storescp: one association out of Orthanc A."""
        scu.move_study(DicomNode(a.aet, "127.0.0.1", a.dicom_port), "BENCH", self.study_uid, EXPORT_AETS[0])

    def c_move_series(self, a: peers.Orthanc, folder: Path) -> None:
        """One C-MOVE per series at once, each to its own storescp: two associations out of Orthanc A."""
        node = DicomNode(a.aet, "127.0.0.1", a.dicom_port)
        with ThreadPoolExecutor(len(self.series)) as pool:
            list(pool.map(lambda uid, aet: scu.move_study(node, "BENCH", self.study_uid, aet, series_uid=uid),
                          self.series, EXPORT_AETS))

    def _wado_url(self, a: peers.Orthanc, series_uid: str) -> str:
        return f"{a.url}/dicom-web/studies/{self.study_uid}/series/{series_uid}"

    def wado_rs_split(self, a: peers.Orthanc, folder: Path) -> None:
        """WADO-RS per series at once by aiohttp, each answer cut into one file per instance as it streams in."""
        import aiohttp

        async def series(session: aiohttp.ClientSession, index: int, uid: str) -> int:
            async with session.get(self._wado_url(a, uid), headers={"Accept": WADO_ACCEPT}) as response:
                response.raise_for_status()
                boundary = response.headers["Content-Type"].split("boundary=")[1].split(";")[0].strip('"')
                splitter = PartSplitter(boundary.encode(), folder, f"s{index}-")
                async for block in response.content.iter_chunked(SPLIT_BLOCK):
                    splitter.feed(block)
                if not splitter.done:
                    raise SystemExit("WADO-RS answer ended before its closing boundary")
                return splitter.files

        async def study() -> None:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=600)) as session:
                await asyncio.gather(*(series(session, i, uid) for i, uid in enumerate(self.series)))

        asyncio.run(study())

    def wado_rs_curl(self, a: peers.Orthanc, folder: Path) -> None:
        """curl per series at once, each multipart answer into one file: Orthanc A's side with an idle receiver
        (the answers are not cut into instances: a reference for Orthanc A's limit, not a way to ship)."""
        bodies = [folder / f"series-{i}.multipart" for i in range(len(self.series))]
        running = [subprocess.Popen(["curl", "-s", "--fail", "-o", str(body), "-H", f"Accept: {WADO_ACCEPT}",
                                     self._wado_url(a, uid)]) for body, uid in zip(bodies, self.series, strict=True)]
        if any(process.wait() != 0 for process in running):
            raise SystemExit("curl WADO-RS failed")


LEGS: dict[str, Callable[[peers.Orthanc, peers.Orthanc, str], None]] = {
    "orthanc_peer_transfer": peer_transfer,
    "c_move": c_move,
}


def measure(leg: Callable[[peers.Orthanc, peers.Orthanc, str], None], a: peers.Orthanc, b: peers.Orthanc,
            study_uid: str, count: int, size: int, rounds: int, harness_role: str = "") -> dict[str, object]:
    """Median wall of `rounds` runs, with the CPU seconds of Orthanc A, Orthanc B and this process per run.

    `harness_role`: what of the leg runs in this process ("appliance" in the pusher legs, "client" in the raw
    REST intake), so its CPU counts under that name."""
    runs: list[float] = []
    cpus: list[dict[str, float]] = []
    pids = {"orthanc_a": a.process.pid, "orthanc_b": b.process.pid, HARNESS: os.getpid()}
    for _ in range(rounds):
        empty(b)
        with CpuClock(pids) as clock:
            started = time.perf_counter()
            leg(a, b, study_uid)
            wait_count(b, count)
            runs.append(time.perf_counter() - started)
        cpu = clock.total()
        cpu.pop(CLI, None)
        if harness_role:
            cpu[f"{harness_role}_in_{HARNESS}"] = cpu.pop(HARNESS)
        cpus.append(cpu)
    best = min(runs)
    median = sorted(runs)[len(runs) // 2]
    cpu_median = {name: round(statistics.median(c[name] for c in cpus), 3) for name in cpus[0]}
    return {
        "seconds": round(median, 3),
        "instances_per_s": round(count / median, 1),
        "mb_per_s": round(size / median / 1e6, 1),
        "best_seconds": round(best, 3),
        "runs_s": [round(r, 3) for r in runs],
    } | cpu_summary(cpu_median, median) | {"runs_cpu_s": cpus}


def sequential_floor(results: dict[str, object]) -> dict[str, object] | None:
    """Best export out of Orthanc A + best import into Orthanc B, as if the transfer cost nothing, against
    Orthanc's peer transfer in the same run. None unless the run measured an export, an import and the peers."""

    def walls(names: tuple[str, ...], key: str) -> dict[str, float]:
        return {name: float(leg[key]) for name in names  # type: ignore[index]
                if isinstance(leg := results.get(name), dict) and key in leg}

    exports, imports = walls(EXPORTS_AS_FILES, "seconds"), walls(IMPORTS, "seconds")
    peer = results.get("orthanc_peer_transfer")
    if not exports or not imports or not isinstance(peer, dict):
        return None
    export, import_ = min(exports, key=exports.__getitem__), min(imports, key=imports.__getitem__)
    floor = exports[export] + imports[import_]
    best = min(walls(EXPORTS_AS_FILES, "best_seconds").values()) + min(walls(IMPORTS, "best_seconds").values())
    report: dict[str, object] = {
        "seconds": round(floor, 3),
        "from_best_runs_s": round(best, 3),
        "export": {"leg": export, "seconds": exports[export], "all_s": exports},
        "import": {"leg": import_, "seconds": imports[import_], "all_s": imports},
        "orthanc_peer_transfer_s": peer["seconds"],
        "orthanc_peer_transfer_best_s": peer["best_seconds"],
        "floor_over_peers": round(floor / float(peer["seconds"]), 2),
    }
    two = results.get("through_two_appliances")
    if isinstance(two, dict):
        middle = {name: leg["wall_s"] for name, leg in two["legs_cpu"].items()
                  if name.startswith(("transfer", "decide"))}
        report["with_this_runs_transfer_and_decide_s"] = round(floor + sum(middle.values()), 3)
        report["transfer_and_decide_s"] = middle
        report["through_two_appliances_s"] = two["seconds"]
        report["through_two_appliances_after_rule_stored_s"] = two["after_rule_stored_s"]
        decide = sum(wall for name, wall in middle.items() if name.startswith("decide"))
        floor_json = ROOT / "benchmarks" / "results" / "floor.json"
        if floor_json.exists():  # benchmarks/floor.py: the encrypted, durable transfer's primitives alone
            primitives = json.loads(floor_json.read_text())["floor"]
            transfer = primitives["min_cpu_s_if_the_sender_reuses_the_intake_hash"] / primitives["cores"]
            report["transfer_floor_s"] = round(transfer, 3)
            report["with_transfer_floor_and_this_runs_decide_s"] = round(floor + transfer + decide, 3)
    report["explanation"] = (
        "The issue's rules make the path sequential: appliance A queues the study only once Orthanc A's counts say "
        "it is all there, and appliance B reconciles the patient and commits the study whole before any file goes "
        "to Orthanc B. So no schedule finishes before (whole study out of Orthanc A) + (transfer) + (decision) + "
        "(whole study into Orthanc B). `seconds` is that sum with the transfer and decision costing nothing: the "
        "fastest export measured here that leaves every instance as a file on disk (C-MOVE to DCMTK storescp, or "
        "WADO-RS cut into files by a bare client; no fsync, no database), plus the fastest import into Orthanc B "
        "(the appliance's pusher legs, or raw POST /instances from 4 clients), medians of this run. "
        "`floor_over_peers` < 1 means the target is reachable only if transfer + decision fit in the difference; "
        "`with_this_runs_transfer_and_decide_s` adds the two middle legs as the two-appliance run measured them, "
        "`with_transfer_floor_and_this_runs_decide_s` the transfer's floor from benchmarks/floor.py (its primitives' "
        "CPU with the intake's hash reused, on every core, no overhead) and this run's decision instead.")
    return report


def code_version() -> dict[str, object]:
    """The commit measured and the appliance files that differed from it (the tree is shared while we measure)."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False).stdout

    return {"commit": git("rev-parse", "--short", "HEAD").strip(),
            "uncommitted_appliance_files": git("status", "--porcelain", "--", "appliance").split("\n")[:-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--size", type=int, default=512, help="rows and columns of each slice")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--nodelay", action="store_true", help="run both Orthancs with TCP_NODELAY=1")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--legs", default="", help="comma-separated leg names to run (default: all)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work folder to keep (site homes with their logs) instead of a temporary one")
    args = parser.parse_args()
    wanted = {name for name in args.legs.split(",") if name}
    files = cached_study(StudySpec(instances=args.instances, rows=args.size, columns=args.size))
    size = sum(p.stat().st_size for p in files)
    from pydicom import dcmread

    study_uid = str(dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    results: dict[str, object] = {}
    load_at_start = os.getloadavg()
    code = code_version()
    with tempfile.TemporaryDirectory(prefix="pacs-to-pacs-") as tmp:
        work = Path(tmp) if args.keep is None else args.keep
        work.mkdir(parents=True, exist_ok=True)
        b_dicom = peers.free_port()
        pushes = Pushes(files, work)
        LEGS["appliance_push_c_store_4_associations"] = pushes.c_store
        LEGS["appliance_push_stow_rs"] = pushes.stow_rs
        if (ROOT / "appliance" / "dicom" / "outgoing.py").exists():  # absent in versions before the streamed push
            LEGS["appliance_push_c_store_rewritten_4_associations"] = pushes.c_store_rewritten
        LEGS["orthanc_b_rest_post_4_clients"] = rest_post_parallel(files)
        exports = Exports(work, study_uid, len(files))
        pairs = {mode: TwoAppliances(work, mode) for mode in ("dimse", "dicomweb")}
        modalities = {"b": ("ORTHANCB", "127.0.0.1", b_dicom), "passa": ("PASSA", "127.0.0.1",
                                                                          pairs["dimse"].net.a.dicom_port)}
        modalities |= exports.modalities()
        with peers.start_orthanc(work, aet="ORTHANCB", dicom_port=b_dicom, nodelay=args.nodelay,
                                 plugins=True) as b, \
                peers.start_orthanc(work, aet="ORTHANCA", nodelay=args.nodelay, plugins=True,
                                    modalities=modalities) as a:
            a.rest("PUT", "/peers/b", {"Url": f"{b.url}/"})
            started = time.perf_counter()
            a.upload(files)
            loaded = time.perf_counter() - started
            wait_count(a, len(files))
            results["orthanc_rest_intake"] = {"seconds": round(loaded, 3), "mb_per_s": round(size / loaded / 1e6, 1),
                                              "note": "loading Orthanc A by POST /instances, one file at a time"}
            for name, leg in LEGS.items():
                if wanted and name not in wanted:
                    continue
                print(f"{name}...", flush=True)
                role = "appliance" if name.startswith("appliance_push") else "client" if name in IMPORTS else ""
                results[name] = measure(leg, a, b, study_uid, len(files), size, args.rounds, harness_role=role)
                print(f"  {results[name]}", flush=True)
            for name in exports.legs():
                if wanted and name not in wanted:
                    continue
                print(f"{name}...", flush=True)
                results[name] = exports.measure(name, a, args.rounds)
                print(f"  {results[name]}", flush=True)
            for mode, pair in pairs.items():
                name = "through_two_appliances" + ("" if mode == "dimse" else "_dicomweb")
                if wanted and name not in wanted:
                    continue
                print(f"{name}...", flush=True)
                whole = measure(pair.leg, a, b, study_uid, len(files), size, 1)
                leg_result: dict[str, object] = {
                    "seconds": round(pair.seconds, 3), "instances_per_s": round(len(files) / pair.seconds, 1),
                    "mb_per_s": round(size / pair.seconds / 1e6, 1),
                    "after_rule_stored_s": round(pair.seconds - pair.phases["rule_stored_on_a"], 3),
                    "with_process_start_and_stop_s": whole["seconds"],
                    "milestones_s": pair.phases,
                    **pair.cpu["whole"],  # type: ignore[dict-item]
                    "legs_cpu": pair.cpu["legs_cpu"],
                    "path": ("C-MOVE into appliance A, C-STORE x4 into Orthanc B" if mode == "dimse"
                             else "QIDO-RS/WADO-RS into appliance A, STOW-RS into Orthanc B"),
                    "note": ("one round (a study goes to a site once); from running `passerelle rules add` "
                             "on A (the CLI process start included) until Orthanc B counts every instance; "
                             "patient reconciled (new, automatic) and every file rewritten for the push"),
                }
                results[name] = leg_result
                print(f"  {results[name]}", flush=True)
        pushes.store.close()
    # Fields this script does not write (hand-made series of repeated runs) are kept as they are.
    report: dict[str, object] = json.loads(args.out.read_text()) if args.out.exists() else {}
    report |= {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": CORES, "python": platform.python_version(),
                    "orthanc": "Debian orthanc 1.10.1", "load_average_at_start": load_at_start},
        "study": {"instances": len(files), "bytes": size,
                  "pixels": f"{args.size}x{args.size}x16 bit CT, explicit VR LE"},
        "tcp_nodelay": {"orthanc_a": args.nodelay, "orthanc_b": args.nodelay,
                        "appliance_scu": True, "note": "pynetdicom/our sockets set TCP_NODELAY themselves"},
        "legs": results,
        "target": "through two appliances, encrypted, no slower than orthanc_peer_transfer",
        "sequential_floor": sequential_floor(results),
        "code": code,
        "legs_shown": f"the run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC ({args.rounds} round(s) per leg, median)",
        "cpu_accounting": {
            "what": "CPU seconds (user+sys, all threads) of each process over each run, sampled every 50 ms "
                    "from /proc (psutil); cpu_s_sum adds the processes named in cpu_s_sum_counts (the "
                    f"{HARNESS} only where the appliance runs inside it); cpu_bound_wall_s = cpu_s_sum / "
                    f"{CORES} cores, the shortest wall any schedule of that work could take here",
            "by_leg": {name: {"wall_s": leg.get("seconds"), "cpu_s_sum": leg.get("cpu_s_sum"),
                              "cpu_bound_wall_s": leg.get("cpu_bound_wall_s")}
                       for name, leg in results.items() if isinstance(leg, dict) and "cpu_s" in leg},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
