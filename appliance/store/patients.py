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


def upsert(store: StateStore, records: Sequence[PatientRecord], who: str = "engine") -> int:
    """Insert or update records (one transaction, one audit entry with counts and ids only)."""
    if not records:
        return 0
    stamp = now_iso()
    with store.database.transaction() as conn:
        conn.executemany(_UPSERT, [{**asdict(r), "updated_at": stamp} for r in records])
        sources = sorted({r.source for r in records})
        conn.execute(
            "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, ?, 'patient-index', ?, ?)",
            (stamp, who, "upsert", json.dumps({"records": len(records), "sources": sources}, sort_keys=True)),
        )
    return len(records)


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
