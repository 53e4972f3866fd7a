"""The CLI contract from a technician's shell: init, identity, directory, trust, send, status, serve, logs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import StudySpec, write_study
from tests.integration import peers

PASSERELLE = [sys.executable, "-m", "appliance.cli"]
PATIENT_NAME = "VANDERBEKEN^ZOÉ"
PATIENT_ID = "PATLOG-7731"
BIRTH_DATE = "19700101"


def run(*args: str, home: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [*PASSERELLE, *args] + (["--home", str(home)] if home else [])
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


def make_network(root: Path) -> tuple[Path, Path, str]:
    """Two sites A and B in one signed directory, trusted and installed on both."""
    a, b = root / "A", root / "B"
    run("init", "--name", "CHU de Liège", "--aet", "LIEGE", "--dicom-port", str(peers.free_port()),
        "--http-port", str(peers.free_port()), home=a)
    run("init", "--name", "CHR Citadelle", "--aet", "CITADELLE", "--dicom-port", str(peers.free_port()),
        "--http-port", str(peers.free_port()), home=b)
    for home, name in ((a, "a.json"), (b, "b.json")):
        (root / name).write_text(run("identity", "--json", home=home).stdout)
    pub = run("directory", "create-operator-key", "--out", str(root / "op.key")).stdout.strip()
    run("directory", "add-site", str(root / "dir.json"), str(root / "a.json"))
    run("directory", "add-site", str(root / "dir.json"), str(root / "b.json"))
    run("directory", "sign", str(root / "dir.json"), "--key", str(root / "op.key"), "--expires-days", "30",
        "--out", str(root / "signed.json"))
    for home in (a, b):
        run("trust", pub, home=home)
        run("directory", "install", str(root / "signed.json"), home=home)
    return a, b, json.loads((root / "b.json").read_text())["id"]


def test_identity_is_the_directory_entry(tmp_path: Path) -> None:
    run("init", "--name", "CHR Citadelle", "--aet", "CITADELLE", home=tmp_path / "s")
    ident = json.loads(run("identity", "--json", home=tmp_path / "s").stdout)
    assert set(ident) >= {"id", "name", "signing_key", "fingerprint", "endpoints", "dicom"}
    assert "agreement_key" not in ident  # no long-term X25519 key (docs/security.md)
    assert ident["name"] == "CHR Citadelle" and ident["dicom"]["aet"] == "CITADELLE"


@pytest.mark.parametrize("args,code,words", [
    (("status",), 1, "passerelle init"),
    (("init", "--name", "X", "--aet", "BAD\\AET"), 1, "AE title"),
    (("init", "--name", "X", "--pacs", "nonsense"), 1, "AET@HOST:PORT"),
    (("directory", "install", "/no/such/file.json"), 2, "no such directory file"),
    (("trust", "not-base64!"), 2, "base64"),
])
def test_bad_input_is_one_clear_line(tmp_path: Path, args: tuple[str, ...], code: int, words: str) -> None:
    result = run(*args, home=tmp_path / "site", check=False)
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("passerelle: ") and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_send_queues_once_per_site_and_status_shows_it(tmp_path: Path) -> None:
    a, _, b_id = make_network(tmp_path)
    files = write_study(StudySpec(instances=6, rows=32, columns=32, seed=21), tmp_path / "study")
    (tmp_path / "study" / "README.txt").write_text("not DICOM")
    sent = json.loads(run("send", str(tmp_path / "study"), "--to", "chr citadelle", "--json", home=a).stdout)
    assert sent["site"] == b_id and sent["imported"] == len(files) and len(sent["transfers"]) == 1
    again = json.loads(run("send", str(tmp_path / "study"), "--to", b_id, "--json", home=a).stdout)
    assert again["transfers"] == [] and again["already_queued"]
    status = json.loads(run("status", "--json", home=a).stdout)
    assert status["review_queue"] == 0
    (transfer,) = status["transfers"]
    assert {k: transfer[k] for k in ("direction", "peer", "state", "files_total", "files_done")} == {
        "direction": "out", "peer": b_id, "state": "queued", "files_total": len(files), "files_done": 0}
    assert transfer["bytes_total"] >= len(files) * 32 * 32 * 2  # at least the pixel data
    assert status["engine"]["state"] == "stopped" and transfer["reason"] == "engine stopped: resumes when it starts"
    assert status["peers"][0]["name"] == "CHR Citadelle"
    unknown = run("send", str(tmp_path / "study"), "--to", "Hôpital Inconnu", home=a, check=False)
    assert unknown.returncode == 2 and "unknown site" in unknown.stderr


def test_serve_answers_dicom_and_logs_no_patient_data(tmp_path: Path) -> None:
    a, _, b_id = make_network(tmp_path)
    settings = (a / "settings.toml").read_text()
    port = int(next(line.split("=")[1] for line in settings.splitlines() if line.startswith("dicom_port")))
    files = write_study(StudySpec(instances=10, rows=32, columns=32, seed=22, patient_name=PATIENT_NAME,
                                  patient_id=PATIENT_ID), tmp_path / "study")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([*PASSERELLE, "serve", "--verbose", "--home", str(a)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=env)
    try:
        peers.wait_for_port(port)
        assert peers.echoscu("LIEGE", port).returncode == 0
        assert peers.storescu("LIEGE", port, files).returncode == 0
        status = json.loads(run("status", "--json", home=a).stdout)
        assert status["engine"]["state"] == "running"
        run("send", *map(str, files), "--to", b_id, "--verbose", home=a)
        bad = tmp_path / "broken.dcm"
        bad.write_bytes(files[0].read_bytes()[:700])
        peers.storescu("LIEGE", port, [bad])
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    logs = "".join(p.read_text(encoding="utf-8") for p in (a / "logs").glob("*.log*")) + output
    assert "instance" in logs.lower() or "stored" in logs.lower(), "the test must see real log lines"
    assert len(logs.splitlines()) > 5
    for secret in ("VANDERBEKEN", "ZOÉ", "ZOE", PATIENT_ID, BIRTH_DATE):
        assert secret not in logs.upper(), f"patient data {secret!r} found in the logs"


def test_rules_are_edited_from_the_cli(tmp_path: Path) -> None:
    a, _, b_id = make_network(tmp_path)
    run("rules", "add", "--site", "CHR Citadelle", "--referring-from-directory", "--modality", "CT", home=a)
    (rule,) = json.loads(run("rules", "list", "--json", home=a).stdout)
    assert rule["site"] == b_id and rule["criteria"]["modalities"] == ["CT"] and rule["enabled"]
    run("rules", "disable", str(rule["id"]), home=a)
    assert json.loads(run("rules", "list", "--json", home=a).stdout)[0]["enabled"] is False
    empty = run("rules", "add", "--site", b_id, home=a, check=False)
    assert empty.returncode == 2 and "criterion" in empty.stderr


def test_a_second_engine_on_the_same_site_is_refused(tmp_path: Path) -> None:
    run("init", "--name", "CHR Citadelle", "--dicom-port", str(peers.free_port()),
        "--http-port", str(peers.free_port()), home=tmp_path / "s")
    first = subprocess.Popen([*PASSERELLE, "serve", "--home", str(tmp_path / "s")], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "s" / "engine.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        second = run("serve", home=tmp_path / "s", check=False)
        assert second.returncode == 1 and "already serves this site" in second.stderr
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 0
