"""Routing state: the rules table, what has been routed where, and the stored attributes rules look at."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from appliance.errors import BadInput
from appliance.routing.rules import Criteria, Rule, StudySummary
from appliance.store.database import Database
from appliance.store.state import now_iso


class RoutingStore:
    """SQL for `routing_rules` and `routed` (migration 0001), plus a study's summary from the spool records."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- rules ------------------------------------------------------------------------------------
    def add_rule(self, site: str, criteria: Criteria, name: str = "", enabled: bool = True) -> Rule:
        """Store a rule; refuses an empty site or criteria that would send everything."""
        if not site.strip():
            raise BadInput("a routing rule needs a destination site")
        if criteria.is_empty():
            raise BadInput("a routing rule needs at least one criterion (it never sends everything)")
        if criteria.max_age_days < 0:
            raise BadInput("--max-age-days must be zero (no limit) or more")
        stamp = now_iso()
        with self.database.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO routing_rules (site, name, criteria, enabled, created_at) VALUES (?, ?, ?, ?, ?)",
                (site, name, criteria.to_json(), int(enabled), stamp),
            )
            rule_id = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'operator', 'rule-add', ?, ?)",
                (stamp, str(rule_id), json.dumps({"site": site}, sort_keys=True)),
            )
        return Rule(site=site, criteria=criteria, name=name, id=rule_id, enabled=enabled)

    def rules(self, enabled_only: bool = False) -> list[Rule]:
        """Every rule in creation order (the order `destinations` gives reasons by)."""
        where = "WHERE enabled = 1" if enabled_only else ""
        rows = self.database.query(f"SELECT * FROM routing_rules {where} ORDER BY id")
        return [_rule(r) for r in rows]

    def rule(self, rule_id: int) -> Rule | None:
        rows = self.database.query("SELECT * FROM routing_rules WHERE id = ?", (rule_id,))
        return _rule(rows[0]) if rows else None

    def remove_rule(self, rule_id: int) -> bool:
        """Delete a rule. Returns False when there is no such rule. What it already routed stays routed."""
        with self.database.transaction() as conn:
            gone = conn.execute("DELETE FROM routing_rules WHERE id = ?", (rule_id,)).rowcount
            if gone:
                conn.execute(
                    "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'operator', ?, ?, '{}')",
                    (now_iso(), "rule-remove", str(rule_id)),
                )
        return bool(gone)

    def set_enabled(self, rule_id: int, enabled: bool) -> bool:
        """Enable or disable a rule. Returns False when there is no such rule."""
        with self.database.transaction() as conn:
            changed = conn.execute(
                "UPDATE routing_rules SET enabled = ? WHERE id = ?", (int(enabled), rule_id)
            ).rowcount
            if changed:
                conn.execute(
                    "INSERT INTO audit (at, who, action, subject, detail) VALUES (?, 'operator', ?, ?, '{}')",
                    (now_iso(), "rule-enable" if enabled else "rule-disable", str(rule_id)),
                )
        return bool(changed)

    # -- routed bookkeeping -----------------------------------------------------------------------
    def record_routed(self, study_uid: str, site: str, series_uids: Iterable[str], transfer_id: str) -> int:
        """Note which series of a study a transfer carries to a site. Returns how many series were new."""
        stamp = now_iso()
        with self.database.transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                """INSERT OR IGNORE INTO routed (study_uid, series_uid, site, transfer_id, routed_at)
                   VALUES (?, ?, ?, ?, ?)""",
                [(study_uid, s, site, transfer_id, stamp) for s in sorted(set(series_uids))],
            )
            return conn.total_changes - before

    def routed_series(self, study_uid: str, site: str) -> set[str]:
        rows = self.database.query(
            "SELECT series_uid FROM routed WHERE study_uid = ? AND site = ?", (study_uid, site)
        )
        return {str(r["series_uid"]) for r in rows}

    def routed_sites(self, study_uid: str) -> set[str]:
        rows = self.database.query("SELECT DISTINCT site FROM routed WHERE study_uid = ?", (study_uid,))
        return {str(r["site"]) for r in rows}

    def routed_rows(self, study_uid: str) -> list[dict[str, str]]:
        rows = self.database.query(
            "SELECT * FROM routed WHERE study_uid = ? ORDER BY routed_at, site, series_uid", (study_uid,)
        )
        return [{k: str(r[k]) for k in r.keys()} for r in rows]

    def transfer_series(self, transfer_id: str) -> set[str]:
        """The series a queued transfer's files belong to (from the spool records)."""
        rows = self.database.query(
            """SELECT DISTINCT i.series_uid FROM transfer_files f
               JOIN instances i ON i.sop_instance_uid = f.sop_instance_uid WHERE f.transfer_id = ?""",
            (transfer_id,),
        )
        return {str(r["series_uid"]) for r in rows}

    # -- what the rules look at -------------------------------------------------------------------
    def stored_summary(self, study_uid: str) -> tuple[StudySummary, str, int] | None:
        """The study as its stored instances describe it: (summary, origin, instance count); None if unknown.

        Modalities, institution and station come from every stored series (first non-empty value).
        """
        rows = self.database.query(
            """SELECT s.referring, s.description, s.study_date, s.origin,
                      (SELECT count(*) FROM instances i WHERE i.study_uid = s.study_uid) AS n
               FROM studies s WHERE s.study_uid = ?""",
            (study_uid,),
        )
        if not rows:
            return None
        study = rows[0]
        series = self.database.query(
            "SELECT modality, institution, station FROM series WHERE study_uid = ? ORDER BY series_uid",
            (study_uid,),
        )
        modalities = tuple(dict.fromkeys(str(r["modality"]) for r in series if r["modality"]))
        summary = StudySummary(
            study_uid=study_uid,
            referring=str(study["referring"]),
            modalities=modalities,
            description=str(study["description"]),
            institution=next((str(r["institution"]) for r in series if r["institution"]), ""),
            station=next((str(r["station"]) for r in series if r["station"]), ""),
            study_date=str(study["study_date"]),
        )
        return summary, str(study["origin"]), int(study["n"])


def _rule(row: sqlite3.Row) -> Rule:
    return Rule(
        site=str(row["site"]), criteria=Criteria.from_json(str(row["criteria"])), name=str(row["name"]),
        id=int(row["id"]), enabled=bool(row["enabled"]),
    )
