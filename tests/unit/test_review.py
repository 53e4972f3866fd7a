"""Review queue service: pending cases, manual decisions, undo until pushed, journal and CSV export."""

import csv
import io
from pathlib import Path

import pytest

from appliance.domain import PatientRecord, TransferState
from appliance.errors import BadInput
from appliance.service import review
from appliance.service.review import Choice, JournalFilter, RankedCandidate
from appliance.store.state import StateStore

LOCAL = [
    PatientRecord("P1", "Dupont", "Marie", "19800314", "F", "80031412345", "csv"),
    PatientRecord("P2", "Dupont", "Marine", "19800314", "F", "", "csv"),
    PatientRecord("P3", "Janssens", "Luc", "19551102", "M", "", "csv"),
]


@pytest.fixture
def store(tmp_path: Path) -> StateStore:
    s = StateStore(tmp_path / "state.sqlite")
    review.add_local_patients(s, LOCAL)
    yield s
    s.close()


def seed(store: StateStore, n: int = 1) -> int:
    incoming = PatientRecord(f"EXT{n}", "DUPONT", "Marie", "19800314", "F", "80031412345")
    return review.record_review_case(
        store, f"t{n}", f"1.2.{n}", "site-b", incoming,
        [RankedCandidate(LOCAL[1], 0.71, ("given name similar",)),
         RankedCandidate(LOCAL[0], 0.93, ("NISS identical", "birth date identical"))],
        study_date="20261120", description="CT THORAX",
    )


def test_pending_cases_carry_incoming_patient_and_ranked_candidates(store: StateStore) -> None:
    case_id = seed(store)
    [case] = review.pending_cases(store)
    assert case.case_id == case_id
    assert case.incoming.family_name == "DUPONT" and case.incoming.niss == "80031412345"
    assert case.sending_site == "site-b" and case.description == "CT THORAX"
    assert [c.record.id for c in case.candidates] == ["P1", "P2"]
    assert case.candidates[0].record.given_name == "Marie"
    assert case.candidates[0].reasons == ("NISS identical", "birth date identical")
    assert review.pending_count(store) == 1


def test_link_records_a_manual_decision_in_the_journal(store: StateStore) -> None:
    case_id = seed(store)
    decision = review.decide(store, case_id, Choice.LINK, "sophie", patient_id="P1")
    assert decision.kind is Choice.LINK and decision.matched_id == "P1"
    assert review.pending_cases(store) == []
    [entry] = review.journal(store, JournalFilter(who="sophie"))
    assert entry.action == "decision" and '"manual": true' in entry.detail and '"P1"' in entry.detail


def test_a_case_is_decided_once(store: StateStore) -> None:
    case_id = seed(store)
    review.decide(store, case_id, Choice.NEW, "sophie")
    with pytest.raises(BadInput):
        review.decide(store, case_id, Choice.LINK, "marc", patient_id="P1")


@pytest.mark.parametrize(("choice", "patient", "reason"), [
    (Choice.LINK, "", ""), (Choice.LINK, "NOPE", ""), (Choice.REJECT, "", " "), (Choice.NEW, "P1", ""),
])
def test_bad_decisions_are_refused(store: StateStore, choice: Choice, patient: str, reason: str) -> None:
    case_id = seed(store)
    with pytest.raises(BadInput):
        review.decide(store, case_id, choice, "sophie", patient_id=patient, reason=reason)
    assert review.pending_count(store) == 1


def test_undo_puts_the_case_back_until_pushed(store: StateStore) -> None:
    case_id = seed(store)
    decision = review.decide(store, case_id, Choice.REJECT, "sophie", reason="wrong patient sent")
    assert [d.decision_id for d in review.undoable(store)] == [decision.decision_id]
    assert review.undoable(store)[0].reason == "wrong patient sent"
    review.undo(store, decision.decision_id, "sophie")
    assert [c.case_id for c in review.pending_cases(store)] == [case_id]
    with pytest.raises(BadInput):
        review.undo(store, decision.decision_id, "sophie")
    again = review.decide(store, case_id, Choice.LINK, "sophie", patient_id="P1")
    store.set_transfer_state("t1", TransferState.STORING)
    assert review.undoable(store) == []
    with pytest.raises(BadInput, match="PACS"):
        review.undo(store, again.decision_id, "sophie")
    actions = [e.action for e in review.journal(store)]
    assert actions.count("undo") == 1


def test_search_by_hand(store: StateStore) -> None:
    assert {p.id for p in review.search_patients(store, family="dup")} == {"P1", "P2"}
    assert [p.id for p in review.search_patients(store, niss="80.03.14-123.45")] == ["P1"]
    assert [p.id for p in review.search_patients(store, birth_date="19551102")] == ["P3"]
    assert review.search_patients(store, family="d%") == []
    with pytest.raises(BadInput):
        review.search_patients(store)


def test_journal_filters_and_csv_export(store: StateStore, tmp_path: Path) -> None:
    seed(store, 1)
    seed(store, 2)
    review.decide(store, review.pending_cases(store)[0].case_id, Choice.REJECT, "marc", reason="=HYPERLINK()")
    people, actions = review.journal_choices(store)
    assert people == ["engine", "marc"] and "decision" in actions
    assert len(review.journal(store, JournalFilter(text="1.2.2"))) == 1
    assert review.journal(store, JournalFilter(since="2999")) == []
    out = tmp_path / "journal.csv"
    count = review.export_journal(store, JournalFilter(who="marc"), out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert count == len(rows) == 1 and rows[0]["who"] == "marc"
    assert review.journal_csv(review.journal(store, JournalFilter(who="x"))).startswith("id,at,who")
    assert review._cell("=1+1") == "'=1+1"


def test_initials_only(store: StateStore) -> None:
    seed(store)
    assert review.study_initials(store, ["1.2.1", "nope"]) == {"1.2.1": "D. M."}
    assert review.initials("") == ""


def two_parts_of_one_study(store: StateStore) -> tuple[int, int]:
    """Two transfers of the same study waiting at once (the study, then a series added to it)."""
    incoming = PatientRecord("EXT7", "DUPONT", "Marie", "19800314", "F", "80031412345")
    cases = [review.record_review_case(store, f"part{n}", "1.2.77", "site-b", incoming,
                                       [RankedCandidate(LOCAL[0], 0.93, ("NISS identical",))],
                                       study_date="20261120", description="CT")
             for n in (1, 2)]
    return cases[0], cases[1]


def test_a_part_of_a_study_cannot_go_to_another_record_than_the_part_already_decided(store: StateStore) -> None:
    first, second = two_parts_of_one_study(store)
    review.decide(store, first, Choice.LINK, "sophie", patient_id="P1")
    for choice, patient in ((Choice.LINK, "P2"), (Choice.NEW, "")):
        with pytest.raises(BadInput, match="another part of this study"):
            review.decide(store, second, choice, "marc", patient_id=patient)
    assert review.decide(store, second, Choice.LINK, "marc", patient_id="P1").matched_id == "P1"


def test_a_rejected_part_does_not_bind_the_other_part(store: StateStore) -> None:
    first, second = two_parts_of_one_study(store)
    review.decide(store, first, Choice.REJECT, "sophie", reason="not ours")
    assert review.decide(store, second, Choice.LINK, "marc", patient_id="P2").matched_id == "P2"
