"""Routing rules as pure values: criteria on a study's attributes, evaluated with reasons."""

from __future__ import annotations

import fnmatch
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date

from appliance.errors import BadInput


def normalise_person_name(name: str) -> str:
    """A DICOM PN or free-text person name reduced for comparison: no accents, case, titles or order."""
    text = unicodedata.normalize("NFKD", name.split("=")[0])
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    parts = [p for p in text.replace("^", " ").replace(",", " ").replace(".", " ").split() if p]
    titles = {"DR", "PROF", "DOCTEUR", "DOKTER", "MD"}
    return " ".join(sorted(p for p in parts if p not in titles))


@dataclass(frozen=True)
class StudySummary:
    """What routing needs to know about a study (from C-FIND or from received instances)."""

    study_uid: str
    referring: str = ""
    modalities: tuple[str, ...] = ()
    description: str = ""
    institution: str = ""
    station: str = ""
    study_date: str = ""  # YYYYMMDD


@dataclass(frozen=True)
class Criteria:
    """A conjunction: every criterion given must hold; an empty criterion matches anything."""

    referring_from_directory: bool = False
    referring: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    description: str = ""
    institution: str = ""
    station: str = ""
    max_age_days: int = 0

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Criteria:
        try:
            data = json.loads(text)
            for key in ("referring", "modalities"):
                data[key] = tuple(data.get(key, ()))
            return cls(**data)
        except (ValueError, TypeError) as exc:
            raise BadInput(f"routing criteria are not valid: {exc}") from exc

    def is_empty(self) -> bool:
        return self == Criteria()


@dataclass(frozen=True)
class Rule:
    """Send studies matching `criteria` to `site`."""

    site: str
    criteria: Criteria
    name: str = ""
    id: int = 0
    enabled: bool = True


@dataclass(frozen=True)
class RuleOutcome:
    rule: Rule
    matched: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _glob(pattern: str, value: str) -> bool:
    return fnmatch.fnmatchcase(value.casefold(), pattern.casefold())


def study_age_days(study_date: str, today: date) -> int | None:
    try:
        day = date(int(study_date[0:4]), int(study_date[4:6]), int(study_date[6:8]))
    except (ValueError, IndexError):
        return None
    return (today - day).days


def evaluate(rule: Rule, study: StudySummary, directory_referring: tuple[str, ...], today: date) -> RuleOutcome:
    """Does `rule` send `study`? `directory_referring` is the target site's physician list in the directory."""
    c = rule.criteria
    reasons: list[str] = []
    if not rule.enabled:
        return RuleOutcome(rule, False, ("rule disabled",))
    if c.is_empty():
        return RuleOutcome(rule, False, ("rule has no criteria (never sends everything)",))
    names = set(c.referring) | (set(directory_referring) if c.referring_from_directory else set())
    if c.referring or c.referring_from_directory:
        wanted = {normalise_person_name(n) for n in names if n.strip()}
        if not study.referring or normalise_person_name(study.referring) not in wanted:
            return RuleOutcome(rule, False, ("referring physician not on the list",))
        reasons.append("referring physician on the list")
    if c.modalities:
        wanted_modalities = {m.upper() for m in c.modalities}
        if not wanted_modalities & {m.upper() for m in study.modalities}:
            return RuleOutcome(rule, False, ("modality not selected",))
        reasons.append("modality selected")
    for label, pattern, value in (
        ("study description", c.description, study.description),
        ("institution", c.institution, study.institution),
        ("station", c.station, study.station),
    ):
        if pattern:
            if not _glob(pattern, value):
                return RuleOutcome(rule, False, (f"{label} does not match",))
            reasons.append(f"{label} matches")
    if c.max_age_days:
        age = study_age_days(study.study_date, today)
        if age is None or age > c.max_age_days:
            return RuleOutcome(rule, False, ("study too old or undated",))
        reasons.append("study recent enough")
    return RuleOutcome(rule, True, tuple(reasons))


def destinations(
    rules: list[Rule], study: StudySummary, referring_by_site: dict[str, tuple[str, ...]], today: date
) -> dict[str, tuple[str, ...]]:
    """Every site the study goes to, with the reasons of the first rule that sent it there."""
    chosen: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        if rule.site in chosen:
            continue
        outcome = evaluate(rule, study, referring_by_site.get(rule.site, ()), today)
        if outcome.matched:
            chosen[rule.site] = outcome.reasons
    return chosen


@dataclass(frozen=True)
class Completeness:
    """Whether a study retrieved from the PACS is whole, from the PACS's own counts."""

    expected_instances: int
    have_instances: int

    @property
    def complete(self) -> bool:
        return self.expected_instances > 0 and self.have_instances >= self.expected_instances

    @property
    def missing(self) -> int:
        return max(0, self.expected_instances - self.have_instances)
