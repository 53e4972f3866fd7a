"""The DICOMweb client against Orthanc's DICOMweb plugin: QIDO-RS, STOW-RS, WADO-RS, and routing over them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.dicom.dicomweb import DicomWebClient, value, values
from appliance.domain import Direction
from appliance.errors import DicomPeerError
from appliance.routing.rules import Criteria
from appliance.service.scheduler import RoutingScheduler
from appliance.store.routing import RoutingStore
from tests.integration import peers
from tests.integration.conftest import NODE_AET, Node

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")


@pytest.fixture
def orthanc(tmp_path: Path) -> Iterator[peers.Orthanc]:
    with peers.start_orthanc(tmp_path, aet="WEBPACS", plugins=True) as running:
        yield running


def test_stow_qido_and_wado_round_trip(node: Node, orthanc: peers.Orthanc, other_study: list[Path]) -> None:
    first = dcmread(other_study[0], stop_before_pixels=True)
    study_uid = str(first.StudyInstanceUID)

    async def scenario() -> None:
        async with DicomWebClient(f"{orthanc.url}/dicom-web") as client:
            stored = await client.store_files(other_study)
            assert (stored.sent, stored.stored, stored.failed) == (len(other_study), len(other_study), 0)
            studies = await client.search_studies({"PatientID": str(first.PatientID)}, fields=["00080080"])
            assert [value(s, "0020000D") for s in studies] == [study_uid]
            assert value(studies[0], "00201208") == str(len(other_study))
            assert values(studies[0], "00080061") == ["CT"]
            assert value(studies[0], "00080090") == "DOCTOR^REFERRING"
            assert await client.search_studies({"PatientID": "NOBODY"}) == []
            series = await client.search_series(study_uid)
            assert sorted(int(value(s, "00201209")) for s in series) == [6, 6]
            one_series = await client.search_instances(study_uid, value(series[0], "0020000E"))
            assert len(one_series) == 6
            assert await client.study_instance_count(study_uid) == len(other_study)
            assert len(await client.study_instance_uids(study_uid)) == len(other_study)
            assert await client.retrieve_study(study_uid, node.ingest) == len(other_study)

    asyncio.run(scenario())
    refs = node.store.instances_of_study(study_uid)
    assert {r.sop_instance_uid for r in refs} == {str(dcmread(p, stop_before_pixels=True).SOPInstanceUID)
                                                  for p in other_study}
    assert list(node.spool.tmp.glob("*.part")) == []


def test_an_absent_server_gives_one_line_peer_errors(node: Node, other_study: list[Path]) -> None:
    async def scenario() -> None:
        async with DicomWebClient(f"http://127.0.0.1:{peers.free_port()}/dicom-web") as client:
            assert (await client.store_files([])).sent == 0  # nothing to send: no request at all
            with pytest.raises(DicomPeerError, match="QIDO-RS"):
                await client.search_studies({})
            with pytest.raises(DicomPeerError, match="STOW-RS"):
                await client.store_files(other_study[:2])
            with pytest.raises(DicomPeerError, match="WADO-RS"):
                await client.retrieve_study("1.2.3", node.ingest)

    asyncio.run(scenario())


def test_scheduler_over_dicomweb_routes_by_qido_and_wado(
    node: Node, orthanc: peers.Orthanc, other_study: list[Path]
) -> None:
    orthanc.upload(other_study)
    routing = RoutingStore(node.store.database)
    routing.add_rule("site-b-id", Criteria(referring=("Referring Doctor",), modalities=("CT",)))
    scheduler = RoutingScheduler(node.store, routing, NODE_AET, dicomweb_url=f"{orthanc.url}/dicom-web",
                                 ingest=node.ingest, retrieve="wado", look_back_days=3650,
                                 today=lambda: date(2026, 11, 23))
    report = asyncio.run(scheduler.run_once())
    assert (report.found, report.retrieved, len(report.queued), report.errors) == (1, 1, 1, [])
    assert asyncio.run(scheduler.run_once()).queued == []
    transfers = [t for t in node.store.transfers() if t.direction is Direction.OUT]
    assert [(t.peer, t.files_total) for t in transfers] == [("site-b-id", len(other_study))]
