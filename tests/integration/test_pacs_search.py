"""PACS search and send against a real Orthanc: C-FIND (and QIDO-RS) by name, id, dates, modality, accession;
the chosen study is retrieved into the appliance (C-MOVE, WADO-RS) and queued to the site once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.domain import DicomNode, Direction
from appliance.errors import BadInput, ConfigError, UnknownSite
from appliance.service.engine import Engine
from appliance.service.pacs_search import PacsQuery
from appliance.service.settings import Settings
from appliance.service.site import init_site
from tests.integration import peers
from tests.ui import seed

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")
AET = "CITADELLE"


def start_engine(tmp_path: Path, dicom_port: int, **settings: object) -> Engine:
    site = init_site(Settings(home=tmp_path / "site", site_name="CHR Citadelle", aet=AET, dicom_port=dicom_port,
                              http_port=peers.free_port(), bind_host="127.0.0.1", min_free_mb=0,
                              routing_interval_s=3600, **settings))  # type: ignore[arg-type]
    seed.install_directory(site, tmp_path / "network")
    engine = Engine(site)
    engine.start()
    return engine


@pytest.fixture
def pacs_engine(tmp_path: Path, small_study: list[Path], other_study: list[Path]) -> Iterator[tuple[Engine, str]]:
    port = peers.free_port()
    with peers.start_orthanc(tmp_path, aet="PACSA", modalities={"passerelle": (AET, "127.0.0.1", port)}) as pacs:
        pacs.upload(small_study + other_study)
        engine = start_engine(tmp_path, port, pacs=DicomNode("PACSA", "127.0.0.1", pacs.dicom_port))
        try:
            yield engine, str(dcmread(small_study[0], stop_before_pixels=True).StudyInstanceUID)
        finally:
            engine.stop()


def search(engine: Engine, **query: str) -> list:
    return engine.call(engine.search_pacs(PacsQuery(**query))).result(timeout=60)


def test_c_find_by_name_id_dates_modality_accession(pacs_engine: tuple[Engine, str]) -> None:
    engine, dupont = pacs_engine
    found = search(engine, patient_name="dupont")  # case and the trailing wildcard are the engine's job
    assert [s.study_uid for s in found] == [dupont]
    study = found[0]
    assert study.patient_id == "PAT-INT-0001" and study.instances == 100 and study.series == 2
    assert study.modalities == ("CT",) and study.study_date == "20260312" and study.description == "CT THORAX"
    assert len(search(engine, patient_id="PAT-INT-0002")) == 1
    assert len(search(engine, date_from="20260301", date_to="20260331")) == 2
    assert search(engine, date_from="20260401", date_to="20260430") == []
    assert len(search(engine, date_from="20260312", date_to="20260312", modality="CT")) == 2
    assert search(engine, patient_name="dupont", modality="MR") == []
    assert [s.study_uid for s in search(engine, accession=study.accession)] == [dupont]
    with pytest.raises(BadInput):
        search(engine)  # an empty query would list the whole PACS
    with pytest.raises(BadInput):
        search(engine, date_from="2026-03-01")


def test_send_retrieves_the_study_and_queues_it_once(pacs_engine: tuple[Engine, str]) -> None:
    engine, dupont = pacs_engine
    liege = str(seed.PEERS[0]["id"])
    report = engine.call(engine.send_from_pacs(dupont, "CHU de Liège")).result(timeout=120)
    assert report.site == liege and report.retrieved and report.instances == 100 and not report.already_queued
    out = [t for t in engine.store.transfers() if t.direction is Direction.OUT]
    assert [(t.peer, t.study_uid, t.files_total) for t in out] == [(liege, dupont, 100)]
    again = engine.call(engine.send_from_pacs(dupont, liege)).result(timeout=60)
    assert again.already_queued and not again.retrieved and again.transfer_id == report.transfer_id
    assert len([t for t in engine.store.transfers() if t.direction is Direction.OUT]) == 1
    with pytest.raises(UnknownSite):
        engine.call(engine.send_from_pacs(dupont, "Nowhere General")).result(timeout=60)
    with pytest.raises(BadInput):
        engine.call(engine.send_from_pacs("1.2.3.4.5.6.7", liege)).result(timeout=60)


def test_qido_search_and_wado_retrieve(tmp_path: Path, small_study: list[Path]) -> None:
    with peers.start_orthanc(tmp_path, aet="PACSW", plugins=True) as pacs:
        pacs.upload(small_study)
        engine = start_engine(tmp_path, peers.free_port(), pacs_dicomweb_url=f"{pacs.url}/dicom-web",
                              routing_retrieve="wado")
        try:
            found = search(engine, patient_name="DUPONT")
            assert len(found) == 1 and found[0].patient_id == "PAT-INT-0001" and found[0].instances == 100
            report = engine.call(engine.send_from_pacs(found[0].study_uid, str(seed.PEERS[1]["id"]))).result(
                timeout=120)
            assert report.retrieved and report.instances == 100
        finally:
            engine.stop()


def test_without_a_pacs_the_search_says_so(tmp_path: Path) -> None:
    engine = start_engine(tmp_path, peers.free_port())
    try:
        with pytest.raises(ConfigError):
            search(engine, patient_name="dupont")
    finally:
        engine.stop()


def test_query_keys_are_what_a_secretary_means() -> None:
    keys = PacsQuery(patient_name="  van den broeck, jan ", date_from="20261101", date_to="20261123",
                     modality="ct", accession=" A123 ").matching_keys()
    assert keys == {"PatientName": "van den broeck^jan*", "StudyDate": "20261101-20261123",
                    "ModalitiesInStudy": "CT", "AccessionNumber": "A123"}
    assert PacsQuery(patient_name="DUP*NT").matching_keys() == {"PatientName": "DUP*NT"}
    assert PacsQuery(date_from="20261123", date_to="20261123").matching_keys() == {"StudyDate": "20261123"}
    with pytest.raises(BadInput):
        PacsQuery(date_from="20261130", date_to="20261101").check()
    with pytest.raises(BadInput):
        PacsQuery(patient_id="X", modality="C T").check()
