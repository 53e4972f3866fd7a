"""Importing files, folders and DICOMDIR media: DICOM stored, other files skipped, broken ones quarantined."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.fileset import FileSet

from appliance.dicom.importer import import_paths, looks_like_dicom
from appliance.dicom.ingest import Ingest
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from benchmarks.synthetic import StudySpec, make_instance


@pytest.fixture
def ingest(tmp_path: Path):
    store = StateStore(tmp_path / "state.sqlite")
    yield Ingest(Spool(tmp_path / "spool", tmp_path / "quarantine"), store)
    store.close()


def write(folder: Path, spec: StudySpec, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"IMG{index:03d}"
        make_instance(spec, index, np.random.default_rng(index)).save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def test_folder_with_noise_and_broken_files(tmp_path: Path, ingest: Ingest) -> None:
    a = StudySpec(instances=4, rows=8, columns=8, seed=1, patient_id="A")
    b = StudySpec(instances=3, rows=8, columns=8, seed=2, patient_id="B")
    good = write(tmp_path / "in" / "a", a, 4) + write(tmp_path / "in" / "deep" / "b", b, 3)
    (tmp_path / "in" / "README.txt").write_text("not dicom")
    (tmp_path / "in" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    broken = tmp_path / "in" / "deep" / "broken.dcm"
    broken.write_bytes(good[0].read_bytes()[:-100])
    report = import_paths([tmp_path / "in"], ingest)
    assert len(report.instances) == 7
    assert set(report.studies) == {dcmread(good[0]).StudyInstanceUID, dcmread(good[-1]).StudyInstanceUID}
    assert report.skipped == 2
    assert [(Path(p).name, "truncated" in why) for p, why in report.quarantined] == [("broken.dcm", True)]
    assert ingest.store.count_instances() == 7
    again = import_paths([tmp_path / "in", good[0]], ingest)  # re-import: same refs, nothing new
    assert ingest.store.count_instances() == 7 and len(again.instances) == 7


def test_dicomdir_media(tmp_path: Path, ingest: Ingest) -> None:
    spec = StudySpec(instances=5, rows=8, columns=8, seed=5, patient_id="CD")
    sources = write(tmp_path / "src", spec, 5)
    fileset = FileSet()
    for path in sources:
        fileset.add(dcmread(path))
    media = tmp_path / "cdrom"
    fileset.write(media)
    (media / "AUTORUN.INF").write_text("[autorun]")
    report = import_paths([media / "DICOMDIR"], ingest)
    assert len(report.instances) == 5 and report.quarantined == ()
    assert len(report.studies) == 1
    folder_report = import_paths([media], ingest)
    assert len(folder_report.instances) == 5 and folder_report.skipped == 1


def test_looks_like_dicom(tmp_path: Path) -> None:
    spec = StudySpec(instances=1, rows=8, columns=8)
    [path] = write(tmp_path, spec, 1)
    assert looks_like_dicom(path)
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert not looks_like_dicom(other)
