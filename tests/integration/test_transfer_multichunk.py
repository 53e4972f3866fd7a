"""Files larger than one chunk between two real appliances: hashed as their chunks pass, recorded with the
attributes of their own header, bit-identical, every chunk journaled once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import make_pair, query, send, serve, transfer, wait_for

pytestmark = pytest.mark.timeout(180)


def sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def test_multi_chunk_files_arrive_bit_identical_with_their_attributes(tmp_path_factory: pytest.TempPathFactory) -> None:
    a, b = make_pair(tmp_path_factory.mktemp("multichunk-pair"))
    files = cached_study(StudySpec(instances=4, rows=1100, columns=1100, seed=31, patient_id="SYN-TR-MULTI"))
    assert all(p.stat().st_size > 2 * 1024 * 1024 for p in files)  # two chunks of the default 2 MiB each
    with serve(a), serve(b):
        report = send(a, files, to=b.name)
        wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=120, what="the receipt")
    study_uid = str(report["studies"][0])  # type: ignore[index]
    incoming = transfer(b, "in")
    assert incoming["chunks_total"] == 8 and incoming["chunks_recorded"] == 8 and incoming["chunks_repeated"] == 0
    sql = "SELECT sop_instance_uid, sop_class_uid, transfer_syntax, path, sha256 FROM instances WHERE study_uid = ?"
    sent = {r["sop_instance_uid"]: r for r in query(a, sql, (study_uid,))}
    got = {r["sop_instance_uid"]: r for r in query(b, sql, (study_uid,))}
    assert set(got) == set(sent) and len(got) == 4
    for uid, row in got.items():
        assert sha256(b.home / "spool" / row["path"]) == row["sha256"] == sent[uid]["sha256"]
        assert (row["sop_class_uid"], row["transfer_syntax"]) == (sent[uid]["sop_class_uid"],
                                                                  sent[uid]["transfer_syntax"])
    attributes = "SELECT patient_id, patient_name, birth_date, sex, study_date FROM studies WHERE study_uid = ?"
    assert dict(query(b, attributes, (study_uid,))[0]) == dict(query(a, attributes, (study_uid,))[0])
    series = "SELECT series_uid, modality, number FROM series WHERE study_uid = ? ORDER BY series_uid"
    assert [dict(r) for r in query(b, series, (study_uid,))] == [dict(r) for r in query(a, series, (study_uid,))]
