"""Decisions (link / review / new), thresholds, and candidate retrieval from the patient index."""

from __future__ import annotations

import dataclasses
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.domain import DecisionKind, PatientRecord
from appliance.reconcile.index import PatientIndex
from appliance.reconcile.matcher import (
    BIRTH_NOT_IDENTICAL,
    NAMES_SWAPPED,
    NEW_NEEDS_REVIEW,
    TOO_CLOSE,
    Matcher,
    Thresholds,
)
from appliance.reconcile.niss import make_niss
from appliance.reconcile.vetoes import SENT_IDENTITY_OF_OTHER_RECORD

STUDY = datetime.date(2026, 6, 1)
NISS = make_niss("19620523", "F", 88)
LOCAL = [
    PatientRecord("A", "Van den Broeck", "Marie-Louise", "19620523", "F", NISS),
    PatientRecord("B", "Dubois", "Jean", "19450101", "M", make_niss("19450101", "M", 3)),
    PatientRecord("C", "Vermeulen", "Thomas", "19901111", "M"),
]


def decide(incoming, thresholds=None, local=LOCAL):
    return Matcher(PatientIndex(local), thresholds).decide(incoming, STUDY)


def test_certain_match_is_linked_with_particles_accents_and_pn():
    d = decide(PatientRecord("x", "VANDENBROECK^MARIE-LOUISE", "", "19620523", "F", NISS))
    assert (d.kind, d.matched_id) == (DecisionKind.LINK, "A")
    assert d.candidates[0].patient_id == "A" and d.candidates[0].reasons


def test_certain_match_without_niss_needs_exact_names_and_birth_date():
    d = decide(PatientRecord("x", "Vermeulen", "Thomas", "19901111", "M"))
    assert (d.kind, d.matched_id) == (DecisionKind.LINK, "C")


def test_swapped_day_and_month_goes_to_review():
    local = [PatientRecord("D", "Dubois", "Jean", "19450305", "M")]
    d = decide(PatientRecord("x", "Dubois", "Jean", "19450503", "M"), local=local)
    assert d.kind is DecisionKind.REVIEW and BIRTH_NOT_IDENTICAL in d.reasons
    assert d.candidates[0].patient_id == "D"
    assert "birth date: day and month swapped" in d.candidates[0].reasons


def test_same_name_other_date_in_the_same_year_is_reviewed_not_new():
    local = [PatientRecord("D", "Dubois", "Jean", "19450305", "M")]
    d = decide(PatientRecord("x", "Dubois", "Jean", "19450101", "M"), local=local)
    assert d.kind is DecisionKind.REVIEW and BIRTH_NOT_IDENTICAL in d.reasons


def test_partial_birth_date_with_identical_niss_is_linked():
    d = decide(PatientRecord("x", "Van den Broeck", "Marie-Louise", "1962", "F", NISS))
    assert (d.kind, d.matched_id) == (DecisionKind.LINK, "A")


def test_partial_birth_date_without_niss_goes_to_review():
    d = decide(PatientRecord("x", "Vermeulen", "Thomas", "1990", "M"))
    assert d.kind is DecisionKind.REVIEW and d.candidates[0].patient_id == "C"


def test_mistyped_birth_date_is_explained_by_an_identical_niss():
    """One mistyped digit (or a day/month swap) in the sent date; the NISS is the local record's."""
    for sent in ("19620528", "19630523", "19620513"):
        d = decide(PatientRecord("x", "VAN DEN BROECK^MARIE-LOUISE", "", sent, "F", NISS))
        assert (d.kind, d.matched_id) == (DecisionKind.LINK, "A"), sent
    # 1962 -> 1926 is one adjacent swap, but 36 years: never explained as a typing error
    assert decide(PatientRecord("x", "VAN DEN BROECK^MARIE-LOUISE", "", "19260523", "F", NISS)).kind \
        is DecisionKind.REVIEW
    swapped = make_niss("19620305", "F", 88)
    local = [PatientRecord("S", "Maes", "Anne", "19620305", "F", swapped)]
    d = decide(PatientRecord("x", "MAES^ANNE", "", "19620503", "F", swapped), local=local)
    assert (d.kind, d.matched_id) == (DecisionKind.LINK, "S")
    assert "birth date partial or mistyped, but the NISS carries the local birth date" in d.candidates[0].reasons


def test_mistyped_birth_date_with_niss_needs_strongly_agreeing_names():
    d = decide(PatientRecord("x", "VAN DEN BROEK^MARIE", "", "19620528", "F", NISS))  # family only similar
    assert d.kind is DecisionKind.REVIEW and BIRTH_NOT_IDENTICAL in d.reasons


def test_mistyped_birth_date_without_niss_goes_to_review():
    d = decide(PatientRecord("x", "Vermeulen", "Thomas", "19901112", "M"))
    assert d.kind is DecisionKind.REVIEW and BIRTH_NOT_IDENTICAL in d.reasons


def test_niss_vouches_for_the_birth_date_of_a_local_record_without_niss():
    niss = make_niss("19901111", "M", 7)
    for sent in ("1990", "", "19901117"):
        d = decide(PatientRecord("x", "VERMEULEN^THOMAS", "", sent, "M", niss))
        assert (d.kind, d.matched_id) == (DecisionKind.LINK, "C"), sent
    other_day = make_niss("19901112", "M", 7)  # the NISS carries another date: it vouches for nothing
    assert decide(PatientRecord("x", "VERMEULEN^THOMAS", "", "1990", "M", other_day)).kind is DecisionKind.REVIEW


def test_mistyped_niss_with_intact_date_digits_vouches_for_a_partial_date():
    typo = NISS[:9] + ("0" if NISS[9] != "0" else "1") + NISS[10]  # a check digit mistyped
    d = decide(PatientRecord("x", "VAN DEN BROECK^MARIE-LOUISE", "", "1962", "F", typo))
    assert (d.kind, d.matched_id) == (DecisionKind.LINK, "A")
    date_typo = NISS[:5] + str((int(NISS[5]) + 1) % 10) + NISS[6:]  # a date digit mistyped: no
    assert decide(PatientRecord("x", "VAN DEN BROECK^MARIE-LOUISE", "", "1962", "F", date_typo)).kind \
        is DecisionKind.REVIEW


def test_other_family_name_with_identical_niss_birth_date_sex_and_given_name_is_linked():
    """A married or usage name: the NISS, full birth date, sex and given name are all the local record's."""
    d = decide(PatientRecord("x", "JANSSENS^MARIE-LOUISE", "", "19620523", "F", NISS))
    assert (d.kind, d.matched_id) == (DecisionKind.LINK, "A")
    for other in (PatientRecord("x", "JANSSENS^MARIE-LOUISE", "", "19620523", "", NISS),  # sex unknown
                  PatientRecord("x", "JANSSENS^MARIE-LOUISE", "", "1962", "F", NISS),  # partial date
                  PatientRecord("x", "JANSSENS^ANNE", "", "19620523", "F", NISS)):  # given name differs
        assert decide(other).kind is DecisionKind.REVIEW, other


def test_the_new_rules_can_be_switched_off():
    strict = Thresholds(niss_vouches_birth=False, family_change_with_niss=False)
    assert decide(PatientRecord("x", "VAN DEN BROECK^MARIE-LOUISE", "", "19620528", "F", NISS),
                  strict).kind is DecisionKind.REVIEW
    assert decide(PatientRecord("x", "JANSSENS^MARIE-LOUISE", "", "19620523", "F", NISS),
                  strict).kind is DecisionKind.REVIEW


TYLAH = PatientRecord("T", "Senner", "Tylàh", "19900330", "F", make_niss("19900330", "F", 16))
GADEN = PatientRecord("G", "Gaden-Parashar", "Daniel", "19840606", "F", make_niss("19840606", "F", 290))


def test_swapped_names_with_identical_niss_birth_date_and_sex_are_linked():
    """Read the right way round, the names pass the ordinary test (a spelling error, one part of a double name)."""
    for local, sent in ((TYLAH, "TYLAJ^SENNER"), (GADEN, "Daniel^Gaden")):
        d = decide(dataclasses.replace(local, id="x", family_name=sent, given_name=""), local=[local])
        assert (d.kind, d.matched_id) == (DecisionKind.LINK, local.id), sent
        assert "family and given names swapped" in d.candidates[0].reasons


def test_swapped_names_need_the_niss_the_full_birth_date_and_the_sex():
    sent = dataclasses.replace(TYLAH, id="x", family_name="TYLAJ^SENNER", given_name="")
    for other in (dataclasses.replace(sent, niss=""),  # no NISS
                  dataclasses.replace(sent, birth_date="1990"),  # partial date
                  dataclasses.replace(sent, birth_date="19900331"),  # mistyped date (vouched by the NISS)
                  dataclasses.replace(sent, sex="")):  # sex unknown
        d = decide(other, local=[TYLAH])
        assert d.kind is DecisionKind.REVIEW and NAMES_SWAPPED in d.reasons, other
    assert decide(sent, Thresholds(swapped_names_with_niss=False), [TYLAH]).kind is DecisionKind.REVIEW


def test_trap_the_twin_unknown_locally_sent_swapped_with_our_patients_niss():
    """Our patient's twin (not in our index) sent as 'Given^Family' with our patient's NISS and birth date."""
    d = decide(dataclasses.replace(TYLAH, id="x", family_name="KAYLA^SENNER", given_name=""), local=[TYLAH])
    assert d.kind is DecisionKind.REVIEW and d.matched_id is None


def test_trap_the_sent_name_as_sent_is_another_local_record():
    """'Simon^Martin' sent with the NISS of our 'Martin^Simon', both born the same day: review."""
    ours = PatientRecord("O", "Martin", "Simon", "19700101", "M", make_niss("19700101", "M", 5))
    theirs = PatientRecord("S", "Simon", "Martin", "19700101", "M")
    sent = PatientRecord("x", "SIMON^MARTIN", "", "19700101", "M", ours.niss)
    assert decide(sent, local=[ours]).kind is DecisionKind.LINK  # alone: our patient, names swapped
    d = decide(sent, local=[ours, theirs])
    assert d.kind is DecisionKind.REVIEW and SENT_IDENTITY_OF_OTHER_RECORD in d.reasons
    assert {"O", "S"} <= {c.patient_id for c in d.candidates[:2]}


CAMERON = PatientRecord("R", "Prideaux", "Cameron", "19990615", "M", make_niss("19990615", "M", 731))


def test_mistyped_given_name_with_a_mistyped_birth_date_vouched_for_by_the_niss_is_linked():
    for given_name, sent_date in (("CAMEFON", "19900615"), ("CAMERN", "19990616"), ("CMAERON", "19991506")):
        sent = PatientRecord("x", f"PRIDEAUX^{given_name}", "", sent_date, "M", CAMERON.niss)
        d = decide(sent, local=[CAMERON])
        assert (d.kind, d.matched_id) == (DecisionKind.LINK, "R"), given_name
    sent = PatientRecord("x", "PRIDEAUX^CAMEFON", "", "19900615", "M", CAMERON.niss)
    assert decide(sent, Thresholds(given_typo_with_niss=False), [CAMERON]).kind is DecisionKind.REVIEW


def test_mistyped_given_name_rule_is_narrow():
    sent = PatientRecord("x", "PRIDEAUX^CAMEFON", "", "19900615", "M", CAMERON.niss)
    for other in (dataclasses.replace(sent, family_name="PRIDEAUX^KAMERON"),  # another initial
                  dataclasses.replace(sent, family_name="PRIDEAUX^CAMFEON"),  # two errors
                  dataclasses.replace(sent, family_name="PRIDAUX^CAMEFON"),  # family name mistyped too
                  dataclasses.replace(sent, sex=""),  # sex unknown
                  dataclasses.replace(sent, niss=CAMERON.niss[:10] + str((int(CAMERON.niss[10]) + 1) % 10))):
        assert decide(other, local=[CAMERON]).kind is not DecisionKind.LINK, other  # the mistyped NISS: 'new'
    # short names one letter apart are often two names (Anna/Hanna, Lena/Lina): never a typo
    lena = PatientRecord("L", "Maes", "Lena", "19800101", "F", make_niss("19800101", "F", 20))
    lina = PatientRecord("x", "MAES^LINA", "", "19810101", "F", lena.niss)
    assert decide(lina, local=[lena]).kind is DecisionKind.REVIEW


def test_trap_a_sibling_called_almost_the_same_sent_with_our_patients_niss():
    """The younger sibling, in our index, born on the same day nine years later, sent with the elder's NISS."""
    elder = PatientRecord("E", "Maes", "Johanna", "19800101", "F", make_niss("19800101", "F", 20))
    younger = PatientRecord("Y", "Maes", "Johanne", "19890101", "F")
    sent = PatientRecord("x", "MAES^JOHANNE", "", "19890101", "F", elder.niss)
    assert decide(sent, local=[elder]).kind is DecisionKind.LINK  # the younger one unknown: a typo for us
    d = decide(sent, local=[elder, younger])
    assert d.kind is DecisionKind.REVIEW and SENT_IDENTITY_OF_OTHER_RECORD in d.reasons


def test_unknown_patient_is_new_or_reviewed_by_policy():
    stranger = PatientRecord("x", "Nguyen", "Minh", "19770707", "M", make_niss("19770707", "M", 9))
    assert decide(stranger).kind is DecisionKind.NEW
    reviewed = decide(stranger, Thresholds().for_policy("review"))
    assert reviewed.kind is DecisionKind.REVIEW and NEW_NEEDS_REVIEW in reviewed.reasons
    assert Thresholds().for_policy("automatic").automatic_new


def test_two_close_candidates_go_to_review():
    local = [PatientRecord("P", "Peeters", "Jan", "19800101", "M"),
             PatientRecord("Q", "Peeters", "Jan", "19800110", "M")]
    d = decide(PatientRecord("x", "Peeters", "Jan", "19800101", "M"), Thresholds(link_min_margin=0.9), local)
    assert d.kind is DecisionKind.REVIEW and TOO_CLOSE in d.reasons


def test_candidates_are_ranked_best_first_and_at_most_five():
    local = [PatientRecord(f"P{i}", "Peeters", "Jan", f"198001{i + 1:02d}", "M") for i in range(9)]
    d = decide(PatientRecord("x", "Peeters", "Jan", "19800103", "M"), local=local)
    assert d.candidates[0].patient_id == "P2"
    assert len(d.candidates) == 5
    assert [c.score for c in d.candidates] == sorted((c.score for c in d.candidates), reverse=True)


def test_thresholds_are_frozen():
    try:
        Thresholds().link_min_score = 0.1  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        return
    raise AssertionError("Thresholds must be frozen")


def test_index_retrieves_by_niss_despite_other_differences():
    index = PatientIndex(LOCAL)
    from appliance.reconcile.scoring import prepare
    found = index.candidates(prepare(PatientRecord("x", "Zzz", "Yyy", "", "", NISS)))
    assert [p.record.id for p in found] == ["A"]


def test_index_retrieves_swapped_names_and_swapped_dates():
    from appliance.reconcile.scoring import prepare
    index = PatientIndex(LOCAL)
    assert "C" in [p.record.id for p in index.candidates(prepare(PatientRecord("x", "Thomas", "Vermeulen", "", "M")))]
    index.add(PatientRecord("E", "Maes", "Eva", "19800304", "F"))
    assert "E" in [p.record.id for p in index.candidates(prepare(PatientRecord("x", "Xx", "Yy", "19800403", "F")))]


def test_index_update_remove_and_merge():
    index = PatientIndex(LOCAL)
    index.add(dataclasses.replace(LOCAL[2], family_name="Vermeulen-Claes"))
    assert len(index) == 3 and index.get("C").record.family_name == "Vermeulen-Claes"
    index.merge(dataclasses.replace(LOCAL[1], given_name="Jean-Marie"), retired_id="C")
    assert "C" not in index and index.get("B").record.given_name == "Jean-Marie"
    index.remove("missing")
    assert not index.by_birth_date("19901111")


FAMILIES = ["Peeters", "Van den Broeck", "Vandenbroeck", "Janssens", "Janssen", "De Smet", "Dupont-Martin", "Martin"]
GIVENS = ["Jan", "Marie", "Marie Louise", "Luc", "Anne", "Jean-Pierre"]
DATES = ["19800101", "19800110", "19801001", "1980", "", "20260401", "19550101"]


def _records(draw_list, prefix):
    from appliance.reconcile.niss import make_niss as mk

    out = []
    for i, (fam, giv, date, sex, niss_mode) in enumerate(draw_list):
        niss = ""
        if niss_mode and len(date) == 8:
            niss = mk(date, sex or "F", 10 + niss_mode)
        out.append(PatientRecord(f"{prefix}{i}", fam, giv, date, sex, niss))
    return out


_person = st.tuples(st.sampled_from(FAMILIES), st.sampled_from(GIVENS), st.sampled_from(DATES),
                    st.sampled_from(["M", "F", ""]), st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(st.lists(_person, min_size=0, max_size=8), _person)
def test_an_automatic_link_always_satisfies_the_safety_rules(local_people, incoming_person):
    local = _records(local_people, "L")
    (incoming,) = _records([incoming_person], "X")
    index = PatientIndex(local)
    d = Matcher(index).decide(incoming, STUDY)
    if d.kind is not DecisionKind.LINK:
        return
    match = index.get(d.matched_id)
    from appliance.reconcile.scoring import prepare

    inc = prepare(incoming)
    # birth date identical, or partial/one typing error away and vouched for by the NISS (names identical)
    from appliance.reconcile.scoring import niss_vouched_birth

    assert match.birth_full and (inc.birth_full == match.birth_full or (inc.niss and inc.niss == match.niss)
                                 or niss_vouched_birth(inc, match) == match.birth)
    assert not (inc.sex and match.sex and inc.sex != match.sex)
    assert not (inc.niss_info and match.niss_info and inc.niss != match.niss)
    same_birth = [p for p in index.by_birth_date(match.birth_full) if p.record.id != match.record.id]
    siblings = [p for p in same_birth if p.name.family.core == match.name.family.core
                and (not p.sex or not match.sex or p.sex == match.sex)]
    assert not siblings, "a possible twin must force review"
    if match.niss:
        assert len(index.by_niss(match.niss)) == 1
