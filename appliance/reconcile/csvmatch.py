"""CSV patient files for `passerelle match`: read, validate with line numbers, decide, write decisions."""

from __future__ import annotations

import csv
import datetime
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from appliance.domain import Decision, PatientRecord
from appliance.errors import BadInput
from appliance.reconcile.index import PatientIndex
from appliance.reconcile.matcher import Matcher, Thresholds

log = logging.getLogger(__name__)

INPUT_COLUMNS = ("id", "family_name", "given_name", "birth_date", "sex", "niss")
OUTPUT_COLUMNS = ("incoming_id", "decision", "matched_id", "score", "candidates")
_SEXES = {"": "", "M": "M", "F": "F", "O": "O"}


@dataclass(frozen=True, slots=True)
class MatchSummary:
    """Counts of what `run_match` decided (no patient data)."""

    index_size: int
    incoming: int
    link: int
    review: int
    new: int

    def as_json(self) -> dict[str, int]:
        """The counts as a JSON object (for `passerelle match --json`)."""
        return {"index_size": self.index_size, "incoming": self.incoming, "link": self.link,
                "review": self.review, "new": self.new}


def _check_row(row: dict[str, str | None], where: str, seen: set[str]) -> PatientRecord:
    values = {col: (row.get(col) or "").strip() for col in INPUT_COLUMNS}
    if None in row or any(value is None for value in row.values()):
        raise BadInput(f"{where}: wrong number of fields (expected {len(INPUT_COLUMNS)} columns)")
    if not values["id"]:
        raise BadInput(f"{where}: id is empty")
    if values["id"] in seen:
        raise BadInput(f"{where}: id {values['id']!r} appears twice")
    seen.add(values["id"])
    birth = values["birth_date"]
    if birth and (not birth.isascii() or not birth.isdigit() or len(birth) not in (4, 6, 8)):
        raise BadInput(f"{where}: birth_date must be YYYYMMDD, YYYYMM, YYYY or empty")
    if len(birth) == 8 and birth[4:] != "0000" and birth[6:] != "00":
        try:
            datetime.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
        except ValueError:
            raise BadInput(f"{where}: birth_date is not a calendar date") from None
    sex = _SEXES.get(values["sex"].upper())
    if sex is None:
        raise BadInput(f"{where}: sex must be M, F, O or empty")
    return PatientRecord(id=values["id"], family_name=values["family_name"], given_name=values["given_name"],
                         birth_date=birth, sex=sex, niss=values["niss"], source="csv")


def read_patients(path: Path) -> Iterator[PatientRecord]:
    """Read a patient CSV (`id,family_name,given_name,birth_date,sex,niss`); BadInput names the line."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle, strict=True)
        try:
            header = reader.fieldnames
        except (csv.Error, UnicodeDecodeError) as exc:
            raise BadInput(f"{path}:1: unreadable header ({exc.__class__.__name__})") from None
        if header is None:
            raise BadInput(f"{path}:1: empty file, expected header {','.join(INPUT_COLUMNS)}")
        missing = [col for col in INPUT_COLUMNS if col not in [h.strip() for h in header]]
        if missing:
            raise BadInput(f"{path}:1: missing column(s) {','.join(missing)}; expected {','.join(INPUT_COLUMNS)}")
        reader.fieldnames = [h.strip() for h in header]
        seen: set[str] = set()
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                raise BadInput(f"{path}:{reader.line_num}: malformed CSV ({exc.__class__.__name__})") from None
            yield _check_row(row, f"{path}:{reader.line_num}", seen)


def decision_row(incoming_id: str, decision: Decision) -> dict[str, str]:
    """One output row of the `match` contract."""
    return {
        "incoming_id": incoming_id,
        "decision": str(decision.kind),
        "matched_id": decision.matched_id or "",
        "score": f"{decision.score:.3f}",
        "candidates": ";".join(c.patient_id for c in decision.candidates[:5]),
    }


def write_decisions(path: Path, rows: Iterable[dict[str, str]]) -> None:
    """Write the decisions CSV (header `incoming_id,decision,matched_id,score,candidates`)."""
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    except OSError as exc:
        raise BadInput(f"{path}: cannot be written ({exc.strerror})") from None


def run_match(index_csv: Path, incoming_csv: Path, out_csv: Path, thresholds: Thresholds | None = None,
              study_date: datetime.date | None = None) -> MatchSummary:
    """`passerelle match`: decide every incoming patient against the index and write the decisions CSV."""
    index = PatientIndex(read_patients(index_csv))
    matcher = Matcher(index, thresholds)
    incoming = list(read_patients(incoming_csv))
    decisions = [(record.id, matcher.decide(record, study_date)) for record in incoming]
    write_decisions(out_csv, (decision_row(rid, d) for rid, d in decisions))
    kinds = [str(d.kind) for _, d in decisions]
    summary = MatchSummary(len(index), len(incoming), kinds.count("link"), kinds.count("review"), kinds.count("new"))
    log.info("match done: index=%d incoming=%d link=%d review=%d new=%d", summary.index_size,
             summary.incoming, summary.link, summary.review, summary.new)
    return summary
