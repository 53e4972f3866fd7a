"""Leg 4 of benchmarks/pacs_to_pacs.py: the study through two appliances, from Orthanc A to Orthanc B.

A's PACS -> appliance A -> encrypted peer transport -> appliance B, patient reconciled and files rewritten ->
B's PACS: by DIMSE (C-MOVE per series into appliance A, C-STORE over 4 associations into Orthanc B) and by
DICOMweb (WADO-RS per series in, STOW-RS out). The leg is cut at its milestones; the first, `trigger`, is the
`passerelle rules add` process from its start to the rule's commit (Python start-up and imports, before any
routing can happen), so `after_rule_stored_s` gives the path without it.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.pacs_cpu import CLI, HARNESS, CpuClock, cpu_summary
from benchmarks.pacs_legs import wait_count
from tests.integration import peers


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

    def report(self, with_process_start_and_stop_s: float, count: int, size: int) -> dict[str, object]:
        """The leg's JSON entry, once `leg` has run (its wall, milestones and CPU are kept on the instance)."""
        return {
            "seconds": round(self.seconds, 3), "instances_per_s": round(count / self.seconds, 1),
            "mb_per_s": round(size / self.seconds / 1e6, 1),
            "after_rule_stored_s": round(self.seconds - self.phases["rule_stored_on_a"], 3),
            "with_process_start_and_stop_s": with_process_start_and_stop_s,
            "milestones_s": self.phases,
            **self.cpu["whole"],  # type: ignore[dict-item]
            "legs_cpu": self.cpu["legs_cpu"],
            "path": ("C-MOVE into appliance A, C-STORE x4 into Orthanc B" if self.mode == "dimse"
                     else "QIDO-RS/WADO-RS into appliance A, STOW-RS into Orthanc B"),
            "note": ("one round (a study goes to a site once); from running `passerelle rules add` "
                     "on A (the CLI process start included) until Orthanc B counts every instance; "
                     "patient reconciled (new, automatic) and every file rewritten for the push"),
        }

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

