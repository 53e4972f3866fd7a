"""End to end: Orthanc A -> appliance A (rules) -> appliance B (reconcile, rewrite) -> Orthanc B, no human."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.reconcile.niss import make_niss
from tests.integration import peers
from tests.integration.appliance_proc import cli, query, serve, status, wait_for
from tests.integration.pipeline_net import (
    REFERRING,
    added_series,
    adt_a28,
    configure,
    incoming_state,
    make_network,
    orthanc_instances,
    send_adt,
    start_pacs,
    study_uid_of,
    variant,
)

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")
NISS = make_niss("19620523", "F", 88)


def test_routed_study_is_linked_rewritten_stored_once_and_completed_by_an_addition(
    tmp_path: Path, other_study: list[Path]
) -> None:
    net = make_network(tmp_path / "net")
    known = variant(other_study, tmp_path / "known", 6, other_ids=((NISS, "NISS"),), PatientID="LIEGE-77",
                    PatientName="Dupont^Marie", PatientBirthDate="19620523", PatientSex="F",
                    ReferringPhysicianName=REFERRING)
    stranger = variant(other_study, tmp_path / "stranger", 3, ReferringPhysicianName="NOBODY^ATALL")
    with start_pacs(net) as (pacs_a, pacs_b):
        configure(net, pacs_a, pacs_b)
        with serve(net.a), serve(net.b):
            wait_for(lambda: peers.wait_for_port(net.hl7_port) is None, timeout=10, what="HL7 port")
            assert send_adt(net.hl7_port, [adt_a28("1", "CHR-1001", "DUPONT^MARIE", "19620523", "F", NISS)]) == ["AA"]
            pacs_a.upload(known + stranger)
            uid, other_uid = study_uid_of(known), study_uid_of(stranger)
            seen: set[str] = set()

            def landed() -> bool:
                seen.add(incoming_state(net.b, uid)[0])
                return len(orthanc_instances(pacs_b, uid)) == len(known) and incoming_state(net.b, uid)[0] == "done"

            wait_for(landed, timeout=90, interval=0.2, what="the study in Orthanc B")
            assert "storing" in seen or "done" in seen
            tags = orthanc_instances(pacs_b, uid)
            assert {t["PatientID"] for t in tags} == {"CHR-1001"}
            assert {t["IssuerOfPatientID"] for t in tags} == {"CHR"}
            assert all("OriginalAttributesSequence" in t for t in tags)
            assert all(any(i.get("PatientID") == "LIEGE-77" for i in t["OtherPatientIDsSequence"])  # type: ignore[attr-defined]
                       for t in tags)
            sent = {str(dcmread(p, stop_before_pixels=True).SOPInstanceUID) for p in known}
            assert {t["SOPInstanceUID"] for t in tags} == sent  # UIDs unchanged
            # rewritten on the way out: no copy written, the received originals kept unchanged in the spool
            assert not (net.b.home / "spool" / "reconciled").exists()
            kept = query(net.b, "SELECT path, sha256 FROM instances WHERE study_uid = ?", (uid,))
            assert len(kept) == len(known)
            for row in kept:
                assert hashlib.sha256((net.b.home / "spool" / row["path"]).read_bytes()).hexdigest() == row["sha256"]
            decision = query(net.b, "SELECT kind, matched_id, decided_by, score FROM decisions")
            assert [(r["kind"], r["matched_id"], r["decided_by"]) for r in decision] == [("link", "CHR-1001", "engine")]
            report = status(net.b)
            incoming = [t for t in report["transfers"] if t["direction"] == "in"]  # type: ignore[union-attr,index]
            assert [t["state"] for t in incoming] == ["done"] and report["review_queue"] == 0
            # (2) the study that matches no rule stays in A
            assert orthanc_instances(pacs_b, other_uid) == []
            assert not query(net.a, "SELECT 1 FROM transfers WHERE study_uid = ?", (other_uid,))
            # (3) sent twice (pushed to A again, the next cycles see it again): arrives once
            pacs_a.upload(known)
            cli("send", *map(str, known), "--to", net.b.name, "--home", str(net.a.home))
            time.sleep(4)
            assert len(query(net.b, "SELECT id FROM transfers WHERE direction = 'in'")) == 1
            assert len(orthanc_instances(pacs_b, uid)) == len(known)
            # a series added later arrives as an addition, linked to the same local patient
            later = added_series(known, tmp_path / "later", 2)
            pacs_a.upload(later)
            wait_for(lambda: len(orthanc_instances(pacs_b, uid)) == len(known) + len(later), timeout=60,
                     interval=0.2, what="the added series in Orthanc B")
            wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=30, interval=0.2, what="done")
            assert {t["PatientID"] for t in orthanc_instances(pacs_b, uid)} == {"CHR-1001"}
            assert len(query(net.b, "SELECT id FROM transfers WHERE direction = 'in'")) == 2
        log = "".join(p.read_text(errors="replace") for p in net.b.home.glob("serve-*.log"))
        log += "".join(p.read_text(errors="replace") for p in (net.b.home / "logs").glob("*"))
        for secret in ("DUPONT", "Dupont", NISS, "19620523"):
            assert secret not in log


def test_pacs_b_stopped_during_the_push_delays_the_study_until_it_restarts(
    tmp_path: Path, small_study: list[Path]
) -> None:
    """A new patient (policy automatic) pushed over one association while Orthanc B dies and comes back."""
    net = make_network(tmp_path / "net")
    files = variant(small_study, tmp_path / "big", 60, PatientID="LIEGE-88", PatientName="Martin^Luc",
                    PatientBirthDate="19800101", PatientSex="M", ReferringPhysicianName=REFERRING)
    uid = study_uid_of(files)
    dicom_b, http_b = peers.free_port(), peers.free_port()
    with peers.start_orthanc(net.root, aet="PACSA", modalities={"passa": ("PASSA", "127.0.0.1", net.a.dicom_port)}) \
            as pacs_a:
        with peers.start_orthanc(net.root, aet="PACSB", dicom_port=dicom_b, http_port=http_b, nodelay=False) as pacs_b:
            configure(net, pacs_a, pacs_b, new_patient_policy="automatic", pacs_push_associations=1)
            with serve(net.a), serve(net.b):
                pacs_a.upload(files)
                wait_for(lambda: pacs_b.instance_count() >= 3, timeout=90, interval=0.05, what="the push to start")
                pacs_b.process.kill()
                pacs_b.process.wait(timeout=10)
                wait_for(lambda: "retry in" in incoming_state(net.b, uid)[1], timeout=60, what="a visible retry")
                states = [t["state"] for t in status(net.b)["transfers"]  # type: ignore[union-attr,index]
                          if t["direction"] == "in"]
                assert states == ["storing"]
                with peers.start_orthanc(net.root, aet="PACSB", dicom_port=dicom_b, http_port=http_b) as again:
                    wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=90, interval=0.2,
                             what="the study landing after the restart")
                    tags = orthanc_instances(again, uid)
                    assert len(tags) == len(files)
                    ids = {(t["PatientID"], t["IssuerOfPatientID"], t["PatientName"]) for t in tags}
                    assert len(ids) == 1 and next(iter(ids))[0].startswith("PSL-")  # type: ignore[union-attr]
                    assert next(iter(ids))[1:] == ("PASSERELLE", "Martin^Luc")
    rows = query(net.b, "SELECT kind, decided_by FROM decisions")
    assert [(r["kind"], r["decided_by"]) for r in rows] == [("new", "engine")]


def test_the_same_over_dicomweb_for_pacs_b(tmp_path: Path, other_study: list[Path]) -> None:
    net = make_network(tmp_path / "net")
    known = variant(other_study, tmp_path / "known", 4, other_ids=((NISS, "NISS"),), PatientID="LIEGE-77",
                    PatientName="Dupont^Marie", PatientBirthDate="19620523", PatientSex="F",
                    ReferringPhysicianName=REFERRING)
    uid = study_uid_of(known)
    with start_pacs(net, plugins_b=True) as (pacs_a, pacs_b):
        configure(net, pacs_a, pacs_b, pacs_dicomweb_url=f"{pacs_b.url}/dicom-web")
        with serve(net.a), serve(net.b):
            wait_for(lambda: peers.wait_for_port(net.hl7_port) is None, timeout=10, what="HL7 port")
            assert send_adt(net.hl7_port, [adt_a28("1", "CHR-1001", "DUPONT^MARIE", "19620523", "F", NISS)]) == ["AA"]
            pacs_a.upload(known)
            wait_for(lambda: incoming_state(net.b, uid)[0] == "done", timeout=90, interval=0.2, what="stored")
            tags = orthanc_instances(pacs_b, uid)
            assert len(tags) == len(known) and {t["PatientID"] for t in tags} == {"CHR-1001"}
            audit = query(net.b, "SELECT detail FROM audit WHERE action = 'pacs-stored'")
            assert len(audit) == 1 and "STOW-RS" in str(audit[0]["detail"])
