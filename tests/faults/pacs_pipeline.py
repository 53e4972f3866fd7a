"""The PACS-to-PACS pipeline of test_kill_phases.py: two Orthancs, two `passerelle serve`, and how to watch,
kill, restart and check them.

`Pipeline` holds the network (tests/integration/pipeline_net.py), both Orthancs and the running engines;
`kill_when` polls a condition every 2 ms (a read-only SQLite connection, Orthanc's REST counters) and sends
SIGKILL the moment it holds; `assert_landed_once` is the end state every case must reach.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
from pydicom import dcmread

from appliance.reconcile.niss import make_niss
from tests.integration import peers
from tests.integration.appliance_proc import ApplianceProcess, SiteHome, query, status
from tests.integration.pipeline_net import (
    REFERRING,
    Network,
    make_network,
    orthanc_instances,
    study_uid_of,
    variant,
)

INSTANCES = 64
GRACE_S = 4.0  # manual_grace_s at the receiver: the review case kills inside it
RECEIVED_REASON = "received: awaiting reconciliation"
REPO = Path(__file__).resolve().parents[2]
POLL_S = 0.002
FAMILIES = ["Dupont", "Martin", "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
            "Wouters", "Dubois"]
TWINS = ("Lemaire", "Julie", "Jeanne", "20110506")  # two local records: same family, birth date and sex


class CutProcess(ApplianceProcess):
    """`passerelle serve` that ends itself at one exact call (tests/faults/kill_between.py)."""

    def __init__(self, site: SiteHome, cut: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PASSERELLE_FAULT"}
        self.site = site
        self.log = open(site.home / f"serve-{time.monotonic_ns()}.log", "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "tests.faults.kill_between", cut, "--home",
                                         str(site.home)], cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT, env=env)


class JournalGap(AssertionError):
    """The study landed, but its 'pacs-stored' journal entry is missing or doubled."""


class RoutedGap(AssertionError):
    """The study landed, but the sender's `routed` bookkeeping does not name its series and transfer."""


@dataclass
class Patient:
    local_id: str
    family: str
    given: str
    birth: str
    niss: str


@dataclass
class Pipeline:
    """The module's network, Orthancs and running engines (replaced when a case restarts one)."""

    net: Network
    pacs_a: peers.Orthanc
    pacs_b: peers.Orthanc
    study: list[Path]
    root: Path
    engines: dict[str, ApplianceProcess] = field(default_factory=dict)
    used: int = 0
    pending: set[str] = field(default_factory=set)  # not landed yet (a failed case is not held against later ones)

    def site(self, side: str) -> SiteHome:
        return self.net.a if side == "a" else self.net.b

    def start(self, side: str, fault: str = "", cut: str = "") -> ApplianceProcess:
        """(Re)start a side's engine: plain, with a PASSERELLE_FAULT hook, or armed with a kill_between cut."""
        old = self.engines.get(side)
        if old is not None:
            old.stop()
        proc = CutProcess(self.site(side), cut) if cut else ApplianceProcess(self.site(side), fault)
        self.engines[side] = proc.wait_ready()
        return proc

    def kill(self, side: str) -> None:
        proc = self.engines[side]
        os.kill(proc.pid, signal.SIGKILL)
        proc.process.wait(timeout=15)
        proc.log.close()

    def while_down(self, side: str, uid: str) -> str:
        """Both sides' `status --json` for the study while `side` is dead: the victim must say 'stopped'."""
        seen = []
        for name, site in (("A", self.net.a), ("B", self.net.b)):
            report = status(site)
            engine = cast(dict[str, str], report["engine"])
            if name.lower() == side:
                assert engine == {"state": "stopped"}, engine
            entries = [f"{t['state']} ({t['reason']})" for t in transfers_in(report) if t["study_uid"] == uid]
            seen.append(f"{name} {engine['state']}: {', '.join(entries or ['-'])}")
        return "; ".join(seen)

    def patient(self) -> Patient:
        n = self.used
        self.used += 1
        birth = f"{1960 + n}0523"
        return Patient(f"CHR-{7000 + n}", FAMILIES[n], "Marie", birth, make_niss(birth, "F", 88 + n))

    def files_for(self, patient: Patient, name: str) -> list[Path]:
        return self.new_study(name, other_ids=((patient.niss, "NISS"),), PatientID=f"LIEGE-{patient.local_id[4:]}",
                              PatientName=f"{patient.family}^{patient.given}", PatientBirthDate=patient.birth)

    def new_study(self, name: str, other_ids: tuple[tuple[str, str], ...] = (), **tags: str) -> list[Path]:
        files = variant(self.study, self.root / name, INSTANCES, other_ids=other_ids, PatientSex="F",
                        ReferringPhysicianName=REFERRING, **tags)
        self.pending.add(study_uid_of(files))
        return files



def distinct_network(root: Path) -> tuple[Network, set[int]]:
    """make_network, again if two of its ports came out equal (free_port() can hand out one port twice)."""
    for attempt in range(3):
        net = make_network(root / f"net{attempt}")
        ports = [net.a.http_port, net.a.dicom_port, net.b.http_port, net.b.dicom_port]
        if len(set(ports)) == len(ports):
            return net, set(ports)
    raise AssertionError("free_port() kept handing out the same port twice")


def other_ports(count: int, taken: set[int]) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = peers.free_port()
        if port not in taken and port not in ports:
            ports.append(port)
    return ports


# -- watching from outside ------------------------------------------------------------------------
class Watch:
    """A read-only connection to one engine's SQLite file, for polling every few milliseconds."""

    def __init__(self, site: SiteHome) -> None:
        self.conn = sqlite3.connect(f"file:{site.db}?mode=ro", uri=True, timeout=5, check_same_thread=False)

    def one(self, sql: str, *params: object) -> Any:
        try:
            row = self.conn.execute(sql, params).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def close(self) -> None:
        self.conn.close()


def instances_held(watch: Watch, study_uid: str) -> int:
    return int(watch.one("SELECT count(*) FROM instances WHERE study_uid = ?", study_uid) or 0)


def incoming_id(watch: Watch, study_uid: str) -> str:
    return str(watch.one("SELECT id FROM transfers WHERE direction = 'in' AND study_uid = ?", study_uid) or "")


def chunks_journaled(watch: Watch, study_uid: str) -> int:
    transfer_id = incoming_id(watch, study_uid)
    return int(watch.one("SELECT count(*) FROM chunks WHERE transfer_id = ?", transfer_id) or 0) if transfer_id else 0


def transfers_in(report: dict[str, object]) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], report["transfers"])


def in_orthanc(pacs: peers.Orthanc, baseline: int) -> int:
    """Instances Orthanc holds beyond `baseline` (one cheap REST call)."""
    return pacs.instance_count() - baseline


def kill_when(pipe: Pipeline, side: str, reached: Callable[[], bool], passed: Callable[[], bool], phase: str,
              timeout: float = 60) -> float:
    """Poll until `reached`, then SIGKILL `side` at once; fail if `passed` (the phase went by unseen) first."""
    proc = pipe.engines[side]
    start = deadline = time.monotonic()
    deadline += timeout
    while time.monotonic() < deadline:
        if reached():
            pipe.kill(side)
            return time.monotonic() - start
        if passed():
            pytest.fail(f"phase not hit: '{phase}' went by between two looks ({POLL_S * 1000:.0f} ms polling)")
        if not proc.alive():
            pytest.fail(f"engine {side} died on its own before '{phase}'")
        time.sleep(POLL_S)
    pytest.fail(f"phase not hit: '{phase}' not observed within {timeout} s")


def upload(pacs: peers.Orthanc, files: list[Path]) -> None:
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda p: pacs.upload([p]), files))


# -- the end state every case must reach ----------------------------------------------------------
def restart_and_wait(pipe: Pipeline, side: str, uid: str, seen: Callable[[str], None] | None = None) -> float:
    """Restart the killed engine; seconds from the restart until the study is 'done' on both sides."""
    start = time.monotonic()
    pipe.start(side)
    wait_done(pipe, uid, seen)
    return time.monotonic() - start


def wait_done(pipe: Pipeline, uid: str, seen: Callable[[str], None] | None = None, timeout: float = 60) -> float:
    """Seconds until the study is 'done' on both sides; `seen` gets the receiver's state at each look (20 ms)."""
    start = time.monotonic()
    a, b = Watch(pipe.net.a), Watch(pipe.net.b)
    try:
        while time.monotonic() - start < timeout:
            out = a.one("SELECT state FROM transfers WHERE direction = 'out' AND study_uid = ?", uid)
            inn = b.one("SELECT state FROM transfers WHERE direction = 'in' AND study_uid = ?", uid)
            if seen is not None:
                seen(str(inn))
            if out == "done" and inn == "done":
                return time.monotonic() - start
            time.sleep(0.02)
    finally:
        a.close()
        b.close()
    raise AssertionError(f"study {uid} not done on both sides {timeout} s after the restart: "
                         f"out={transfer_row(pipe.net.a, 'out', uid)} in={transfer_row(pipe.net.b, 'in', uid)}")


def transfer_row(site: SiteHome, direction: str, uid: str) -> list[dict[str, object]]:
    return [dict(r) for r in query(site, "SELECT state, reason FROM transfers WHERE direction = ? AND study_uid = ?",
                                   (direction, uid))]


def assert_landed_once(pipe: Pipeline, files: list[Path], patient_id: str, issuer: str = "CHR") -> dict[str, object]:
    """Nothing lost, nothing doubled, clear states, both engines serving; returns counters for the report."""
    net, uid = pipe.net, study_uid_of(files)
    sops = {str(dcmread(p, stop_before_pixels=True).SOPInstanceUID) for p in files}
    tags = orthanc_instances(pipe.pacs_b, uid)
    assert sorted(str(t["SOPInstanceUID"]) for t in tags) == sorted(sops), "Orthanc B lost or doubled an instance"
    assert {(t["PatientID"], t["IssuerOfPatientID"]) for t in tags} == {(patient_id, issuer)}
    studies = pipe.pacs_b.rest("POST", "/tools/lookup", uid.encode())
    assert isinstance(studies, list) and len(studies) == 1, "the study is split in Orthanc B"
    for side, site in (("a", net.a), ("b", net.b)):
        rows = query(site, "SELECT sop_instance_uid FROM instances WHERE study_uid = ?", (uid,))
        assert sorted(r[0] for r in rows) == sorted(sops), f"appliance {side} lost or doubled an instance"
        on_disk = list((site.home / "spool" / "studies" / uid).rglob("*.dcm"))
        assert len(on_disk) == len(sops), f"stray or missing files in appliance {side}'s spool"
        leftovers = [p.name for folder in ("tmp", "incoming") for p in (site.home / "spool" / folder).iterdir()]
        assert not leftovers, f"appliance {side} left temporary files: {leftovers[:5]}"
        assert not query(site, "SELECT 1 FROM quarantine"), f"appliance {side} quarantined something"
        assert query(site, "PRAGMA integrity_check")[0][0] == "ok"
    out = query(net.a, """SELECT t.id, t.state, t.files_done, t.files_total, length(p.receipt) AS receipt, p.offers
                          FROM transfers t JOIN peer_transfers p ON p.transfer_id = t.id
                          WHERE t.direction = 'out' AND t.study_uid = ?""", (uid,))
    inn = query(net.b, """SELECT t.id, t.state, t.files_total, length(p.receipt) AS receipt, p.chunks_total,
                                 p.chunks_recorded, p.chunks_repeated
                          FROM transfers t JOIN peer_transfers p ON p.transfer_id = t.id
                          WHERE t.direction = 'in' AND t.study_uid = ?""", (uid,))
    assert len(out) == 1 and len(inn) == 1, "the study was queued or received more than once"
    assert out[0]["state"] == "done" and out[0]["receipt"] and inn[0]["receipt"]
    assert inn[0]["state"] == "done" and inn[0]["chunks_recorded"] == inn[0]["chunks_total"]
    decisions = query(net.b, "SELECT kind, matched_id, decided_by FROM decisions WHERE transfer_id = ? "
                             "AND reversed = 0", (inn[0]["id"],))
    for side, site, direction in (("a", net.a, "out"), ("b", net.b, "in")):
        report = status(site)
        assert report["engine"] == {"state": "running"}, f"appliance {side}: {report['engine']}"
        unfinished = [(t["study_uid"], t["state"]) for t in transfers_in(report)
                      if t["state"] != "done" and t["study_uid"] not in pipe.pending]
        assert not unfinished, f"appliance {side} status shows unfinished transfers: {unfinished}"
        mine = [t for t in transfers_in(report) if t["study_uid"] == uid]
        assert [(t["direction"], t["state"]) for t in mine] == [(direction, "done")], mine
        assert mine[0]["files_done"] == mine[0]["files_total"] == len(sops)
        assert not report.get("alarms"), report.get("alarms")
    assert status(net.b)["review_queue"] == 0
    for aet, port in (("PASSA", net.a.dicom_port), ("PASSB", net.b.dicom_port)):
        echo = peers.echoscu(aet, port)
        assert echo.returncode == 0, f"C-ECHO {aet}: {echo.stderr.strip()}"
    pipe.pending.discard(uid)
    # Last, with their own exceptions: the strict xfails below expect these and fail on anything else.
    stored = query(net.b, "SELECT count(*) FROM audit WHERE action = 'pacs-stored' AND subject = ?", (inn[0]["id"],))
    if stored[0][0] != 1:
        raise JournalGap(f"{stored[0][0]} 'pacs-stored' journal entries for one push (expected 1)")
    routed = query(net.a, "SELECT DISTINCT series_uid, transfer_id FROM routed WHERE study_uid = ?", (uid,))
    series = {str(dcmread(p, stop_before_pixels=True).SeriesInstanceUID) for p in files}
    if {(r[0], r[1]) for r in routed} != {(s, out[0]["id"]) for s in series}:
        raise RoutedGap(f"`routed` holds {[tuple(r) for r in routed]} for the study's {len(series)} series")
    return {"offers": json.loads(str(out[0]["offers"])), "chunks_repeated_at_receiver": inn[0]["chunks_repeated"],
            "decisions": [f"{d['kind']}:{d['matched_id']}:{d['decided_by']}" for d in decisions]}


def report(measurements: list[dict[str, object]], phase: str, victim: str, hit: str, to_kill: float,
           recover: float, counters: dict[str, object], down: str) -> None:
    row = {"test": "kill_phases", "phase": phase, "victim": victim, "hit": hit, "kill_after_s": round(to_kill, 2),
           "recover_s": round(recover, 1), "status_while_down": down, **counters}
    measurements.append(row)
    print(f"\n  {phase}: killed {victim} after {to_kill:.2f} s; hit: {hit}; while down: {down}; "
          f"landed {recover:.1f} s after the restart; {counters}")



# -- windows of microseconds between two transactions: a power cut at the exact call (kill_between.py) --------
def die_by_cut(pipe: Pipeline, side: str, cut: str, files: list[Path]) -> float:
    doomed = pipe.start(side, cut=cut)
    start = time.monotonic()
    upload(pipe.pacs_a, files)
    assert doomed.wait_exit(timeout=60) == 137, f"the cut {cut} was never reached"
    doomed.log.close()
    return time.monotonic() - start
