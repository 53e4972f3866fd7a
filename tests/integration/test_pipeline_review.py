"""An ambiguous patient (twins in B's index) waits for a person; a manual decision through the engine pushes it.

Site A is a `passerelle serve` process; site B runs its engine in this process so the test can call the
engine command `Engine.decide` the way the GUI does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.errors import BadInput
from appliance.service import review
from appliance.service.engine import Engine
from appliance.service.site import open_site
from tests.integration import peers
from tests.integration.appliance_proc import query, serve, status, wait_for
from tests.integration.pipeline_net import (
    REFERRING,
    configure,
    incoming_state,
    make_network,
    orthanc_instances,
    start_pacs,
    study_uid_of,
    twins_at_b,
    variant,
)

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")


def test_twins_go_to_review_then_a_manual_decision_pushes_the_study(tmp_path: Path,
                                                                    other_study: list[Path]) -> None:
    net = make_network(tmp_path / "net")
    files = variant(other_study, tmp_path / "twin", 4, PatientID="LIEGE-5", PatientName="Lambert^Marie",
                    PatientBirthDate="20100304", PatientSex="F", ReferringPhysicianName=REFERRING)
    uid = study_uid_of(files)
    # the grace must outlast decide -> undo below even on a loaded machine
    with twins_at_b(net, manual_grace_s=10.0) as (engine, pacs_a, pacs_b):
        pacs_a.upload(files)
        wait_for(lambda: incoming_state(net.b, uid)[0] == "review", timeout=90, interval=0.2, what="review")
        report = engine.call(engine.status()).result(timeout=30)
        assert report["review_queue"] == 1
        assert [t["state"] for t in report["transfers"] if t["direction"] == "in"] == ["review"]  # type: ignore[union-attr,index]
        cases = review.pending_cases(engine.store)
        assert len(cases) == 1 and {c.record.id for c in cases[0].candidates} >= {"CHR-2001", "CHR-2002"}
        assert cases[0].incoming.family_name == "Lambert"
        # A decision can be undone until the push starts
        first = engine.call(engine.decide(cases[0].case_id, "link", "secretary", "CHR-2002")).result(timeout=30)
        review.undo(engine.store, first.decision_id, "secretary")
        case = review.pending_cases(engine.store)[0]
        final = engine.call(engine.decide(case.case_id, "link", "secretary", "CHR-2001")).result(timeout=30)
        wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=60, interval=0.2, what="pushed")
        assert review.undoable(engine.store) == []
        with pytest.raises(BadInput):
            review.undo(engine.store, final.decision_id, "secretary")  # pushed: no more undo
        tags = orthanc_instances(pacs_b, uid)
        assert len(tags) == len(files) and {t["PatientID"] for t in tags} == {"CHR-2001"}
        assert engine.call(engine.status()).result(timeout=30)["review_queue"] == 0
    kinds = [(r["kind"], r["decided_by"], r["reversed"]) for r in query(net.b, "SELECT * FROM decisions ORDER BY id")]
    assert kinds == [("review", "engine", 0), ("link", "secretary", 1), ("link", "secretary", 0)]
    assert status(net.b)["review_queue"] == 0


def test_a_decision_taken_while_the_engine_was_down_is_pushed_at_start(tmp_path: Path,
                                                                       other_study: list[Path]) -> None:
    """Resume: the case waits in the database; the next engine start acts on the decision."""
    net = make_network(tmp_path / "net")
    files = variant(other_study, tmp_path / "unknown", 3, PatientID="LIEGE-9", PatientName="Nobody^Known",
                    PatientBirthDate="19900101", PatientSex="M", ReferringPhysicianName=REFERRING)
    uid = study_uid_of(files)
    with start_pacs(net) as (pacs_a, pacs_b):
        configure(net, pacs_a, pacs_b, hl7_port=0, manual_grace_s=3.0)  # new_patient_policy 'review'
        with serve(net.a), serve(net.b):
            pacs_a.upload(files)
            wait_for(lambda: incoming_state(net.b, uid)[0] == "review", timeout=90, interval=0.2, what="review")
            assert status(net.b)["review_queue"] == 1
        site = open_site(net.b.home)
        engine = Engine(site)
        case = review.pending_cases(engine.store)[0]
        review.decide(engine.store, case.case_id, review.Choice.NEW, "secretary")
        engine.store.close()
        with serve(net.b):
            wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=60, interval=0.2, what="pushed")
        tags = orthanc_instances(pacs_b, uid)
        assert len(tags) == len(files) and all(str(t["PatientID"]).startswith("PSL-") for t in tags)
