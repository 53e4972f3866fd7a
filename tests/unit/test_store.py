"""State database: migrations, instance records, transfers queue; spool durability helpers."""

import sqlite3
from pathlib import Path

import pytest

from appliance.domain import InstanceRef, TransferState
from appliance.errors import BadInput, InvalidDicom
from appliance.store.database import migrations
from appliance.store.spool import Spool, check_uid
from appliance.store.state import StateStore, StudyAttributes


def ref(n: int, study: str = "1.2.3", series: str = "1.2.3.1") -> InstanceRef:
    return InstanceRef(study_uid=study, series_uid=series, sop_instance_uid=f"{series}.{n}",
                       sop_class_uid="1.2.840.10008.5.1.4.1.1.2", path=f"studies/{study}/{n}.dcm",
                       size=100 + n, sha256="ab" * 32)


def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    assert store.database.schema_version() == len(migrations()) >= 1
    store.close()
    again = StateStore(tmp_path / "s.sqlite")
    assert again.database.schema_version() == len(migrations())
    mode = again.database.query("PRAGMA journal_mode")[0][0]
    assert mode == "wal"


def test_record_instance_is_idempotent(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    assert store.record_instance(ref(1), StudyAttributes(), "scp") is True
    assert store.record_instance(ref(1), StudyAttributes(), "scp") is False
    assert store.count_instances() == 1
    assert store.instance("1.2.3.1.1") == ref(1)


def test_queue_outgoing_freezes_files_and_never_duplicates(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    for n in range(3):
        store.record_instance(ref(n), StudyAttributes(), "import")
    tid, created = store.queue_outgoing("siteb", "1.2.3")
    assert created and tid
    assert store.queue_outgoing("siteb", "1.2.3") == (tid, False)
    # a series added later goes as an addition carrying only the new files
    store.record_instance(ref(9, series="1.2.3.2"), StudyAttributes(), "import")
    tid2, created2 = store.queue_outgoing("siteb", "1.2.3")
    assert created2 and tid2 != tid
    transfers = {t.id: t for t in store.transfers()}
    assert transfers[tid].files_total == 3 and transfers[tid2].files_total == 1
    assert transfers[tid].state == TransferState.QUEUED
    # another site gets its own transfer
    assert store.queue_outgoing("sitec", "1.2.3")[1] is True


def test_retry_failed_requeues_outgoing_and_resumes_incoming_only_from_failed(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    store.record_instance(ref(0), StudyAttributes(), "import")
    out_id, _ = store.queue_outgoing("siteb", "1.2.3")
    with store.database.transaction() as conn:
        conn.execute("""INSERT INTO transfers (id, direction, peer, study_uid, state, reason, created_at, updated_at)
                        VALUES ('in-1', 'in', 'sitea', '1.2.9', 'failed', 'PACS push failed', '', '')""")
        conn.execute("""INSERT INTO peer_transfers (transfer_id, protocol_id, signed_manifest, transfer_key,
                        committed_at) VALUES ('in-1', x'01', x'', x'', '2026-11-23T10:00:00')""")
        # given up before it arrived whole (cancelled by its sender): nothing to store, no retry here
        conn.execute("""INSERT INTO transfers (id, direction, peer, study_uid, state, reason, created_at, updated_at)
                        VALUES ('in-2', 'in', 'sitea', '1.2.8', 'failed', 'cancelled by the sending site', '', '')""")
        conn.execute("""INSERT INTO peer_transfers (transfer_id, protocol_id, signed_manifest, transfer_key)
                        VALUES ('in-2', x'02', x'', x'')""")
    assert store.retry_failed(out_id, "retry asked by anne", "received") == ""  # queued, not failed: untouched
    store.set_transfer_state(out_id, TransferState.FAILED, "cancelled by anne")
    assert store.retry_failed(out_id, "retry asked by anne", "received") == "out"
    assert store.retry_failed("in-1", "retry asked by anne", "received") == "in"
    with pytest.raises(BadInput, match="never arrived whole"):
        store.retry_failed("in-2", "retry asked by anne", "received")
    states = {t.id: (t.state, t.reason) for t in store.transfers()}
    assert states[out_id] == (TransferState.QUEUED, "retry asked by anne")
    assert states["in-1"] == (TransferState.STORING, "received")
    assert store.retry_failed("unknown", "x", "y") == ""


def test_only_the_store_writes_sql(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "appliance"
    offenders = []
    for path in root.rglob("*.py"):
        if "store" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "import sqlite3" in text or (".execute(" in text and "SELECT" in text.upper()):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


@pytest.mark.parametrize("uid", ["", "1.2.a", "../../etc", "1..2", "1.2.", "1" * 65])
def test_unsafe_uids_are_refused(uid: str) -> None:
    with pytest.raises(InvalidDicom):
        check_uid(uid, "SOPInstanceUID")


def test_write_stream_is_atomic_and_hashes(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool", tmp_path / "q")
    final = spool.absolute(spool.relative_path("1.2", "1.2.3", "1.2.3.4"))
    size, digest = spool.write_stream([b"abc", b"def"], final)
    assert final.read_bytes() == b"abcdef" and size == 6
    assert digest == "bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721"
    assert list(spool.tmp.iterdir()) == []


def test_quarantine_keeps_the_bytes_and_the_reason(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool", tmp_path / "q")
    kept = spool.quarantine(b"garbage", "not a DICOM file", "scp:MODALITY")
    assert kept.read_bytes() == b"garbage"
    assert "not a DICOM file" in kept.with_suffix(".reason.txt").read_text()


def test_wal_allows_a_second_process_to_read_while_writing(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite")
    store.record_instance(ref(1), StudyAttributes(), "scp")
    reader = sqlite3.connect(tmp_path / "s.sqlite")
    assert reader.execute("SELECT count(*) FROM instances").fetchone()[0] == 1
