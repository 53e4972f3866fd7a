"""Spool retention SQL: which studies' files are safe to remove, the purge journal, and spool usage.

The safety rule (docs/operator-guide.md, "Spool retention") is one query, `_ELIGIBLE_STUDIES`:

* a transfer is **finished** when it is 'done' and
  - outgoing: the peer's signed receipt is stored (delivered);
  - incoming: the PACS holds every file (the 'pacs-stored' journal entry of `StateStore.mark_stored`), or
    the decision in force is a person's rejection at review;
  or, for an outgoing transfer only, when it failed (or was cancelled) but every file it carried was
  delivered to the same site by another transfer (a person sent the study again and it arrived);
* a study's files may go only when every transfer of that study, in both directions and to every site,
  is finished (one queued, sending, receiving, in review, storing, failed, or 'done' for another reason
  holds all of them), the last one finished at least `keep_days` ago, and only the instances some
  finished transfer carried (an instance no transfer took, such as a series that arrived later and is not
  yet queued, stays) and that arrived at least `keep_days` ago (a purged file retrieved again for a new
  destination is not purged again before that destination's transfer is queued).

A purged instance keeps its row. `purged_series_lacking` says which series of a study a new transfer to a
site would lack (purged, and no transfer to that site that has not failed carried them): the routing
scheduler retrieves those again from the PACS before it queues (appliance/service/scheduler.py).

Partial incoming transfers are never purged by that rule (they are not finished). A separate step fails one
still 'receiving' with nothing recorded for it since `stale_before` (its sender vanished): `stale_incoming`
lists them, `abandon_stale` fails one (state first, in one transaction; the caller deletes its partial files
then), and `abandoned_incoming` says which leftover partial folders belong to failed transfers.

A purge is two steps: `mark` (one transaction: a `spool_purges` row, the instances flagged, an audit entry)
then the deletes, then `finish`. A purge left unfinished is found by `unfinished` and done again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from appliance.store.database import Database
from appliance.store.state import now_iso
from appliance.store.transfers import TransferJournal

_DELIVERED = """u.direction = 'out' AND u.state = 'done'
    AND EXISTS (SELECT 1 FROM peer_transfers p WHERE p.transfer_id = u.id AND length(p.receipt) > 0)"""

_FINISHED = f"""(t.direction = 'out' AND t.state = 'failed' AND NOT EXISTS (
        SELECT 1 FROM transfer_files f WHERE f.transfer_id = t.id AND NOT EXISTS (
            SELECT 1 FROM transfer_files g JOIN transfers u ON u.id = g.transfer_id
            WHERE g.sop_instance_uid = f.sop_instance_uid AND u.peer = t.peer AND {_DELIVERED})))
    OR t.state = 'done' AND (
    (t.direction = 'out' AND EXISTS (SELECT 1 FROM peer_transfers p
                                     WHERE p.transfer_id = t.id AND length(p.receipt) > 0))
    OR (t.direction = 'in' AND (
        EXISTS (SELECT 1 FROM audit a WHERE a.action = 'pacs-stored' AND a.subject = t.id)
        OR EXISTS (SELECT 1 FROM decisions d WHERE d.transfer_id = t.id AND d.kind = 'reject' AND d.reversed = 0
                   AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.transfer_id = d.transfer_id
                                   AND later.id > d.id AND later.reversed = 0)))))"""

# Studies whose every transfer is finished, the last before the cutoff: (study_uid, transfer ids).
_ELIGIBLE_STUDIES = f"""
    SELECT t.study_uid, group_concat(t.id) AS transfer_ids
    FROM transfers t
    WHERE EXISTS (SELECT 1 FROM instances i WHERE i.study_uid = t.study_uid AND i.purged_at = '')
    GROUP BY t.study_uid
    HAVING min(CASE WHEN ({_FINISHED}) THEN 1 ELSE 0 END) = 1 AND max(t.updated_at) <= :cutoff"""

# The held instances of one study that a finished transfer of that study carried, held since the cutoff.
_ELIGIBLE_INSTANCES = """
    SELECT i.sop_instance_uid, i.path, i.size FROM instances i
    WHERE i.study_uid = :study AND i.purged_at = '' AND i.received_at <= :cutoff
      AND EXISTS (SELECT 1 FROM transfer_files f JOIN transfers t ON t.id = f.transfer_id
                  WHERE f.sop_instance_uid = i.sop_instance_uid AND t.study_uid = :study)
    ORDER BY i.series_uid, i.sop_instance_uid"""

# Series with purged instances of a study that no outgoing transfer to :site, other than a failed one,
# carried: what `StateStore.queue_outgoing` would put in a new transfer to that site without a file.
_PURGED_LACKING = """
    SELECT DISTINCT i.series_uid FROM instances i
    WHERE i.study_uid = :study AND i.purged_at != ''
      AND NOT EXISTS (SELECT 1 FROM transfer_files f JOIN transfers t ON t.id = f.transfer_id
                      WHERE f.sop_instance_uid = i.sop_instance_uid AND t.direction = 'out' AND t.peer = :site
                        AND t.state != 'failed')
    ORDER BY i.series_uid"""


@dataclass(frozen=True, slots=True)
class PurgeCandidate:
    """A study whose spool files may be removed now: UIDs, ids, counts (no patient data)."""

    study_uid: str
    files: int
    bytes: int
    transfer_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MarkedPurge:
    """A purge recorded in the database whose files are (being) deleted."""

    id: int
    study_uid: str
    paths: tuple[str, ...]
    bytes: int


@dataclass(frozen=True, slots=True)
class SpoolUsage:
    """What the spool holds by the records, what a purge would free now, and what purges freed so far."""

    files_held: int
    bytes_held: int
    files_reclaimable: int
    bytes_reclaimable: int
    files_purged: int
    bytes_purged: int
    unfinished_purges: int
    last_purge: str

    def as_json(self) -> dict[str, object]:
        return {
            "files_held": self.files_held, "bytes_held": self.bytes_held,
            "files_reclaimable": self.files_reclaimable, "bytes_reclaimable": self.bytes_reclaimable,
            "files_purged": self.files_purged, "bytes_purged": self.bytes_purged,
            "unfinished_purges": self.unfinished_purges, "last_purge": self.last_purge,
        }


class RetentionStore:
    """Reads and writes of the purge journal; each write is one short transaction."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def candidates(self, cutoff: str) -> list[PurgeCandidate]:
        """Studies with files safe to remove, given transfers finished at or before `cutoff` (ISO, UTC)."""
        found: list[PurgeCandidate] = []
        for study in self.database.query(_ELIGIBLE_STUDIES, {"cutoff": cutoff}):
            rows = self.database.query(_ELIGIBLE_INSTANCES, {"study": study["study_uid"], "cutoff": cutoff})
            if rows:
                ids = tuple(sorted(str(study["transfer_ids"]).split(",")))
                found.append(PurgeCandidate(str(study["study_uid"]), len(rows), sum(int(r["size"]) for r in rows),
                                            ids))
        return found

    def mark(self, study_uid: str, cutoff: str, keep_days: float) -> MarkedPurge | None:
        """Record the purge of a study's eligible files, checking the rule again inside the transaction (a
        transfer queued meanwhile keeps them). None when nothing is eligible any more."""
        stamp = now_iso()
        with self.database.transaction() as conn:
            study = conn.execute(f"SELECT * FROM ({_ELIGIBLE_STUDIES}) WHERE study_uid = :study",
                                 {"cutoff": cutoff, "study": study_uid}).fetchone()
            if study is None:
                return None
            rows = conn.execute(_ELIGIBLE_INSTANCES, {"study": study_uid, "cutoff": cutoff}).fetchall()
            if not rows:
                return None
            size = sum(int(r[2]) for r in rows)
            transfer_ids = sorted(str(study[1]).split(","))
            cursor = conn.execute(
                """INSERT INTO spool_purges (study_uid, files, bytes, transfers, keep_days, marked_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (study_uid, len(rows), size, json.dumps(transfer_ids), keep_days, stamp),
            )
            purge_id = int(cursor.lastrowid or 0)
            conn.executemany("UPDATE instances SET purged_at = ?, purge_id = ? WHERE sop_instance_uid = ?",
                             [(stamp, purge_id, r[0]) for r in rows])
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'engine', 'spool-purge', ?, ?)",
                (stamp, study_uid, json.dumps({"purge_id": purge_id, "files": len(rows), "bytes": size,
                                               "transfers": transfer_ids, "keep_days": keep_days},
                                              sort_keys=True)),
            )
        return MarkedPurge(purge_id, study_uid, tuple(str(r[1]) for r in rows), size)

    def unfinished(self) -> list[MarkedPurge]:
        """Purges recorded but not finished (a crash came between the mark and the deletes)."""
        found: list[MarkedPurge] = []
        for purge in self.database.query("SELECT id, study_uid, bytes FROM spool_purges WHERE finished_at = ''"
                                         " ORDER BY id"):
            rows = self.database.query("SELECT path FROM instances WHERE purge_id = ? AND purged_at != ''",
                                       (purge["id"],))
            found.append(MarkedPurge(int(purge["id"]), str(purge["study_uid"]), tuple(str(r["path"]) for r in rows),
                                     int(purge["bytes"])))
        return found

    def finish(self, purge_id: int) -> None:
        """Every file of the purge is gone (and its directories' entries durable)."""
        with self.database.transaction() as conn:
            conn.execute("UPDATE spool_purges SET finished_at = ? WHERE id = ? AND finished_at = ''",
                         (now_iso(), purge_id))

    # -- what a purge took that a destination still needs ----------------------------------------------
    def purged_series_lacking(self, study_uid: str, site: str) -> list[str]:
        """Series of the study a new transfer to `site` would carry purged instances of ([] when none)."""
        rows = self.database.query(_PURGED_LACKING, {"study": study_uid, "site": site})
        return [str(r["series_uid"]) for r in rows]

    def held_per_series(self, study_uid: str) -> dict[str, int]:
        """Instances of the study whose files the spool holds (not purged), per series."""
        rows = self.database.query(
            """SELECT series_uid, count(*) AS n FROM instances WHERE study_uid = ? AND purged_at = ''
               GROUP BY series_uid""", (study_uid,))
        return {str(r["series_uid"]): int(r["n"]) for r in rows}

    # -- partial incoming transfers ------------------------------------------------------------------
    def stale_incoming(self, stale_before: str) -> list[str]:
        """Incoming transfers still 'receiving', without receipt, with nothing recorded since `stale_before`."""
        rows = self.database.query(
            """SELECT t.id FROM transfers t JOIN peer_transfers p ON p.transfer_id = t.id
               WHERE t.direction = 'in' AND t.state = 'receiving' AND length(p.receipt) = 0 AND t.updated_at <= ?
               ORDER BY t.updated_at""",
            (stale_before,),
        )
        return [str(r["id"]) for r in rows]

    def abandon_stale(self, transfer_id: str, stale_before: str, reason: str) -> bool:
        """Fail one stale partial incoming transfer, checking again in the transaction (a chunk that arrived
        meanwhile keeps it). True when it is failed now."""
        return TransferJournal(self.database).abandon_incoming(transfer_id, reason, stale_before=stale_before)

    def abandoned_incoming(self, transfer_ids: list[str]) -> list[str]:
        """Which of these ids are failed incoming transfers without receipt (partial folders to delete)."""
        return TransferJournal(self.database).abandoned_incoming(transfer_ids)

    def usage(self, cutoff: str) -> SpoolUsage:
        held = self.database.query(
            "SELECT count(*) AS n, coalesce(sum(size), 0) AS b FROM instances WHERE purged_at = ''")[0]
        purged = self.database.query(
            """SELECT coalesce(sum(files), 0) AS n, coalesce(sum(bytes), 0) AS b,
                      coalesce(max(finished_at), '') AS last, coalesce(sum(finished_at = ''), 0) AS open
               FROM spool_purges""")[0]
        reclaimable = self.candidates(cutoff)
        return SpoolUsage(int(held["n"]), int(held["b"]), sum(c.files for c in reclaimable),
                          sum(c.bytes for c in reclaimable), int(purged["n"]), int(purged["b"]), int(purged["open"]),
                          str(purged["last"]))
