"""A series added to a study that was already decided: one study, one patient, and a rejection stands.

Site A is a `passerelle serve` process routing from Orthanc A; site B runs its engine in this process so the
test can decide review cases the way the GUI does. B's index holds twins, so the first part of the study
always needs a person.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.service import review
from appliance.service.engine import Engine
from appliance.service.pipeline import ADDITION_FOLLOWS, EARLIER_REJECTED
from tests.integration import peers
from tests.integration.appliance_proc import query, wait_for
from tests.integration.pipeline_net import (
    REFERRING,
    added_series,
    incoming_state,
    make_network,
    orthanc_instances,
    study_uid_of,
    twins_at_b,
    variant,
)

pytestmark = [pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed"),
              pytest.mark.timeout(300)]


def decide_waiting(engine: Engine, study_uid: str, choice: str, patient: str = "",
                   reason: str = "") -> review.ReviewCase:
    """A person's decision on the one case waiting, for that study."""
    [case] = review.pending_cases(engine.store)
    assert case.study_uid == study_uid
    engine.call(engine.decide(case.case_id, choice, "secretary", patient, reason)).result(timeout=30)
    return case


def test_an_added_series_follows_the_persons_link_without_asking_again(tmp_path: Path,
                                                                       other_study: list[Path]) -> None:
    net = make_network(tmp_path / "net")
    files = variant(other_study, tmp_path / "twin", 4, PatientID="LIEGE-5", PatientName="Lambert^Marie",
                    PatientBirthDate="20100304", PatientSex="F", ReferringPhysicianName=REFERRING)
    uid = study_uid_of(files)
    with twins_at_b(net, manual_grace_s=1.0) as (engine, pacs_a, pacs_b):
        pacs_a.upload(files)
        wait_for(lambda: incoming_state(net.b, uid)[0] == "review", timeout=90, interval=0.2, what="review")
        decide_waiting(engine, uid, "link", "CHR-2001")
        wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=60, interval=0.2, what="pushed")
        later = added_series(files, tmp_path / "later", 2)
        pacs_a.upload(later)
        wait_for(lambda: len(orthanc_instances(pacs_b, uid)) == len(files) + len(later), timeout=90,
                 interval=0.3, what="the added series in Orthanc B")
        wait_for(lambda: [r["state"] for r in query(net.b, "SELECT state FROM transfers WHERE direction = 'in'")]
                 == ["done", "done"], timeout=30, interval=0.2, what="both parts done")
        assert review.pending_count(engine.store) == 0  # nobody was asked twice
        assert {t["PatientID"] for t in orthanc_instances(pacs_b, uid)} == {"CHR-2001"}
    rows = query(net.b, "SELECT kind, matched_id, decided_by, reasons FROM decisions WHERE reversed = 0 ORDER BY id")
    assert [(r["kind"], r["matched_id"], r["decided_by"]) for r in rows] == [
        ("review", "", "engine"), ("link", "CHR-2001", "secretary"), ("link", "CHR-2001", "engine")]
    assert ADDITION_FOLLOWS in rows[-1]["reasons"]


def test_a_rejected_study_stays_out_of_the_pacs_when_a_series_is_added_and_linked(
    tmp_path: Path, other_study: list[Path]
) -> None:
    net = make_network(tmp_path / "net")
    files = variant(other_study, tmp_path / "twin", 4, PatientID="LIEGE-6", PatientName="Lambert^Marie",
                    PatientBirthDate="20100304", PatientSex="F", ReferringPhysicianName=REFERRING)
    uid = study_uid_of(files)
    with twins_at_b(net, manual_grace_s=1.0) as (engine, pacs_a, pacs_b):
        pacs_a.upload(files)
        wait_for(lambda: incoming_state(net.b, uid)[0] == "review", timeout=90, interval=0.2, what="review")
        decide_waiting(engine, uid, "reject", reason="not for our hospital")
        wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=60, interval=0.2, what="rejected")
        later = added_series(files, tmp_path / "later", 2)
        pacs_a.upload(later)
        wait_for(lambda: review.pending_count(engine.store) == 1, timeout=90, interval=0.2, what="asked again")
        case = decide_waiting(engine, uid, "link", "CHR-2001")
        assert case.why[0] == EARLIER_REJECTED
        wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=60, interval=0.2, what="pushed")
        stored = orthanc_instances(pacs_b, uid)
    assert len(stored) == len(later)  # the added series only: the rejected files never went
    assert {t["SeriesNumber"] for t in stored} == {"99"} and {t["PatientID"] for t in stored} == {"CHR-2001"}
