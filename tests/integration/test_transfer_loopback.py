"""Two real appliances (`passerelle serve`) on loopback: a 100 MB study arrives bit-identical, exactly once."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pydicom
import pytest

from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import SiteHome, make_pair, query, send, serve, status, transfer, wait_for

pytestmark = pytest.mark.timeout(240)


def sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def spool_hashes(site: SiteHome, study_uid: str) -> dict[str, str]:
    """sop uid -> sha256 of the spool file, computed from the bytes on disk (not from the record)."""
    rows = query(site, "SELECT sop_instance_uid, path FROM instances WHERE study_uid = ?", (study_uid,))
    return {r["sop_instance_uid"]: sha256(site.home / "spool" / r["path"]) for r in rows}


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteHome, SiteHome]:
    return make_pair(tmp_path_factory.mktemp("transfer-pair"))


def test_100_mb_study_arrives_bit_identical(pair: tuple[SiteHome, SiteHome]) -> None:
    a, b = pair
    files = cached_study(StudySpec(instances=200, rows=512, columns=512, seed=21, patient_id="SYN-TR-100"))
    assert sum(p.stat().st_size for p in files) > 100_000_000
    with serve(a), serve(b):
        report = send(a, files, to=b.name)
        study_uid = str(report["studies"][0])  # type: ignore[index]
        started = time.monotonic()
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=180, what="the receipt")
        elapsed = time.monotonic() - started
        received = status(b)
    sent, got = spool_hashes(a, study_uid), spool_hashes(b, study_uid)
    assert len(sent) == 200 and got == sent
    incoming = transfer(b, "in")
    assert incoming["state"] == "storing" and incoming["reason"] == "received: awaiting reconciliation"
    assert incoming["files_done"] == incoming["files_total"] == 200
    assert incoming["chunks_recorded"] == incoming["chunks_total"] and incoming["key_bytes"] == 0
    rows = query(b, "SELECT DISTINCT source FROM instances WHERE study_uid = ?", (study_uid,))
    assert [r["source"] for r in rows] == ["peer"]
    origin = query(b, "SELECT origin FROM studies WHERE study_uid = ?", (study_uid,))[0]["origin"]
    assert origin == a.site_id
    shown = [t for t in received["transfers"] if t["direction"] == "in"]  # type: ignore[union-attr]
    assert shown and shown[0]["state"] == "storing" and shown[0]["bytes_done"] == shown[0]["bytes_total"]
    assert not any((b.home / "spool" / "incoming").iterdir())
    print(f"100 MB study: {sum(p.stat().st_size for p in files) / elapsed / 1e6:.1f} MB/s end to end")


def test_resending_a_delivered_study_is_a_no_op(pair: tuple[SiteHome, SiteHome]) -> None:
    a, b = pair
    files = cached_study(StudySpec(instances=6, rows=64, columns=64, seed=22, patient_id="SYN-TR-NOOP"))
    with serve(a), serve(b):
        first = send(a, files, to=b.name)
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        again = send(a, files, to=b.name)
        assert again["transfers"] == [] and again["already_queued"]
    study_uid = str(first["studies"][0])  # type: ignore[index]
    count = query(b, "SELECT count(*) AS n FROM instances WHERE study_uid = ?", (study_uid,))[0]["n"]
    assert count == 6
    incoming = query(b, "SELECT count(*) AS n FROM transfers WHERE direction = 'in' AND study_uid = ?", (study_uid,))
    assert incoming[0]["n"] == 1


def test_a_new_transfer_of_a_study_already_held_sends_no_chunk(pair: tuple[SiteHome, SiteHome]) -> None:
    """The receiver answers an offer of instances it already holds (same hashes) without asking for chunks."""
    a, b = pair
    files = cached_study(StudySpec(instances=5, rows=64, columns=64, seed=23, patient_id="SYN-TR-HELD"))
    with serve(a), serve(b):
        send(a, files, to=b.name)
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        # Forget on the sender side that it was delivered (as if its database were restored from an old backup).
        conn = sqlite3.connect(a.db)
        conn.execute("UPDATE transfers SET state = 'failed' WHERE direction = 'out'")
        conn.commit()
        conn.close()
        report = send(a, files, to=b.name)
        assert report["transfers"]
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
    out = transfer(a, "out")
    assert out["chunks_sent"] == 0 and out["offers"] == "[0]"


def test_a_corrected_copy_of_a_held_instance_is_quarantined_not_dropped(pair: tuple[SiteHome, SiteHome]) -> None:
    """The same SOP Instance UID sent again with other bytes (a correction at the sender): the receiver keeps
    the copy it already holds (never replaced, never duplicated) and puts the new bytes in its quarantine with
    the reason, counted in `status`, instead of dropping them silently."""
    a, b = pair
    files = cached_study(StudySpec(instances=4, rows=64, columns=64, seed=24, patient_id="SYN-TR-FIX"))
    with serve(a), serve(b):
        first = send(a, files, to=b.name)
        study_uid = str(first["studies"][0])  # type: ignore[index]
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        before = spool_hashes(b, study_uid)
        quarantined_before = int(status(b)["quarantine"])  # type: ignore[arg-type]
        # The sender's copy of one instance is corrected in place (same UIDs, other bytes), and the study is
        # sent again as a new transfer.
        row = query(a, "SELECT sop_instance_uid, path FROM instances WHERE study_uid = ? ORDER BY path LIMIT 1",
                    (study_uid,))[0]
        path = a.home / "spool" / row["path"]
        ds = pydicom.dcmread(path)
        ds.StudyDescription = "CORRECTED"
        ds.save_as(path)
        conn = sqlite3.connect(a.db)
        conn.execute("UPDATE instances SET sha256 = ?, size = ? WHERE sop_instance_uid = ?",
                     (sha256(path), path.stat().st_size, row["sop_instance_uid"]))
        conn.execute("UPDATE transfers SET state = 'failed' WHERE direction = 'out'")
        conn.commit()
        conn.close()
        assert send(a, files, to=b.name)["transfers"]
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        after = status(b)
    assert spool_hashes(b, study_uid) == before  # ours kept, bit for bit; nothing duplicated
    assert int(after["quarantine"]) == quarantined_before + 1  # type: ignore[arg-type]
    kept = query(b, "SELECT path, reason, source, sha256 FROM quarantine ORDER BY id DESC LIMIT 1")[0]
    assert "other content" in kept["reason"] and row["sop_instance_uid"] in kept["reason"]
    assert kept["source"] == f"peer:{a.site_id}" and kept["sha256"] == sha256(path)
    assert sha256(b.home / "quarantine" / kept["path"]) == sha256(path)  # their corrected bytes, kept whole
    assert not any((b.home / "spool" / "incoming").iterdir())
