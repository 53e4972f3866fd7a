"""Each safety veto forces review, even when the best candidate looks certain."""

from __future__ import annotations

import datetime

from appliance.domain import DecisionKind, PatientRecord
from appliance.reconcile import vetoes
from appliance.reconcile.index import PatientIndex
from appliance.reconcile.matcher import Matcher
from appliance.reconcile.niss import make_niss

STUDY = datetime.date(2026, 6, 1)


def rec(pid, family, given, birth, sex, niss=""):
    return PatientRecord(pid, family, given, birth, sex, niss)


def decide(index_records, incoming):
    return Matcher(PatientIndex(index_records)).decide(incoming, STUDY)


def assert_review(decision, veto, true_id):
    assert decision.kind is DecisionKind.REVIEW, decision
    assert veto in decision.reasons
    assert true_id in [c.patient_id for c in decision.candidates[:3]]


def test_control_the_same_patient_alone_is_linked():
    niss = make_niss("19800214", "M", 11)
    d = decide([rec("A", "Janssens", "Pieter", "19800214", "M", niss)],
               rec("x", "JANSSENS^PIETER", "", "19800214", "M", niss))
    assert d.kind is DecisionKind.LINK and d.matched_id == "A"


def test_twins_same_family_birth_date_and_sex_other_given_name():
    a = rec("A", "Janssens", "Pieter", "19800214", "M", make_niss("19800214", "M", 11))
    b = rec("B", "Janssens", "Paul", "19800214", "M", make_niss("19800214", "M", 13))
    assert_review(decide([a, b], rec("x", "JANSSENS^PIETER", "", "19800214", "M", a.niss)), vetoes.TWIN, "A")


def test_triplets_with_a_double_family_name():
    birth = "20100505"
    local = [rec(f"T{i}", "Dupont-Martin", g, birth, "F", make_niss(birth, "F", 10 + 2 * i))
             for i, g in enumerate(("Alice", "Berthe", "Chloé"))]
    assert_review(decide(local, rec("x", "DUPONT-MARTIN^BERTHE", "", birth, "F")), vetoes.TWIN, "T1")


def test_same_name_and_birth_date_but_different_niss():
    local = rec("A", "Peeters", "Jan", "19700101", "M", make_niss("19700101", "M", 21))
    other = make_niss("19700101", "M", 23)
    d = decide([local], rec("x", "PEETERS^JAN", "", "19700101", "M", other))
    assert_review(d, vetoes.SAME_NAME_BIRTH_OTHER_NISS, "A")


def test_two_local_records_with_same_name_and_birth_date():
    a = rec("A", "Peeters", "Jan", "19700101", "M", make_niss("19700101", "M", 21))
    b = rec("B", "Peeters", "Jan", "19700101", "M")
    assert_review(decide([a, b], rec("x", "PEETERS^JAN", "", "19700101", "M", a.niss)),
                  vetoes.SAME_NAME_AND_BIRTH, "A")


def test_incoming_niss_disagrees_with_its_own_birth_date():
    niss = make_niss("19800214", "M", 11)
    local = rec("A", "Janssens", "Pieter", "19800214", "M", niss)
    # more than one typing error between the sent date and the NISS's: nothing explains the conflict
    d = decide([local], rec("x", "JANSSENS^PIETER", "", "19800321", "M", niss))
    assert_review(d, vetoes.INCOMING_NISS_INCONSISTENT, "A")


def test_incoming_niss_disagreeing_by_a_generation_is_never_a_typo():
    """1950 -> 1980 is one digit, but 30 years: a parent's NISS on a child's study, not a typing error."""
    niss = make_niss("19500214", "M", 11)
    local = rec("A", "Janssens", "Pieter", "19500214", "M", niss)
    d = decide([local], rec("x", "JANSSENS^PIETER", "", "19800214", "M", niss))
    assert_review(d, vetoes.INCOMING_NISS_INCONSISTENT, "A")


def test_incoming_niss_disagreeing_with_the_sent_sex_is_not_excused():
    niss = make_niss("19800214", "M", 11)
    local = rec("A", "Janssens", "Pieter", "19800214", "M", niss)
    d = decide([local], rec("x", "JANSSENS^PIETER", "", "19800215", "F", niss))
    assert d.kind is DecisionKind.REVIEW


def test_a_homonym_given_the_wrong_niss_goes_to_review():
    """Two local homonyms born a typing error apart; the second is sent with the first one's NISS."""
    a = rec("A", "Peeters", "Jan", "19700114", "M", make_niss("19700114", "M", 11))
    b = rec("B", "Peeters", "Jan", "19700115", "M")
    d = decide([a, b], rec("x", "PEETERS^JAN", "", "19700115", "M", a.niss))
    assert_review(d, vetoes.SENT_IDENTITY_OF_OTHER_RECORD, "B")
    assert d.matched_id is None


def test_another_family_name_with_a_niss_goes_to_review_when_the_sent_identity_exists_locally():
    """The NISS says P, the name and birth date say Q: a wrong NISS at the sender, or P's married name."""
    p = rec("P", "Maes", "Anne", "19700114", "F", make_niss("19700114", "F", 12))
    q = rec("Q", "Peeters", "Anne", "19700114", "F")
    d = decide([p, q], rec("x", "PEETERS^ANNE", "", "19700114", "F", p.niss))
    assert d.kind is DecisionKind.REVIEW
    assert {"P", "Q"} <= {c.patient_id for c in d.candidates[:3]}


def test_niss_disagrees_with_the_local_record_sex():
    niss = make_niss("19800214", "M", 11)
    local = rec("A", "Janssens", "Pieter", "19800214", "F", niss)
    d = decide([local], rec("x", "JANSSENS^PIETER", "", "19800214", "", niss))
    assert_review(d, vetoes.LOCAL_NISS_INCONSISTENT, "A")


def test_two_local_records_share_a_niss():
    niss = make_niss("19800214", "M", 11)
    a = rec("A", "Janssens", "Pieter", "19800214", "M", niss)
    b = rec("B", "Claes", "Luc", "19800214", "M", niss)
    assert_review(decide([a, b], rec("x", "JANSSENS^PIETER", "", "19800214", "M", niss)), vetoes.SHARED_NISS, "A")


def test_newborn_without_niss():
    baby = rec("N", "Maes", "Lina", "20260410", "F")
    assert_review(decide([baby], rec("x", "MAES^LINA", "", "20260410", "F")), vetoes.NEWBORN_WITHOUT_NISS, "N")


def test_newborn_without_niss_and_no_local_record_is_not_automatically_new():
    d = decide([], rec("x", "MAES^LINA", "", "20260410", "F"))
    assert d.kind is DecisionKind.REVIEW and vetoes.NEWBORN_WITHOUT_NISS in d.reasons


def test_mothers_niss_on_a_childs_study():
    mother_niss = make_niss("19880707", "F", 40)
    mother = rec("M", "Wouters", "Sofie", "19880707", "F", mother_niss)
    child = rec("C", "Wouters", "Lucas", "20180303", "M")
    d = decide([mother, child], rec("x", "WOUTERS^LUCAS", "", "20180303", "M", mother_niss))
    assert d.kind is DecisionKind.REVIEW
    assert vetoes.INCOMING_NISS_INCONSISTENT in d.reasons
    assert "C" in [c.patient_id for c in d.candidates[:3]]


def test_mothers_niss_when_the_child_is_unknown_locally_is_never_new():
    mother_niss = make_niss("19880707", "F", 40)
    mother = rec("M", "Wouters", "Sofie", "19880707", "F", mother_niss)
    d = decide([mother], rec("x", "WOUTERS^LUCAS", "", "20180303", "M", mother_niss))
    assert d.kind is DecisionKind.REVIEW


def test_incoming_niss_belongs_to_another_local_record():
    niss = make_niss("19800214", "M", 11)
    a = rec("A", "Janssens", "Pieter", "19800214", "M")
    b = rec("B", "Janssens", "Pieter-Jan", "19800214", "M", niss)
    d = decide([a, b], rec("x", "JANSSENS^PIETER", "", "19800214", "M", niss))
    assert d.kind is DecisionKind.REVIEW


def test_father_and_son_with_the_same_name():
    father = rec("F", "Claes", "Marc", "19550310", "M", make_niss("19550310", "M", 5))
    son = rec("S", "Claes", "Marc", "19830310", "M")
    assert_review(decide([father, son], rec("x", "CLAES^MARC", "", "19830310", "M")),
                  vetoes.PARENT_CHILD_HOMONYM, "S")


def test_father_and_son_resolved_by_the_sons_own_niss():
    son_niss = make_niss("19830310", "M", 7)
    father = rec("F", "Claes", "Marc", "19550310", "M", make_niss("19550310", "M", 5))
    son = rec("S", "Claes", "Marc", "19830310", "M", son_niss)
    d = decide([father, son], rec("x", "CLAES^MARC", "", "19830310", "M", son_niss))
    assert d.kind is DecisionKind.LINK and d.matched_id == "S"


def test_generation_suffix_in_the_name():
    son = rec("S", "Claes", "Marc", "19830310", "M")
    assert_review(decide([son], rec("x", "CLAES^MARC^^^JR", "", "19830310", "M")), vetoes.GENERATION_SUFFIX, "S")


def test_every_veto_is_a_known_sentence():
    assert len(set(vetoes.ALL_VETOES)) == len(vetoes.ALL_VETOES)
