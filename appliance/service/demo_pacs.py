"""A PACS for each demo site: a real Orthanc when installed, otherwise the labelled stand-in archive.

Orthanc runs on loopback with a configuration generated in the demo folder (its own storage, free
ports, TCP_NODELAY=1 in its environment so DCMTK's network layer does not wait on Nagle) and is stopped
when the demo ends. Its process id is kept in `<folder>/orthanc.pid` so that a demo killed without
cleaning up can stop it at the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.dicom import scu
from appliance.domain import DicomNode
from appliance.errors import ConfigError, DicomPeerError
from appliance.service.demo_archive import StandInArchive
from appliance.service.ports import free_port

ORTHANC_CANDIDATES = ("/usr/sbin/Orthanc", "/usr/bin/Orthanc")
PID_FILE = "orthanc.pid"
PACS_KINDS = ("auto", "orthanc", "stand-in")


def orthanc_binary() -> str | None:
    found = shutil.which("Orthanc")
    if found:
        return found
    return next((c for c in ORTHANC_CANDIDATES if Path(c).exists()), None)


@dataclass
class DemoPacs:
    """One running demo PACS: its DICOM node, what it is, how to stop it."""

    node: DicomNode
    kind: str  # "orthanc" | "stand-in"
    folder: Path
    web_url: str = ""
    process: subprocess.Popen[bytes] | None = None
    archive: StandInArchive | None = None
    _log: Any = field(default=None, repr=False)

    @property
    def label(self) -> str:
        if self.kind == "orthanc":
            return f"Orthanc {self.node.aet} on 127.0.0.1:{self.node.port} (web: {self.web_url}/app/explorer.html)"
        return (f"STAND-IN ARCHIVE {self.node.aet} on 127.0.0.1:{self.node.port} (embedded in the demo, not a PACS; "
                f"install Orthanc for a real one)")

    @property
    def name(self) -> str:
        """What to call it in the story: its PACS, or its stand-in archive."""
        return "PACS" if self.kind == "orthanc" else "stand-in archive"

    def stop(self) -> None:
        if self.archive is not None:
            self.archive.stop()
            self.archive = None
        if self.process is not None:
            stop_process(self.process)
            self.process = None
            (self.folder / PID_FILE).unlink(missing_ok=True)
        if self._log is not None:
            self._log.close()
            self._log = None


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def orthanc_config(aet: str, dicom_port: int, http_port: int, folder: Path,
                   modalities: dict[str, tuple[str, int]]) -> dict[str, object]:
    """Orthanc's JSON configuration: loopback only, no authentication, the appliance as C-MOVE destination."""
    return {
        "Name": f"Passerelle demo {aet}",
        "StorageDirectory": str(folder / "storage"),
        "IndexDirectory": str(folder / "storage"),
        "StorageCompression": False,
        "HttpServerEnabled": True,
        "HttpPort": http_port,
        "RemoteAccessAllowed": False,
        "AuthenticationEnabled": False,
        "SslEnabled": False,
        "DicomServerEnabled": True,
        "DicomAet": aet,
        "DicomPort": dicom_port,
        "DicomCheckCalledAet": False,
        "DicomAlwaysAllowEcho": True,
        "DicomAlwaysAllowStore": True,
        "DicomAlwaysAllowFind": True,
        "DicomAlwaysAllowMove": True,
        "DicomCheckModalityHost": False,
        "UnknownSopClassAccepted": True,
        "DicomModalities": {a.lower(): [a, host, port] for a, (host, port) in modalities.items()},
        "DicomScuTimeout": 30,
        "DicomScpTimeout": 30,
        "LimitFindResults": 0,
        "SaveJobs": False,
        "Plugins": [],
    }


def stop_leftover(folder: Path) -> None:
    """Stop an Orthanc that an earlier demo in this folder left running (only if it is that Orthanc)."""
    pid_file = folder / PID_FILE
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        pid_file.unlink(missing_ok=True)
        return
    if str(folder / "orthanc.json").encode() in args:
        os.kill(pid, signal.SIGTERM)
        for _ in range(150):
            if not cmdline.exists():
                break
            time.sleep(0.1)
    pid_file.unlink(missing_ok=True)


def wait_for_echo(node: DicomNode, process: subprocess.Popen[bytes] | None, log_path: Path | None,
                  timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise ConfigError(f"the demo PACS {node.aet} exited with {process.returncode}: see {log_path}")
        with socket.socket() as probe:
            if probe.connect_ex((node.host, node.port)) == 0:
                break
        if time.monotonic() > deadline:
            raise ConfigError(f"the demo PACS {node.aet} does not answer on port {node.port} after {timeout:.0f} s")
        time.sleep(0.1)
    try:
        scu.echo(node, "PASSERELLE-DEMO")
    except DicomPeerError as exc:
        raise ConfigError(f"the demo PACS {node.aet} does not answer C-ECHO: {exc}") from exc


def start_pacs(folder: Path, node: DicomNode, modalities: dict[str, tuple[str, int]], kind: str = "auto") -> DemoPacs:
    """Start a PACS for one demo site as `node` (loopback). `modalities`: AE titles it may C-MOVE to -> (host, port)."""
    if kind not in PACS_KINDS:
        raise ConfigError(f"--pacs must be one of {', '.join(PACS_KINDS)}, got {kind!r}")
    folder.mkdir(parents=True, exist_ok=True)
    binary = orthanc_binary()
    if kind == "orthanc" and binary is None:
        raise ConfigError("Orthanc is not installed (Debian: apt-get install orthanc); use --pacs stand-in")
    aet, dicom_port = node.aet, node.port
    if binary is None or kind == "stand-in":
        archive = StandInArchive(folder / "files", aet, dicom_port, modalities)
        archive.start()
        pacs = DemoPacs(node, "stand-in", folder, archive=archive)
        wait_for_echo(node, None, None)
        return pacs
    stop_leftover(folder)
    (folder / "storage").mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    config = folder / "orthanc.json"
    config.write_text(json.dumps(orthanc_config(aet, dicom_port, http_port, folder, modalities), indent=2))
    env = dict(os.environ, TCP_NODELAY="1")
    log_path = folder / "orthanc.log"
    log = open(log_path, "ab")
    process = subprocess.Popen([binary, str(config)], stdout=log, stderr=subprocess.STDOUT, env=env,
                               stdin=subprocess.DEVNULL)
    (folder / PID_FILE).write_text(f"{process.pid}\n")
    pacs = DemoPacs(node, "orthanc", folder, web_url=f"http://127.0.0.1:{http_port}", process=process, _log=log)
    try:
        wait_for_echo(node, process, log_path)
    except BaseException:
        pacs.stop()
        raise
    return pacs
