"""Studies, instances, quarantine, transfers and audit: the engine's reads and writes of its state."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from appliance.domain import Direction, InstanceRef, TransferProgress, TransferState
from appliance.errors import BadInput
from appliance.store.database import Database


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# An instance whose file a finished spool purge removed (appliance/store/retention.py): its row stays for
# history and for the receiver's "already held" check, but the spool no longer has the file.
GONE = ("(instances.purged_at != '' AND EXISTS (SELECT 1 FROM spool_purges p WHERE p.id = instances.purge_id"
        " AND p.finished_at != ''))")


@dataclass(frozen=True)
class StudyAttributes:
    """Study- and series-level attributes recorded with an instance (stays in the database, never logged)."""

    patient_id: str = ""
    patient_name: str = ""
    birth_date: str = ""
    sex: str = ""
    accession: str = ""
    study_date: str = ""
    description: str = ""
    referring: str = ""
    modality: str = ""
    series_number: str = ""
    series_description: str = ""
    institution: str = ""
    station: str = ""


NEVER_ARRIVED_WHOLE = ("this incoming transfer never arrived whole: there is nothing to store; only the sending "
                       "site can send it again")


class StateStore:
    """All of the engine's SQL lives here and in its siblings under appliance/store/."""

    def __init__(self, path: Path) -> None:
        self.database = Database(path)

    def close(self) -> None:
        self.database.close()

    # -- instances -------------------------------------------------------------------------------
    def record_instance(
        self,
        ref: InstanceRef,
        attrs: StudyAttributes,
        source: str,
        transfer_syntax: str = "",
        calling_aet: str = "",
        origin: str = "local",
    ) -> bool:
        """Record a durable spool file. Returns False if that SOP instance was already recorded (and its file
        not purged: a purged instance that arrives again is held again, its row brought up to date)."""
        stamp = now_iso()
        with self.database.transaction() as conn:
            known = conn.execute(
                f"SELECT {GONE} FROM instances WHERE sop_instance_uid = ?", (ref.sop_instance_uid,)
            ).fetchone()
            if known and known[0]:
                conn.execute(
                    """UPDATE instances SET path = ?, size = ?, sha256 = ?, transfer_syntax = ?, received_at = ?,
                           purged_at = '', purge_id = NULL WHERE sop_instance_uid = ?""",
                    (ref.path, ref.size, ref.sha256, transfer_syntax, stamp, ref.sop_instance_uid),
                )
                return True
            if known:
                return False
            conn.execute(
                """INSERT INTO studies (study_uid, patient_id, patient_name, birth_date, sex, accession,
                       study_date, description, referring, origin, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(study_uid) DO UPDATE SET updated_at = excluded.updated_at""",
                (ref.study_uid, attrs.patient_id, attrs.patient_name, attrs.birth_date, attrs.sex,
                 attrs.accession, attrs.study_date, attrs.description, attrs.referring, origin, stamp, stamp),
            )
            conn.execute(
                """INSERT OR IGNORE INTO series (series_uid, study_uid, modality, number, description,
                       institution, station) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (ref.series_uid, ref.study_uid, attrs.modality, attrs.series_number,
                 attrs.series_description, attrs.institution, attrs.station),
            )
            conn.execute(
                """INSERT INTO instances (sop_instance_uid, series_uid, study_uid, sop_class_uid,
                       transfer_syntax, path, size, sha256, source, calling_aet, received_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (ref.sop_instance_uid, ref.series_uid, ref.study_uid, ref.sop_class_uid, transfer_syntax,
                 ref.path, ref.size, ref.sha256, source, calling_aet, stamp),
            )
        return True

    def instance(self, sop_instance_uid: str) -> InstanceRef | None:
        """The recorded instance, None if unknown or if its file was purged (so that it is stored again)."""
        rows = self.database.query(
            f"SELECT * FROM instances WHERE sop_instance_uid = ? AND NOT {GONE}", (sop_instance_uid,)
        )
        return _instance(rows[0]) if rows else None

    def instances_of_study(self, study_uid: str) -> list[InstanceRef]:
        rows = self.database.query(
            # files still in the spool first (purged ones keep their rows: appliance/store/retention.py)
            "SELECT * FROM instances WHERE study_uid = ? ORDER BY purged_at != '', series_uid, sop_instance_uid",
            (study_uid,),
        )
        return [_instance(r) for r in rows]

    def recorded_paths(self) -> set[str]:
        """Paths the spool should hold (not those of purged files)."""
        return {r["path"] for r in self.database.query(f"SELECT path FROM instances WHERE NOT {GONE}")}

    def count_instances(self) -> int:
        return int(self.database.query("SELECT count(*) AS n FROM instances")[0]["n"])

    def studies(self) -> list[dict[str, object]]:
        rows = self.database.query(
            """SELECT s.study_uid, s.study_date, s.description, s.origin, count(i.sop_instance_uid) AS instances,
                      count(DISTINCT i.series_uid) AS series, coalesce(sum(i.size), 0) AS bytes
               FROM studies s LEFT JOIN instances i ON i.study_uid = s.study_uid
               GROUP BY s.study_uid ORDER BY s.created_at"""
        )
        return [dict(r) for r in rows]

    # -- quarantine -------------------------------------------------------------------------------
    def record_quarantine(self, path: str, reason: str, source: str, sha256: str = "") -> None:
        record_quarantine(self.database, path, reason, source, sha256)

    def quarantined(self) -> list[dict[str, object]]:
        return [dict(r) for r in self.database.query("SELECT * FROM quarantine ORDER BY id")]

    # -- transfers --------------------------------------------------------------------------------
    def queue_outgoing(self, peer: str, study_uid: str) -> tuple[str, bool]:
        """Queue a study for a site, freezing its current instance list. Returns (transfer id, created).

        A study already queued or sent to that site with the same instances is not queued again.
        """
        instances = self.instances_of_study(study_uid)
        with self.database.transaction() as conn:
            existing = conn.execute(
                """SELECT id, files_total FROM transfers WHERE direction = 'out' AND peer = ? AND study_uid = ?
                   AND state != 'failed' ORDER BY created_at DESC""",
                (peer, study_uid),
            ).fetchall()
            already = {
                row[0]
                for t in existing
                for row in conn.execute(
                    "SELECT sop_instance_uid FROM transfer_files WHERE transfer_id = ?", (t[0],)
                ).fetchall()
            }
            pending = [i for i in instances if i.sop_instance_uid not in already]
            if not pending:
                return (str(existing[0][0]) if existing else "", False)
            transfer_id = uuid.uuid4().hex
            stamp = now_iso()
            conn.execute(
                """INSERT INTO transfers (id, direction, peer, study_uid, state, files_total, bytes_total,
                       created_at, updated_at) VALUES (?, 'out', ?, ?, 'queued', ?, ?, ?, ?)""",
                (transfer_id, peer, study_uid, len(pending), sum(i.size for i in pending), stamp, stamp),
            )
            conn.executemany(
                """INSERT INTO transfer_files (transfer_id, file_index, sop_instance_uid, path, size, sha256)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [(transfer_id, n, i.sop_instance_uid, i.path, i.size, i.sha256) for n, i in enumerate(pending)],
            )
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'queue', ?, ?)",
                (stamp, transfer_id, json.dumps({"study_uid": study_uid, "peer": peer, "files": len(pending)})),
            )
        return transfer_id, True

    def transfers(self, limit: int = 500) -> list[TransferProgress]:
        rows = self.database.query("SELECT * FROM transfers ORDER BY created_at DESC LIMIT ?", (limit,))
        return [
            TransferProgress(
                id=r["id"], direction=Direction(r["direction"]), peer=r["peer"], study_uid=r["study_uid"],
                state=TransferState(r["state"]), files_done=r["files_done"], files_total=r["files_total"],
                bytes_done=r["bytes_done"], bytes_total=r["bytes_total"], reason=r["reason"],
            )
            for r in rows
        ]

    def set_transfer_state(self, transfer_id: str, state: TransferState, reason: str = "") -> None:
        with self.database.transaction() as conn:
            conn.execute(
                "UPDATE transfers SET state = ?, reason = ?, updated_at = ? WHERE id = ?",
                (str(state), reason, now_iso(), transfer_id),
            )

    def retry_failed(self, transfer_id: str, out_reason: str, in_reason: str) -> str:
        """Put a failed transfer back to work, due now: an outgoing one 'queued' (`out_reason`), an incoming one
        'storing' (`in_reason`, what the incoming pipeline takes up). Returns its direction, '' if not failed.
        BadInput for an incoming transfer that never arrived whole (given up by its sender or for lack of data:
        there is nothing to store; only the sending site can start it again, by offering it anew)."""
        with self.database.transaction() as conn:
            row = conn.execute("SELECT direction FROM transfers WHERE id = ? AND state = 'failed'",
                               (transfer_id,)).fetchone()
            if row is None:
                return ""
            direction = str(row[0])
            if direction == "in" and conn.execute(
                    "SELECT 1 FROM peer_transfers WHERE transfer_id = ? AND committed_at != ''",
                    (transfer_id,)).fetchone() is None:
                raise BadInput(NEVER_ARRIVED_WHOLE)
            state, reason = (TransferState.QUEUED, out_reason) if direction == "out" else (TransferState.STORING,
                                                                                            in_reason)
            stamp = now_iso()
            conn.execute("UPDATE transfers SET state = ?, reason = ?, next_attempt = ?, updated_at = ? WHERE id = ?",
                         (str(state), reason, stamp, stamp, transfer_id))
            return direction

    def review_queue_size(self) -> int:
        rows = self.database.query(
            """SELECT count(*) AS n FROM decisions d WHERE d.kind = 'review' AND d.reversed = 0
               AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.transfer_id = d.transfer_id
                               AND later.id > d.id AND later.reversed = 0)"""
        )
        return int(rows[0]["n"])

    def mark_stored(self, transfer_id: str, detail: dict[str, object]) -> None:
        """The PACS holds every file of an incoming transfer: state 'done' and the 'pacs-stored' journal entry in
        one transaction (a crash can leave neither, and the push is then redone, never one without the other)."""
        stamp = now_iso()
        with self.database.transaction() as conn:
            conn.execute("UPDATE transfers SET state = ?, reason = '', updated_at = ? WHERE id = ?",
                         (str(TransferState.DONE), stamp, transfer_id))
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'pacs-stored', ?, ?)",
                (stamp, transfer_id, json.dumps(detail, sort_keys=True)),
            )

    # -- audit ------------------------------------------------------------------------------------
    def audit(self, who: str, action: str, subject: str = "", detail: dict[str, object] | None = None) -> None:
        with self.database.transaction() as conn:
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                (now_iso(), who, action, subject, json.dumps(detail or {}, sort_keys=True)),
            )

    def audit_entries(self, limit: int = 1000) -> list[dict[str, object]]:
        return [dict(r) for r in self.database.query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))]


def _instance(row: object) -> InstanceRef:
    r = row  # sqlite3.Row
    return InstanceRef(
        study_uid=r["study_uid"], series_uid=r["series_uid"], sop_instance_uid=r["sop_instance_uid"],  # type: ignore[index]
        sop_class_uid=r["sop_class_uid"], path=r["path"], size=r["size"], sha256=r["sha256"],  # type: ignore[index]
    )


def record_quarantine(database: Database, path: str, reason: str, source: str, sha256: str = "") -> None:
    """A quarantined file's row: counted in `status`, listed with its reason."""
    with database.transaction() as conn:
        conn.execute(
            "INSERT INTO quarantine (path, reason, source, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
            (path, reason, source, sha256, now_iso()),
        )
