"""Scoring: each field's evidence and the human-readable reasons attached to a candidate."""

from __future__ import annotations

import pytest

from appliance.domain import PatientRecord
from appliance.reconcile.niss import make_niss
from appliance.reconcile.scoring import (
    ALL_REASONS,
    DateMatch,
    NissMatch,
    SexMatch,
    compare_birth,
    prepare,
    score,
)

NISS = make_niss("19750312", "F", 42)
LOCAL = PatientRecord("L1", "Van den Broeck", "Marie", "19750312", "F", NISS)


def evidence(**changes):
    fields = {"id": "X", "family_name": "VANDENBROECK^MARIE", "given_name": "", "birth_date": "19750312",
              "sex": "F", "niss": NISS, **changes}
    return score(prepare(PatientRecord(**fields)), prepare(LOCAL))


def test_identical_patient_scores_high_with_reasons():
    ev = evidence()
    assert ev.score > 0.95
    assert "NISS identical" in ev.reasons and "birth date identical" in ev.reasons
    assert set(ev.reasons) <= set(ALL_REASONS)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ((1975, 3, 12), (1975, 3, 12), DateMatch.EXACT),
        ((1975, 3, 12), (1975, 12, 3), DateMatch.SWAPPED),
        ((1975, 3, 12), (1975, 3, 13), DateMatch.NEAR),
        ((1975, 3, 12), (1957, 3, 12), DateMatch.NEAR),
        ((1975, 3, 12), (1962, 3, 12), DateMatch.DIFFERENT),
        ((1975, 3, 12), (1975, 4, 13), DateMatch.SAME_YEAR),
        ((1975, 3, 12), (1976, 3, 12), DateMatch.NEAR),
        ((1975, None, None), (1975, 3, 12), DateMatch.COMPATIBLE),
        ((1974, None, None), (1975, 3, 12), DateMatch.DIFFERENT),
        ((None, None, None), (1975, 3, 12), DateMatch.ABSENT),
    ],
)
def test_birth_date_comparison(a, b, kind):
    assert compare_birth(a, b) is kind


def test_day_month_swap_is_evidence_not_equality():
    swapped, exact = evidence(birth_date="19751203", niss=""), evidence()
    assert swapped.birth is DateMatch.SWAPPED
    assert "birth date: day and month swapped" in swapped.reasons
    assert swapped.score < exact.score
    assert swapped.score > evidence(birth_date="19801203", niss="").score


@pytest.mark.parametrize("sent", ["19751203", "19750313", "19760312", "1975", "197503", ""])
def test_niss_vouches_for_a_partial_or_mistyped_birth_date(sent):
    ev = evidence(birth_date=sent)
    assert ev.birth is DateMatch.NISS_VOUCHED
    assert "birth date partial or mistyped, but the NISS carries the local birth date" in ev.reasons
    assert evidence(birth_date=sent, niss="").score < ev.score < evidence().score


@pytest.mark.parametrize(
    ("sent", "niss"),
    [
        ("19950312", NISS),  # 20 years off: a generation, not a typing error
        ("19750423", NISS),  # more than one typing error
        ("1975", make_niss("19750313", "F", 42)),  # the NISS carries another date
        ("1975", make_niss("19750312", "M", 41)),  # the NISS carries another sex
        ("1975", "1975031200000"[:11]),  # invalid and not one typing error away
    ],
)
def test_niss_does_not_vouch(sent, niss):
    assert evidence(birth_date=sent, niss=niss).birth is not DateMatch.NISS_VOUCHED


def test_valid_but_different_niss_is_strong_evidence_against():
    other = make_niss("19750312", "F", 44)
    ev = evidence(niss=other)
    assert ev.niss is NissMatch.DIFFERENT
    assert ev.score < evidence(niss="").score


def test_mistyped_niss_is_weak_evidence_for():
    typo = NISS[:-1] + str((int(NISS[-1]) + 1) % 10)
    ev = evidence(niss=typo)
    assert ev.niss is NissMatch.TYPO
    assert evidence(niss="").score < ev.score < evidence().score


def test_sex_different_lowers_the_score():
    ev = evidence(sex="M")
    assert ev.sex is SexMatch.DIFFERENT and ev.score < evidence().score
    assert evidence(sex="").sex is SexMatch.ABSENT


def test_names_matter():
    assert evidence(family_name="PEETERS^MARIE").score < evidence(family_name="BROECK^MARIE").score
    assert evidence(family_name="BROECK^MARIE").score < evidence().score


def test_scores_are_bounded():
    ev = evidence(family_name="X^Y", birth_date="20010101", sex="M", niss=make_niss("20010101", "M", 3))
    assert ev.score == 0.0
