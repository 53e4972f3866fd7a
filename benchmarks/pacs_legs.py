"""The legs timed between the two Orthancs alone, and how a leg is timed (benchmarks/pacs_to_pacs.py).

1. Orthanc's own peer transfer: Orthanc A POSTs the study to Orthanc B over HTTP (/peers/b/store).
2. C-MOVE: we ask Orthanc A (C-MOVE SCP) to move the study to Orthanc B (C-STORE SCP, one association).
3. The receiving appliance's last leg alone: PacsPusher from spool files into Orthanc B, by C-STORE over
   4 parallel associations (files as stored, and with every header rewritten on the way out) and by
   STOW-RS (verified by C-FIND count / QIDO-RS as in production). These run in this process.

Each leg starts with Orthanc B empty and ends when Orthanc B counts every instance.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from appliance.dicom import scu
from appliance.domain import DicomNode, InstanceRef
from appliance.service.pacs_push import PacsPusher
from appliance.store.state import StateStore, StudyAttributes
from benchmarks.pacs_cpu import CLI, HARNESS, CpuClock, cpu_summary
from tests.integration import peers

Leg = Callable[[peers.Orthanc, peers.Orthanc, str], None]


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


def measure(leg: Leg, a: peers.Orthanc, b: peers.Orthanc, study_uid: str, count: int, size: int, rounds: int,
            harness_role: str = "") -> dict[str, object]:
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

