"""CPU of rewriting the headers of the benchmark study for the local patient: decoded whole vs spliced.

    python benchmarks/rewrite.py [--instances 500] [--size 512] [--repeat 5]

Each file of the synthetic CT study (benchmarks/synthetic.py, explicit VR LE, the page cache warm) is
prepared for the PACS as `appliance.dicom.outgoing` does before its C-STORE, the pixel data not read:

- as_stored: no rewrite (the floor: file meta read, size taken);
- decoded: the previous path, `rewritten_decoded` (pydicom decodes the header up to the pixels, coerce,
  re-encodes all of it);
- spliced, one study: `rewritten` with one coerce for the study, as the pipeline calls it (the patient
  elements are the same in every file, so coerce and the encoding of its elements run once);
- spliced, every file coerced: a new coerce per file (files of different patients; the worst case).

Each variant runs `--repeat` times over all files; the median process CPU seconds are reported, per study
and per file. Results go to benchmarks/results/rewrite.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from appliance.dicom.outgoing import as_stored, rewritten, rewritten_decoded, rewritten_spliced  # noqa: E402
from appliance.dicom.rewrite import coerce_to_local_patient  # noqa: E402
from appliance.domain import PatientRecord  # noqa: E402
from benchmarks.synthetic import StudySpec, cached_study  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
LOCAL = PatientRecord("LOC-123", "Van den Broeck", "Marie", "19620523", "F")
NOW = datetime.datetime(2026, 6, 1, 12, 0, 0, tzinfo=datetime.UTC)


def study_coerce() -> Callable[..., list[str]]:
    def coerce(ds: Any) -> list[str]:
        return coerce_to_local_patient(ds, LOCAL, local_issuer="CHR", source_of_previous_values="site-a", now=NOW)
    return coerce


def variants() -> dict[str, Callable[[list[Path]], None]]:
    def stored(paths: list[Path]) -> None:
        for path in paths:
            as_stored(path)

    def decoded(paths: list[Path]) -> None:
        coerce = study_coerce()
        for path in paths:
            rewritten_decoded(path, coerce)

    def spliced_study(paths: list[Path]) -> None:
        coerce = study_coerce()
        for path in paths:
            rewritten(path, coerce)

    def spliced_each(paths: list[Path]) -> None:
        for path in paths:
            rewritten(path, study_coerce())

    return {"as_stored": stored, "decoded": decoded, "spliced_one_study": spliced_study,
            "spliced_every_file_coerced": spliced_each}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = cached_study(StudySpec(instances=args.instances, rows=args.size, columns=args.size))
    coerce = study_coerce()
    taken = sum(rewritten_spliced(path, coerce) is not None for path in paths)
    load = os.getloadavg()
    steps: dict[str, Any] = {}
    for name, run in variants().items():
        run(paths[:10])  # imports and caches warm
        cpu = []
        for _ in range(args.repeat):
            start = time.process_time()
            run(paths)
            cpu.append(round(time.process_time() - start, 4))
        median = statistics.median(cpu)
        steps[name] = {"cpu_s": round(median, 3), "cpu_ms_per_file": round(1000 * median / len(paths), 3),
                       "runs_cpu_s": cpu}
        print(f"{name:28s} {median:6.3f} CPU s  {1000 * median / len(paths):6.3f} ms/file")
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_start": list(load)},
        "study": {"instances": len(paths), "bytes": sum(p.stat().st_size for p in paths),
                  "pixels": f"{args.size}x{args.size}x16 bit CT, explicit VR LE"},
        "spliced_path_taken": f"{taken}/{len(paths)}",
        "repeat": args.repeat,
        "steps": steps,
        "saved_cpu_s_per_study": round(steps["decoded"]["cpu_s"] - steps["spliced_one_study"]["cpu_s"], 3),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "rewrite.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
