"""The lean C-MOVE requester (scu.move_study) against a real Orthanc moving studies to our SCP."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.dicom import scu
from appliance.domain import InstanceRef
from appliance.errors import DicomPeerError
from tests.integration import peers
from tests.integration.conftest import NODE_AET, Node, pacs

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Orthanc is not installed")


def uids(paths: list[Path], keyword: str) -> set[str]:
    return {str(getattr(dcmread(p, stop_before_pixels=True), keyword)) for p in paths}


def test_moves_a_study_and_each_series(node: Node, orthanc: peers.Orthanc, small_study: list[Path]) -> None:
    orthanc.upload(small_study)
    (study_uid,) = uids(small_study, "StudyInstanceUID")
    series = scu.find_series(pacs(orthanc), NODE_AET, study_uid)
    assert len(series) == 2
    first = sorted(series)[0]
    assert scu.move_study(pacs(orthanc), NODE_AET, study_uid, NODE_AET, series_uid=first) == series[first]
    assert {r.series_uid for r in node.store.instances_of_study(study_uid)} == {first}
    assert scu.move_study(pacs(orthanc), NODE_AET, study_uid, NODE_AET) == len(small_study)
    assert {r.sop_instance_uid for r in node.store.instances_of_study(study_uid)} == uids(small_study,
                                                                                         "SOPInstanceUID")


def test_unknown_study_or_destination_fails_as_before(node: Node, orthanc: peers.Orthanc,
                                                      other_study: list[Path]) -> None:
    orthanc.upload(other_study)
    (study_uid,) = uids(other_study, "StudyInstanceUID")
    with pytest.raises(DicomPeerError, match=r"TESTPACS@127\.0\.0\.1:\d+ answered the C-MOVE with status 0xC000"):
        scu.move_study(pacs(orthanc), NODE_AET, "1.2.826.0.1.3680043.8.498.999", NODE_AET)
    with pytest.raises(DicomPeerError, match="answered the C-MOVE with status"):
        scu.move_study(pacs(orthanc), NODE_AET, study_uid, "UNKNOWNAET")
    assert node.store.instances_of_study(study_uid) == []


def _stop_orthanc_at_first_instance(node: Node, orthanc: peers.Orthanc, sig: signal.Signals) -> None:
    """Signal Orthanc from our SCP as the first moved instance is stored: Orthanc then still waits for that
    C-STORE's response, so the C-MOVE cannot have finished."""
    def on_stored(ref: InstanceRef) -> None:
        if node.ingest.on_stored is not None:
            node.ingest.on_stored = None
            os.kill(orthanc.process.pid, sig)

    node.ingest.on_stored = on_stored


def test_pacs_killed_mid_move_is_an_error_not_a_hang(node: Node, orthanc: peers.Orthanc,
                                                      small_study: list[Path]) -> None:
    orthanc.upload(small_study)
    (study_uid,) = uids(small_study, "StudyInstanceUID")
    _stop_orthanc_at_first_instance(node, orthanc, signal.SIGKILL)
    started = time.monotonic()
    with pytest.raises(DicomPeerError, match="did not answer the C-MOVE"):
        scu.move_study(pacs(orthanc), NODE_AET, study_uid, NODE_AET, timeout=60)
    assert time.monotonic() - started < 20  # the closed connection, not the 60 s timeout
    assert 0 < len(node.store.instances_of_study(study_uid)) < len(small_study)


def test_pacs_frozen_mid_move_times_out(node: Node, orthanc: peers.Orthanc, small_study: list[Path]) -> None:
    orthanc.upload(small_study)
    (study_uid,) = uids(small_study, "StudyInstanceUID")
    _stop_orthanc_at_first_instance(node, orthanc, signal.SIGSTOP)
    started = time.monotonic()
    try:
        with pytest.raises(DicomPeerError, match="did not answer the C-MOVE"):
            scu.move_study(pacs(orthanc), NODE_AET, study_uid, NODE_AET, timeout=2)
        assert time.monotonic() - started < 15
    finally:
        os.kill(orthanc.process.pid, signal.SIGCONT)
