"""SIGKILL during a C-STORE burst: nothing acknowledged is lost and no half-written file is recorded."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.store.state import StateStore
from benchmarks.synthetic import StudySpec, write_study
from tests.integration import peers

ROOT = Path(__file__).resolve().parents[2]


def start_scp(home: Path, port: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.scp_process", "--home", str(home), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("READY"), f"SCP process did not start: {line!r}"
    return process, line.strip()


@pytest.fixture(scope="module")
def burst(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    spec = StudySpec(instances=400, rows=128, columns=128, seed=21, patient_id="PAT-CRASH")
    return write_study(spec, tmp_path_factory.mktemp("burst"))


@pytest.mark.parametrize("delay", [0.0, 0.0031])
def test_sigkill_during_a_burst_loses_nothing_acknowledged(tmp_path: Path, burst: list[Path], delay: float) -> None:
    home = tmp_path / "site"
    port = peers.free_port()
    scp, _ = start_scp(home, port)
    sender = subprocess.Popen(
        [peers.dcmtk("storescu"), "-v", "-aec", "PASSERELLE", "127.0.0.1", str(port), *map(str, burst)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    studies = home / "spool" / "studies"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if studies.exists() and sum(1 for _ in studies.rglob("*.dcm")) >= 80:
            break
        time.sleep(0.005)
    time.sleep(delay)  # vary where in the write/rename/record sequence the kill lands
    os.kill(scp.pid, signal.SIGKILL)
    scp.wait(timeout=10)
    output, _ = sender.communicate(timeout=60)
    acknowledged = output.count("Received Store Response (Success)")
    assert 50 <= acknowledged < len(burst), "the kill must land in the middle of the burst"

    scp, ready = start_scp(home, port)  # runs Ingest.recover() before listening
    scp.send_signal(signal.SIGTERM)
    scp.wait(timeout=15)

    store = StateStore(home / "state.sqlite")
    try:
        recorded = {r.sop_instance_uid: r for r in store.instances_of_study(
            dcmread(burst[0], stop_before_pixels=True).StudyInstanceUID)}
        for path in burst[:acknowledged]:
            assert dcmread(path, stop_before_pixels=True).SOPInstanceUID in recorded
        on_disk = {p.relative_to(home / "spool").as_posix() for p in studies.rglob("*.dcm")}
        assert on_disk == {r.path for r in recorded.values()} == store.recorded_paths()
        for ref in recorded.values():
            data = (home / "spool" / ref.path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == ref.sha256 and len(data) == ref.size
            assert dcmread(home / "spool" / ref.path).PixelData
        assert not list((home / "spool" / "tmp").iterdir())
        assert len(recorded) <= acknowledged + 1  # at most the one in flight when killed
    finally:
        store.close()
    print(ready, f"acknowledged={acknowledged} recorded={len(recorded)}")
