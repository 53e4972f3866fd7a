"""The appliance's StorageSCP against DCMTK and pynetdicom: echo, store, identical data, quarantine."""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

import pytest
from pydicom import dcmread
from pynetdicom import AE, _config

from appliance.dicom import scu
from appliance.dicom.commands import encode_store_request
from appliance.dicom.ingest import CANNOT_UNDERSTAND, DATASET_MISMATCH, OUT_OF_RESOURCES
from appliance.dicom.requestor import StoreAssociation
from appliance.dicom.upper_layer import pdata_pdu
from appliance.domain import DicomNode
from appliance.errors import DicomPeerError
from benchmarks.synthetic import StudySpec, write_study
from tests.integration import peers
from tests.integration.conftest import NODE_AET, Node


def dataset_bytes(path: Path) -> bytes:
    """The encoded dataset after the file meta information."""
    data = path.read_bytes()
    ds = dcmread(path, stop_before_pixels=True)
    assert ds.file_meta is not None
    meta_end = 132 + 12 + int(ds.file_meta.FileMetaInformationGroupLength)
    return data[meta_end:]


def test_echoscu_gets_success(node: Node) -> None:
    result = peers.echoscu(NODE_AET, node.port)
    assert result.returncode == 0, result.stderr
    wrong = peers.echoscu(NODE_AET, node.port + 1 if node.port < 65535 else node.port - 1)
    assert wrong.returncode != 0


def test_storescu_lands_every_instance_identical(node: Node, small_study: list[Path]) -> None:
    result = peers.storescu(NODE_AET, node.port, small_study)
    assert result.returncode == 0, result.stderr
    assert node.store.count_instances() == len(small_study) == 100
    study_uid = dcmread(small_study[0], stop_before_pixels=True).StudyInstanceUID
    refs = {ref.sop_instance_uid: ref for ref in node.store.instances_of_study(study_uid)}
    assert len(refs) == 100
    for original in small_study:
        sent = dcmread(original)
        ref = refs[sent.SOPInstanceUID]
        stored_path = node.spool.absolute(ref.path)
        stored = dcmread(stored_path)
        assert stored == sent  # every element, PixelData included
        assert dataset_bytes(stored_path) == dataset_bytes(original)
        assert stored.file_meta.TransferSyntaxUID == sent.file_meta.TransferSyntaxUID
        assert stored.file_meta.SourceApplicationEntityTitle == "STORESCU"
        assert hashlib.sha256(stored_path.read_bytes()).hexdigest() == ref.sha256
        assert stored_path.stat().st_size == ref.size
    assert not list(node.spool.tmp.iterdir())


def test_resending_a_study_is_acknowledged_without_duplicates(node: Node, other_study: list[Path]) -> None:
    for _ in range(2):
        result = peers.storescu(NODE_AET, node.port, other_study)
        assert result.returncode == 0, result.stderr
    assert node.store.count_instances() == len(other_study)
    assert len(list((node.spool.root / "studies").rglob("*.dcm"))) == len(other_study)


def _broken_files(tmp_path: Path, good: list[Path]) -> tuple[Path, Path, Path]:
    """A truncated file, one with a garbage dataset, and one whose SOP class differs from its meta."""
    truncated = tmp_path / "truncated.dcm"
    data = good[0].read_bytes()
    truncated.write_bytes(data[: len(data) - 1000])
    garbage = tmp_path / "garbage.dcm"
    header = data[: 132 + 12 + int(dcmread(good[1], stop_before_pixels=True).file_meta.FileMetaInformationGroupLength)]
    garbage.write_bytes(header + bytes(range(256)) * 20)
    mismatch = tmp_path / "mismatch.dcm"
    ds = dcmread(good[2])
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.4"  # MR in the dataset, CT in the meta and the request
    ds.save_as(mismatch)
    return truncated, garbage, mismatch


def send_as_is(port: int, paths: list[Path]) -> list[int]:
    """C-STORE files byte for byte (broken or not) over one association; the statuses in order."""
    ae = AE(ae_title="RAWSENDER")
    ae.add_requested_context(dcmread(paths[0], stop_before_pixels=True).SOPClassUID, "1.2.840.10008.1.2.1")
    statuses = []
    old = _config.STORE_SEND_CHUNKED_DATASET
    _config.STORE_SEND_CHUNKED_DATASET = True
    try:
        assoc = ae.associate("127.0.0.1", port, ae_title=NODE_AET)
        assert assoc.is_established
        for path in paths:
            statuses.append(int(assoc.send_c_store(path).Status))
        assoc.release()
    finally:
        _config.STORE_SEND_CHUNKED_DATASET = old
    return statuses


def test_broken_data_is_quarantined_with_a_failure_status(node: Node, other_study: list[Path],
                                                          tmp_path: Path) -> None:
    truncated, garbage, mismatch = _broken_files(tmp_path, other_study[6:])
    sequence = [other_study[0], truncated, other_study[1], garbage, other_study[2], mismatch, other_study[3]]
    statuses = send_as_is(node.port, sequence)
    assert statuses == [0, CANNOT_UNDERSTAND, 0, CANNOT_UNDERSTAND, 0, DATASET_MISMATCH, 0]
    assert node.store.count_instances() == 4
    quarantined = node.store.quarantined()
    assert len(quarantined) == 3
    reasons = [str(q["reason"]) for q in quarantined]
    assert "truncated" in reasons[0]
    assert "cannot be parsed" in reasons[1] or "truncated" in reasons[1] or "UID" in reasons[1]
    assert "SOP class" in reasons[2]
    for entry in quarantined:
        kept = node.spool.quarantine_root / str(entry["path"])
        assert kept.exists()
        assert kept.with_suffix(".reason.txt").read_text().count("reason:") == 1
    kept_truncated = node.spool.quarantine_root / str(quarantined[0]["path"])
    assert dataset_bytes(kept_truncated) == dataset_bytes(truncated)


def test_negotiation_follows_the_requestor_and_rejects_unknown_classes(node: Node, other_study: list[Path]) -> None:
    ct = dcmread(other_study[0], stop_before_pixels=True).SOPClassUID
    ae = AE(ae_title="NEGOTIATOR")
    ae.add_requested_context(ct, ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"])  # implicit first
    ae.add_requested_context("1.2.3.4.5.6.7", ["1.2.840.10008.1.2"])  # no such SOP class
    ae.add_requested_context(ct, ["1.2.840.10008.1.2.4.100"])  # MPEG2: not accepted
    ae.add_requested_context("1.2.840.10008.1.1")
    assoc = ae.associate("127.0.0.1", node.port, ae_title=NODE_AET)
    assert assoc.is_established
    accepted = {(cx.abstract_syntax, cx.transfer_syntax[0]) for cx in assoc.accepted_contexts}
    assert accepted == {(ct, "1.2.840.10008.1.2"), ("1.2.840.10008.1.1", "1.2.840.10008.1.2")}
    assert {cx.result for cx in assoc.rejected_contexts} == {0x03, 0x04}
    assert int(assoc.send_c_echo().Status) == 0
    status = assoc.send_c_store(dcmread(other_study[0]))  # pynetdicom transcodes to implicit VR
    assert int(status.Status) == 0
    assoc.release()
    [ref] = node.store.instances_of_study(dcmread(other_study[0], stop_before_pixels=True).StudyInstanceUID)
    stored = dcmread(node.spool.absolute(ref.path))
    assert stored.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2"
    assert stored.PixelData == dcmread(other_study[0]).PixelData


def test_no_patient_data_in_logs(node: Node, other_study: list[Path], caplog: pytest.LogCaptureFixture,
                                 tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    truncated, garbage, _ = _broken_files(tmp_path, other_study)
    assert peers.storescu(NODE_AET, node.port, other_study).returncode == 0
    assert send_as_is(node.port, [other_study[0], truncated, garbage]) == [0, CANNOT_UNDERSTAND, CANNOT_UNDERSTAND]
    scu.echo(DicomNode(NODE_AET, "127.0.0.1", node.port), "LOGCHECK")
    ds = dcmread(other_study[0], stop_before_pixels=True)
    secrets = [str(ds.PatientName), "MARTIN", str(ds.PatientID), str(ds.PatientBirthDate)]
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert text  # something was logged at all
    for secret in secrets:
        assert secret not in text


def test_full_spool_answers_out_of_resources(node: Node, other_study: list[Path]) -> None:
    node.spool.min_free_bytes = 1 << 62  # nothing can be free enough
    assert send_as_is(node.port, other_study[:2]) == [OUT_OF_RESOURCES, OUT_OF_RESOURCES]
    assert node.store.count_instances() == 0 and node.store.quarantined() == []
    assert not list(node.spool.tmp.iterdir())
    with pytest.raises(DicomPeerError, match="refused 3 of 3 files: status 0xA700 spool full"):
        scu.store_files(DicomNode(NODE_AET, "127.0.0.1", node.port), "PUSHER", other_study[:3])
    node.spool.min_free_bytes = 0
    assert send_as_is(node.port, other_study[:2]) == [0, 0]
    assert scu.store_files(DicomNode(NODE_AET, "127.0.0.1", node.port), "PUSHER", other_study) == len(other_study)
    assert node.store.count_instances() == len(other_study)


@pytest.fixture(scope="module")
def thirty_small(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_study(StudySpec(instances=30, rows=128, columns=128, seed=31), tmp_path_factory.mktemp("thirty"))


def test_a_nagle_sender_does_not_wait_for_our_acks(node: Node, thirty_small: list[Path]) -> None:
    """storescu leaves Nagle on: without our quick ACKs each instance would stall ~40 ms (>= 1.2 s here)."""
    started = time.perf_counter()
    assert peers.storescu(NODE_AET, node.port, thirty_small).returncode == 0
    assert time.perf_counter() - started < 0.8
    assert node.store.count_instances() == 30


def test_our_scu_sockets_do_not_wait_either(tmp_path: Path, thirty_small: list[Path]) -> None:
    """Our C-STORE SCU sets TCP_NODELAY: against storescp (TCP_NODELAY=1), storescu takes >= 1.2 s here."""
    with peers.start_storescp(tmp_path / "out", nodelay=True) as (_, port):
        started = time.perf_counter()
        assert scu.store_files(DicomNode("STORESCP", "127.0.0.1", port), NODE_AET, thirty_small) == 30
        assert time.perf_counter() - started < 0.8
    assert len(list((tmp_path / "out").iterdir())) == 30


def test_an_association_dropped_mid_dataset_leaves_nothing_behind(node: Node, other_study: list[Path]) -> None:
    meta = dcmread(other_study[0], stop_before_pixels=True).file_meta
    pair = (str(meta.MediaStorageSOPClassUID), str(meta.TransferSyntaxUID))
    association = StoreAssociation(DicomNode(NODE_AET, "127.0.0.1", node.port), "DROPPER", [pair])
    association.open()
    assert association.sock is not None
    command = encode_store_request(1, pair[0], str(meta.MediaStorageSOPInstanceUID))
    association.sock.sendall(pdata_pdu(1, 0x03, command))
    association.sock.sendall(pdata_pdu(1, 0x00, dataset_bytes(other_study[0])[:4000]))  # not the last fragment
    deadline = time.monotonic() + 5
    while not list(node.spool.tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(node.spool.tmp.iterdir()), "the receiver should be writing a temp file by now"
    association.sock.close()
    while list(node.spool.tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not list(node.spool.tmp.iterdir())
    assert node.store.count_instances() == 0
