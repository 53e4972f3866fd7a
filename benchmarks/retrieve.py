"""Retrieve leg: the CPU the requesting side spends while the PACS C-MOVEs a study to our SCP.

    python benchmarks/retrieve.py [--instances 500] [--size 512] [--rounds 3]

Orthanc A holds the 500-instance synthetic CT study (benchmarks/synthetic.py); our SCP runs alone in its
own process (tests/integration/scp_process.py, a fresh home every run) and is Orthanc's C-MOVE
destination. This process is the C-MOVE SCU and does nothing else while the move runs, so its
getrusage(RUSAGE_SELF) delta (user+sys, all threads) is the requester's CPU. Two requesters, interleaved
round by round in alternating order because the machine is shared:

- `pynetdicom`: pynetdicom's association as C-MOVE SCU, as `scu.move_study` did until 2026-11 (its DUL
  and reactor threads poll every millisecond while the move lasts);
- `requestor`: `scu.move_study` today, a blocking association on our own upper layer
  (appliance/dicom/requestor.py).

Each moves the study whole (one C-MOVE) and by series side by side, one C-MOVE per series at once, as the
routing scheduler does. The SCP's and Orthanc's CPU (psutil) are reported alongside. Results go to
benchmarks/results/retrieve.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import psutil
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from appliance.dicom import scu  # noqa: E402
from appliance.domain import DicomNode  # noqa: E402
from benchmarks.synthetic import StudySpec, cached_study  # noqa: E402
from tests.integration import peers  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "retrieve.json"
SCP_AET = "PASSERELLE"
Move = Callable[[DicomNode, str, str, str, str], int]


def move_with_pynetdicom(node: DicomNode, calling_aet: str, study_uid: str, dest_aet: str, series_uid: str = "") -> int:
    """`scu.move_study` as it was before the lean requestor: pynetdicom's association as C-MOVE SCU."""
    ae = scu._ae(calling_aet)
    ae.add_requested_context(scu.STUDY_MOVE, [ExplicitVRLittleEndian, ImplicitVRLittleEndian])
    final: Dataset | None = None
    with scu._association(node, ae) as assoc:
        for status, _ in assoc.send_c_move(scu._retrieve_identifier(study_uid, series_uid), dest_aet,
                                           scu.STUDY_MOVE):
            final = status
            if scu._check(status, node, "C-MOVE") not in scu.PENDING:
                break
    return scu._retrieve_result(final, node, "C-MOVE", study_uid)


REQUESTERS: dict[str, Move] = {"pynetdicom": move_with_pynetdicom, "requestor": scu.move_study}


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def start_scp(home: Path, port: int) -> subprocess.Popen[str]:
    shutil.rmtree(home, ignore_errors=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.scp_process", "--home", str(home), "--port", str(port),
         "--aet", SCP_AET], cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    if not process.stdout.readline().startswith("READY"):
        raise SystemExit("the appliance's SCP did not start")
    return process


def one_run(move: Move, pacs: DicomNode, study_uid: str, series: list[str], orthanc_pid: int, home: Path,
            port: int, expected: int) -> dict[str, float]:
    scp = start_scp(home, port)
    try:
        scp_process, orthanc = psutil.Process(scp.pid), psutil.Process(orthanc_pid)
        time.sleep(0.3)  # let the SCP's start-up CPU settle
        scp_before, orthanc_before = _cpu(scp_process), _cpu(orthanc)
        self_before, wall_before = _self_cpu(), time.perf_counter()
        if series:
            with ThreadPoolExecutor(len(series)) as pool:
                moved = sum(pool.map(lambda uid: move(pacs, SCP_AET, study_uid, SCP_AET, uid), series))
        else:
            moved = move(pacs, SCP_AET, study_uid, SCP_AET, "")
        wall = time.perf_counter() - wall_before
        requester = _self_cpu() - self_before
        scp_cpu, orthanc_cpu = _cpu(scp_process) - scp_before, _cpu(orthanc) - orthanc_before
    finally:
        scp.terminate()
        scp.wait(timeout=30)
    stored = sum(1 for _ in (home / "spool" / "studies").rglob("*.dcm"))
    if moved != expected or stored != expected:
        raise SystemExit(f"moved {moved}, stored {stored}, expected {expected}")
    return {"wall_s": round(wall, 3), "requester_cpu_s": round(requester, 3), "scp_cpu_s": round(scp_cpu, 3),
            "orthanc_cpu_s": round(orthanc_cpu, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = cached_study(StudySpec(instances=args.instances, rows=args.size, columns=args.size))
    study_uid = str(dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    runs: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="retrieve-") as tmp:
        work, port = Path(tmp), peers.free_port()
        modalities = {"passerelle": (SCP_AET, "127.0.0.1", port)}
        with peers.start_orthanc(work, aet="ORTHANCA", modalities=modalities, nodelay=False) as orthanc:
            with ThreadPoolExecutor(2) as pool:  # loading Orthanc is not measured
                list(pool.map(lambda path: orthanc.upload([path]), files))
            pacs = DicomNode(orthanc.aet, "127.0.0.1", orthanc.dicom_port)
            series = sorted(scu.find_series(pacs, SCP_AET, study_uid))
            load = [os.getloadavg()[0]]
            for round_ in range(args.rounds):
                names = list(REQUESTERS) if round_ % 2 == 0 else list(reversed(REQUESTERS))
                for mode, by_series in (("study", []), ("series", series)):
                    for name in names:
                        result = one_run(REQUESTERS[name], pacs, study_uid, by_series, orthanc.process.pid,
                                         work / "scp", port, len(files))
                        runs.setdefault(f"{name}/{mode}", []).append(result)
                        print(f"round {round_ + 1} {name:10s} {mode:6s} {result}", flush=True)
                load.append(os.getloadavg()[0])
    summary = {key: {metric: round(statistics.median(r[metric] for r in results), 3) for metric in results[0]}
               for key, results in runs.items()}
    RESULTS.write_text(json.dumps({
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "load_1min_before_and_after_rounds": load},
        "study": {"instances": len(files), "series": len(series),
                  "mb": round(sum(p.stat().st_size for p in files) / 1e6, 1)},
        "note": "medians of the interleaved rounds; requester_cpu_s is this process (the C-MOVE SCU) alone",
        "median": summary,
        "runs": runs,
        "threads_left": threading.active_count(),
    }, indent=2) + "\n")
    for key, values in summary.items():
        print(f"{key:22s} {values}")


if __name__ == "__main__":
    main()
