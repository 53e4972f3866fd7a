"""SQL for the incoming pipeline: engine decisions, the latest decision of a transfer, claiming a study for its push."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from appliance.store.state import StateStore, now_iso

_LATEST = """NOT EXISTS (SELECT 1 FROM decisions later WHERE later.transfer_id = d.transfer_id
             AND later.id > d.id AND later.reversed = 0)"""


def record_engine_decision(
    store: StateStore, transfer_id: str, study_uid: str, kind: str, matched_id: str, score: float,
    candidates_json: str, reasons: Sequence[str],
) -> int:
    """An automatic decision (decided_by 'engine') and its audit entry (why, score), in one transaction."""
    stamp = now_iso()
    with store.database.transaction() as conn:
        cursor = conn.execute(
            """INSERT INTO decisions (transfer_id, study_uid, kind, matched_id, score, candidates, decided_by,
                   decided_at, reasons) VALUES (?, ?, ?, ?, ?, ?, 'engine', ?, ?)""",
            (transfer_id, study_uid, kind, matched_id, score, candidates_json, stamp, json.dumps(list(reasons))),
        )
        decision_id = int(cursor.lastrowid or 0)
        detail = {"decision_id": decision_id, "kind": kind, "matched_id": matched_id, "score": score,
                  "study_uid": study_uid, "why": list(reasons), "manual": False}
        conn.execute("INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'decision', ?, ?)",
                     (stamp, transfer_id, json.dumps(detail, sort_keys=True)))
    return decision_id


def latest_decision(store: StateStore, transfer_id: str) -> sqlite3.Row | None:
    """The transfer's decision in force (the newest not reversed), if any."""
    rows = store.database.query(
        f"SELECT d.* FROM decisions d WHERE d.transfer_id = ? AND d.reversed = 0 AND {_LATEST}", (transfer_id,)
    )
    return rows[0] if rows else None


def incoming_in_state(store: StateStore, state: str, reason: str | None = None) -> list[sqlite3.Row]:
    """Incoming transfers in a state (and with exactly that reason when given), oldest first."""
    if reason is None:
        return store.database.query(
            "SELECT * FROM transfers WHERE direction = 'in' AND state = ? ORDER BY created_at", (state,))
    return store.database.query(
        "SELECT * FROM transfers WHERE direction = 'in' AND state = ? AND reason = ? ORDER BY created_at",
        (state, reason))


def manual_decisions_due(store: StateStore, decided_before: str) -> list[sqlite3.Row]:
    """Transfers in review whose decision in force is a person's (link/new/reject) taken before the time given."""
    return store.database.query(
        f"""SELECT d.*, t.peer FROM decisions d JOIN transfers t ON t.id = d.transfer_id
            WHERE t.direction = 'in' AND t.state = 'review' AND d.reversed = 0 AND d.kind != 'review'
              AND d.decided_by != 'engine' AND d.decided_at <= ? AND {_LATEST}
            ORDER BY d.id""",
        (decided_before,),
    )


def claim_for_push(store: StateStore, transfer_id: str, decision_id: int, state: str, reason: str) -> bool:
    """Move a transfer from 'review' to `state` only if `decision_id` is still the decision in force.

    Undo (appliance/store/review.py) refuses once the state is 'storing' or 'done', so after a successful
    claim the decision stands.
    """
    with store.database.transaction() as conn:
        row = conn.execute(
            f"SELECT 1 FROM decisions d WHERE d.id = ? AND d.transfer_id = ? AND d.reversed = 0 AND {_LATEST}",
            (decision_id, transfer_id),
        ).fetchone()
        if row is None:
            return False
        cursor = conn.execute(
            "UPDATE transfers SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'review'",
            (state, reason, now_iso(), transfer_id),
        )
        return cursor.rowcount == 1


def instance_source(store: StateStore, sop_instance_uid: str) -> str:
    """How an instance entered the spool ('scp', 'peer', 'import'...); '' when unknown."""
    rows = store.database.query("SELECT source FROM instances WHERE sop_instance_uid = ?", (sop_instance_uid,))
    return str(rows[0]["source"]) if rows else ""


def transfer_state(store: StateStore, transfer_id: str) -> tuple[str, str]:
    """(state, reason) of a transfer; ('', '') when unknown."""
    rows = store.database.query("SELECT state, reason FROM transfers WHERE id = ?", (transfer_id,))
    return (str(rows[0]["state"]), str(rows[0]["reason"])) if rows else ("", "")


def purged_peer_instances(store: StateStore, study_uid: str) -> int:
    """How many of the study's instances from peer sites were purged (stored in the PACS or rejected, then
    removed from the spool by retention)."""
    rows = store.database.query(
        "SELECT count(*) AS n FROM instances WHERE study_uid = ? AND source = 'peer' AND purged_at != ''",
        (study_uid,))
    return int(rows[0]["n"])


def peer_instance_paths(store: StateStore, study_uid: str, transfer_id: str = "") -> list[str]:
    """Spool paths of the study's instances received from peer sites (never local ones), in a stable order;
    not those purged after an earlier transfer of the study was stored (the PACS holds them already).

    With `transfer_id`: only the instances that transfer carried (its manifest), and never one that another
    transfer of the study also carried and a person rejected: a rejection stands for those files."""
    if not transfer_id:
        rows = store.database.query(
            """SELECT path FROM instances WHERE study_uid = ? AND source = 'peer' AND purged_at = ''
               ORDER BY series_uid, sop_instance_uid""",
            (study_uid,))
        return [str(r["path"]) for r in rows]
    rows = store.database.query(
        f"""SELECT i.path FROM instances i
            JOIN transfer_files f ON f.sop_instance_uid = i.sop_instance_uid AND f.transfer_id = :transfer
            WHERE i.study_uid = :study AND i.source = 'peer' AND i.purged_at = ''
              AND NOT EXISTS (SELECT 1 FROM transfer_files g JOIN decisions d ON d.transfer_id = g.transfer_id
                              WHERE g.sop_instance_uid = i.sop_instance_uid AND g.transfer_id != :transfer
                                AND d.kind = 'reject' AND d.reversed = 0 AND {_LATEST})
            ORDER BY i.series_uid, i.sop_instance_uid""",
        {"transfer": transfer_id, "study": study_uid})
    return [str(r["path"]) for r in rows]


def carried_files(store: StateStore, transfer_id: str) -> int:
    """How many files a transfer's manifest lists."""
    rows = store.database.query("SELECT count(*) AS n FROM transfer_files WHERE transfer_id = ?", (transfer_id,))
    return int(rows[0]["n"])


def study_decisions(store: StateStore, study_uid: str, transfer_id: str, acted: bool = False) -> list[sqlite3.Row]:
    """The decisions in force (link, new or reject) of the study's other incoming transfers, newest first;
    with `acted`, only those already acted on (a person's decision past its grace: no undo any more)."""
    return store.database.query(
        f"""SELECT d.*, t.peer FROM decisions d JOIN transfers t ON t.id = d.transfer_id
            WHERE t.direction = 'in' AND d.study_uid = ? AND d.transfer_id != ? AND d.reversed = 0
              AND d.kind IN ('link', 'new', 'reject') AND {_LATEST}
              AND (? = 0 OR t.state IN ('storing', 'done'))
            ORDER BY d.id DESC""",
        (study_uid, transfer_id, int(acted)))
