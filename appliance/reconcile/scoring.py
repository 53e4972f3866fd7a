"""Score one local record against one incoming patient, with the human-readable reasons for the score.

Each field adds or removes points (roughly log-odds: strong evidence weighs more); the total is
divided by the best possible total, so a score is in 0..1. The reasons are stable English sentences
without patient data: the GUI uses them as translation keys (see `ALL_REASONS`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from appliance.domain import PatientRecord
from appliance.reconcile.names import (
    NameMatch,
    PersonName,
    compare_family,
    compare_given,
    jaro_winkler,
    person_name,
    unswapped,
)
from appliance.reconcile.niss import NissInfo, compact_niss, date_parts, one_typo_apart, parse_niss


class NissMatch(enum.StrEnum):
    IDENTICAL = "identical"
    DIFFERENT = "different"
    TYPO = "typo"
    INVALID = "invalid"
    ABSENT = "absent"


class DateMatch(enum.StrEnum):
    EXACT = "exact"
    COMPATIBLE = "compatible"
    SWAPPED = "swapped"
    NEAR = "near"
    SAME_YEAR = "same_year"
    DIFFERENT = "different"
    ABSENT = "absent"
    NISS_VOUCHED = "niss_vouched"


class SexMatch(enum.StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    ABSENT = "absent"


NISS_POINTS = {NissMatch.IDENTICAL: 8.0, NissMatch.DIFFERENT: -10.0, NissMatch.TYPO: 2.0,
               NissMatch.INVALID: 0.0, NissMatch.ABSENT: 0.0}
DATE_POINTS = {DateMatch.EXACT: 6.0, DateMatch.COMPATIBLE: 2.0, DateMatch.SWAPPED: 2.0,
               DateMatch.NEAR: -1.0, DateMatch.SAME_YEAR: -2.0, DateMatch.DIFFERENT: -8.0, DateMatch.ABSENT: 0.0,
               DateMatch.NISS_VOUCHED: 5.0}
SEX_POINTS = {SexMatch.SAME: 1.0, SexMatch.DIFFERENT: -4.0, SexMatch.ABSENT: 0.0}
FAMILY_WEIGHT, FAMILY_MISMATCH = 5.0, -4.0
GIVEN_WEIGHT, GIVEN_MISMATCH = 4.0, -3.0
MAX_POINTS = 8.0 + 6.0 + FAMILY_WEIGHT + GIVEN_WEIGHT + 1.0
GENERATION_YEARS = 14
"""Birth years this far apart may be a parent and a child: never explained as a typing error."""

NISS_REASONS = {
    NissMatch.IDENTICAL: "NISS identical",
    NissMatch.DIFFERENT: "NISS different (valid numbers of two different people)",
    NissMatch.TYPO: "NISS differs by one typing error",
    NissMatch.INVALID: "NISS invalid (check digits) on one side",
    NissMatch.ABSENT: "NISS missing on one side",
}
DATE_REASONS = {
    DateMatch.EXACT: "birth date identical",
    DateMatch.COMPATIBLE: "birth date partially known and compatible",
    DateMatch.SWAPPED: "birth date: day and month swapped",
    DateMatch.NEAR: "birth date differs in one part",
    DateMatch.SAME_YEAR: "birth date different in the same year",
    DateMatch.DIFFERENT: "birth date different",
    DateMatch.ABSENT: "birth date missing on one side",
    DateMatch.NISS_VOUCHED: "birth date partial or mistyped, but the NISS carries the local birth date",
}
SEX_REASONS = {SexMatch.SAME: "sex identical", SexMatch.DIFFERENT: "sex different",
               SexMatch.ABSENT: "sex missing or unknown on one side"}
FAMILY_REASONS = {
    NameMatch.IDENTICAL: "family name identical",
    NameMatch.SPELLING: "family name identical apart from spaces in particles",
    NameMatch.PARTICLE: "family name identical apart from a particle",
    NameMatch.PART: "family name shares one part of a double name",
    NameMatch.SIMILAR: "family name similar",
    NameMatch.WEAK: "family name somewhat similar",
    NameMatch.DIFFERENT: "family name different",
    NameMatch.ABSENT: "family name missing on one side",
}
GIVEN_REASONS = {
    NameMatch.IDENTICAL: "given names identical",
    NameMatch.FIRST: "first given name identical",
    NameMatch.ONE_OF: "one of the given names identical",
    NameMatch.INITIAL: "given name matches an initial only",
    NameMatch.SIMILAR: "given name similar",
    NameMatch.WEAK: "given name somewhat similar",
    NameMatch.DIFFERENT: "given name different",
    NameMatch.ABSENT: "given name missing on one side",
}
SWAPPED_REASON = "family and given names swapped"
ALL_REASONS = (
    *NISS_REASONS.values(), *DATE_REASONS.values(), *SEX_REASONS.values(),
    *FAMILY_REASONS.values(), *GIVEN_REASONS.values(), SWAPPED_REASON,
)


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A patient record with everything the scorer needs computed once."""

    record: PatientRecord
    name: PersonName
    niss: str
    niss_info: NissInfo | None
    birth: tuple[int | None, int | None, int | None]
    sex: str

    @property
    def birth_full(self) -> str:
        """YYYYMMDD when the whole birth date is known, else ''."""
        year, month, day = self.birth
        return f"{year:04d}{month:02d}{day:02d}" if year and month and day else ""


def prepare(record: PatientRecord) -> PreparedRecord:
    """Normalise a record's name, NISS, birth date and sex once."""
    niss = compact_niss(record.niss)
    sex = record.sex.strip().upper()[:1]
    return PreparedRecord(
        record=record,
        name=person_name(record.family_name, record.given_name),
        niss=niss,
        niss_info=parse_niss(niss) if niss else None,
        birth=date_parts(record.birth_date),
        sex=sex if sex in ("M", "F") else "",
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    """How one local record compares with the incoming patient, field by field."""

    niss: NissMatch
    birth: DateMatch
    family: NameMatch
    given: NameMatch
    family_similarity: float
    given_similarity: float
    swapped_names: bool
    sex: SexMatch
    score: float
    reasons: tuple[str, ...]


def compare_niss(a: PreparedRecord, b: PreparedRecord) -> NissMatch:
    """Compare the NISS of two prepared records."""
    if not a.niss or not b.niss:
        return NissMatch.ABSENT
    if a.niss_info and b.niss_info:
        return NissMatch.IDENTICAL if a.niss == b.niss else NissMatch.DIFFERENT
    if one_typo_apart(a.niss, b.niss):
        return NissMatch.TYPO
    return NissMatch.INVALID


def compare_birth(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> DateMatch:
    """Compare two (year, month, day) birth dates whose parts may be unknown."""
    if a[0] is None or b[0] is None:
        return DateMatch.ABSENT
    if a == b and None not in a:
        return DateMatch.EXACT
    if None not in a and None not in b:
        if a[0] == b[0] and a[1] == b[2] and a[2] == b[1]:
            return DateMatch.SWAPPED
        same = sum(x == y for x, y in zip(a, b, strict=True))
        if same == 2 and (a[0] == b[0] or one_typo_apart(str(a[0]), str(b[0]))):
            return DateMatch.NEAR
        return DateMatch.SAME_YEAR if a[0] == b[0] else DateMatch.DIFFERENT
    if all(x == y for x, y in zip(a, b, strict=True) if x is not None and y is not None):
        return DateMatch.COMPATIBLE
    return DateMatch.DIFFERENT


def niss_vouched_birth(incoming: PreparedRecord, local: PreparedRecord) -> tuple[int, int, int] | None:
    """The full birth date the incoming NISS vouches for when compared with this local record.

    A checksum-valid NISS vouches for the full date it encodes (the check digits cover the date). An
    invalid NISS one typing error away from the local record's valid NISS, whose six date digits are
    those of the local NISS (the error is in the serial or check digits), vouches for the local NISS's
    date. Otherwise (no NISS, partial date in the NISS, another error) it vouches for nothing.
    """
    info = incoming.niss_info
    if (info is None and local.niss_info is not None and incoming.niss[:6] == local.niss[:6]
            and one_typo_apart(incoming.niss, local.niss)):
        info = local.niss_info
    if info is None or info.year is None or info.month is None or info.day is None:
        return None
    return info.year, info.month, info.day


def one_typing_error(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> bool:
    """Two full dates one mistyped digit, one adjacent transposition or a day/month swap apart,
    less than a generation apart."""
    if None in a or None in b or a == b:
        return False
    year_a, month_a, day_a = (int(x) for x in a)  # type: ignore[arg-type]
    year_b, month_b, day_b = (int(x) for x in b)  # type: ignore[arg-type]
    if abs(year_a - year_b) >= GENERATION_YEARS:
        return False
    text_a, text_b = f"{year_a:04d}{month_a:02d}{day_a:02d}", f"{year_b:04d}{month_b:02d}{day_b:02d}"
    return one_typo_apart(text_a, text_b) or (year_a, month_a, day_a) == (year_b, day_b, month_b)


def _birth(incoming: PreparedRecord, local: PreparedRecord) -> DateMatch:
    """Birth date evidence; a partial, missing or mistyped incoming date can be vouched for by the NISS."""
    birth = compare_birth(incoming.birth, local.birth)
    if birth is DateMatch.EXACT or not local.birth_full:
        return birth
    if birth not in (DateMatch.COMPATIBLE, DateMatch.ABSENT) and not one_typing_error(incoming.birth, local.birth):
        return birth
    if niss_vouched_birth(incoming, local) != local.birth:
        return birth
    niss_sex = incoming.niss_info.sex if incoming.niss_info else local.niss_info.sex if local.niss_info else None
    if niss_sex and local.sex and niss_sex != local.sex:
        return birth
    return DateMatch.NISS_VOUCHED


SWAPPED_FACTOR = 0.9
"""Swapped names count a little less than the same names in the right fields."""
_NO_NAME_MATCH = (NameMatch.DIFFERENT, NameMatch.ABSENT)


def _names(incoming: PersonName, local: PersonName,
           read_swapped: bool = False) -> tuple[NameMatch, float, NameMatch, float, bool]:
    """Family and given name evidence. Swapped names are recognised by Jaro-Winkler on the crossed fields;
    with `read_swapped` (the NISS is identical) the names are also compared read the other way round,
    with the ordinary rules (particles, parts of a double name, given names), so that 'Daniel^Gaden'
    is recognised as 'Gaden-Parashar^Daniel'."""
    family, family_sim = compare_family(incoming.family, local.family)
    given, given_sim = compare_given(incoming.given, local.given)
    if read_swapped and family_sim + given_sim < 1.8 and incoming.family.full and incoming.given.full:
        other = unswapped(incoming)
        crossed_family_kind, crossed_family_sim = compare_family(other.family, local.family)
        crossed_given_kind, crossed_given_sim = compare_given(other.given, local.given)
        if (crossed_family_kind not in _NO_NAME_MATCH and crossed_given_kind not in _NO_NAME_MATCH
                and SWAPPED_FACTOR * (crossed_family_sim + crossed_given_sim) > family_sim + given_sim):
            return (crossed_family_kind, SWAPPED_FACTOR * crossed_family_sim, crossed_given_kind,
                    SWAPPED_FACTOR * crossed_given_sim, True)
    if family_sim + given_sim < 1.8 and incoming.family.full and incoming.given.full:
        inc, loc, jw = incoming, local, jaro_winkler
        crossed_family = max(jw(inc.given.full, loc.family.full), jw(inc.given.full, loc.family.core))
        crossed_given = max(jw(inc.family.full, loc.given.full), jw(inc.family.core, loc.given.full))
        if crossed_family >= 0.92 and crossed_given >= 0.92:
            crossed = SWAPPED_FACTOR * min(crossed_family, crossed_given)
            if 2 * crossed > family_sim + given_sim:
                return NameMatch.SIMILAR, crossed, NameMatch.SIMILAR, crossed, True
    return family, family_sim, given, given_sim, False


def _name_points(match: NameMatch, similarity: float, weight: float, mismatch: float) -> float:
    if match is NameMatch.ABSENT:
        return 0.0
    if match is NameMatch.DIFFERENT:
        return mismatch
    return weight * similarity


def score(incoming: PreparedRecord, local: PreparedRecord) -> Evidence:
    """Compare a local record with the incoming patient; the score is in 0..1."""
    niss = compare_niss(incoming, local)
    birth = _birth(incoming, local)
    family, family_sim, given, given_sim, swapped = _names(incoming.name, local.name, niss is NissMatch.IDENTICAL)
    sex = SexMatch.ABSENT if not incoming.sex or not local.sex else (
        SexMatch.SAME if incoming.sex == local.sex else SexMatch.DIFFERENT)
    points = (NISS_POINTS[niss] + DATE_POINTS[birth] + SEX_POINTS[sex]
              + _name_points(family, family_sim, FAMILY_WEIGHT, FAMILY_MISMATCH)
              + _name_points(given, given_sim, GIVEN_WEIGHT, GIVEN_MISMATCH))
    reasons = [NISS_REASONS[niss], DATE_REASONS[birth]]
    if swapped:
        reasons.append(SWAPPED_REASON)
    else:
        reasons += [FAMILY_REASONS[family], GIVEN_REASONS[given]]
    reasons.append(SEX_REASONS[sex])
    value = round(min(1.0, max(0.0, points / MAX_POINTS)), 4)
    return Evidence(niss, birth, family, given, family_sim, given_sim, swapped, sex, value, tuple(reasons))
