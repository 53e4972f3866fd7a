"""Safety vetoes: situations where a wrong automatic link is plausible, so a human must decide.

Each veto is a stable English sentence (a GUI translation key, no patient data). A veto never makes
a record more likely; it only forbids an automatic decision (link or new).
"""

from __future__ import annotations

import datetime

from appliance.reconcile.index import PatientIndex
from appliance.reconcile.names import NameMatch, compare_family, compare_given
from appliance.reconcile.niss import niss_conflicts
from appliance.reconcile.scoring import (
    DateMatch,
    NissMatch,
    PreparedRecord,
    compare_birth,
    compare_niss,
    niss_vouched_birth,
)

TWIN = "possible twin: same family name, birth date and sex but another given name"
SAME_NAME_AND_BIRTH = "another local record has the same name and birth date"
SAME_NAME_BIRTH_OTHER_NISS = "same name and birth date but a different NISS"
INCOMING_NISS_INCONSISTENT = "the incoming NISS disagrees with the incoming birth date or sex"
LOCAL_NISS_INCONSISTENT = "the NISS disagrees with the local record's birth date or sex"
SHARED_NISS = "two local records share this NISS"
NISS_OF_OTHER_RECORD = "the incoming NISS belongs to another local record (relative?)"
NEWBORN_WITHOUT_NISS = "newborn without NISS"
PARENT_CHILD_HOMONYM = "another local record has the same name and sex but another birth date (parent or child?)"
GENERATION_SUFFIX = "the name carries a generation suffix (junior/senior)"
SENT_IDENTITY_OF_OTHER_RECORD = "another local record has the name and birth date that were sent"
ALL_VETOES = (TWIN, SAME_NAME_AND_BIRTH, SAME_NAME_BIRTH_OTHER_NISS, INCOMING_NISS_INCONSISTENT,
              LOCAL_NISS_INCONSISTENT, SHARED_NISS, NISS_OF_OTHER_RECORD, NEWBORN_WITHOUT_NISS,
              PARENT_CHILD_HOMONYM, GENERATION_SUFFIX, SENT_IDENTITY_OF_OTHER_RECORD)

STRONG_FAMILY = (NameMatch.IDENTICAL, NameMatch.SPELLING, NameMatch.PARTICLE)
"""Family names that are the same name (give or take spaces and particles)."""
_SAME_FAMILY = STRONG_FAMILY
_SIBLING_FAMILY = (*_SAME_FAMILY, NameMatch.PART, NameMatch.SIMILAR)
_DATE_PARTS = frozenset({"year", "month", "day"})


def _age_days(prepared: PreparedRecord, on: datetime.date) -> int | None:
    year, month, day = prepared.birth
    if year is None:
        return None
    try:
        born = datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return (on - born).days


def _sex_compatible(a: PreparedRecord, b: PreparedRecord) -> bool:
    return not a.sex or not b.sex or a.sex == b.sex


def incoming_vetoes(incoming: PreparedRecord, index: PatientIndex, study_date: datetime.date,
                    newborn_days: int) -> list[str]:
    """Vetoes that depend only on the incoming patient and the index."""
    found: list[str] = []
    if incoming.niss_info and niss_conflicts(incoming.niss_info, incoming.record.birth_date, incoming.sex):
        found.append(INCOMING_NISS_INCONSISTENT)
    if incoming.niss_info and len(index.by_niss(incoming.niss)) > 1:
        found.append(SHARED_NISS)
    age = _age_days(incoming, study_date)
    if incoming.niss_info is None and age is not None and age < newborn_days:
        found.append(NEWBORN_WITHOUT_NISS)
    if incoming.name.suffix:
        found.append(GENERATION_SUFFIX)
    return found


def only_date_conflicts(incoming: PreparedRecord) -> bool:
    """The incoming NISS contradicts only parts of the incoming birth date (not the sex)."""
    info = incoming.niss_info
    conflicts = niss_conflicts(info, incoming.record.birth_date, incoming.sex) if info else ()
    return bool(conflicts) and set(conflicts) <= _DATE_PARTS


def candidate_vetoes(incoming: PreparedRecord, top: PreparedRecord, index: PatientIndex,
                     birth_vouched: bool = False, niss_decides: bool = False) -> list[str]:
    """Vetoes against linking the incoming patient to the best local candidate `top`.

    `birth_vouched`: the incoming NISS vouches for the candidate's birth date and the names agree
    strongly (the matcher's rule); then a candidate NISS that contradicts only the (mistyped)
    incoming birth date is no veto. It must still agree with the candidate's own record and the sex.
    `niss_decides`: the link would rest on the NISS where the sent birth date or family name differ;
    then no other local record may carry the sent name with a birth date compatible with the sent one
    (a homonym given the wrong NISS by the sender looks exactly like that).
    """
    found: list[str] = []
    if niss_decides and _sent_identity_elsewhere(incoming, top, index):
        found.append(SENT_IDENTITY_OF_OTHER_RECORD)
    same_birth = top.birth_full and compare_birth(incoming.birth, top.birth) is DateMatch.EXACT
    if top.niss_info:
        against_incoming = set(niss_conflicts(top.niss_info, incoming.record.birth_date, incoming.sex))
        if birth_vouched:
            against_incoming -= _DATE_PARTS
        if against_incoming or niss_conflicts(top.niss_info, top.record.birth_date, top.sex):
            found.append(LOCAL_NISS_INCONSISTENT)
    if top.niss and len(index.by_niss(top.niss)) > 1:
        found.append(SHARED_NISS)
    if incoming.niss_info and any(o.record.id != top.record.id for o in index.by_niss(incoming.niss)):
        found.append(NISS_OF_OTHER_RECORD)
    if same_birth and compare_niss(incoming, top) is NissMatch.DIFFERENT:
        family, _ = compare_family(incoming.name.family, top.name.family)
        if family in _SAME_FAMILY and incoming.name.given.first == top.name.given.first:
            found.append(SAME_NAME_BIRTH_OTHER_NISS)
    for other in index.by_birth_date(top.birth_full):
        if other.record.id == top.record.id:
            continue
        family, _ = compare_family(other.name.family, top.name.family)
        if family not in _SIBLING_FAMILY:
            continue
        if family in _SAME_FAMILY and other.name.given.first == top.name.given.first:
            found.append(SAME_NAME_AND_BIRTH)
        elif _sex_compatible(other, top):
            found.append(TWIN)
    if same_birth and _sex_compatible(incoming, top):
        family, _ = compare_family(incoming.name.family, top.name.family)
        given, _ = compare_given(incoming.name.given, top.name.given)
        if family in _SIBLING_FAMILY and given is NameMatch.DIFFERENT:
            found.append(TWIN)
    if not _niss_dates_generation(incoming, top) and _parent_or_child_homonym(top, index):
        found.append(PARENT_CHILD_HOMONYM)
    return list(dict.fromkeys(found))


_NOT_RULED_OUT = (DateMatch.EXACT, DateMatch.COMPATIBLE, DateMatch.ABSENT, DateMatch.SWAPPED, DateMatch.NEAR)


def _sent_identity_elsewhere(incoming: PreparedRecord, top: PreparedRecord, index: PatientIndex) -> bool:
    """Another local record with the sent family and first given name, not ruled out by the sent birth date."""
    return any(other.record.id != top.record.id and compare_birth(incoming.birth, other.birth) in _NOT_RULED_OUT
               for other in index.homonyms(incoming))


def _niss_dates_generation(incoming: PreparedRecord, top: PreparedRecord) -> bool:
    """True when the incoming NISS is valid, agrees with the candidate, and encodes its birth year; or is
    one typing error away from the candidate's NISS, with the date digits intact, and the incoming
    birth date is the candidate's."""
    info = incoming.niss_info
    if info is None:
        return (bool(top.birth_full) and incoming.birth == top.birth
                and niss_vouched_birth(incoming, top) == top.birth)
    return (info.year is not None and info.year == top.birth[0]
            and not niss_conflicts(info, top.record.birth_date, top.sex))


def _parent_or_child_homonym(top: PreparedRecord, index: PatientIndex) -> bool:
    """Another local record with the same name and sex, born 14 to 60 years earlier or later."""
    year = top.birth[0]
    for other in index.homonyms(top):
        other_year = other.birth[0]
        if (other.record.id != top.record.id and other.sex == top.sex and year is not None
                and other_year is not None and 14 <= abs(year - other_year) <= 60):
            return True
    return False
