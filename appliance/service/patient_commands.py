"""`passerelle patients import` and `passerelle review list|decide|undo`: what the review window does, from a shell.

The commands open the site's database and write the same tables and audit journal as the GUI
(`appliance.service.review`, `appliance.store.patients`), so they work whether or not the engine runs:
a running engine acts on a manual decision after its grace period (`manual_grace_s`), and indexes
records imported here before its next decision (`LocalPatientIndex.catch_up`). Bad input raises
`BadInput` (one line, exit 2); argparse mistakes in these commands are one line too.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from appliance.domain import PatientRecord
from appliance.errors import BadInput
from appliance.reconcile.csvmatch import read_patients
from appliance.reconcile.niss import compact_niss
from appliance.service import review
from appliance.service.site import open_site
from appliance.store import patients as patient_sql
from appliance.store.state import StateStore


def _one_line_error(parser: argparse.ArgumentParser) -> None:
    """Make argparse report a usage mistake as one `passerelle: ...` line (exit 2), as the CLI contract says."""

    def error(message: str) -> NoReturn:
        print(f"passerelle: {parser.prog.removeprefix('passerelle ')}: {message}", file=sys.stderr)
        raise SystemExit(2)

    parser.error = error  # type: ignore[method-assign]


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> tuple[argparse.ArgumentParser, ...]:
    """The argparse spec of `patients` and `review`; returns both parsers (for `set_defaults(handler=...)`)."""
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--by", metavar="NAME", help="who takes the action, for the journal (default: the login name)")
    p = sub.add_parser("patients", parents=[common], help="the local patient index")
    psub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = psub.add_parser("import", parents=[common, who],
                        help="import a CSV (id,family_name,given_name,birth_date,sex,niss) into the index")
    q.add_argument("csv_file", metavar="FILE.csv")
    r = sub.add_parser("review", parents=[common], help="patients waiting for a person: list, decide, undo")
    rsub = r.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = rsub.add_parser("list", parents=[common], help="the patients waiting for review, with candidates")
    d = rsub.add_parser("decide", parents=[common, who], help="decide for the patient of a transfer")
    d.add_argument("transfer_id", metavar="TRANSFER_ID")
    choice = d.add_mutually_exclusive_group(required=True)
    choice.add_argument("--link", metavar="LOCAL_ID", help="this is the local patient LOCAL_ID")
    choice.add_argument("--new", action="store_true", help="a patient not yet known here")
    choice.add_argument("--reject", action="store_true", help="do not store the study (needs --reason)")
    d.add_argument("--reason", default="", help="why (required with --reject; journaled)")
    u = rsub.add_parser("undo", parents=[common, who], help="reverse the manual decision of a transfer")
    u.add_argument("transfer_id", metavar="TRANSFER_ID")
    for parser in (p, q, r, listing, d, u):
        _one_line_error(parser)
    return p, r


def run(args: argparse.Namespace) -> object:
    """Dispatch `passerelle patients|review ACTION`; returns what to print (JSON-able, or a list of lines)."""
    site = open_site(args.home)
    store = StateStore(site.settings.db_path)
    try:
        if args.command == "patients":
            count = import_patients(store, Path(args.csv_file), _who(args))
            return {"imported": count} if args.json else [f"{count} patient records imported"]
        if args.action == "list":
            cases = review.pending_cases(store)
            return [case_json(c) for c in cases] if args.json else describe_cases(cases)
        if args.action == "decide":
            choice = review.Choice.LINK if args.link else review.Choice.NEW if args.new else review.Choice.REJECT
            if choice is review.Choice.REJECT and not args.reason.strip():
                raise BadInput("a rejected study needs a reason: add --reason TEXT")
            decision = review.decide_transfer(store, args.transfer_id, choice, _who(args), args.link or "",
                                              args.reason)
            return decision_json(decision) if args.json else [describe_decision(decision, "decided")]
        undone = review.undo_transfer(store, args.transfer_id, _who(args))
        return decision_json(undone) if args.json else [describe_decision(undone, "undone")]
    finally:
        store.close()


def _who(args: argparse.Namespace) -> str:
    who = args.by if args.by is not None else getpass.getuser()
    if not who.strip():
        raise BadInput("--by needs a name")
    return str(who).strip()


def import_patients(store: StateStore, path: Path, who: str) -> int:
    """Validate the whole CSV, then store every record in one transaction (nothing half-imported)."""
    records = [_checked_niss(record, path, line) for line, record in enumerate(read_patients(path), start=2)]
    if not records:
        raise BadInput(f"{path}: no patient records after the header")
    return patient_sql.upsert(store, [replace(r, source="csv") for r in records], who,
                              action=patient_sql.IMPORT_ACTION, subject=path.name)


def _checked_niss(record: PatientRecord, path: Path, line: int) -> PatientRecord:
    """A NISS is 11 digits (separators allowed); a mistyped one is kept (it still helps), garbage is refused."""
    niss = compact_niss(record.niss)
    if niss and not (len(niss) == 11 and niss.isascii() and niss.isdigit()):
        raise BadInput(f"{path}:{line}: niss must be 11 digits or empty")
    return replace(record, niss=niss)


def case_json(case: review.ReviewCase) -> dict[str, object]:
    """One review case for `review list --json`."""
    return {
        "transfer_id": case.transfer_id, "case_id": case.case_id, "study_uid": case.study_uid,
        "sending_site": case.sending_site, "study_date": case.study_date, "description": case.description,
        "waiting_since": case.waiting_since, "incoming": _patient_json(case.incoming),
        "candidates": [{**_patient_json(c.record), "score": c.score, "reasons": list(c.reasons)}
                       for c in case.candidates],
    }


def _patient_json(record: PatientRecord) -> dict[str, str]:
    return {"id": record.id, "family_name": record.family_name, "given_name": record.given_name,
            "birth_date": record.birth_date, "sex": record.sex, "niss": record.niss}


def describe_cases(cases: list[review.ReviewCase]) -> list[str]:
    """The review queue as text: a header per transfer, the incoming patient, the ranked candidates."""
    if not cases:
        return ["no patient waiting for review"]
    lines: list[str] = []
    for case in cases:
        lines.append(f"{case.transfer_id}  from {case.sending_site}  study {case.study_date} "
                     f"{case.description}  waiting since {case.waiting_since}".rstrip())
        lines.append(f"  incoming      {_person(case.incoming)}")
        for rank, c in enumerate(case.candidates, start=1):
            lines.append(f"  {rank}. {c.record.id:<10} {c.score:.2f}  {_person(c.record)}")
            if c.reasons:
                lines.append(f"       {'; '.join(c.reasons)}")
    return lines


def _person(r: PatientRecord) -> str:
    return f"{r.family_name}^{r.given_name}  {r.birth_date or '-'}  {r.sex or '-'}  {r.niss or '-'}"


def decision_json(d: review.ManualDecision) -> dict[str, object]:
    return {"decision_id": d.decision_id, "transfer_id": d.transfer_id, "study_uid": d.study_uid,
            "kind": str(d.kind), "matched_id": d.matched_id, "decided_by": d.decided_by,
            "decided_at": d.decided_at, "reason": d.reason}


def describe_decision(d: review.ManualDecision, what: str) -> str:
    target = f" -> {d.matched_id}" if d.matched_id else ""
    return f"transfer {d.transfer_id}: {d.kind}{target} {what} by {d.decided_by}"
