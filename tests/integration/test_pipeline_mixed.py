"""A study whose files name two patients never gets an automatic decision.

The patient is decided on one file and every file is then rewritten for the chosen record: a study UID
reused by a modality, or a mis-merge at the sender, would otherwise put one patient's images in another's
record. Here three files are Dupont Anne (an exact match in B's index, an automatic link on its own) and
one is Martin Paul: the study waits in review with the reason, and B's PACS receives nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.errors import BadInput
from appliance.service import review
from appliance.service.engine import Engine
from appliance.service.pipeline import MIXED_PATIENTS
from appliance.service.site import open_site
from tests.integration import peers
from tests.integration.appliance_proc import serve, wait_for
from tests.integration.pipeline_net import (
    REFERRING,
    configure,
    incoming_state,
    make_network,
    orthanc_instances,
    start_pacs,
    study_uid_of,
    variant,
)

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")

ANNE = {"PatientID": "LIEGE-7", "PatientName": "Dupont^Anne", "PatientBirthDate": "19800212", "PatientSex": "F"}


def test_a_study_naming_two_patients_waits_for_a_person(tmp_path: Path, other_study: list[Path]) -> None:
    net = make_network(tmp_path / "net")
    files = variant(other_study, tmp_path / "mixed", 4, ReferringPhysicianName=REFERRING, **ANNE)
    intruder = dcmread(files[-1])
    intruder.PatientID, intruder.PatientName, intruder.PatientBirthDate = "LIEGE-8", "Martin^Paul", "19750101"
    intruder.PatientSex = "M"
    # the intruder sorts first among the received files (series, then SOP Instance UID): the case must still
    # show the patient most files name, not whichever file comes first
    intruder.SeriesInstanceUID = min(str(dcmread(f, stop_before_pixels=True).SeriesInstanceUID) for f in files)
    intruder.SOPInstanceUID = intruder.file_meta.MediaStorageSOPInstanceUID = "1.1.999.1"
    intruder.save_as(files[-1], enforce_file_format=True)
    uid = study_uid_of(files)
    csv = tmp_path / "patients.csv"
    csv.write_text("id,family_name,given_name,birth_date,sex,niss\nCHR-3001,DUPONT,ANNE,19800212,F,\n")
    with start_pacs(net) as (pacs_a, pacs_b):
        configure(net, pacs_a, pacs_b, hl7_port=0, manual_grace_s=0.5)
        engine = Engine(open_site(net.b.home))
        engine.start()
        try:
            assert engine.call(engine.import_patients(csv, "tester")).result(timeout=30) == 1
            with serve(net.a):
                pacs_a.upload(files)
                wait_for(lambda: incoming_state(net.b, uid)[0] == "review", timeout=90, interval=0.2, what="review")
            cases = review.pending_cases(engine.store)
            assert len(cases) == 1
            assert cases[0].why[0] == MIXED_PATIENTS, cases[0].why
            assert "all rules for an automatic link hold" not in cases[0].why
            assert (cases[0].incoming.family_name, cases[0].incoming.birth_date) == ("Dupont", "19800212")
            assert [c.record.id for c in cases[0].candidates][:1] == ["CHR-3001"]  # ranked for the person
            time.sleep(2.0)  # nothing goes to the PACS while the case waits
            assert orthanc_instances(pacs_b, uid) == []
            assert incoming_state(net.b, uid)[0] == "review"
            # a person cannot link it either (Martin Paul's file would be stored as CHR-3001): only reject
            for choice, patient in (("link", "CHR-3001"), ("new", "")):
                with pytest.raises(BadInput, match="can only be rejected"):
                    engine.call(engine.decide(cases[0].case_id, choice, "secretary", patient)).result(timeout=30)
            assert incoming_state(net.b, uid)[0] == "review"
            engine.call(engine.decide(cases[0].case_id, "reject", "secretary", "",
                                      "two patients in one study: asked Liège to correct")).result(timeout=30)
            wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=30, interval=0.2, what="rejected")
            assert orthanc_instances(pacs_b, uid) == []
        finally:
            engine.stop()
