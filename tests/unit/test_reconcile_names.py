"""Name normalisation: case, accents, DICOM PN, particles, double names, swapped names, given names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appliance.domain import PatientRecord
from appliance.reconcile.names import (
    NameMatch,
    compare_family,
    compare_given,
    fold,
    given_typo,
    normalise_family,
    normalise_given,
    person_name,
    phonetic_key,
    split_pn,
    unswapped,
)
from appliance.reconcile.scoring import SWAPPED_REASON, prepare, score


def test_fold_removes_case_accents_and_apostrophes():
    assert fold("D'Hondt-Müller Çédric Søren") == "dhondt-muller cedric soren"


@pytest.mark.parametrize(
    ("pn", "expected"),
    [
        ("DUPONT^JEAN", ("DUPONT", "JEAN", "")),
        ("Van den Broeck^Marie^Louise^Mme^", ("Van den Broeck", "Marie Louise", "")),
        ("Peeters^Jan^^^Jr", ("Peeters", "Jan", "Jr")),
        ("Yamada^Tarou=山田^太郎=やまだ^たろう", ("Yamada", "Tarou", "")),
        ("Solo", ("Solo", "", "")),
    ],
)
def test_split_pn(pn, expected):
    assert split_pn(pn) == expected


def test_person_name_accepts_a_pn_in_the_family_field():
    name = person_name("VAN DEN BROECK^JEAN-PIERRE^MARIE", "")
    assert name.family.core == "broeck"
    assert name.given.first == "jeanpierre"
    assert name.given.tokens == ("jean", "pierre", "marie")


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Dupont", "DUPONT", NameMatch.IDENTICAL),
        ("Dupré", "DUPRE", NameMatch.IDENTICAL),
        ("Van den Broeck", "VANDENBROECK", NameMatch.SPELLING),
        ("De Smet", "Desmet", NameMatch.SPELLING),
        ("D'Hondt", "Dhondt", NameMatch.IDENTICAL),
        ("Van der Linden", "Linden", NameMatch.PARTICLE),
        ("Van den Broeck", "Van der Broeck", NameMatch.PARTICLE),
        ("Le Clercq", "Clercq", NameMatch.PARTICLE),
        ("Da Silva", "Silva", NameMatch.PARTICLE),
        ("Dupont-Martin", "Martin", NameMatch.PART),
        ("Dupont épouse Martin", "Dupont", NameMatch.PART),
        ("Peeters echtg. Janssens", "Janssens", NameMatch.PART),
        ("Janssens", "Janssen", NameMatch.SIMILAR),
        ("Peeters", "Dubois", NameMatch.DIFFERENT),
        ("", "Dubois", NameMatch.ABSENT),
    ],
)
def test_family_name_comparison(a, b, kind):
    assert compare_family(normalise_family(a), normalise_family(b))[0] is kind


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Jean-Pierre", "JEAN PIERRE", NameMatch.IDENTICAL),
        ("Hélène", "HELENE", NameMatch.IDENTICAL),
        ("Marie", "Marie Louise", NameMatch.FIRST),
        ("Anne Marie", "Marie", NameMatch.ONE_OF),
        ("J", "Jan", NameMatch.INITIAL),
        ("Katrien", "Katrijn", NameMatch.SIMILAR),
        ("Sofie", "Sophie", NameMatch.WEAK),
        ("Jan", "Pieter", NameMatch.DIFFERENT),
    ],
)
def test_given_name_comparison(a, b, kind):
    assert compare_given(normalise_given(a), normalise_given(b))[0] is kind


def test_generation_suffix_is_not_part_of_the_name():
    name = person_name("Peeters^Jan^^^Jr", "")
    assert name.suffix == "jr"
    assert name.family.core == "peeters"


def test_swapped_family_and_given_names_are_recognised():
    local = prepare(PatientRecord("1", "Vermeulen", "Thomas", "19800101", "M"))
    incoming = prepare(PatientRecord("x", "THOMAS^VERMEULEN", "", "19800101", "M"))
    evidence = score(incoming, local)
    assert evidence.swapped_names
    assert SWAPPED_REASON in evidence.reasons


def test_swapped_names_are_read_the_other_way_round_only_with_an_identical_niss():
    """'Daniel^Gaden' is 'Gaden-Parashar^Daniel' read the other way round (one part of a double name)."""
    local = prepare(PatientRecord("1", "Gaden-Parashar", "Daniel", "19840606", "F", "84060629075"))
    with_niss = score(prepare(PatientRecord("x", "DANIEL^GADEN", "", "19840606", "F", "84060629075")), local)
    assert with_niss.swapped_names and with_niss.family is NameMatch.PART and with_niss.given is NameMatch.IDENTICAL
    assert with_niss.score > 0.9
    without = score(prepare(PatientRecord("x", "DANIEL^GADEN", "", "19840606", "F")), local)
    assert not without.swapped_names and without.score < 0.5
    other_given = score(prepare(PatientRecord("x", "ANNA^GADEN", "", "19840606", "F", "84060629075")), local)
    assert not other_given.swapped_names  # a swap needs both names to read the other way round
    name = unswapped(person_name("Daniel^Gaden", ""))
    assert (name.family.full, name.given.first) == ("gaden", "daniel")


@pytest.mark.parametrize(("a", "b", "typo"), [
    ("Cameron", "Camefon", True), ("Barnaby", "Barnsaby", True), ("Cameron", "Cmaeron", True),
    ("Johanna", "Joahnna", True), ("Cameron", "Kameron", False), ("Cameron", "Camfeon", False),
    ("Anna", "Hanna", False), ("Lena", "Lina", False), ("Cameron", "Cameron", False), ("Jan", "", False),
])
def test_given_name_typing_error(a, b, typo):
    assert given_typo(normalise_given(a), normalise_given(b)) is typo


def test_phonetic_key_joins_dutch_and_french_spellings():
    assert phonetic_key("claes") == phonetic_key("klaas")
    assert phonetic_key("peeters") == phonetic_key("pieters")
    assert phonetic_key("") == ""


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40), st.text(max_size=40),
       st.text(max_size=12), st.text(max_size=3))
def test_any_text_is_normalised_and_scored_without_error(f1, g1, f2, g2, date, sex):
    a = prepare(PatientRecord("a", f1, g1, date, sex, date))
    b = prepare(PatientRecord("b", f2, g2, "19800101", "M", ""))
    assert 0.0 <= score(a, b).score <= 1.0
    assert phonetic_key(fold(f1)) == phonetic_key(fold(f1))
