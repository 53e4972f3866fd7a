"""SQL for the local patient index (`patients` table, migration 0001): load, upsert, merge.

Records are `PatientRecord`s; a record retired by a merge keeps its row with `merged_into` set to the
surviving id and is no longer loaded into the index.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from appliance.domain import PatientRecord
from appliance.store.state import StateStore, now_iso

_UPSERT = """INSERT INTO patients (id, family_name, given_name, birth_date, sex, niss, source, merged_into, updated_at)
             VALUES (:id, :family_name, :given_name, :birth_date, :sex, :niss, :source, '', :updated_at)
             ON CONFLICT(id) DO UPDATE SET family_name = excluded.family_name, given_name = excluded.given_name,
                 birth_date = excluded.birth_date, sex = excluded.sex, niss = excluded.niss,
                 source = excluded.source, merged_into = '', updated_at = excluded.updated_at"""


def load_active(store: StateStore) -> list[PatientRecord]:
    """Every local record not retired by a merge."""
    rows = store.database.query(
        """SELECT id, family_name, given_name, birth_date, sex, niss, source FROM patients
           WHERE merged_into = '' ORDER BY id"""
    )
    return [PatientRecord(id=str(r["id"]), family_name=str(r["family_name"]), given_name=str(r["given_name"]),
                          birth_date=str(r["birth_date"]), sex=str(r["sex"]), niss=str(r["niss"]),
                          source=str(r["source"])) for r in rows]


IMPORT_ACTION = "patient-import"
"""Audit action of an import by another process (the CLI): a running engine picks those records up."""


def upsert(store: StateStore, records: Sequence[PatientRecord], who: str = "engine",
           action: str = "patient-index", subject: str = "upsert") -> int:
    """Insert or update records (one transaction, one audit entry with counts and sources only)."""
    if not records:
        return 0
    stamp = now_iso()
    with store.database.transaction() as conn:
        conn.executemany(_UPSERT, [{**asdict(r), "updated_at": stamp} for r in records])
        sources = sorted({r.source for r in records})
        conn.execute(
            "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (stamp, who, action, subject, json.dumps({"records": len(records), "sources": sources}, sort_keys=True)),
        )
    return len(records)


def audit_high_water(store: StateStore) -> int:
    """The id of the latest audit entry (read before loading the index, to catch up from later)."""
    rows = store.database.query("SELECT coalesce(max(id), 0) AS top FROM audit")
    return int(rows[0]["top"])


def imports_after(store: StateStore, after_id: int) -> list[tuple[int, str]]:
    """(audit id, time) of the CLI imports journaled after `after_id`, oldest first."""
    rows = store.database.query(
        "SELECT id, at FROM audit WHERE id > ? AND action = ? ORDER BY id", (after_id, IMPORT_ACTION)
    )
    return [(int(r["id"]), str(r["at"])) for r in rows]


def updated_since(store: StateStore, stamp: str) -> list[PatientRecord]:
    """Active records written at or after `stamp` (an import's time)."""
    rows = store.database.query(
        """SELECT id, family_name, given_name, birth_date, sex, niss, source FROM patients
           WHERE merged_into = '' AND updated_at >= ? ORDER BY id""", (stamp,)
    )
    return [PatientRecord(id=str(r["id"]), family_name=str(r["family_name"]), given_name=str(r["given_name"]),
                          birth_date=str(r["birth_date"]), sex=str(r["sex"]), niss=str(r["niss"]),
                          source=str(r["source"])) for r in rows]


def merge(store: StateStore, surviving: PatientRecord, retired_id: str, who: str = "engine") -> None:
    """Store the surviving record and retire `retired_id` into it (HL7 A40)."""
    stamp = now_iso()
    with store.database.transaction() as conn:
        conn.execute(_UPSERT, {**asdict(surviving), "updated_at": stamp})
        conn.execute(
            """INSERT INTO patients (id, merged_into, updated_at) VALUES (?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET merged_into = excluded.merged_into, updated_at = excluded.updated_at""",
            (retired_id, surviving.id, stamp),
        )
        conn.execute(
            "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, ?, 'patient-merge', ?, ?)",
            (stamp, who, surviving.id, json.dumps({"retired": retired_id, "surviving": surviving.id})),
        )
