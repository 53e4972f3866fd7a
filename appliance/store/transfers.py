"""Peer transfer state: the sender's frozen manifest and key, the receiver's chunk journal, receipts, progress.

All SQL of the peer transfers lives here. The receiver's discipline (docs/protocol.md): a chunk is
recorded only after its bytes are durable; `record_chunks` takes many chunks in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from appliance.domain import InstanceRef, TransferState
from appliance.store.database import Database
from appliance.store.state import StudyAttributes, now_iso, record_quarantine

ACTIVE_OUT = ("queued", "sending")


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    """One spool file an outgoing transfer carries."""

    file_index: int
    series_uid: str
    sop_instance_uid: str
    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class OutgoingTransfer:
    """A queued or sending transfer, as the sender loop sees it."""

    id: str
    peer: str
    study_uid: str
    state: str
    attempts: int
    next_attempt: str
    signed_manifest: bytes
    transfer_key: bytes


@dataclass(frozen=True, slots=True)
class AbandonDue:
    """A failed outgoing transfer the receiver may still hold partially and has not yet been told about."""

    id: str
    peer: str
    signed_manifest: bytes
    transfer_key: bytes


# A failed outgoing transfer whose manifest went out (the receiver may hold part of it), without a receipt,
# and no acknowledgement of its abandon since it failed (a retried and again failed transfer is told again).
_ABANDON_DUE = """t.direction = 'out' AND t.state = 'failed' AND length(p.receipt) = 0
    AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'abandon-closed' AND a.subject = t.id
                    AND a.at > t.updated_at)"""


@dataclass(frozen=True, slots=True)
class IncomingTransfer:
    """What the receiver keeps of one incoming transfer."""

    id: str
    peer: str
    study_uid: str
    state: str
    signed_manifest: bytes
    transfer_key: bytes
    receipt: bytes
    reason: str = ""


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """One manifest file as the receiver records it."""

    file_index: int
    series_uid: str
    sop_instance_uid: str
    size: int
    sha256: str
    chunk_count: int
    verified: bool


@dataclass(frozen=True, slots=True)
class ReceivedInstance:
    """A verified file moved into the spool, with the attributes read from its header."""

    ref: InstanceRef
    attributes: StudyAttributes
    transfer_syntax: str


@dataclass(frozen=True, slots=True)
class ChunkCounts:
    """Per-transfer counters that show what crossed the wire (tests and benchmarks read them)."""

    total: int
    sent: int
    recorded: int
    repeated: int
    sessions: int
    offers: tuple[int, ...] = ()


class TransferJournal:
    """Reads and writes of the peer transfer tables; one short transaction per call."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- sender -----------------------------------------------------------------------------------
    def outgoing_due(self, now: str) -> list[OutgoingTransfer]:
        """Outgoing transfers to work on now (queued or sending, next attempt reached), oldest first."""
        rows = self.database.query(
            """SELECT t.id, t.peer, t.study_uid, t.state, t.attempts, t.next_attempt,
                      coalesce(p.signed_manifest, x'') AS signed_manifest, coalesce(p.transfer_key, x'') AS transfer_key
               FROM transfers t LEFT JOIN peer_transfers p ON p.transfer_id = t.id
               WHERE t.direction = 'out' AND t.state IN ('queued', 'sending') AND t.next_attempt <= ?
               ORDER BY t.created_at""",
            (now,),
        )
        return [
            OutgoingTransfer(
                r["id"], r["peer"], r["study_uid"], r["state"], r["attempts"], r["next_attempt"],
                bytes(r["signed_manifest"]), bytes(r["transfer_key"]),
            )
            for r in rows
        ]

    def next_wakeup(self) -> str:
        """The earliest `next_attempt` of an active outgoing transfer ('' when none is waiting)."""
        rows = self.database.query(
            "SELECT min(next_attempt) AS at FROM transfers WHERE direction = 'out' AND state IN ('queued', 'sending')"
        )
        return str(rows[0]["at"] or "") if rows else ""

    def outgoing_files(self, transfer_id: str) -> list[OutgoingFile]:
        rows = self.database.query(
            """SELECT f.file_index, coalesce(i.series_uid, '') AS series_uid, f.sop_instance_uid, f.path, f.size,
                      f.sha256
               FROM transfer_files f LEFT JOIN instances i ON i.sop_instance_uid = f.sop_instance_uid
               WHERE f.transfer_id = ? ORDER BY f.file_index""",
            (transfer_id,),
        )
        return [
            OutgoingFile(r["file_index"], r["series_uid"], r["sop_instance_uid"], r["path"], r["size"], r["sha256"])
            for r in rows
        ]

    def freeze_outgoing(
        self, transfer_id: str, protocol_id: bytes, signed_manifest: bytes, transfer_key: bytes,
        manifest_hash: str, chunks_total: int,
    ) -> None:
        """Persist the signed manifest and per-transfer key before the first offer (resume needs both)."""
        with self.database.transaction() as conn:
            conn.execute(
                """INSERT INTO peer_transfers (transfer_id, protocol_id, signed_manifest, transfer_key, chunks_total)
                   VALUES (?, ?, ?, ?, ?)""",
                (transfer_id, protocol_id, signed_manifest, transfer_key, chunks_total),
            )
            conn.execute(
                "UPDATE transfers SET manifest_hash = ?, updated_at = ? WHERE id = ?",
                (manifest_hash, now_iso(), transfer_id),
            )

    def start_attempt(self, transfer_id: str) -> None:
        """A session is about to be opened for this transfer."""
        with self.database.transaction() as conn:
            conn.execute(
                "UPDATE transfers SET state = 'sending', reason = '', updated_at = ? WHERE id = ?",
                (now_iso(), transfer_id),
            )
            conn.execute("UPDATE peer_transfers SET sessions = sessions + 1 WHERE transfer_id = ?", (transfer_id,))

    def offer_answered(self, transfer_id: str, missing_chunks: int) -> None:
        """Remember how many chunks the receiver missed when this session offered (the resume report)."""
        with self.database.transaction() as conn:
            row = conn.execute("SELECT offers FROM peer_transfers WHERE transfer_id = ?", (transfer_id,)).fetchone()
            offers = [*json.loads(row[0] if row else "[]"), missing_chunks]
            conn.execute(
                "UPDATE peer_transfers SET offers = ? WHERE transfer_id = ?", (json.dumps(offers), transfer_id)
            )

    def retry_later(self, transfer_id: str, attempts: int, next_attempt: str, reason: str) -> None:
        with self.database.transaction() as conn:
            conn.execute(
                """UPDATE transfers SET attempts = ?, next_attempt = ?, reason = ?, updated_at = ?
                   WHERE id = ? AND state IN ('queued', 'sending')""",
                (attempts, next_attempt, reason, now_iso(), transfer_id),
            )

    def chunks_sent(self, transfer_id: str, chunks: int, files_done: int, bytes_done: int) -> None:
        """Add to the sent counter and set the progress shown by `status --json`."""
        with self.database.transaction() as conn:
            conn.execute(
                "UPDATE peer_transfers SET chunks_sent = chunks_sent + ? WHERE transfer_id = ?", (chunks, transfer_id)
            )
            conn.execute(
                "UPDATE transfers SET files_done = ?, bytes_done = ?, updated_at = ? WHERE id = ?",
                (files_done, bytes_done, now_iso(), transfer_id),
            )

    def delivered(self, transfer_id: str, receipt: bytes) -> None:
        """The peer's valid receipt is in: store it, erase the transfer key, mark the transfer done."""
        with self.database.transaction() as conn:
            conn.execute(
                "UPDATE peer_transfers SET receipt = ?, transfer_key = x'', committed_at = ? WHERE transfer_id = ?",
                (receipt, now_iso(), transfer_id),
            )
            conn.execute(
                """UPDATE transfers SET state = 'done', reason = 'delivered: signed receipt stored',
                       files_done = files_total, bytes_done = bytes_total, updated_at = ? WHERE id = ?""",
                (now_iso(), transfer_id),
            )
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'delivered', ?, '{}')",
                (now_iso(), transfer_id),
            )

    def fail(self, transfer_id: str, reason: str) -> None:
        with self.database.transaction() as conn:
            conn.execute(
                "UPDATE transfers SET state = 'failed', reason = ?, updated_at = ? WHERE id = ?",
                (reason, now_iso(), transfer_id),
            )

    def abandon_due(self, transfer_id: str | None = None) -> list[AbandonDue]:
        """Failed outgoing transfers whose receiver should be told to drop its partial data (all, or one)."""
        extra, params = ("AND t.id = ?", (transfer_id,)) if transfer_id is not None else ("", ())
        rows = self.database.query(
            f"""SELECT t.id, t.peer, p.signed_manifest, p.transfer_key FROM transfers t
                JOIN peer_transfers p ON p.transfer_id = t.id WHERE {_ABANDON_DUE} {extra} ORDER BY t.updated_at""",
            params,
        )
        return [AbandonDue(r["id"], r["peer"], bytes(r["signed_manifest"]), bytes(r["transfer_key"])) for r in rows]

    def abandon_closed(self, transfer_id: str, status: str) -> None:
        """The receiver answered the abandon (status: abandoned, held or unknown), or can no longer be told
        (status says why): stop telling it."""
        with self.database.transaction() as conn:
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'abandon-closed', ?, ?)",
                (now_iso(), transfer_id, json.dumps({"status": status})),
            )

    # -- receiver ---------------------------------------------------------------------------------
    def abandon_incoming(self, transfer_id: str, reason: str, stale_before: str = "") -> bool:
        """Fail a partial incoming transfer (no receipt) and forget its journal: its chunk rows, its verified
        files, its key. The caller deletes its partial files afterwards. With `stale_before`, only if it is
        still 'receiving' and nothing was recorded for it since then. True when the transfer is failed and
        without receipt now (also when it already was: a rerun deletes the files again), False otherwise."""
        stamp = now_iso()
        with self.database.transaction() as conn:
            row = conn.execute(
                """SELECT t.state, t.updated_at, length(p.receipt) AS receipt FROM transfers t
                   JOIN peer_transfers p ON p.transfer_id = t.id WHERE t.id = ? AND t.direction = 'in'""",
                (transfer_id,),
            ).fetchone()
            if row is None or row[2] > 0:
                return False
            state, updated_at = str(row[0]), str(row[1])
            if stale_before and (state != "receiving" or updated_at > stale_before):
                return False
            if state == "failed":
                return True
            if state != "receiving":
                return False
            conn.execute(
                """UPDATE transfers SET state = 'failed', reason = ?, files_done = 0, bytes_done = 0, updated_at = ?
                   WHERE id = ?""",
                (reason, stamp, transfer_id),
            )
            conn.execute("UPDATE peer_transfers SET transfer_key = x'' WHERE transfer_id = ?", (transfer_id,))
            conn.execute("UPDATE transfer_files SET done = 0 WHERE transfer_id = ?", (transfer_id,))
            conn.execute("DELETE FROM chunks WHERE transfer_id = ?", (transfer_id,))
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'abandoned', ?, ?)",
                (stamp, transfer_id, json.dumps({"reason": reason})),
            )
        return True

    def restart_incoming(self, transfer_id: str, transfer_key: bytes, verified: Iterable[int]) -> bool:
        """The sending site offered an abandoned (failed, no receipt) transfer again: back to 'receiving' from
        nothing, with the key of its offer; `verified` are files this site already holds. False if it is not
        such a transfer any more."""
        stamp = now_iso()
        files = list(verified)
        with self.database.transaction() as conn:
            row = conn.execute(
                """SELECT 1 FROM transfers t JOIN peer_transfers p ON p.transfer_id = t.id
                   WHERE t.id = ? AND t.direction = 'in' AND t.state = 'failed' AND length(p.receipt) = 0""",
                (transfer_id,),
            ).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM chunks WHERE transfer_id = ?", (transfer_id,))
            conn.execute("UPDATE transfer_files SET done = 0 WHERE transfer_id = ?", (transfer_id,))
            conn.executemany("UPDATE transfer_files SET done = 1 WHERE transfer_id = ? AND file_index = ?",
                             [(transfer_id, f) for f in files])
            conn.execute(
                """UPDATE transfers SET state = 'receiving', reason = '', files_done = ?, bytes_done = 0,
                       updated_at = ? WHERE id = ?""",
                (len(files), stamp, transfer_id),
            )
            conn.execute(
                "UPDATE peer_transfers SET transfer_key = ?, sessions = sessions + 1 WHERE transfer_id = ?",
                (transfer_key, transfer_id),
            )
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'receive-restarted', ?, "
                "'{}')",
                (stamp, transfer_id),
            )
        return True

    def abandoned_incoming(self, transfer_ids: Iterable[str]) -> list[str]:
        """Those of `transfer_ids` that are failed incoming transfers without receipt (their partial files,
        if any are left, are to delete)."""
        ids = list(transfer_ids)
        found: list[str] = []
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self.database.query(
                f"""SELECT t.id FROM transfers t JOIN peer_transfers p ON p.transfer_id = t.id
                    WHERE t.id IN ({marks}) AND t.direction = 'in' AND t.state = 'failed'
                      AND length(p.receipt) = 0""",
                tuple(part),
            )
            found.extend(str(r["id"]) for r in rows)
        return found

    def incoming(self, protocol_id: bytes) -> IncomingTransfer | None:
        rows = self.database.query(
            """SELECT t.id, t.peer, t.study_uid, t.state, t.direction, p.signed_manifest, p.transfer_key, p.receipt,
                      t.reason
               FROM peer_transfers p JOIN transfers t ON t.id = p.transfer_id WHERE p.protocol_id = ?""",
            (protocol_id,),
        )
        if not rows or rows[0]["direction"] != "in":
            return None
        r = rows[0]
        return IncomingTransfer(
            r["id"], r["peer"], r["study_uid"], r["state"], bytes(r["signed_manifest"]), bytes(r["transfer_key"]),
            bytes(r["receipt"]), str(r["reason"]),
        )

    def protocol_id_taken(self, protocol_id: bytes) -> bool:
        return bool(self.database.query("SELECT 1 FROM peer_transfers WHERE protocol_id = ?", (protocol_id,)))

    def create_incoming(
        self, transfer_id: str, protocol_id: bytes, peer: str, study_uid: str, signed_manifest: bytes,
        transfer_key: bytes, files: Sequence[IncomingFile], chunks_total: int, manifest_hash: str,
    ) -> None:
        """Record an accepted offer (state 'receiving') with its manifest, key and file list."""
        stamp = now_iso()
        with self.database.transaction() as conn:
            conn.execute(
                """INSERT INTO transfers (id, direction, peer, study_uid, state, files_total, bytes_total,
                       manifest_hash, created_at, updated_at) VALUES (?, 'in', ?, ?, 'receiving', ?, ?, ?, ?, ?)""",
                (transfer_id, peer, study_uid, len(files), sum(f.size for f in files), manifest_hash, stamp, stamp),
            )
            conn.execute(
                """INSERT INTO peer_transfers (transfer_id, protocol_id, signed_manifest, transfer_key, chunks_total,
                       sessions) VALUES (?, ?, ?, ?, ?, 1)""",
                (transfer_id, protocol_id, signed_manifest, transfer_key, chunks_total),
            )
            conn.executemany(
                """INSERT INTO transfer_files (transfer_id, file_index, sop_instance_uid, series_uid, size, sha256,
                       chunk_count, done) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [(transfer_id, f.file_index, f.sop_instance_uid, f.series_uid, f.size, f.sha256, f.chunk_count,
                  int(f.verified)) for f in files],
            )
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'receive', ?, ?)",
                (stamp, transfer_id, json.dumps({"study_uid": study_uid, "peer": peer, "files": len(files)})),
            )

    def resumed(self, transfer_id: str) -> None:
        """A later session asked about this transfer again (counted for the resume report)."""
        with self.database.transaction() as conn:
            conn.execute("UPDATE peer_transfers SET sessions = sessions + 1 WHERE transfer_id = ?", (transfer_id,))

    def record_chunks(
        self, transfer_id: str, chunks: Iterable[tuple[int, int, int]], verified: Iterable[int] = ()
    ) -> None:
        """Journal (file, chunk, size) slots already durable on disk, and files already verified, in one
        transaction; repeats are harmless."""
        rows = list(chunks)
        files = list(verified)
        repeated = 0
        stamp = now_iso()
        with self.database.transaction() as conn:
            if files:
                conn.executemany(
                    "UPDATE transfer_files SET done = 1 WHERE transfer_id = ? AND file_index = ?",
                    [(transfer_id, f) for f in files],
                )
                conn.execute(
                    """UPDATE transfers SET
                           files_done = (SELECT count(*) FROM transfer_files WHERE transfer_id = ? AND done = 1)
                       WHERE id = ?""",
                    (transfer_id, transfer_id),
                )
            if not rows:
                return
            before = conn.total_changes
            conn.executemany(
                """INSERT OR IGNORE INTO chunks (transfer_id, file_index, chunk_index, size, recorded_at)
                   VALUES (?, ?, ?, ?, ?)""",
                [(transfer_id, f, c, size, stamp) for f, c, size in rows],
            )
            added = conn.total_changes - before
            conn.execute(
                """UPDATE peer_transfers SET chunks_recorded = chunks_recorded + ?,
                       chunks_repeated = chunks_repeated + ? WHERE transfer_id = ?""",
                (added, repeated + len(rows) - added, transfer_id),
            )
            conn.execute(
                """UPDATE transfers SET bytes_done = (SELECT coalesce(sum(size), 0) FROM chunks WHERE transfer_id = ?),
                       updated_at = ? WHERE id = ?""",
                (transfer_id, stamp, transfer_id),
            )

    def count_repeats(self, transfer_id: str, repeated: int) -> None:
        with self.database.transaction() as conn:
            conn.execute(
                "UPDATE peer_transfers SET chunks_repeated = chunks_repeated + ? WHERE transfer_id = ?",
                (repeated, transfer_id),
            )

    def stored_slots(self, transfer_id: str) -> list[tuple[int, int]]:
        rows = self.database.query("SELECT file_index, chunk_index FROM chunks WHERE transfer_id = ?", (transfer_id,))
        return [(r["file_index"], r["chunk_index"]) for r in rows]

    def incoming_files(self, transfer_id: str) -> list[IncomingFile]:
        rows = self.database.query(
            "SELECT * FROM transfer_files WHERE transfer_id = ? ORDER BY file_index", (transfer_id,)
        )
        return [
            IncomingFile(r["file_index"], r["series_uid"], r["sop_instance_uid"], r["size"], r["sha256"],
                         r["chunk_count"], bool(r["done"]))
            for r in rows
        ]

    def file_corrupt(self, transfer_id: str, file_index: int) -> None:
        """Forget a file's journal rows: its chunks will be asked for again."""
        with self.database.transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE transfer_id = ? AND file_index = ?", (transfer_id, file_index))
            conn.execute(
                "UPDATE transfer_files SET done = 0 WHERE transfer_id = ? AND file_index = ?", (transfer_id, file_index)
            )

    def record_quarantine(self, path: str, reason: str, source: str, sha256: str = "") -> None:
        record_quarantine(self.database, path, reason, source, sha256)

    def held_instance(self, sop_instance_uid: str) -> tuple[str, str] | None:
        """(path, sha256) of an instance already in the spool, if any."""
        rows = self.database.query(
            "SELECT path, sha256 FROM instances WHERE sop_instance_uid = ?", (sop_instance_uid,)
        )
        return (rows[0]["path"], rows[0]["sha256"]) if rows else None

    def commit_incoming(
        self, transfer_id: str, peer: str, instances: Sequence[ReceivedInstance], receipt: bytes, reason: str
    ) -> None:
        """The study is in place: record its instances (source 'peer', origin = peer site id), store the
        receipt, erase the transfer key and close the transfer, all in one transaction.

        An instance already recorded (a re-sent study, or one `Ingest.recover` re-recorded after a crash
        between the move and this transaction) is updated, never duplicated.
        """
        stamp = now_iso()
        with self.database.transaction() as conn:
            for item in instances:
                ref, a = item.ref, item.attributes
                conn.execute(
                    """INSERT INTO studies (study_uid, patient_id, patient_name, birth_date, sex, accession,
                           study_date, description, referring, origin, created_at, updated_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT(study_uid) DO UPDATE
                           SET origin = excluded.origin, updated_at = excluded.updated_at""",
                    (ref.study_uid, a.patient_id, a.patient_name, a.birth_date, a.sex, a.accession, a.study_date,
                     a.description, a.referring, peer, stamp, stamp),
                )
                conn.execute(
                    """INSERT OR IGNORE INTO series (series_uid, study_uid, modality, number, description,
                           institution, station) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (ref.series_uid, ref.study_uid, a.modality, a.series_number, a.series_description,
                     a.institution, a.station),
                )
                conn.execute(
                    """INSERT INTO instances (sop_instance_uid, series_uid, study_uid, sop_class_uid, transfer_syntax,
                           path, size, sha256, source, calling_aet, received_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'peer', ?, ?)
                       ON CONFLICT(sop_instance_uid) DO UPDATE SET source = 'peer', calling_aet = excluded.calling_aet
                       WHERE instances.source = 'recovery'""",
                    (ref.sop_instance_uid, ref.series_uid, ref.study_uid, ref.sop_class_uid, item.transfer_syntax,
                     ref.path, ref.size, ref.sha256, peer, stamp),
                )
            conn.execute(
                "UPDATE peer_transfers SET receipt = ?, transfer_key = x'', committed_at = ? WHERE transfer_id = ?",
                (receipt, stamp, transfer_id),
            )
            conn.execute(
                """UPDATE transfers SET state = ?, reason = ?, files_done = files_total, bytes_done = bytes_total,
                       updated_at = ? WHERE id = ?""",
                (str(TransferState.STORING), reason, stamp, transfer_id),
            )
            conn.execute("DELETE FROM chunks WHERE transfer_id = ?", (transfer_id,))
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'received', ?, ?)",
                (stamp, transfer_id, json.dumps({"peer": peer, "files": len(instances)})),
            )

    def unfinished_incoming(self) -> list[str]:
        """Ids of incoming transfers without a receipt (to resume or finish committing after a restart)."""
        rows = self.database.query(
            """SELECT t.id FROM transfers t JOIN peer_transfers p ON p.transfer_id = t.id
               WHERE t.direction = 'in' AND length(p.receipt) = 0 AND t.state = 'receiving'"""
        )
        return [r["id"] for r in rows]

    # -- both -------------------------------------------------------------------------------------
    def counts(self, transfer_id: str) -> ChunkCounts | None:
        rows = self.database.query("SELECT * FROM peer_transfers WHERE transfer_id = ?", (transfer_id,))
        if not rows:
            return None
        r = rows[0]
        return ChunkCounts(r["chunks_total"], r["chunks_sent"], r["chunks_recorded"], r["chunks_repeated"],
                           r["sessions"], tuple(json.loads(r["offers"])))
