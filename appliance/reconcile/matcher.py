"""Decide link / review / new for one incoming patient against the local patient index.

A link is automatic only when every rule holds: a plausible best candidate, full birth date
identical (or vouched for by the NISS, see `_birth_ok`), no sex or NISS contradiction, names close
enough (or only the family name changed, with the same NISS, birth date, sex and given name; or
swapped, see `swapped_names_with_niss`), a score above the link threshold, a clear margin over the
next candidate, and no safety veto. Anything else goes to a human, with the ranked candidates and
the reasons. When no local record is plausible the patient is new (automatically or after review, as
the settings say).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, replace

from appliance.domain import Candidate, Decision, DecisionKind, PatientRecord
from appliance.reconcile.index import PatientIndex
from appliance.reconcile.names import NameMatch, given_typo
from appliance.reconcile.scoring import (
    DateMatch,
    Evidence,
    NissMatch,
    PreparedRecord,
    SexMatch,
    prepare,
    score,
)
from appliance.reconcile.vetoes import (
    INCOMING_NISS_INCONSISTENT,
    NISS_OF_OTHER_RECORD,
    SAME_NAME_AND_BIRTH,
    SAME_NAME_BIRTH_OTHER_NISS,
    STRONG_FAMILY,
    candidate_vetoes,
    incoming_vetoes,
    only_date_conflicts,
)

log = logging.getLogger(__name__)

NO_PLAUSIBLE_RECORD = "no plausible local record"
NEW_NEEDS_REVIEW = "a new patient record must be confirmed by a person (site policy)"
AUTOMATIC_LINK = "all rules for an automatic link hold"
AUTOMATIC_NEW = "no plausible local record: new patient"
BELOW_LINK_SCORE = "score below the automatic link threshold"
TOO_CLOSE = "the next candidate scores too close"
BIRTH_NOT_IDENTICAL = "birth date not identical"
SEX_CONFLICT = "sex different"
NISS_CONFLICT = "NISS different"
NAMES_TOO_FAR = "names not close enough for an automatic link"
NAMES_SWAPPED = "names swapped: a person must confirm"
NEAR_MISS_VETOES = (SAME_NAME_BIRTH_OTHER_NISS, SAME_NAME_AND_BIRTH, NISS_OF_OTHER_RECORD)
"""Vetoes that still forbid an automatic 'new' when the best candidate is below the plausible score."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision settings. Defaults were chosen on the development part of benchmarks/reconcile.py."""

    link_min_score: float = 0.6
    link_min_margin: float = 0.15
    link_min_family: float = 0.85
    link_min_given: float = 0.85
    link_min_name_with_niss: float = 0.6
    plausible_min_score: float = 0.3
    niss_vouches_birth: bool = True
    family_change_with_niss: bool = True
    swapped_names_with_niss: bool = True
    given_typo_with_niss: bool = True
    automatic_new: bool = True
    newborn_days: int = 365
    max_candidates: int = 5

    def for_policy(self, new_patient_policy: str) -> Thresholds:
        """These thresholds for a site's `new_patient_policy` setting ('automatic' or 'review')."""
        return replace(self, automatic_new=new_patient_policy == "automatic")


def _strong_names(evidence: Evidence) -> bool:
    """Family name identical (give or take spaces and particles) and the (first) given name identical."""
    return (not evidence.swapped_names and evidence.family in STRONG_FAMILY
            and evidence.given in (NameMatch.IDENTICAL, NameMatch.FIRST))


def _niss_gives_birth_date(evidence: Evidence, incoming: PreparedRecord) -> bool:
    """An identical NISS encoding the candidate's full birth date stands in for a partial incoming date."""
    return (evidence.niss is NissMatch.IDENTICAL and evidence.birth is DateMatch.NISS_VOUCHED
            and not incoming.birth_full)


def given_typo_with_niss(evidence: Evidence, incoming: PreparedRecord, top: PreparedRecord, t: Thresholds) -> bool:
    """A mistyped given name where the NISS already vouches for a mistyped birth date (`given_typo_with_niss`).

    Safe because three independent fields single out the candidate: the sent NISS is valid and
    identical to the candidate's (not a typo of another number: two valid numbers are two people),
    it carries exactly the candidate's birth date, which the sent date misses by one typing error,
    and the family name and the sex (both known) are the candidate's. The first given name is one
    typing error away (`names.given_typo`: same initial, one letter, five letters or more), the kind
    of error the sender's date already shows. A different person would have to be a relative sent
    under our patient's NISS, born one typing error away and called almost the same: a sibling named
    Anna/Hanna or Lena/Lina is excluded by the initial and length; one who is in our index is caught
    by the 'sent identity of another record' veto (the link rests on the NISS, so it is checked).
    """
    return (t.given_typo_with_niss and evidence.niss is NissMatch.IDENTICAL and not evidence.swapped_names
            and evidence.family in STRONG_FAMILY and evidence.given in (NameMatch.SIMILAR, NameMatch.WEAK)
            and evidence.sex is SexMatch.SAME and given_typo(incoming.name.given, top.name.given))


def niss_explains_birth(evidence: Evidence, incoming: PreparedRecord, top: PreparedRecord, t: Thresholds) -> bool:
    """The NISS vouches for the candidate's birth date and the names agree strongly, or only the given
    name is mistyped (see `_birth_ok`, `given_typo_with_niss`)."""
    return (t.niss_vouches_birth and evidence.birth is DateMatch.NISS_VOUCHED
            and (_strong_names(evidence) or given_typo_with_niss(evidence, incoming, top, t)))


def _birth_ok(evidence: Evidence, incoming: PreparedRecord, top: PreparedRecord, t: Thresholds) -> bool:
    """Full birth date identical; or vouched for by an identical NISS (partial incoming date); or vouched
    for by the NISS (mistyped incoming date, or a local record without NISS) with strongly agreeing names."""
    return (evidence.birth is DateMatch.EXACT or _niss_gives_birth_date(evidence, incoming)
            or niss_explains_birth(evidence, incoming, top, t))


def _names_close(evidence: Evidence, t: Thresholds) -> bool:
    if evidence.niss is not NissMatch.IDENTICAL:
        return (evidence.family_similarity >= t.link_min_family
                and evidence.given_similarity >= t.link_min_given)
    return (min(evidence.family_similarity, evidence.given_similarity) >= t.link_min_name_with_niss
            and max(evidence.family_similarity, evidence.given_similarity) >= t.link_min_family)


def family_changed_with_niss(evidence: Evidence, t: Thresholds) -> bool:
    """Another family name (marriage, usage or double name) with the same NISS, full birth date, sex and
    (first) given name. Never the other way round: the same family name with another given name is the
    twin pattern."""
    return (t.family_change_with_niss and evidence.niss is NissMatch.IDENTICAL and not evidence.swapped_names
            and evidence.birth is DateMatch.EXACT and evidence.sex is SexMatch.SAME
            and evidence.given in (NameMatch.IDENTICAL, NameMatch.FIRST) and not _names_close(evidence, t))


def swapped_names_with_niss(evidence: Evidence, t: Thresholds) -> bool:
    """Family and given names sent in each other's field, with an identical NISS, the full birth date
    identical and the same sex (both known) (`swapped_names_with_niss`).

    Safe because a field-order error says nothing about who the person is: the NISS (valid and
    identical), the full birth date and the sex single out the candidate, and the names read the
    right way round must pass exactly the test that unswapped names with an identical NISS pass
    (`_names_close`, after a 10% penalty). The twin who is not in our index, sent under our
    patient's NISS with swapped names, has another given name and fails that test; a twin who is in
    the index raises the twin veto whatever the names; someone in the index whose name is the sent
    name as sent ('Simon^Martin' for our 'Martin^Simon') raises the 'sent identity of another record'
    veto, since the link rests on the NISS. A partial or mistyped birth date with swapped names stays
    in review (two errors and the NISS alone to explain them)."""
    return (t.swapped_names_with_niss and evidence.swapped_names and evidence.niss is NissMatch.IDENTICAL
            and evidence.birth is DateMatch.EXACT and evidence.sex is SexMatch.SAME and _names_close(evidence, t))


def _names_ok(evidence: Evidence, t: Thresholds) -> bool:
    if evidence.swapped_names and evidence.niss is NissMatch.IDENTICAL:
        return swapped_names_with_niss(evidence, t)
    return _names_close(evidence, t) or family_changed_with_niss(evidence, t)


def _link_blockers(evidence: Evidence, incoming: PreparedRecord, top: PreparedRecord, second: float,
                   t: Thresholds) -> list[str]:
    blockers: list[str] = []
    if not _birth_ok(evidence, incoming, top, t):
        blockers.append(BIRTH_NOT_IDENTICAL)
    if evidence.sex is SexMatch.DIFFERENT:
        blockers.append(SEX_CONFLICT)
    if evidence.niss is NissMatch.DIFFERENT:
        blockers.append(NISS_CONFLICT)
    if evidence.swapped_names and (
            (evidence.niss is not NissMatch.IDENTICAL and min(evidence.family_similarity,
                                                              evidence.given_similarity) < 0.9)
            or (evidence.niss is NissMatch.IDENTICAL and not swapped_names_with_niss(evidence, t))):
        blockers.append(NAMES_SWAPPED)
    if not _names_ok(evidence, t):
        blockers.append(NAMES_TOO_FAR)
    if evidence.score < t.link_min_score:
        blockers.append(BELOW_LINK_SCORE)
    if evidence.score - second < t.link_min_margin:
        blockers.append(TOO_CLOSE)
    return blockers


@dataclass(frozen=True, slots=True)
class Assessment:
    """The scored candidates (best first) and incoming-only vetoes for one incoming patient."""

    prepared: PreparedRecord
    ranked: tuple[tuple[Evidence, PreparedRecord], ...]
    incoming_vetoes: tuple[str, ...]


class Matcher:
    """Decides for incoming patients against one `PatientIndex` with one set of `Thresholds`."""

    def __init__(self, index: PatientIndex, thresholds: Thresholds | None = None) -> None:
        self.index = index
        self.thresholds = thresholds or Thresholds()

    def ranked(self, incoming: PreparedRecord) -> list[tuple[Evidence, PreparedRecord]]:
        """Every retrieved local candidate with its evidence, best first (ties broken by id)."""
        scored = [(score(incoming, local), local) for local in self.index.candidates(incoming)]
        scored.sort(key=lambda pair: (-pair[0].score, pair[1].record.id))
        return scored

    def assess(self, incoming: PatientRecord, study_date: datetime.date | None = None) -> Assessment:
        """Retrieve and score the candidates and check the incoming-only vetoes (threshold-independent)."""
        prepared = prepare(incoming)
        vetoes = incoming_vetoes(prepared, self.index, study_date or datetime.date.today(),
                                 self.thresholds.newborn_days)
        return Assessment(prepared, tuple(self.ranked(prepared)), tuple(vetoes))

    def decide(self, incoming: PatientRecord, study_date: datetime.date | None = None) -> Decision:
        """The decision for one incoming patient; `study_date` (default today) serves the newborn rule."""
        return self.decide_assessment(self.assess(incoming, study_date))

    def decide_assessment(self, assessment: Assessment, thresholds: Thresholds | None = None) -> Decision:
        """Apply thresholds and vetoes to an assessment (the benchmark replays one with many thresholds)."""
        t = thresholds or self.thresholds
        ranked, vetoes = assessment.ranked, list(assessment.incoming_vetoes)
        shown = tuple(Candidate(loc.record.id, ev.score, ev.reasons) for ev, loc in ranked[: t.max_candidates])
        plausible = [(ev, loc) for ev, loc in ranked
                     if ev.score >= t.plausible_min_score or ev.niss is NissMatch.IDENTICAL]
        if not plausible:
            if ranked:  # a near miss (same name and birth date, other NISS...) must not become 'new' silently
                vetoes += [v for v in candidate_vetoes(assessment.prepared, ranked[0][1], self.index)
                           if v in NEAR_MISS_VETOES and v not in vetoes]
            if vetoes or not t.automatic_new:
                reasons = (NO_PLAUSIBLE_RECORD, *vetoes, *(() if t.automatic_new else (NEW_NEEDS_REVIEW,)))
                return self._log(Decision(DecisionKind.REVIEW, None, 0.0, shown, reasons))
            return self._log(Decision(DecisionKind.NEW, None, 0.0, shown, (AUTOMATIC_NEW,)))
        top_evidence, top = plausible[0]
        vouched = niss_explains_birth(top_evidence, assessment.prepared, top, t)
        if vouched and only_date_conflicts(assessment.prepared):
            vetoes.remove(INCOMING_NISS_INCONSISTENT)  # explained: the sent date is mistyped, the NISS is not
        niss_decides = (vouched and not _niss_gives_birth_date(top_evidence, assessment.prepared)) \
            or family_changed_with_niss(top_evidence, t) or swapped_names_with_niss(top_evidence, t)
        vetoes += [v for v in candidate_vetoes(assessment.prepared, top, self.index, birth_vouched=vouched,
                                               niss_decides=niss_decides) if v not in vetoes]
        second = ranked[1][0].score if len(ranked) > 1 else 0.0
        blockers = vetoes + _link_blockers(top_evidence, assessment.prepared, top, second, t)
        if blockers:
            return self._log(Decision(DecisionKind.REVIEW, None, top_evidence.score, shown, tuple(blockers)))
        decision = Decision(DecisionKind.LINK, top.record.id, top_evidence.score, shown, (AUTOMATIC_LINK,))
        return self._log(decision)

    @staticmethod
    def _log(decision: Decision) -> Decision:
        log.debug("reconcile decision %s score=%.3f candidates=%d", decision.kind, decision.score,
                  len(decision.candidates))
        return decision
