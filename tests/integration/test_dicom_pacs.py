"""The appliance's SCU against a real Orthanc: echo, C-FIND, C-MOVE to itself, C-GET, C-STORE."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.dicom import scu
from appliance.domain import DicomNode
from appliance.errors import DicomPeerError
from tests.integration import peers
from tests.integration.conftest import NODE_AET, Node, make_node, pacs


def test_echo_and_clear_errors(orthanc: peers.Orthanc) -> None:
    scu.echo(pacs(orthanc), NODE_AET)
    with pytest.raises(DicomPeerError, match="did not answer"):
        scu.echo(DicomNode("NOBODY", "127.0.0.1", peers.free_port()), NODE_AET)


def test_orthanc_c_moves_a_study_to_the_appliance(node: Node, orthanc: peers.Orthanc,
                                                   other_study: list[Path]) -> None:
    orthanc.upload(other_study)
    first = dcmread(other_study[0], stop_before_pixels=True)
    studies = scu.find_studies(pacs(orthanc), NODE_AET, {"PatientID": str(first.PatientID)})
    assert [s["StudyInstanceUID"] for s in studies] == [first.StudyInstanceUID]
    assert studies[0]["NumberOfStudyRelatedInstances"] == str(len(other_study))
    assert studies[0]["NumberOfStudyRelatedSeries"] == "2"
    assert studies[0]["ModalitiesInStudy"] == "CT"
    assert studies[0]["PatientName"] == str(first.PatientName)
    patients = scu.find_patients(pacs(orthanc), NODE_AET, {"PatientID": str(first.PatientID)})
    assert [p["PatientID"] for p in patients] == [str(first.PatientID)]

    moved = scu.move_study(pacs(orthanc), NODE_AET, first.StudyInstanceUID, NODE_AET)
    assert moved == len(other_study)
    refs = node.store.instances_of_study(first.StudyInstanceUID)
    assert {r.sop_instance_uid for r in refs} == {dcmread(p, stop_before_pixels=True).SOPInstanceUID
                                                  for p in other_study}
    for ref in refs:
        assert dcmread(node.spool.absolute(ref.path)).PixelData

    with pytest.raises(DicomPeerError):
        scu.move_study(pacs(orthanc), NODE_AET, first.StudyInstanceUID, "UNKNOWNAET")


def test_c_get_stores_through_ingest(tmp_path: Path, orthanc: peers.Orthanc, other_study: list[Path]) -> None:
    orthanc.upload(other_study)
    study_uid = dcmread(other_study[0], stop_before_pixels=True).StudyInstanceUID
    receiver = make_node(tmp_path / "getter", aet="GETTER")
    try:
        got = scu.get_study(pacs(orthanc), "GETTER", study_uid, receiver.ingest)
        assert got == len(other_study)
        assert len(receiver.store.instances_of_study(study_uid)) == len(other_study)
    finally:
        receiver.store.close()


def test_store_files_pushes_into_the_pacs(orthanc: peers.Orthanc, other_study: list[Path]) -> None:
    assert scu.store_files(pacs(orthanc), NODE_AET, other_study) == len(other_study)
    assert orthanc.instance_count() == len(other_study)
