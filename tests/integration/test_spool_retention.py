"""Spool retention with real appliances (`passerelle serve`, `passerelle spool purge`) and a real Orthanc.

Delivered outgoing files and PACS-verified incoming files go; files of unfinished transfers stay; a purge
killed between its record and its deletes is completed by the next one; a re-send after the purge is a no-op.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import tomllib
from pathlib import Path

import pytest
import tomli_w

from appliance.service.pipeline import ALREADY_HANDLED
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration import peers
from tests.integration.appliance_proc import (
    CLI,
    SiteHome,
    cli,
    init_site,
    make_pair,
    query,
    send,
    serve,
    sign_and_trust,
    status,
    transfer,
    wait_for,
)
from tests.integration.pipeline_net import added_series

pytestmark = pytest.mark.timeout(240)


def set_settings(site: SiteHome, **changes: object) -> None:
    path = site.home / "settings.toml"
    path.write_text(tomli_w.dumps(tomllib.loads(path.read_text()) | changes))


def purge(site: SiteHome, *extra: str, fault: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PASSERELLE_FAULT"}
    if fault:
        env["PASSERELLE_FAULT"] = fault
    return subprocess.run([*CLI, "spool", "purge", "--json", "--home", str(site.home), *extra], capture_output=True,
                          text=True, timeout=120, env=env, check=False)


def spool_files(site: SiteHome, study_uid: str) -> list[Path]:
    """The study's files on disk (by walking the spool, not from the records)."""
    folder = site.home / "spool" / "studies" / study_uid
    return sorted(folder.rglob("*.dcm")) if folder.exists() else []


def test_delivered_files_go_a_killed_purge_is_completed_and_unfinished_transfers_keep_theirs(tmp_path: Path) -> None:
    a, b = make_pair(tmp_path / "pair")
    for site in (a, b):  # remove as soon as safe; the engines' own purge runs at start only (then hourly)
        set_settings(site, spool_keep_days=0, spool_purge_interval_s=3600)
    files = cached_study(StudySpec(instances=8, rows=64, columns=64, seed=31, patient_id="SYN-RET-OUT"))
    total = sum(p.stat().st_size for p in files)
    with serve(a), serve(b):
        study_uid = str(send(a, files, to=b.name)["studies"][0])  # type: ignore[index]
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60, what="the receipt")
        wait_for(lambda: transfer(b, "in").get("state") == "storing", timeout=30, what="the commit on B")
        shown = status(a)["spool"]
    assert len(spool_files(a, study_uid)) == 8
    assert shown["bytes_reclaimable"] == shown["bytes_held"] >= total  # type: ignore[index]

    # dry run: says what would go, deletes nothing
    dry = json.loads(purge(a, "--dry-run").stdout)
    assert dry["dry_run"] and dry["files"] == 8 and dry["bytes"] == shown["bytes_held"]  # type: ignore[index]
    assert [s["study_uid"] for s in dry["studies"]] == [study_uid] and len(spool_files(a, study_uid)) == 8

    # killed between the database record and the deletes, like a power cut
    killed = purge(a, fault="retention:after_mark_before_delete:1")
    assert killed.returncode == -9
    assert len(spool_files(a, study_uid)) == 8
    assert query(a, "SELECT count(*) AS n FROM spool_purges WHERE finished_at = ''")[0]["n"] == 1
    assert status(a)["spool"]["unfinished_purges"] == 1  # type: ignore[index]
    again = json.loads(purge(a).stdout)
    assert again["resumed_purges"] == 1 and again["files"] == 0
    assert spool_files(a, study_uid) == []
    after = status(a)["spool"]
    assert after["bytes_held"] == 0 and after["bytes_purged"] == dry["bytes"]  # type: ignore[index]
    assert json.loads(purge(a).stdout)["files"] == 0  # nothing left: harmless
    rows = query(a, "SELECT count(*) AS n FROM instances WHERE study_uid = ?", (study_uid,))
    assert rows[0]["n"] == 8  # the records stay

    # B has no PACS: its incoming transfer stays 'storing', so its files stay
    assert json.loads(purge(b).stdout)["files"] == 0
    assert len(spool_files(b, study_uid)) == 8 and status(b)["spool"]["bytes_reclaimable"] == 0  # type: ignore[index]

    # sending the same study again after the purge: nothing new is queued, B sees no new transfer
    with serve(a), serve(b):
        report = send(a, files, to=b.name)
        assert report["transfers"] == [] and report["already_queued"]
        time.sleep(2)
    assert len(query(a, "SELECT id FROM transfers WHERE direction = 'out'")) == 1
    assert len(query(b, "SELECT id FROM transfers WHERE direction = 'in'")) == 1
    # the re-imported files are held again on A, and carried by a delivered transfer: they go again
    assert json.loads(purge(a).stdout)["files"] == 8 and spool_files(a, study_uid) == []


@pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")
def test_a_study_verified_in_the_pacs_is_purged_by_the_engine_and_a_resend_adds_nothing(tmp_path: Path) -> None:
    a, b = make_pair(tmp_path / "pair")
    files = cached_study(StudySpec(instances=10, rows=64, columns=64, seed=32, patient_id="SYN-RET-PACS",
                                   patient_name="RETENTION^ROSA"))
    with peers.start_orthanc(tmp_path, aet="PACSB") as pacs_b:
        set_settings(a, spool_keep_days=0, spool_purge_interval_s=1)
        set_settings(b, spool_keep_days=0, spool_purge_interval_s=1, use_sender_patient_data=True, min_free_mb=0,
                     pacs=f"PACSB@127.0.0.1:{pacs_b.dicom_port}")
        with serve(a), serve(b):
            study_uid = str(send(a, files, to=b.name)["studies"][0])  # type: ignore[index]
            wait_for(lambda: transfer(b, "in").get("state") == "done", timeout=90, what="the study stored in B's PACS")
            assert pacs_b.instance_count() == 10
            started = time.monotonic()
            wait_for(lambda: not spool_files(b, study_uid), timeout=30, what="B's periodic purge")
            wait_for(lambda: not spool_files(a, study_uid), timeout=30, what="A's periodic purge")
            [freed] = query(b, "SELECT files, bytes FROM spool_purges WHERE finished_at != ''")
            assert freed["files"] == 10
            print(f"B freed {freed['bytes']} bytes (10 files) within {time.monotonic() - started:.1f} s of 'done'")
            assert query(b, "SELECT count(*) AS n FROM audit WHERE action = 'spool-purge'")[0]["n"] == 1
            assert status(b)["spool"]["bytes_held"] == 0  # type: ignore[index]
            # re-sent after both purges: a no-op, no duplicate in the PACS, no new transfer
            report = send(a, files, to=b.name)
            assert report["transfers"] == [] and report["already_queued"]
            time.sleep(3)
            assert len(query(b, "SELECT id FROM transfers WHERE direction = 'in'")) == 1
            assert pacs_b.instance_count() == 10
            assert transfer(b, "in")["state"] == "done"
            # a series added later arrives as an addition: pushed alone (the PACS holds the purged rest)
            later = added_series(files, tmp_path / "later", 3)
            assert send(a, later, to=b.name)["transfers"]
            wait_for(lambda: pacs_b.instance_count() == 13, timeout=60, what="the addition in B's PACS")
            wait_for(lambda: [r["state"] for r in query(b, "SELECT state FROM transfers WHERE direction = 'in'")]
                     == ["done", "done"], timeout=30, what="the addition verified")
            wait_for(lambda: not spool_files(b, study_uid), timeout=30, what="the addition purged")
    log = "".join(p.read_text(errors="replace") for site in (a, b) for p in site.home.glob("serve-*.log"))
    log += "".join(p.read_text(errors="replace") for site in (a, b) for p in (site.home / "logs").glob("*"))
    assert "spool purge" in log
    for secret in ("RETENTION", "ROSA", "SYN-RET-PACS"):
        assert secret not in log
    cli("status", "--home", str(b.home))  # the text status shows spool usage without error


def test_a_study_offered_again_by_another_site_after_the_purge_is_closed_without_storing(tmp_path: Path) -> None:
    """B reconciled, stored and purged a study from A; C then offers the same instances. B holds them all,
    so no chunk comes; the new transfer ends 'done' (nothing to store) instead of failing for lack of files."""
    root = tmp_path / "three"
    root.mkdir()
    a, b, c = (init_site(root, name) for name in ("CHU de Liège", "CHR Citadelle", "AZ Groeninge"))
    sign_and_trust(root, (a, b, c))
    files = cached_study(StudySpec(instances=6, rows=64, columns=64, seed=33, patient_id="SYN-RET-AGAIN",
                                   patient_name="AGAIN^ALMA"))
    with peers.start_orthanc(tmp_path, aet="PACSB") as pacs_b:
        set_settings(b, spool_keep_days=0, spool_purge_interval_s=1, use_sender_patient_data=False,
                     new_patient_policy="automatic", min_free_mb=0, pacs=f"PACSB@127.0.0.1:{pacs_b.dicom_port}")
        with serve(a), serve(b), serve(c):
            study_uid = str(send(a, files, to=b.name)["studies"][0])  # type: ignore[index]
            wait_for(lambda: transfer(b, "in").get("state") == "done", timeout=90, what="the study stored in B's PACS")
            wait_for(lambda: not spool_files(b, study_uid), timeout=30, what="B's periodic purge")
            assert pacs_b.instance_count() == 6
            assert send(c, files, to=b.name)["transfers"]
            wait_for(lambda: len(query(b, "SELECT id FROM transfers WHERE direction = 'in'")) == 2, timeout=60,
                     what="C's transfer on B")
            wait_for(lambda: {r["state"] for r in query(b, "SELECT state FROM transfers WHERE direction = 'in'")}
                     == {"done"}, timeout=60, what="C's transfer closed")
            [second] = query(b, "SELECT reason FROM transfers WHERE direction = 'in' AND peer = ?", (c.site_id,))
            assert second["reason"] == ALREADY_HANDLED
            wait_for(lambda: transfer(c, "out").get("state") == "done", timeout=60, what="C's receipt")
            assert pacs_b.instance_count() == 6
            assert not spool_files(b, study_uid)
