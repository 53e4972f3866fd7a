"""Reading which patient a file names, as far as the Patient Module only."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom import dcmread

from appliance.dicom.patient_header import patient_identity, patients_named
from appliance.errors import InvalidDicom
from benchmarks.synthetic import StudySpec, write_study


def test_identity_and_distinct_patients(tmp_path: Path) -> None:
    files = write_study(StudySpec(instances=3, rows=8, columns=8, seed=3, patient_name="PEETERS^AN",
                                  patient_id="P-1"), tmp_path / "study")
    first = patient_identity(files[0])
    assert first[0] == "P-1" and first[2] == "PEETERS^AN"
    assert patients_named(files) == {first: files}
    ds = dcmread(files[0])
    ds.PatientBirthDate = "19990101"  # one value differs: another patient as far as the rewrite goes
    ds.save_as(files[0], enforce_file_format=True)
    named = patients_named(files)
    assert len(named) == 2
    assert list(named) == [first, patient_identity(files[0])]  # the identity most files name comes first
    assert named[first] == files[1:]


def test_unreadable_file_is_invalid_dicom(tmp_path: Path) -> None:
    bad = tmp_path / "bad.dcm"
    bad.write_bytes(b"\x00" * 10)
    with pytest.raises(InvalidDicom):
        patient_identity(bad)
    with pytest.raises(InvalidDicom):
        patient_identity(tmp_path / "missing.dcm")
