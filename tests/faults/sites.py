"""Two real appliances inside the fault topology, and the end-of-test checks every fault shares.

The site homes are made with the CLI like tests/integration/appliance_proc.py, but each site's
public_url is its namespace address, and `passerelle serve` runs under `ip netns exec`. CLI commands
that only touch the site's files (send, status) run in the test's own namespace.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from pydicom import dcmread

from tests.faults.netns import RECEIVER_ADDR, REPO, SENDER_ADDR, Topology
from tests.integration.appliance_proc import SiteHome, cli, query, sign_and_trust, transfer, wait_for

# The receiver's transfer ends in one of these once the study is committed and the receipt signed: 'review'
# when its patient waits for a secretary (the default new-patient policy), 'storing'/'done' after that.
RECEIVED = frozenset({"review", "storing", "done"})
HTTP_PORT = 18443
DICOM_PORT = 11113


@dataclass(frozen=True)
class Host:
    """A site home and the namespace its engine runs in."""

    site: SiteHome
    namespace: str
    address: str


def set_settings(home: Path, **changes: object) -> None:
    path = home / "settings.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def _init(root: Path, name: str, address: str) -> SiteHome:
    home = root / name.lower().replace(" ", "-")
    cli("init", "--home", str(home), "--name", name, "--http-port", str(HTTP_PORT), "--dicom-port", str(DICOM_PORT),
        "--public-url", f"http://{address}:{HTTP_PORT}")
    identity = json.loads(cli("identity", "--json", "--home", str(home)).stdout)
    (root / f"{home.name}.json").write_text(json.dumps(identity))
    set_settings(home, min_free_mb=16)
    return SiteHome(name, home, HTTP_PORT, DICOM_PORT, str(identity["id"]))


def make_hosts(root: Path, topo: Topology) -> tuple[Host, Host]:
    """Sender 'CHU de Liège' and receiver 'CHR Citadelle' in one signed directory, both trusting it."""
    root.mkdir(parents=True, exist_ok=True)
    a = _init(root, "CHU de Liège", SENDER_ADDR)
    b = _init(root, "CHR Citadelle", RECEIVER_ADDR)
    sign_and_trust(root, (a, b))
    return Host(a, topo.sender, SENDER_ADDR), Host(b, topo.receiver, RECEIVER_ADDR)


class Engine:
    """`passerelle serve` for one host, inside its namespace."""

    def __init__(self, host: Host, topo: Topology) -> None:
        self.host = host
        self.topo = topo
        self.log = open(host.site.home / f"serve-{time.monotonic_ns()}.log", "wb")
        self.process = subprocess.Popen(
            ["ip", "netns", "exec", host.namespace, sys.executable, "-m", "appliance.cli", "serve",
             "--home", str(host.site.home)],
            cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 30) -> Engine:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited with {self.process.returncode}; see {self.log.name}")
            if self.topo.can_connect(self.host.namespace, self.host.address, HTTP_PORT):
                return self
            time.sleep(0.2)
        raise AssertionError(f"{self.host.site.name} did not listen within {timeout} s")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


@contextmanager
def running(*hosts: Host, topo: Topology) -> Iterator[list[Engine]]:
    engines: list[Engine] = []
    try:
        for host in hosts:
            engines.append(Engine(host, topo))
        for engine in engines:
            engine.wait_ready()
        yield engines
    finally:
        for engine in engines:
            engine.stop()


def status(site: SiteHome) -> dict[str, object]:
    result = json.loads(cli("status", "--json", "--home", str(site.home)).stdout)
    assert isinstance(result, dict)
    return result


def status_of(site: SiteHome, study_uid: str, direction: str) -> dict[str, object]:
    """The `status --json` entry of the study's transfer in one direction ({} when none)."""
    for entry in status(site)["transfers"]:  # type: ignore[attr-defined]
        if entry["study_uid"] == study_uid and entry["direction"] == direction:
            return dict(entry)
    return {}


def study_uids(files: list[Path]) -> tuple[str, set[str]]:
    sops: set[str] = set()
    study = ""
    for path in files:
        ds = dcmread(path, stop_before_pixels=True)
        study = str(ds.StudyInstanceUID)
        sops.add(str(ds.SOPInstanceUID))
    return study, sops


def send_study(sender: Host, receiver: Host, files: list[Path]) -> str:
    report = json.loads(cli("send", *map(str, files), "--to", receiver.site.name, "--json", "--home",
                            str(sender.site.home), timeout=300).stdout)
    return str(report["transfers"][0])


def wait_done(sender: Host, receiver: Host, study_uid: str, timeout: float) -> float:
    """Seconds until the sender shows `done` and the receiver a received state in `status --json`."""
    start = time.monotonic()
    wait_for(lambda: status_of(sender.site, study_uid, "out").get("state") == "done"
             and status_of(receiver.site, study_uid, "in").get("state") in RECEIVED,
             timeout=timeout, interval=0.5, what=f"transfer of {study_uid} done on both sides")
    return time.monotonic() - start


def assert_delivered_once(sender: Host, receiver: Host, study_uid: str, sops: set[str]) -> dict[str, object]:
    """Nothing lost, nothing duplicated, clear states; returns the journal counters for the report."""
    a, b = sender.site, receiver.site
    rows = query(b, "SELECT sop_instance_uid, path, sha256 FROM instances WHERE study_uid = ?", (study_uid,))
    received = [r["sop_instance_uid"] for r in rows]
    assert sorted(received) == sorted(sops), "lost or foreign instances at the receiver"
    assert len(received) == len(set(received)), "an instance is recorded twice at the receiver"
    origin = {r["sop_instance_uid"]: r for r in query(
        a, "SELECT sop_instance_uid, path, sha256 FROM instances WHERE study_uid = ?", (study_uid,))}
    for r in rows:
        source = origin[r["sop_instance_uid"]]
        with open(b.home / "spool" / r["path"], "rb") as at_b, open(a.home / "spool" / source["path"], "rb") as at_a:
            digest = hashlib.file_digest(at_b, "sha256").hexdigest()
            assert digest == r["sha256"] == source["sha256"] == hashlib.file_digest(at_a, "sha256").hexdigest(), \
                f"{r['sop_instance_uid']} differs"
    on_disk = list((b.home / "spool" / "studies" / study_uid).rglob("*.dcm"))
    assert len(on_disk) == len(sops), "stray or missing files in the receiver's spool"
    out, inn = status_of(a, study_uid, "out"), status_of(b, study_uid, "in")
    assert out["state"] == "done" and inn["state"] in RECEIVED and inn["reason"], (out, inn)
    assert out["files_done"] == out["files_total"] == inn["files_done"] == inn["files_total"] == len(sops)
    sent, got = transfer(a, "out"), transfer(b, "in")
    assert sent["study_uid"] == got["study_uid"] == study_uid
    assert got["receipt_bytes"] and sent["receipt_bytes"]
    assert got["chunks_recorded"] == got["chunks_total"], "a chunk was journaled twice or never"
    integrity = query(b, "PRAGMA integrity_check")
    assert integrity and integrity[0][0] == "ok"
    return {
        "files": len(sops),
        "bytes": int(inn["bytes_total"]),  # type: ignore[call-overload]
        "chunks": int(got["chunks_total"]),  # type: ignore[call-overload]
        "offers": json.loads(str(sent["offers"])),
        "sender_sessions": sent["sessions"],
        "receiver_sessions": got["sessions"],
        "chunks_repeated_at_receiver": got["chunks_repeated"],
        "attempts": sent.get("attempts"),
        "state_out": f"{out['state']}: {out['reason']}",
        "state_in": f"{inn['state']}: {inn['reason']}",
    }


def echo(topo: Topology, host: Host, from_namespace: str) -> None:
    """C-ECHO the host's DICOM SCP from another namespace (through the router when it is the other end)."""
    aet = str(tomllib.loads((host.site.home / "settings.toml").read_text())["aet"])
    result = topo.ns(from_namespace, "/usr/bin/echoscu", "-aet", "FAULTS", "-aec", aet, host.address,
                     str(DICOM_PORT), check=False, timeout=30)
    assert result.returncode == 0, f"C-ECHO to {host.site.name} failed: {result.stderr.strip()}"


def still_serving(topo: Topology, sender: Host, receiver: Host, engines: list[Engine]) -> None:
    assert all(e.alive() for e in engines), "an engine died"
    echo(topo, receiver, sender.namespace)
    echo(topo, sender, receiver.namespace)
    assert topo.can_connect(sender.namespace, receiver.address, HTTP_PORT)
    for host in (sender, receiver):
        assert status(host.site)["engine"] == {"state": "running"}
