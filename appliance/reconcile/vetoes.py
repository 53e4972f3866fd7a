"""Safety vetoes: situations where a wrong automatic link is plausible, so a human must decide.

Each veto is a stable English sentence (a GUI translation key, no patient data). A veto never makes
a record more likely; it only forbids an automatic decision (link or new).
"""

from __future__ import annotations

import datetime

from appliance.reconcile.index import PatientIndex
from appliance.reconcile.names import NameMatch, compare_family, compare_given
from appliance.reconcile.niss import niss_conflicts
from appliance.reconcile.scoring import DateMatch, NissMatch, PreparedRecord, compare_birth, compare_niss

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
ALL_VETOES = (TWIN, SAME_NAME_AND_BIRTH, SAME_NAME_BIRTH_OTHER_NISS, INCOMING_NISS_INCONSISTENT,
              LOCAL_NISS_INCONSISTENT, SHARED_NISS, NISS_OF_OTHER_RECORD, NEWBORN_WITHOUT_NISS,
              PARENT_CHILD_HOMONYM, GENERATION_SUFFIX)

_SAME_FAMILY = (NameMatch.IDENTICAL, NameMatch.SPELLING, NameMatch.PARTICLE)
_SIBLING_FAMILY = (*_SAME_FAMILY, NameMatch.PART, NameMatch.SIMILAR)


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


def candidate_vetoes(incoming: PreparedRecord, top: PreparedRecord, index: PatientIndex) -> list[str]:
    """Vetoes against linking the incoming patient to the best local candidate `top`."""
    found: list[str] = []
    same_birth = top.birth_full and compare_birth(incoming.birth, top.birth) is DateMatch.EXACT
    if top.niss_info and (niss_conflicts(top.niss_info, incoming.record.birth_date, incoming.sex)
                          or niss_conflicts(top.niss_info, top.record.birth_date, top.sex)):
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


def _niss_dates_generation(incoming: PreparedRecord, top: PreparedRecord) -> bool:
    """True when the incoming NISS is valid, agrees with the candidate, and encodes its birth year."""
    info = incoming.niss_info
    return (info is not None and info.year is not None and info.year == top.birth[0]
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
