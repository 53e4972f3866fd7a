"""Leg 5 of benchmarks/pacs_to_pacs.py: the sequential floor, its export and import legs, and the floor itself.

The issue's rules run the legs one after another (queued only once the PACS's counts say complete; committed
whole and reconciled before any push), so no schedule beats (whole study out of Orthanc A) + (whole study into
Orthanc B) with a free transfer. Exports: C-MOVE to DCMTK storescp (TCP_NODELAY=1, +B, -dhl; the study on one
association, or one per series at once), WADO-RS per series at once cut into files by a bare aiohttp client,
and, as a reference for Orthanc A's own limit, curl saving the multipart answers uncut. Imports: the pusher legs
(benchmarks/pacs_legs.py) and raw POST /instances from 4 keep-alive clients. Medians of this run, against
Orthanc peers in the same run (`sequential_floor` in the JSON). The export legs end when every instance is on
the receiver's disk.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from appliance.dicom import scu
from appliance.domain import DicomNode
from benchmarks.pacs_cpu import CLI, HARNESS, CpuClock, cpu_summary
from benchmarks.pacs_legs import Leg
from tests.integration import peers

ROOT = Path(__file__).resolve().parents[1]
EXPORT_AETS = ("FLOOR1", "FLOOR2")  # storescp receivers Orthanc A knows as C-MOVE destinations
WADO_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*'  # as stored: never transcode
SPLIT_BLOCK = 1 << 20
EXPORTS_AS_FILES = ("export_c_move_storescp_study", "export_c_move_storescp_series_parallel",
                    "export_wado_rs_split_series_parallel")
IMPORTS = ("appliance_push_c_store_4_associations", "appliance_push_stow_rs",
           "appliance_push_c_store_rewritten_4_associations", "orthanc_b_rest_post_4_clients")



def rest_post_parallel(files: list[Path], clients: int = 4) -> Leg:
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

