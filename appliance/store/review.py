"""SQL for the review queue and the audit journal: pending cases, manual decisions, undo, journal queries."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from appliance.errors import BadInput
from appliance.store.state import StateStore, now_iso

PUSHED_STATES = ("storing", "done")
"""Once the incoming transfer is in one of these states the study is (being) pushed: no more undo."""

_LATEST_IS = """NOT EXISTS (SELECT 1 FROM decisions later WHERE later.transfer_id = d.transfer_id
                AND later.id > d.id AND later.reversed = 0)"""


def pending_review_rows(store: StateStore) -> list[sqlite3.Row]:
    """Review decisions still waiting for a human, oldest first, with the incoming study's attributes and the
    reason of its transfer (which says why the engine asked a person)."""
    return store.database.query(
        f"""SELECT d.id, d.transfer_id, d.study_uid, d.candidates, d.decided_at, d.score,
                   coalesce(s.patient_id, '') AS patient_id, coalesce(s.patient_name, '') AS patient_name,
                   coalesce(s.birth_date, '') AS birth_date, coalesce(s.sex, '') AS sex,
                   coalesce(s.study_date, '') AS study_date, coalesce(s.description, '') AS description,
                   coalesce(t.peer, s.origin, '') AS peer, coalesce(t.reason, '') AS transfer_reason
            FROM decisions d
            LEFT JOIN studies s ON s.study_uid = d.study_uid
            LEFT JOIN transfers t ON t.id = d.transfer_id
            WHERE d.kind = 'review' AND d.reversed = 0 AND {_LATEST_IS}
            ORDER BY d.id"""
    )


def patients_by_id(store: StateStore, ids: Sequence[str]) -> dict[str, sqlite3.Row]:
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = store.database.query(f"SELECT * FROM patients WHERE id IN ({marks})", tuple(ids))
    return {str(r["id"]): r for r in rows}


def search_patients(
    store: StateStore, family: str, given: str, birth_date: str, niss: str, limit: int
) -> list[sqlite3.Row]:
    """Local index records matching every criterion given (names by prefix, case-insensitive)."""
    clauses = ["merged_into = ''"]
    params: list[object] = []
    if family:
        clauses.append("lower(family_name) LIKE ? ESCAPE '\\'")
        params.append(_like_prefix(family))
    if given:
        clauses.append("lower(given_name) LIKE ? ESCAPE '\\'")
        params.append(_like_prefix(given))
    if birth_date:
        clauses.append("birth_date = ?")
        params.append(birth_date)
    if niss:
        clauses.append("replace(replace(replace(niss, '.', ''), '-', ''), ' ', '') = ?")
        params.append(niss)
    params.append(limit)
    return store.database.query(
        f"""SELECT * FROM patients WHERE {' AND '.join(clauses)}
            ORDER BY family_name, given_name, birth_date LIMIT ?""",
        tuple(params),
    )


def _like_prefix(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def insert_manual_decision(
    store: StateStore,
    case_id: int,
    kind: str,
    matched_id: str,
    who: str,
    reasons: Sequence[str],
) -> tuple[int, str, str, str]:
    """Record a human decision on a pending review case, with its audit entry, in one transaction.

    Returns (decision id, transfer id, study uid, decided_at). Refuses a case that is no longer pending.
    """
    stamp = now_iso()
    with store.database.transaction() as conn:
        row = conn.execute(
            f"""SELECT d.transfer_id, d.study_uid, d.candidates FROM decisions d
                WHERE d.id = ? AND d.kind = 'review' AND d.reversed = 0 AND {_LATEST_IS}""",
            (case_id,),
        ).fetchone()
        if row is None:
            raise BadInput("this patient has already been handled (by someone else or an earlier action)")
        transfer_id, study_uid, candidates = str(row[0]), str(row[1]), str(row[2])
        score = _candidate_score(candidates, matched_id)
        cursor = conn.execute(
            """INSERT INTO decisions (transfer_id, study_uid, kind, matched_id, score, candidates,
                   decided_by, decided_at, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (transfer_id, study_uid, kind, matched_id, score, candidates, who, stamp, json.dumps(list(reasons))),
        )
        decision_id = int(cursor.lastrowid or 0)
        detail = {"decision_id": decision_id, "case_id": case_id, "kind": kind, "matched_id": matched_id,
                  "score": score, "study_uid": study_uid, "reasons": list(reasons), "manual": True}
        conn.execute(
            "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, ?, 'decision', ?, ?)",
            (stamp, who, transfer_id, json.dumps(detail, sort_keys=True)),
        )
    return decision_id, transfer_id, study_uid, stamp


def _candidate_score(candidates_json: str, matched_id: str) -> float:
    if not matched_id:
        return 0.0
    data = json.loads(candidates_json or "[]")
    items = data.get("candidates", []) if isinstance(data, dict) else data
    for item in items:
        if isinstance(item, dict) and str(item.get("patient_id", "")) == matched_id:
            return float(item.get("score", 0.0))
    return 0.0


def reverse_decision(store: StateStore, decision_id: int, who: str) -> str:
    """Reverse a manual decision while its study is not pushed; returns the transfer id."""
    with store.database.transaction() as conn:
        row = conn.execute(
            f"""SELECT d.transfer_id, d.study_uid, d.kind, d.decided_by, d.reversed,
                       coalesce(t.state, '') AS state
                FROM decisions d LEFT JOIN transfers t ON t.id = d.transfer_id
                WHERE d.id = ? AND {_LATEST_IS}""",
            (decision_id,),
        ).fetchone()
        if row is None or row[4] or row[3] == "engine" or row[2] == "review":
            raise BadInput("this decision cannot be undone (it is not the latest manual decision)")
        if row[5] in PUSHED_STATES:
            raise BadInput("this study has already been sent to the PACS; the decision can no longer be undone")
        conn.execute("UPDATE decisions SET reversed = 1 WHERE id = ?", (decision_id,))
        detail = {"decision_id": decision_id, "kind": row[2], "study_uid": row[1]}
        conn.execute(
            "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, ?, 'undo', ?, ?)",
            (now_iso(), who, row[0], json.dumps(detail, sort_keys=True)),
        )
        return str(row[0])


def latest_decision(store: StateStore, transfer_id: str) -> sqlite3.Row | None:
    """The standing (latest, not reversed) decision of a transfer, with the transfer's state; None if none."""
    rows = store.database.query(
        f"""SELECT d.*, coalesce(t.state, '') AS transfer_state FROM decisions d
            LEFT JOIN transfers t ON t.id = d.transfer_id
            WHERE d.transfer_id = ? AND d.reversed = 0 AND {_LATEST_IS}
            ORDER BY d.id DESC LIMIT 1""",
        (transfer_id,),
    )
    return rows[0] if rows else None


def undoable_rows(store: StateStore, limit: int) -> list[sqlite3.Row]:
    """Manual decisions that are still the latest for their transfer and whose study is not pushed."""
    return store.database.query(
        f"""SELECT d.*, coalesce(t.state, '') AS transfer_state FROM decisions d
            LEFT JOIN transfers t ON t.id = d.transfer_id
            WHERE d.reversed = 0 AND d.decided_by != 'engine' AND d.kind != 'review' AND {_LATEST_IS}
              AND coalesce(t.state, '') NOT IN ({",".join("?" for _ in PUSHED_STATES)})
            ORDER BY d.id DESC LIMIT ?""",
        (*PUSHED_STATES, limit),
    )


def journal_rows(
    store: StateStore, since: str, until: str, who: str, action: str, text: str, limit: int
) -> list[sqlite3.Row]:
    """Audit entries, newest first, filtered by time range (ISO prefixes), person, action and free text."""
    clauses: list[str] = []
    params: list[object] = []
    if since:
        clauses.append("at >= ?")
        params.append(since)
    if until:
        clauses.append("at < ?")
        params.append(until)
    if who:
        clauses.append("who = ?")
        params.append(who)
    if action:
        clauses.append("action = ?")
        params.append(action)
    if text:
        clauses.append("(subject LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\')")
        pattern = "%" + _like_prefix(text)[:-1] + "%"
        params += [pattern, pattern]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    params.append(limit)
    return store.database.query(f"SELECT * FROM audit {where} ORDER BY id DESC LIMIT ?", tuple(params))


def journal_values(store: StateStore) -> tuple[list[str], list[str]]:
    """The distinct people and actions in the journal (for filter menus)."""
    people = [str(r[0]) for r in store.database.query("SELECT DISTINCT who FROM audit ORDER BY who")]
    actions = [str(r[0]) for r in store.database.query("SELECT DISTINCT action FROM audit ORDER BY action")]
    return people, actions


def insert_review_case(
    store: StateStore,
    transfer_id: str,
    study_uid: str,
    peer: str,
    study: dict[str, str],
    candidates_json: str,
    score: float,
    reason: str = "",
) -> int:
    """Record an incoming study waiting for review (study row, incoming transfer, review decision, audit).

    An existing transfer still 'storing' (received, being reconciled) becomes 'review' with `reason` in the
    same transaction, so that no crash can leave the case recorded and the transfer looking undecided."""
    stamp = now_iso()
    with store.database.transaction() as conn:
        conn.execute(
            """INSERT OR IGNORE INTO studies (study_uid, patient_id, patient_name, birth_date, sex,
                   study_date, description, origin, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (study_uid, study.get("patient_id", ""), study.get("patient_name", ""), study.get("birth_date", ""),
             study.get("sex", ""), study.get("study_date", ""), study.get("description", ""), peer, stamp, stamp),
        )
        conn.execute(
            """INSERT OR IGNORE INTO transfers (id, direction, peer, study_uid, state, created_at, updated_at)
               VALUES (?, 'in', ?, ?, 'review', ?, ?)""",
            (transfer_id, peer, study_uid, stamp, stamp),
        )
        conn.execute(
            "UPDATE transfers SET state = 'review', reason = ?, updated_at = ? WHERE id = ? AND state = 'storing'",
            (reason, stamp, transfer_id),
        )
        cursor = conn.execute(
            """INSERT INTO decisions (transfer_id, study_uid, kind, score, candidates, decided_by, decided_at)
               VALUES (?, ?, 'review', ?, ?, 'engine', ?)""",
            (transfer_id, study_uid, score, candidates_json, stamp),
        )
        case_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'decision', ?, ?)",
            (stamp, transfer_id, json.dumps({"decision_id": case_id, "kind": "review", "score": score,
                                             "study_uid": study_uid}, sort_keys=True)),
        )
    return case_id


def upsert_patients(store: StateStore, rows: Sequence[dict[str, str]]) -> int:
    """Insert or update local index records (id, names, birth date, sex, NISS, source)."""
    stamp = now_iso()
    with store.database.transaction() as conn:
        conn.executemany(
            """INSERT INTO patients (id, family_name, given_name, birth_date, sex, niss, source, updated_at)
               VALUES (:id, :family_name, :given_name, :birth_date, :sex, :niss, :source, :updated_at)
               ON CONFLICT(id) DO UPDATE SET family_name = excluded.family_name,
                   given_name = excluded.given_name, birth_date = excluded.birth_date, sex = excluded.sex,
                   niss = excluded.niss, source = excluded.source, updated_at = excluded.updated_at""",
            [{**r, "updated_at": stamp} for r in rows],
        )
    return len(rows)


def patient_names_of_studies(store: StateStore, study_uids: Sequence[str]) -> dict[str, str]:
    if not study_uids:
        return {}
    marks = ",".join("?" for _ in study_uids)
    rows = store.database.query(
        f"SELECT study_uid, patient_name FROM studies WHERE study_uid IN ({marks})", tuple(study_uids)
    )
    return {str(r["study_uid"]): str(r["patient_name"]) for r in rows}
