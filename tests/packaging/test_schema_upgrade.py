"""A database written by the previous release's schema opens with the current StateStore, data intact."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from appliance.store.database import migrations
from appliance.store.state import StateStore

# The previous release shipped migrations 1..PREVIOUS. When a release adds migration N+1, bump this so
# the fixture keeps being built by the schema technicians really have on disk.
PREVIOUS_RELEASE_SCHEMA = 1
STAMP = "2026-11-01T08:00:00.000+00:00"


def previous_release_database(path: Path) -> None:
    """What the previous release left on disk: its migrations applied by hand, with rows in every area."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    for version, _name, sql in migrations()[:PREVIOUS_RELEASE_SCHEMA]:
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version={version};\nCOMMIT;")
    conn.executescript(f"""
        BEGIN;
        INSERT INTO studies (study_uid, patient_id, origin, created_at, updated_at)
            VALUES ('1.2.826.0.1.3680043.10.1', 'P-1', 'local', '{STAMP}', '{STAMP}');
        INSERT INTO series (series_uid, study_uid, modality)
            VALUES ('1.2.826.0.1.3680043.10.1.1', '1.2.826.0.1.3680043.10.1', 'CT');
        INSERT INTO instances (sop_instance_uid, series_uid, study_uid, sop_class_uid, path, size, sha256,
                               source, received_at)
            VALUES ('1.2.826.0.1.3680043.10.1.1.1', '1.2.826.0.1.3680043.10.1.1', '1.2.826.0.1.3680043.10.1',
                    '1.2.840.10008.5.1.4.1.1.2', 'studies/a/1.dcm', 1234, '{"ab" * 32}', 'scp', '{STAMP}');
        INSERT INTO transfers (id, direction, peer, study_uid, state, files_total, bytes_total, created_at,
                               updated_at)
            VALUES ('t1', 'out', 'siteb', '1.2.826.0.1.3680043.10.1', 'sending', 1, 1234, '{STAMP}', '{STAMP}');
        INSERT INTO transfer_files (transfer_id, file_index, sop_instance_uid, size, sha256)
            VALUES ('t1', 0, '1.2.826.0.1.3680043.10.1.1.1', 1234, '{"ab" * 32}');
        INSERT INTO decisions (transfer_id, study_uid, kind, decided_by, decided_at)
            VALUES ('t2', '1.2.826.0.1.3680043.10.2', 'review', 'engine', '{STAMP}');
        INSERT INTO audit (at, who, action, subject) VALUES ('{STAMP}', 'engine', 'queue', 't1');
        COMMIT;
    """)
    conn.close()


def test_previous_release_database_opens_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite"
    previous_release_database(db)

    store = StateStore(db)
    try:
        assert store.database.schema_version() == len(migrations())
        assert store.count_instances() == 1
        assert store.instance("1.2.826.0.1.3680043.10.1.1.1") is not None
        [transfer] = store.transfers()
        assert (transfer.id, str(transfer.state), transfer.files_total) == ("t1", "sending", 1)
        assert store.review_queue_size() == 1
        assert [e["action"] for e in store.audit_entries()] == ["queue"]
        # And the upgraded database takes new writes.
        store.audit("test", "upgrade-check")
        assert len(store.audit_entries()) == 2
    finally:
        store.close()

    # Opening again applies nothing twice.
    again = StateStore(db)
    try:
        assert again.database.schema_version() == len(migrations())
        assert again.count_instances() == 1
    finally:
        again.close()


def test_the_previous_release_schema_is_a_prefix_of_the_current_migrations() -> None:
    names = [name for _v, name, _sql in migrations()]
    assert len(names) >= PREVIOUS_RELEASE_SCHEMA
    assert all(re.match(r"^\d{4}_", n) for n in names)
