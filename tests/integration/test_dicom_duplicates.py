"""A corrected copy re-sent by DCMTK storescu under a SOP Instance UID already held: quarantined, never lost.

The first copy stays the instance (bit for bit), the C-STORE still succeeds, and sending either copy
again adds nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydicom import dcmread

from appliance.dicom.ingest import OTHER_CONTENT
from benchmarks.synthetic import StudySpec, write_study
from tests.integration import peers
from tests.integration.conftest import NODE_AET, Node


def spool_hashes(node: Node) -> dict[str, str]:
    return {p.relative_to(node.spool.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((node.spool.root / "studies").rglob("*.dcm"))}


def data_set(path: Path) -> bytes:
    """The encoded data set after the file meta information."""
    meta = dcmread(path, stop_before_pixels=True).file_meta
    return path.read_bytes()[132 + 12 + int(meta.FileMetaInformationGroupLength):]


def test_corrected_copy_is_quarantined_and_the_first_kept(node: Node, tmp_path: Path) -> None:
    study = write_study(StudySpec(instances=6, rows=32, columns=32, seed=21, patient_name="LEROY^ANNE",
                                  patient_id="PAT-DUP-0001"), tmp_path / "study")
    result = peers.storescu(NODE_AET, node.port, study)
    assert result.returncode == 0, result.stderr
    before = spool_hashes(node)
    assert len(before) == node.store.count_instances() == 6
    assert node.store.quarantined() == []

    fixed = tmp_path / "corrected.dcm"
    ds = dcmread(study[2])
    ds.PatientName = "LEROY^ANNE^MARIE"  # the modality's correction, same SOP Instance UID
    ds.save_as(fixed, enforce_file_format=True)
    result = peers.storescu(NODE_AET, node.port, [fixed])
    assert result.returncode == 0, result.stderr  # success: the sender must not retry for ever
    rows = node.store.quarantined()
    assert len(rows) == 1
    assert rows[0]["reason"] == f"{OTHER_CONTENT}: {ds.SOPInstanceUID}"
    kept = node.spool.quarantine_root / str(rows[0]["path"])
    assert rows[0]["sha256"] == hashlib.sha256(kept.read_bytes()).hexdigest()
    assert data_set(kept) == data_set(fixed)
    assert spool_hashes(node) == before and node.store.count_instances() == 6
    ref = node.store.instance(str(ds.SOPInstanceUID))
    assert ref is not None and dcmread(node.spool.absolute(ref.path)).PatientName == "LEROY^ANNE"

    for again in ([fixed], study):  # the same copies again: nothing new anywhere
        result = peers.storescu(NODE_AET, node.port, again)
        assert result.returncode == 0, result.stderr
    assert len(node.store.quarantined()) == 1
    assert len(list(node.spool.quarantine_root.glob("*.dcm"))) == 1
    assert spool_hashes(node) == before and node.store.count_instances() == 6
    assert not list(node.spool.tmp.iterdir())
