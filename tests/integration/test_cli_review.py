"""`passerelle patients import` and `passerelle review list|decide|undo` as a subprocess against a real site home.

The commands must write the same tables and audit journal as the review window (`appliance.service.review`),
refuse bad input with exit 2 and one `passerelle: ...` line, and never half-import a CSV.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.domain import PatientRecord
from appliance.service import review
from appliance.service.engine import Engine
from appliance.service.site import open_site
from appliance.store.state import StateStore
from tests.integration import peers

PASSERELLE = [sys.executable, "-m", "appliance.cli"]
HEADER = "id,family_name,given_name,birth_date,sex,niss\n"
PATIENTS = HEADER + ("CHR-1,Lambert,Marie,20100304,F,\n"
                     "CHR-2,Lambert,Anne,20100304,F,\n"
                     "CHR-3,Van den Broeck,Luc,19551102,M,55.11.02-003.80\n")


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PASSERELLE, *args, "--home", str(home)], capture_output=True, text=True, timeout=120)


def ok(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run(home, *args)
    assert result.returncode == 0, f"{args} failed ({result.returncode}): {result.stderr}"
    return result


def refused(home: Path, *args: str, words: str) -> str:
    result = run(home, *args)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("passerelle: "), result.stderr
    assert words in lines[0], lines[0]
    return lines[0]


def rows(home: Path, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(home / "state.sqlite")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    ok(site, "init", "--name", "CHR Citadelle", "--aet", "CITADELLE", "--dicom-port", str(peers.free_port()),
       "--http-port", str(peers.free_port()))
    return site


def seed_case(home: Path, transfer_id: str = "tr-1") -> None:
    """A twin case waiting for review, as the engine records it."""
    store = StateStore(home / "state.sqlite")
    try:
        local = {r.id: r for r in review.search_patients(store, family="Lambert")}
        incoming = PatientRecord("LIEGE-5", "LAMBERT", "MARIE", "20100304", "F", "")
        review.record_review_case(store, transfer_id, f"1.2.826.0.1.{len(transfer_id)}9", "site-liege", incoming,
                                  [review.RankedCandidate(local["CHR-1"], 0.67, ("birth date identical",)),
                                   review.RankedCandidate(local["CHR-2"], 0.42, ("given name different",))],
                                  study_date="20261120", description="CT THORAX")
    finally:
        store.close()


def test_import_then_list_decide_undo_like_the_review_window(home: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "patients.csv"
    csv_file.write_text(PATIENTS, encoding="utf-8")
    assert json.loads(ok(home, "patients", "import", str(csv_file), "--json", "--by", "tech").stdout) == {"imported": 3}
    stored = {r["id"]: r for r in rows(home, "SELECT * FROM patients")}
    assert set(stored) == {"CHR-1", "CHR-2", "CHR-3"} and stored["CHR-3"]["niss"] == "55110200380"
    assert stored["CHR-1"]["source"] == "csv"
    [entry] = rows(home, "SELECT * FROM audit WHERE action = 'patient-import'")
    assert entry["who"] == "tech" and "Lambert" not in entry["detail"]  # counts, not patient data

    assert "no patient waiting for review" in ok(home, "review", "list").stdout
    seed_case(home)
    listed = json.loads(ok(home, "review", "list", "--json").stdout)
    assert [c["transfer_id"] for c in listed] == ["tr-1"]
    assert [c["id"] for c in listed[0]["candidates"]] == ["CHR-1", "CHR-2"]
    assert listed[0]["incoming"]["family_name"] == "LAMBERT" and listed[0]["candidates"][0]["reasons"]
    text = ok(home, "review", "list").stdout
    assert "tr-1" in text and "CHR-1" in text and "birth date identical" in text

    out = json.loads(ok(home, "review", "decide", "tr-1", "--link", "CHR-2", "--by", "sophie", "--json").stdout)
    assert (out["kind"], out["matched_id"], out["decided_by"]) == ("link", "CHR-2", "sophie")
    assert ok(home, "review", "list", "--json").stdout.strip() == "[]"
    assert json.loads(ok(home, "status", "--json").stdout)["review_queue"] == 0
    refused(home, "review", "decide", "tr-1", "--new", "--by", "sophie", words="not waiting for review")

    assert "undone by sophie" in ok(home, "review", "undo", "tr-1", "--by", "sophie").stdout
    refused(home, "review", "undo", "tr-1", "--by", "sophie", words="waiting for review")
    ok(home, "review", "decide", "tr-1", "--link", "CHR-1", "--by", "sophie")

    decisions = [(r["kind"], r["matched_id"], r["decided_by"], r["reversed"])
                 for r in rows(home, "SELECT * FROM decisions ORDER BY id")]
    assert decisions == [("review", "", "engine", 0), ("link", "CHR-2", "sophie", 1), ("link", "CHR-1", "sophie", 0)]
    journal = [(r["who"], r["action"]) for r in rows(home, "SELECT * FROM audit WHERE subject = 'tr-1' ORDER BY id")]
    assert journal == [("engine", "decision"), ("sophie", "decision"), ("sophie", "undo"), ("sophie", "decision")]
    # what the GUI reads back: the same undoable decision
    store = StateStore(home / "state.sqlite")
    try:
        [undoable] = review.undoable(store)
        assert (undoable.transfer_id, undoable.matched_id, undoable.decided_by) == ("tr-1", "CHR-1", "sophie")
    finally:
        store.close()


def test_new_and_reject(home: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "patients.csv"
    csv_file.write_text(PATIENTS, encoding="utf-8")
    ok(home, "patients", "import", str(csv_file))
    seed_case(home, "tr-new")
    seed_case(home, "tr-reject")
    assert "new decided" in ok(home, "review", "decide", "tr-new", "--new", "--by", "sophie").stdout
    refused(home, "review", "decide", "tr-reject", "--reject", "--by", "sophie", words="--reason")
    ok(home, "review", "decide", "tr-reject", "--reject", "--reason", "not our patient", "--by", "sophie")
    kinds = {(r["transfer_id"], r["kind"]) for r in rows(home, "SELECT * FROM decisions WHERE decided_by = 'sophie'")}
    assert kinds == {("tr-new", "new"), ("tr-reject", "reject")}
    [detail] = [json.loads(r["detail"]) for r in rows(home, "SELECT * FROM audit WHERE subject = 'tr-reject' "
                                                            "AND who = 'sophie'")]
    assert detail["reasons"] == ["not our patient"] and detail["manual"] is True


@pytest.mark.parametrize(("content", "words"), [
    (HEADER + "CHR-1,Lambert,Marie,20100304,F,\nCHR-2,Lambert,Anne,20101304,F,\n", "patients.csv:3: birth_date"),
    (HEADER + "CHR-1,Lambert,Marie,20100304,X,\n", "patients.csv:2: sex must be"),
    (HEADER + "CHR-1,Lambert,Marie,20100304,F,\nCHR-1,Lambert,Anne,20100304,F,\n", "patients.csv:3: id 'CHR-1'"),
    (HEADER + "CHR-1,Lambert,Marie,20100304,F,\nCHR-2,Lambert,Anne,20100304,F,12345\n", "patients.csv:3: niss"),
    (HEADER + "CHR-1,Lambert,Marie\n", "patients.csv:2: wrong number of fields"),
    ("id,name\nCHR-1,Lambert\n", "patients.csv:1: missing column"),
    (HEADER, "no patient records"),
])
def test_bad_csv_rows_are_named_and_nothing_is_imported(home: Path, tmp_path: Path, content: str,
                                                        words: str) -> None:
    csv_file = tmp_path / "patients.csv"
    csv_file.write_text(content, encoding="utf-8")
    refused(home, "patients", "import", str(csv_file), words=words)
    assert rows(home, "SELECT * FROM patients") == []
    assert rows(home, "SELECT * FROM audit WHERE action LIKE 'patient%'") == []


def test_bad_review_commands_exit_2_with_one_line(home: Path, tmp_path: Path) -> None:
    refused(home, "patients", "import", str(tmp_path / "missing.csv"), words="cannot be read")
    refused(home, "review", "decide", "tr-404", "--new", "--by", "sophie", words="no patient waiting for review")
    refused(home, "review", "undo", "tr-404", "--by", "sophie", words="no decision to undo")
    refused(home, "review", "decide", "tr-1", words="one of the arguments --link --new --reject is required")
    refused(home, "review", "decide", "tr-1", "--new", "--link", "CHR-1", words="not allowed with argument")
    refused(home, "review", "frobnicate", words="invalid choice")
    csv_file = tmp_path / "patients.csv"
    csv_file.write_text(PATIENTS, encoding="utf-8")
    ok(home, "patients", "import", str(csv_file))
    seed_case(home)
    refused(home, "review", "decide", "tr-1", "--link", "NOPE-9", "--by", "sophie", words="local index")
    refused(home, "review", "decide", "tr-1", "--new", "--by", " ", words="--by")
    assert rows(home, "SELECT kind FROM decisions WHERE decided_by != 'engine'") == []


def test_a_running_engine_indexes_what_the_cli_imports(home: Path, tmp_path: Path) -> None:
    engine = Engine(open_site(home))
    engine.start()
    try:
        assert engine.patients.index.get("CHR-3") is None
        csv_file = tmp_path / "patients.csv"
        csv_file.write_text(PATIENTS, encoding="utf-8")
        ok(home, "patients", "import", str(csv_file))
        assert engine.call(engine.patients.catch_up()).result(timeout=30) == 3
        prepared = engine.patients.index.get("CHR-3")
        assert prepared is not None and prepared.niss == "55110200380"
        assert engine.call(engine.patients.catch_up()).result(timeout=30) == 0  # nothing new: nothing reloaded
    finally:
        engine.stop()


def test_the_undo_window_is_a_setting(home: Path) -> None:
    """`manual_grace_s`: how long a manual decision waits before the push (the undo window); 30 s by default."""
    import tomllib

    settings_file = home / "settings.toml"
    assert tomllib.loads(settings_file.read_text())["manual_grace_s"] == 30.0
    engine = Engine(open_site(home))
    try:
        assert engine.pipeline.manual_grace_s == 30.0
    finally:
        engine.store.close()
    text = settings_file.read_text().replace("manual_grace_s = 30.0", "manual_grace_s = 5.0")
    settings_file.write_text(text)
    engine = Engine(open_site(home))
    try:
        assert engine.pipeline.manual_grace_s == 5.0
    finally:
        engine.store.close()
    settings_file.write_text(text.replace("manual_grace_s = 5.0", "manual_grace_s = -1.0"))
    result = run(home, "status")
    assert result.returncode == 1 and "manual_grace_s must be between 0 and 3600" in result.stderr


def test_no_undo_once_the_study_is_pushed(home: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "patients.csv"
    csv_file.write_text(PATIENTS, encoding="utf-8")
    ok(home, "patients", "import", str(csv_file))
    seed_case(home)
    ok(home, "review", "decide", "tr-1", "--link", "CHR-1", "--by", "sophie")
    conn = sqlite3.connect(home / "state.sqlite")
    with conn:
        conn.execute("UPDATE transfers SET state = 'storing' WHERE id = 'tr-1'")  # the push has claimed it
    conn.close()
    refused(home, "review", "undo", "tr-1", "--by", "sophie", words="already been sent to the PACS")
    assert [r["reversed"] for r in rows(home, "SELECT reversed FROM decisions ORDER BY id")] == [0, 0]
