"""Fixtures for DICOM integration tests: a synthetic study, an in-process DICOM node, an Orthanc."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from appliance.dicom.ingest import Ingest
from appliance.dicom.scp import StorageSCP
from appliance.domain import DicomNode
from appliance.service.settings import Settings
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from benchmarks.synthetic import StudySpec, write_study
from tests.integration import peers

NODE_AET = "PASSERELLE"


@dataclass
class Node:
    """The appliance's DICOM node running in this process, with its spool and state."""

    settings: Settings
    spool: Spool
    store: StateStore
    ingest: Ingest
    scp: StorageSCP

    @property
    def port(self) -> int:
        return self.scp.port


def make_node(home: Path, aet: str = NODE_AET) -> Node:
    settings = Settings(home=home, site_name="test", aet=aet, dicom_port=peers.free_port(), bind_host="127.0.0.1",
                        min_free_mb=0)
    store = StateStore(settings.db_path)
    spool = Spool(settings.spool_dir, settings.quarantine_dir, 0)
    ingest = Ingest(spool, store)
    return Node(settings, spool, store, ingest, StorageSCP(settings, ingest))


@pytest.fixture
def node(tmp_path: Path) -> Iterator[Node]:
    running = make_node(tmp_path / "site")
    running.scp.start()
    try:
        yield running
    finally:
        running.scp.stop()
        running.store.close()


@pytest.fixture(scope="session")
def small_study(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """100 small CT instances in two series (64x64 pixels: realistic tags, fast to send)."""
    spec = StudySpec(instances=100, rows=64, columns=64, seed=11, patient_name="DUPONT^MARIE",
                     patient_id="PAT-INT-0001")
    return write_study(spec, tmp_path_factory.mktemp("small-study"))


@pytest.fixture(scope="session")
def other_study(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    spec = StudySpec(instances=12, rows=32, columns=32, seed=12, patient_name="MARTIN^LUC",
                     patient_id="PAT-INT-0002")
    return write_study(spec, tmp_path_factory.mktemp("other-study"))


@pytest.fixture
def orthanc(tmp_path: Path, node: Node) -> Iterator[peers.Orthanc]:
    """An Orthanc that knows the in-process node as C-MOVE destination "passerelle"."""
    modalities = {"passerelle": (NODE_AET, "127.0.0.1", node.port)}
    with peers.start_orthanc(tmp_path, aet="TESTPACS", modalities=modalities) as running:
        yield running


def pacs(orthanc: peers.Orthanc) -> DicomNode:
    """That Orthanc as a DICOM node to query, retrieve from or store into."""
    return DicomNode(orthanc.aet, "127.0.0.1", orthanc.dicom_port)
