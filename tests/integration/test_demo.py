"""`passerelle demo --headless`: two hospitals on one machine, three studies, three endings, exit 0.

Runs the real command as a subprocess (as `make demo` does without a display) and checks the endings in
both site homes: `status --json` and the receiving site's decisions. Also: running it again on the same
folder starts afresh, no patient name reaches a log file, a folder that is not a demo's is refused.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.service.demo_studies import CITADELLE_PATIENTS, STUDIES
from tests.integration import peers

DEMO_TIMEOUT_S = 90


def demo(home: Path, pacs: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "appliance.cli", "demo", "--headless", "--home", str(home),
                             "--pacs", pacs, "--timeout", "75"],
                            capture_output=True, text=True, timeout=DEMO_TIMEOUT_S, check=False)
    return result, time.monotonic() - started


def status(home: Path) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-m", "appliance.cli", "status", "--json", "--home", str(home)],
                            capture_output=True, text=True, timeout=60, check=True)
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def study_uids(home: Path) -> dict[str, str]:
    """Study key -> Study Instance UID, from Liège's own records of what it sent (the PACS is stopped now)."""
    found: dict[str, str] = {}
    with sqlite3.connect(home / "liege" / "state.sqlite") as db:
        for key in ("linked", "review", "unknown"):
            folder = home / "studies" / key
            uid = str(dcmread(next(folder.glob("*.dcm")), stop_before_pixels=True).StudyInstanceUID)
            assert db.execute("SELECT 1 FROM transfers WHERE study_uid = ?", (uid,)).fetchone(), key
            found[key] = uid
    return found


def check_endings(home: Path) -> None:
    uids = study_uids(home)
    sent = {t["study_uid"]: t for t in status(home / "liege")["transfers"]  # type: ignore[attr-defined]
            if t["direction"] == "out"}
    assert {uid: sent[uid]["state"] for uid in uids.values()} == {uid: "done" for uid in uids.values()}
    received = status(home / "citadelle")
    incoming = {t["study_uid"]: t for t in received["transfers"] if t["direction"] == "in"}  # type: ignore[attr-defined]
    states = {key: incoming[uid]["state"] for key, uid in uids.items()}
    assert states == {"linked": "done", "review": "review", "unknown": "done"}
    assert all(incoming[uid]["files_done"] == incoming[uid]["files_total"] == 3 for uid in uids.values())
    assert received["review_queue"] == 1
    with sqlite3.connect(home / "citadelle" / "state.sqlite") as db:
        decisions = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT t.study_uid, d.kind, d.matched_id FROM decisions d JOIN transfers t ON t.id = d.transfer_id")}
        stored = {row[0] for row in db.execute("SELECT subject FROM audit WHERE action = 'pacs-stored'")}
        ids = {row[0]: row[1] for row in db.execute("SELECT study_uid, id FROM transfers WHERE direction = 'in'")}
    assert decisions[uids["linked"]] == ("link", "CHR-1001")
    assert decisions[uids["review"]][0] == "review"
    assert decisions[uids["unknown"]][0] == "new" and decisions[uids["unknown"]][1].startswith("PSL-")
    assert stored == {ids[uids["linked"]], ids[uids["unknown"]]}, "the PACS did not confirm both stored studies"


def check_logs_hold_no_patient_data(home: Path) -> None:
    secrets = set()
    for record in [s.patient for s in STUDIES] + list(CITADELLE_PATIENTS):
        secrets |= {record.family_name.upper(), record.given_name.upper(), record.birth_date, record.id}
        if record.niss:
            secrets.add(record.niss)
    logs = [*home.glob("*/logs/*.log*"), home / "liege" / "serve.out"]
    assert len(logs) >= 3
    for path in logs:
        text = path.read_text(encoding="utf-8", errors="replace").upper()
        leaked = sorted(s for s in secrets if s and s.upper() in text)
        assert not leaked, f"{path.relative_to(home)} names patient data: {leaked}"


PACS_KINDS = ["stand-in", pytest.param("orthanc", marks=pytest.mark.skipif(
    not peers.have_orthanc(), reason="Debian orthanc is not installed"))]


@pytest.mark.parametrize("pacs", PACS_KINDS)
def test_demo_headless_reaches_the_three_endings_twice(tmp_path: Path, pacs: str) -> None:
    home = tmp_path / "demo"
    first, took = demo(home, pacs)
    assert first.returncode == 0, first.stderr
    assert "the three studies reached their endings" in first.stdout
    assert ("STAND-IN ARCHIVE" in first.stdout) == (pacs == "stand-in")
    check_endings(home)
    check_logs_hold_no_patient_data(home)
    assert not list(home.glob("pacs-*/orthanc.pid")), "an Orthanc was left running"
    if importlib.util.find_spec("PySide6") is not None:  # the proof picture of the reconciliation window
        assert (home / "review-window.png").stat().st_size > 10_000
    again, took_again = demo(home, pacs)  # the same folder: starts afresh
    assert again.returncode == 0, again.stderr
    check_endings(home)
    print(f"demo with {pacs}: {took:.1f} s, again {took_again:.1f} s")


def test_demo_refuses_a_folder_that_is_not_a_demo(tmp_path: Path) -> None:
    home = tmp_path / "precious"
    home.mkdir()
    (home / "notes.txt").write_text("keep me")
    result, _ = demo(home, "stand-in")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("passerelle: ") and "not a demo folder" in lines[0]
    assert (home / "notes.txt").read_text() == "keep me"
