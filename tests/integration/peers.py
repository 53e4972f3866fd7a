"""Real DICOM peers for integration tests: an Orthanc of our own on loopback, and DCMTK's tools.

Every Orthanc gets its own generated configuration, storage folder and free ports (never 4242/8042),
and is stopped when its context ends. DCMTK tools are taken from /usr/bin (the venv has pynetdicom
apps with the same names).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from appliance.service import ports
from appliance.service.demo_pacs import orthanc_config

ORTHANC = "/usr/sbin/Orthanc"
ORTHANC_PLUGINS = Path("/usr/share/orthanc/plugins")
DCMTK_DIR = Path("/usr/bin")
RESERVED_PORTS = {4242, 8042, 104, 11112}


def free_port() -> int:
    """A TCP port free on loopback right now, below the ephemeral range, never handed out twice (see
    appliance/service/ports.py: ports from bind(0) collided with outgoing sockets before a site bound them)."""
    return ports.free_port()


def have_orthanc() -> bool:
    return Path(ORTHANC).exists()


def dcmtk(tool: str) -> str:
    path = DCMTK_DIR / tool
    if not path.exists():
        raise FileNotFoundError(f"DCMTK tool {tool} not found in {DCMTK_DIR} (apt-get install dcmtk)")
    return str(path)


def run_dcmtk(tool: str, *args: str, timeout: float = 120, nodelay: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a DCMTK tool; returns the completed process (check .returncode, .stdout, .stderr)."""
    env = dict(os.environ)
    if nodelay:
        env["TCP_NODELAY"] = "1"
    else:
        env.pop("TCP_NODELAY", None)
    return subprocess.run([dcmtk(tool), *args], capture_output=True, text=True, timeout=timeout, env=env,
                          check=False)


def echoscu(aet: str, port: int, calling: str = "ECHOSCU") -> subprocess.CompletedProcess[str]:
    return run_dcmtk("echoscu", "-aet", calling, "-aec", aet, "127.0.0.1", str(port), timeout=30)


def storescu(aet: str, port: int, files: Sequence[Path], calling: str = "STORESCU",
             extra: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """storescu all files over one association (stops at the first failure unless told otherwise)."""
    return run_dcmtk("storescu", "-aet", calling, "-aec", aet, *extra, "127.0.0.1", str(port),
                     *map(str, files), timeout=600)


@dataclass
class Orthanc:
    """A running Orthanc: its AET, ports, and a tiny REST client."""

    aet: str
    dicom_port: int
    http_port: int
    home: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def rest(self, method: str, path: str, body: bytes | dict[str, object] | list[object] | None = None,
             timeout: float = 60) -> object:
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
        return json.loads(payload) if payload else None

    def upload(self, paths: Sequence[Path]) -> list[str]:
        """POST files to /instances; returns their Orthanc ids."""
        ids = []
        for path in paths:
            answer = self.rest("POST", "/instances", path.read_bytes())
            assert isinstance(answer, dict)
            ids.append(str(answer["ID"]))
        return ids

    def study_id(self, study_uid: str) -> str:
        found = self.rest("POST", "/tools/lookup", study_uid.encode())
        assert isinstance(found, list) and found, f"Orthanc does not hold study {study_uid}"
        return str(found[0]["ID"])

    def instance_count(self) -> int:
        stats = self.rest("GET", "/statistics")
        assert isinstance(stats, dict)
        return int(stats["CountInstances"])


def _config(aet: str, dicom_port: int, http_port: int, home: Path, modalities: dict[str, tuple[str, str, int]],
            plugins: bool) -> dict[str, object]:
    """The demo's Orthanc configuration (loopback, no authentication), plus C-GET, DICOMweb and named peers."""
    config = orthanc_config(aet, dicom_port, http_port, home, {})
    config.update({
        "Name": f"test-{aet}",
        "DicomAlwaysAllowGet": True,
        "DicomModalities": {name: [m_aet, host, port] for name, (m_aet, host, port) in modalities.items()},
        "ConcurrentJobs": 2,
        "Plugins": [str(ORTHANC_PLUGINS / "libOrthancDicomWeb.so")] if plugins else [],
        "DicomWeb": {"Enable": True, "Root": "/dicom-web/"},
        "HttpsVerifyPeers": False,
    })
    return config


@contextmanager
def start_orthanc(
    tmp_path: Path,
    aet: str = "ORTHANC",
    dicom_port: int | None = None,
    http_port: int | None = None,
    modalities: dict[str, tuple[str, str, int]] | None = None,
    plugins: bool = False,
    nodelay: bool = True,
    timeout: float = 30,
) -> Iterator[Orthanc]:
    """Start Orthanc with its own config on loopback; stop it (and wait) when the block ends.

    `modalities` maps a name to (AET, host, port), e.g. {"passerelle": ("PASSERELLE", "127.0.0.1", 11113)}.
    """
    home = tmp_path / f"orthanc-{aet.lower()}"
    (home / "storage").mkdir(parents=True, exist_ok=True)
    dicom_port = dicom_port or free_port()
    http_port = http_port or free_port()
    assert not {dicom_port, http_port} & {4242, 8042}, "tests never use Orthanc's default ports"
    config = home / "orthanc.json"
    config.write_text(json.dumps(_config(aet, dicom_port, http_port, home, modalities or {}, plugins), indent=2))
    env = dict(os.environ)
    if nodelay:
        env["TCP_NODELAY"] = "1"
    log = open(home / "orthanc.log", "wb")
    process = subprocess.Popen([ORTHANC, str(config)], stdout=log, stderr=subprocess.STDOUT, env=env)
    orthanc = Orthanc(aet, dicom_port, http_port, home, process)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"Orthanc exited with {process.returncode}: see {home / 'orthanc.log'}")
            try:
                orthanc.rest("GET", "/system", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Orthanc did not answer within {timeout} s") from None
                time.sleep(0.1)
        yield orthanc
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        log.close()


@contextmanager
def start_storescp(folder: Path, port: int | None = None, aet: str = "STORESCP", nodelay: bool = True,
                   max_pdu: int | None = None) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """DCMTK storescp writing into `folder` on a free loopback port; stopped when the block ends.

    `max_pdu` (4096..131072) overrides storescp's default maximum receive PDU of 16384 bytes.
    """
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("TCP_NODELAY", None)
    if nodelay:
        env["TCP_NODELAY"] = "1"
    pdu = ["--max-pdu", str(max_pdu)] if max_pdu else []
    process = subprocess.Popen([dcmtk("storescp"), "-aet", aet, *pdu, "-od", str(folder), str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def which(tool: str) -> bool:
    return shutil.which(tool, path=str(DCMTK_DIR)) is not None
