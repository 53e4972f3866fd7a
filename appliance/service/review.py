"""Review queue commands: pending cases with ranked candidates, manual decisions, undo, the audit journal.

Plain functions taking a `StateStore`; they touch the database, so clients run them off their own
thread (the GUI runs them on the engine loop with `asyncio.to_thread`).
"""

from __future__ import annotations

import csv
import enum
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from appliance.domain import Candidate, PatientRecord
from appliance.errors import BadInput
from appliance.store import review as sql
from appliance.store.incoming import study_decisions
from appliance.store.state import StateStore

WAITING_PREFIX = "waiting for a person to confirm the patient: "
"""How the pipeline's reason for a transfer in review begins; the decision's reasons follow."""


class Choice(enum.StrEnum):
    """What a secretary can decide for an incoming patient."""

    LINK = "link"
    NEW = "new"
    REJECT = "reject"


@dataclass(frozen=True)
class RankedCandidate:
    """A local record proposed for the incoming patient, with the score and the reasons for it."""

    record: PatientRecord
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewCase:
    """One incoming patient waiting for a human: who arrived, from where, and the ranked local candidates."""

    case_id: int
    transfer_id: str
    study_uid: str
    incoming: PatientRecord
    sending_site: str
    study_date: str
    description: str
    candidates: tuple[RankedCandidate, ...]
    waiting_since: str
    why: tuple[str, ...] = ()
    """Why the engine asked a person (vetoes, link rules that failed): stable English sentences, from the
    transfer's reason (`WAITING_PREFIX` + the reasons joined by "; ")."""


@dataclass(frozen=True)
class ManualDecision:
    """A decision taken by a person (undoable until its study is pushed to the PACS)."""

    decision_id: int
    transfer_id: str
    study_uid: str
    kind: Choice
    matched_id: str
    decided_by: str
    decided_at: str
    reason: str = ""


@dataclass(frozen=True)
class JournalFilter:
    """Audit journal filters; empty means any. `since`/`until` are ISO dates or timestamps (until exclusive)."""

    since: str = ""
    until: str = ""
    who: str = ""
    action: str = ""
    text: str = ""
    limit: int = 5000


@dataclass(frozen=True)
class JournalEntry:
    id: int
    at: str
    who: str
    action: str
    subject: str
    detail: str


def pending_count(store: StateStore) -> int:
    return store.review_queue_size()


def pending_cases(store: StateStore) -> list[ReviewCase]:
    """Every incoming patient waiting for review, oldest first, candidates best first."""
    rows = sql.pending_review_rows(store)
    parsed = [(row, _parse_candidates(str(row["candidates"]))) for row in rows]
    ids = sorted({c.patient_id for _, (_, cands) in parsed for c in cands})
    records = sql.patients_by_id(store, ids)
    cases: list[ReviewCase] = []
    for row, (incoming_extra, cands) in parsed:
        family, _, given = str(row["patient_name"]).partition("^")
        incoming = PatientRecord(
            id=str(incoming_extra.get("id", row["patient_id"])),
            family_name=str(incoming_extra.get("family_name", family)),
            given_name=str(incoming_extra.get("given_name", given.split("^")[0])),
            birth_date=str(incoming_extra.get("birth_date", row["birth_date"])),
            sex=str(incoming_extra.get("sex", row["sex"])),
            niss=str(incoming_extra.get("niss", "")),
            source=str(row["peer"]),
        )
        ranked = tuple(
            RankedCandidate(_record(records.get(c.patient_id), c.patient_id), c.score, c.reasons)
            for c in sorted(cands, key=lambda c: -c.score)
        )
        cases.append(ReviewCase(
            case_id=int(row["id"]), transfer_id=str(row["transfer_id"]), study_uid=str(row["study_uid"]),
            incoming=incoming, sending_site=str(row["peer"]), study_date=str(row["study_date"]),
            description=str(row["description"]), candidates=ranked, waiting_since=str(row["decided_at"]),
            why=waiting_reasons(str(row["transfer_reason"])),
        ))
    return cases


def waiting_reasons(transfer_reason: str) -> tuple[str, ...]:
    """The decision's reasons out of a review transfer's reason (empty when it is another reason)."""
    if not transfer_reason.startswith(WAITING_PREFIX):
        return ()
    return tuple(part.strip() for part in transfer_reason[len(WAITING_PREFIX):].split("; ") if part.strip())


def _parse_candidates(text: str) -> tuple[dict[str, object], list[Candidate]]:
    """The decisions.candidates JSON: a list of candidates, or {"incoming": {...}, "candidates": [...]}."""
    data = json.loads(text or "[]")
    incoming: dict[str, object] = {}
    if isinstance(data, dict):
        raw_incoming = data.get("incoming", {})
        incoming = raw_incoming if isinstance(raw_incoming, dict) else {}
        data = data.get("candidates", [])
    found: list[Candidate] = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and item.get("patient_id"):
            found.append(Candidate(str(item["patient_id"]), float(item.get("score", 0.0)),
                                   tuple(str(r) for r in item.get("reasons", ()))))
        elif isinstance(item, str):
            found.append(Candidate(item, 0.0))
    return incoming, found


def _record(row: object, patient_id: str) -> PatientRecord:
    if row is None:
        return PatientRecord(id=patient_id)
    r = row  # sqlite3.Row
    return PatientRecord(
        id=str(r["id"]), family_name=str(r["family_name"]), given_name=str(r["given_name"]),  # type: ignore[index]
        birth_date=str(r["birth_date"]), sex=str(r["sex"]), niss=str(r["niss"]),  # type: ignore[index]
        source=str(r["source"]),  # type: ignore[index]
    )


MIXED_PATIENTS = "the study's files name more than one patient"
"""Why the engine asks a person (appliance/service/pipeline.py); such a study can only be rejected."""
EARLIER_OTHER_PATIENT = "another part of this study was stored for another patient"
"""With MIXED_PATIENTS: an addition names another patient than the part of its study already stored."""
STORED_FOR_ANOTHER = ("another part of this study is already stored for another local record: link to that "
                      "record or reject")
MIXED_ONLY_REJECT = ("this study's files name more than one patient: every file would be stored under the "
                     "chosen record, so it can only be rejected; ask the sending site to correct it")


def decide(
    store: StateStore, case_id: int, choice: Choice, who: str, patient_id: str = "", reason: str = ""
) -> ManualDecision:
    """Record a person's decision for a pending case: link to a local record, new patient, or reject.

    A study whose files name more than one patient can only be rejected: a link or a new record would
    rewrite every file, those of the other patient too, for the one record chosen."""
    who = who.strip()
    if not who:
        raise BadInput("a manual decision needs the name of the person who takes it")
    choice = Choice(choice)
    case = next((c for c in pending_cases(store) if c.case_id == case_id), None)
    if choice is not Choice.REJECT and case is not None:
        if MIXED_PATIENTS in case.why:
            raise BadInput(MIXED_ONLY_REJECT)
        stored = [r for r in study_decisions(store, case.study_uid, case.transfer_id) if r["kind"] != "reject"]
        if any(r["kind"] != choice or (choice is Choice.LINK and r["matched_id"] != patient_id) for r in stored):
            raise BadInput(STORED_FOR_ANOTHER)
    if choice is Choice.LINK:
        if not patient_id or not sql.patients_by_id(store, [patient_id]):
            raise BadInput("choose a patient of the local index to link to")
    elif patient_id:
        raise BadInput(f"a '{choice}' decision does not name a local patient")
    if choice is Choice.REJECT and not reason.strip():
        raise BadInput("a rejected study needs a reason")
    reasons = [reason.strip()] if reason.strip() else ["manual decision"]
    decision_id, transfer_id, study_uid, stamp = sql.insert_manual_decision(
        store, case_id, str(choice), patient_id, who, reasons
    )
    return ManualDecision(decision_id, transfer_id, study_uid, choice, patient_id, who, stamp, reason.strip())


def undo(store: StateStore, decision_id: int, who: str) -> str:
    """Reverse a manual decision (the case goes back to the queue); refused once the study is pushed."""
    if not who.strip():
        raise BadInput("undoing a decision needs the name of the person who does it")
    return sql.reverse_decision(store, decision_id, who.strip())


def pending_case_of(store: StateStore, transfer_id: str) -> ReviewCase:
    """The review case waiting for a person on this transfer; BadInput when there is none."""
    for case in pending_cases(store):
        if case.transfer_id == transfer_id:
            return case
    standing = sql.latest_decision(store, transfer_id)
    if standing is None:
        raise BadInput(f"no patient waiting for review on transfer {transfer_id}")
    raise BadInput(f"transfer {transfer_id} is not waiting for review: it was decided "
                   f"({standing['kind']}, by {standing['decided_by']})")


def decide_transfer(store: StateStore, transfer_id: str, choice: Choice, who: str, patient_id: str = "",
                    reason: str = "") -> ManualDecision:
    """`decide` for the patient waiting on a transfer (what the CLI names)."""
    return decide(store, pending_case_of(store, transfer_id).case_id, choice, who, patient_id, reason)


def undo_transfer(store: StateStore, transfer_id: str, who: str) -> ManualDecision:
    """Reverse the standing manual decision of a transfer (the patient goes back to the queue)."""
    standing = sql.latest_decision(store, transfer_id)
    if standing is None:
        raise BadInput(f"no decision to undo on transfer {transfer_id}")
    if standing["kind"] == "review":
        raise BadInput(f"nothing to undo on transfer {transfer_id}: its patient is waiting for review")
    undo(store, int(standing["id"]), who)  # refuses automatic decisions and pushed studies, with the reason
    return _manual_decision(standing)


def _manual_decision(r: Any) -> ManualDecision:  # a decisions row (sqlite3.Row)
    reasons = json.loads(str(r["reasons"]) or "[]")
    reason = str(reasons[0]) if r["kind"] == "reject" and reasons else ""
    return ManualDecision(int(r["id"]), str(r["transfer_id"]), str(r["study_uid"]), Choice(r["kind"]),
                          str(r["matched_id"]), str(r["decided_by"]), str(r["decided_at"]), reason)


def undoable(store: StateStore, limit: int = 50) -> list[ManualDecision]:
    """Manual decisions that can still be undone, newest first."""
    return [_manual_decision(r) for r in sql.undoable_rows(store, limit)]


def search_patients(
    store: StateStore, family: str = "", given: str = "", birth_date: str = "", niss: str = "", limit: int = 50
) -> list[PatientRecord]:
    """Search the local patient index by hand (names by prefix, birth date YYYYMMDD, NISS digits)."""
    niss_digits = "".join(ch for ch in niss if ch.isdigit())
    if not (family.strip() or given.strip() or birth_date.strip() or niss_digits):
        raise BadInput("give at least a name, a birth date or a NISS to search")
    rows = sql.search_patients(store, family.strip(), given.strip(), birth_date.strip(), niss_digits, limit)
    return [_record(r, str(r["id"])) for r in rows]


def journal(store: StateStore, filters: JournalFilter = JournalFilter()) -> list[JournalEntry]:
    """Audit journal entries, newest first."""
    rows = sql.journal_rows(store, filters.since, filters.until, filters.who, filters.action, filters.text,
                            filters.limit)
    return [JournalEntry(int(r["id"]), str(r["at"]), str(r["who"]), str(r["action"]), str(r["subject"]),
                         str(r["detail"])) for r in rows]


def journal_choices(store: StateStore) -> tuple[list[str], list[str]]:
    """(people, actions) present in the journal."""
    return sql.journal_values(store)


def journal_csv(entries: Iterable[JournalEntry]) -> str:
    """CSV text of journal entries; cells that a spreadsheet would run as formulas are quoted with '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "at", "who", "action", "subject", "detail"])
    for e in entries:
        writer.writerow([_cell(str(v)) for v in (e.id, e.at, e.who, e.action, e.subject, e.detail)])
    return out.getvalue()


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_journal(store: StateStore, filters: JournalFilter, path: Path) -> int:
    """Write the filtered journal to a CSV file (atomically); returns the number of entries."""
    entries = journal(store, filters)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(journal_csv(entries))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return len(entries)


def study_initials(store: StateStore, study_uids: Sequence[str]) -> dict[str, str]:
    """Patient initials per study (all a transfer list may show): 'DUPONT^MARIE' -> 'D. M.'."""
    return {uid: initials(name) for uid, name in sql.patient_names_of_studies(store, list(study_uids)).items()}


def initials(dicom_name: str) -> str:
    parts = [p.strip() for p in dicom_name.split("^")[:2] if p.strip()]
    return " ".join(p[0].upper() + "." for p in parts)


def record_review_case(
    store: StateStore,
    transfer_id: str,
    study_uid: str,
    sending_site: str,
    incoming: PatientRecord,
    candidates: Sequence[RankedCandidate],
    study_date: str = "",
    description: str = "",
    why: Sequence[str] = (),
) -> int:
    """Put an incoming patient in the review queue (what the reconciliation engine does; also for seeding).

    A received transfer still 'storing' moves to 'review' in the same transaction, with `WAITING_PREFIX` +
    `why` as its reason: a crash right after this call leaves a case that waits, never one the restart
    decides (and records) again."""
    payload = {
        "incoming": {k: v for k, v in asdict(incoming).items() if k != "source"},
        "candidates": [{"patient_id": c.record.id, "score": c.score, "reasons": list(c.reasons)}
                       for c in candidates],
    }
    study = {"patient_id": incoming.id, "patient_name": f"{incoming.family_name}^{incoming.given_name}",
             "birth_date": incoming.birth_date, "sex": incoming.sex, "study_date": study_date,
             "description": description}
    best = max((c.score for c in candidates), default=0.0)
    reason = (WAITING_PREFIX + "; ".join(why))[:500]
    return sql.insert_review_case(store, transfer_id, study_uid, sending_site, study, json.dumps(payload), best,
                                  reason)


def add_local_patients(store: StateStore, records: Sequence[PatientRecord]) -> int:
    """Add or update records of the local patient index (CSV import, seeding)."""
    rows = [{k: str(v) for k, v in asdict(r).items()} for r in records]
    return sql.upsert_patients(store, rows)
