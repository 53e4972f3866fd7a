"""Routing rules: each criterion, conjunctions, the directory's physician list, completeness."""

from datetime import date

import pytest

from appliance.routing.rules import (
    Completeness,
    Criteria,
    Rule,
    StudySummary,
    destinations,
    evaluate,
    normalise_person_name,
)

TODAY = date(2026, 11, 23)
STUDY = StudySummary(study_uid="1.2.3", referring="DUPONT^Jean^^Dr", modalities=("CT", "SR"),
                     description="CT THORAX sans contraste", institution="CHU de Liège", station="CT01",
                     study_date="20261120")


@pytest.mark.parametrize("a,b", [
    ("DUPONT^Jean^^Dr", "Dr Jean Dupont"), ("Dupont^Jean", "JEAN^DUPONT"), ("Léonard^Émile", "LEONARD EMILE"),
])
def test_physician_names_compare_without_case_accents_titles_or_order(a: str, b: str) -> None:
    assert normalise_person_name(a) == normalise_person_name(b)


@pytest.mark.parametrize("criteria,expected", [
    (Criteria(referring=("Dr Jean Dupont",)), True),
    (Criteria(referring=("Marie Curie",)), False),
    (Criteria(modalities=("MR",)), False),
    (Criteria(modalities=("ct",)), True),
    (Criteria(description="*thorax*"), True),
    (Criteria(description="*abdomen*"), False),
    (Criteria(institution="CHU*"), True),
    (Criteria(station="MR*"), False),
    (Criteria(max_age_days=7), True),
    (Criteria(max_age_days=2), False),
    (Criteria(referring=("Dupont^Jean",), modalities=("CT",), description="*THORAX*"), True),
    (Criteria(referring=("Dupont^Jean",), modalities=("MR",)), False),
])
def test_each_criterion(criteria: Criteria, expected: bool) -> None:
    outcome = evaluate(Rule(site="b", criteria=criteria), STUDY, (), TODAY)
    assert outcome.matched is expected, outcome.reasons
    assert outcome.reasons


def test_empty_rule_never_sends_everything() -> None:
    assert not evaluate(Rule(site="b", criteria=Criteria()), STUDY, (), TODAY).matched


def test_referring_list_from_the_directory_entry_of_the_target_site() -> None:
    rule = Rule(site="b", criteria=Criteria(referring_from_directory=True))
    assert evaluate(rule, STUDY, ("Jean DUPONT",), TODAY).matched
    assert not evaluate(rule, STUDY, ("Someone Else",), TODAY).matched
    assert not evaluate(rule, StudySummary(study_uid="9"), ("Jean DUPONT",), TODAY).matched


def test_disabled_rule_and_undated_study() -> None:
    assert not evaluate(Rule(site="b", criteria=Criteria(modalities=("CT",)), enabled=False), STUDY, (), TODAY).matched
    undated = StudySummary(study_uid="1", modalities=("CT",))
    assert not evaluate(Rule(site="b", criteria=Criteria(max_age_days=30)), undated, (), TODAY).matched


def test_destinations_one_entry_per_site() -> None:
    rules = [Rule(site="b", criteria=Criteria(modalities=("CT",))),
             Rule(site="b", criteria=Criteria(description="*THORAX*")),
             Rule(site="c", criteria=Criteria(modalities=("MR",)))]
    assert set(destinations(rules, STUDY, {}, TODAY)) == {"b"}


def test_criteria_json_round_trip() -> None:
    c = Criteria(referring=("A",), modalities=("CT", "MR"), description="*x*", max_age_days=3)
    assert Criteria.from_json(c.to_json()) == c


def test_completeness_from_pacs_counts() -> None:
    assert not Completeness(expected_instances=10, have_instances=9).complete
    assert Completeness(expected_instances=10, have_instances=10).complete
    assert not Completeness(expected_instances=0, have_instances=0).complete
    assert Completeness(10, 4).missing == 6
