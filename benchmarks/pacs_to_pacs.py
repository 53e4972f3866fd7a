"""PACS to PACS: the ~250 MB, 500-instance synthetic CT study from Orthanc A to Orthanc B, several ways.

    python benchmarks/pacs_to_pacs.py [--instances 500] [--size 512] [--rounds 1] [--nodelay]

1. Orthanc's own peer transfer: Orthanc A POSTs the study to Orthanc B over HTTP (/peers/b/store).
2. C-MOVE: we ask Orthanc A (C-MOVE SCP) to move the study to Orthanc B (C-STORE SCP, one association).
3. The receiving appliance's last leg alone: PacsPusher from spool files into Orthanc B, by C-STORE over
   4 parallel associations (files as stored, and with every header rewritten on the way out) and by
   STOW-RS (verified by C-FIND count / QIDO-RS as in production). Legs 1-3: benchmarks/pacs_legs.py.
4. Through two appliances (A's PACS -> appliance A -> encrypted peer transport -> appliance B, patient
   reconciled and files rewritten -> B's PACS), by DIMSE and by DICOMweb, cut at its milestones;
   `after_rule_stored_s` leaves out the `passerelle rules add` process. benchmarks/pacs_two.py.
5. The sequential floor (`sequential_floor` in the JSON): the issue's rules run the legs one after another,
   so no schedule beats (whole study out of Orthanc A) + (whole study into Orthanc B) with a free transfer.
   Exports to DCMTK storescp, by WADO-RS cut into files, and curl as a reference; imports by the pusher legs
   and raw POST /instances from 4 clients. Medians of this run, against Orthanc peers in the same run.
   benchmarks/pacs_floor.py.

Both Orthancs run as Debian ships them (TCP_NODELAY unset, so Nagle's algorithm is on at their DICOM
ends) unless --nodelay is given; the JSON states which. Each leg starts with Orthanc B empty and ends when
Orthanc B counts every instance (the export legs of 5: when every instance is on the receiver's disk).
Results go to benchmarks/results/pacs_to_pacs.json.

CPU accounting (benchmarks/pacs_cpu.py): every process involved is sampled every 50 ms; each leg reports
`cpu_s` per process, their sum, and `cpu_bound_wall_s` = sum / cores, the shortest wall any schedule of that
work could take on this machine; the two-appliance legs also per milestone (`legs_cpu`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.pacs_cpu import CORES, HARNESS  # noqa: E402
from benchmarks.pacs_floor import IMPORTS, Exports, rest_post_parallel, sequential_floor  # noqa: E402
from benchmarks.pacs_legs import Leg, Pushes, c_move, measure, peer_transfer, wait_count  # noqa: E402
from benchmarks.pacs_two import TwoAppliances  # noqa: E402
from benchmarks.synthetic import StudySpec, cached_study  # noqa: E402
from tests.integration import peers  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "pacs_to_pacs.json"

LEGS: dict[str, Leg] = {
    "orthanc_peer_transfer": peer_transfer,
    "c_move": c_move,
}


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
                results[name] = pair.report(whole["seconds"], len(files), size)  # type: ignore[arg-type]
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
