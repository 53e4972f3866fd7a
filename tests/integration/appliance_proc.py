"""Two real appliances for integration tests: site homes made with the CLI, `passerelle serve` processes.

    a, b = make_pair(tmp_path)            # init, identities, a signed directory with both, trusted and installed
    with serve(a) as proc_a, serve(b, fault="receiver:mid_chunk:5") as proc_b:
        send(a, files, to=b.name)
        wait_for(lambda: transfer_state(b, "in") == "storing")

Each appliance listens on its own free HTTP and DICOM ports on loopback. `fault` sets the test-only
PASSERELLE_FAULT hook (see appliance/transport/faults.py).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.integration.peers import free_port

CLI = [sys.executable, "-m", "appliance.cli"]


@dataclass(frozen=True)
class SiteHome:
    name: str
    home: Path
    http_port: int
    dicom_port: int
    site_id: str

    @property
    def db(self) -> Path:
        return self.home / "state.sqlite"


def cli(*args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"passerelle {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def init_site(root: Path, name: str) -> SiteHome:
    home = root / name.lower().replace(" ", "-")
    http_port, dicom_port = free_port(), free_port()
    cli("init", "--home", str(home), "--name", name, "--http-port", str(http_port), "--dicom-port", str(dicom_port))
    identity = json.loads(cli("identity", "--json", "--home", str(home)).stdout)
    (root / f"{home.name}.json").write_text(json.dumps(identity))
    return SiteHome(name, home, http_port, dicom_port, str(identity["id"]))


def make_pair(root: Path, names: tuple[str, str] = ("CHU de Liège", "CHR Citadelle")) -> tuple[SiteHome, SiteHome]:
    """Two sites that trust the same operator and both list each other in a signed directory."""
    root.mkdir(parents=True, exist_ok=True)
    sites = [init_site(root, name) for name in names]
    sign_and_trust(root, sites)
    return sites[0], sites[1]


def sign_and_trust(root: Path, sites: Sequence[SiteHome]) -> None:
    """An operator key in `root`, a directory listing `sites` (from their `<home>.json` identity files in
    `root`), signed for 30 days, trusted and installed by every site."""
    operator_key = root / "op.key"
    public = cli("directory", "create-operator-key", "--out", str(operator_key)).stdout.strip().splitlines()[-1]
    public = public.split(":")[-1].strip()
    directory = root / "dir.json"
    for site in sites:
        cli("directory", "add-site", str(directory), str(root / f"{site.home.name}.json"))
    signed = root / "signed.json"
    cli("directory", "sign", str(directory), "--key", str(operator_key), "--expires-days", "30", "--out", str(signed))
    for site in sites:
        cli("trust", public, "--home", str(site.home))
        cli("directory", "install", str(signed), "--home", str(site.home))


class ApplianceProcess:
    """A `passerelle serve` process for one site home."""

    def __init__(self, site: SiteHome, fault: str = "") -> None:
        env = dict(os.environ)
        env.pop("PASSERELLE_FAULT", None)
        if fault:
            env["PASSERELLE_FAULT"] = fault
        self.site = site
        self.log = open(site.home / f"serve-{time.monotonic_ns()}.log", "wb")
        self.process = subprocess.Popen([*CLI, "serve", "--home", str(site.home)], stdout=self.log,
                                        stderr=subprocess.STDOUT, env=env)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 30) -> ApplianceProcess:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited with {self.process.returncode}; see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.site.http_port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"appliance {self.site.name} did not listen within {timeout} s")

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_exit(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)

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
def serve(site: SiteHome, fault: str = "", ready: bool = True) -> Iterator[ApplianceProcess]:
    proc = ApplianceProcess(site, fault)
    try:
        yield proc.wait_ready() if ready else proc
    finally:
        proc.stop()


def send(site: SiteHome, paths: Sequence[Path], to: str) -> dict[str, object]:
    result = json.loads(cli("send", *map(str, paths), "--to", to, "--json", "--home", str(site.home)).stdout)
    assert isinstance(result, dict)
    return result


def status(site: SiteHome) -> dict[str, object]:
    result = json.loads(cli("status", "--json", "--home", str(site.home)).stdout)
    assert isinstance(result, dict)
    return result


def query(site: SiteHome, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{site.db}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params).fetchall())
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def transfer(site: SiteHome, direction: str) -> dict[str, object]:
    """The newest transfer of a direction joined with its peer counters ({} when none yet)."""
    rows = query(site, """SELECT t.*, p.chunks_total, p.chunks_sent, p.chunks_recorded, p.chunks_repeated,
                                 p.sessions, p.offers, length(p.receipt) AS receipt_bytes,
                                 length(p.transfer_key) AS key_bytes
                          FROM transfers t LEFT JOIN peer_transfers p ON p.transfer_id = t.id
                          WHERE t.direction = ? ORDER BY t.created_at DESC LIMIT 1""", (direction,))
    return dict(rows[0]) if rows else {}


def wait_for(condition: Callable[[], object], timeout: float = 120, interval: float = 0.1, what: str = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
