"""`passerelle match` CSV contract: round trip, decisions, and BadInput with line numbers."""

from __future__ import annotations

import csv
import datetime

import pytest

from appliance.errors import BadInput
from appliance.reconcile.csvmatch import OUTPUT_COLUMNS, read_patients, run_match
from appliance.reconcile.niss import make_niss

HEADER = "id,family_name,given_name,birth_date,sex,niss\n"
NISS = make_niss("19620523", "F", 88)


def write(path, body, header=HEADER):
    path.write_text(header + body, encoding="utf-8")
    return path


def test_round_trip(tmp_path):
    index = write(tmp_path / "index.csv",
                  f"A,Van den Broeck,Marie,19620523,F,{NISS}\n"
                  "B,Janssens,Pieter,19800214,M,\n"
                  "C,Janssens,Paul,19800214,M,\n"
                  "D,Dubois,Jean,1945,M,\n")
    incoming = write(tmp_path / "in.csv",
                     f"i1,VANDENBROECK^MARIE,,19620523,F,{NISS}\n"
                     "i2,JANSSENS,PIETER,19800214,M,\n"
                     "i3,Nguyen,Minh,19770707,M,\n")
    out = tmp_path / "out.csv"
    summary = run_match(index, incoming, out, study_date=datetime.date(2026, 6, 1))
    rows = list(csv.DictReader(out.open()))
    assert tuple(rows[0]) == OUTPUT_COLUMNS
    by_id = {r["incoming_id"]: r for r in rows}
    assert by_id["i1"]["decision"] == "link" and by_id["i1"]["matched_id"] == "A"
    assert float(by_id["i1"]["score"]) > 0.9
    assert by_id["i2"]["decision"] == "review" and by_id["i2"]["matched_id"] == ""
    assert by_id["i2"]["candidates"].split(";")[:2] == ["B", "C"]
    assert by_id["i3"]["decision"] == "new"
    assert (summary.link, summary.review, summary.new, summary.index_size) == (1, 1, 1, 4)
    assert summary.as_json() == {"index_size": 4, "incoming": 3, "link": 1, "review": 1, "new": 1}


def test_extra_columns_and_bom_are_accepted(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("\ufeffniss,id,family_name,given_name,birth_date,sex,extra\n,A,X,Y,,,z\n", encoding="utf-8")
    assert [r.id for r in read_patients(path)] == ["A"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("A,X,Y,1980-01-01,M,\n", ":2: birth_date"),
        ("A,X,Y,19800231,M,\n", ":2: birth_date is not a calendar date"),
        ("A,X,Y,19800101,Q,\n", ":2: sex"),
        ("A,X,Y,19800101,M,\nA,X,Y,19800101,M,\n", ":3: id"),
        ("A,X,Y,19800101,M,,too,many\n", ":2: wrong number of fields"),
        ("A,X,Y\n", ":2: wrong number of fields"),
        (",X,Y,19800101,M,\n", ":2: id is empty"),
        ("A,X,Y,19800101,M,\n\"B,X,Y,19800101,M,\n", "malformed CSV"),
    ],
)
def test_bad_rows_name_their_line(tmp_path, body, message):
    with pytest.raises(BadInput, match=message):
        list(read_patients(write(tmp_path / "p.csv", body)))


def test_missing_column_and_empty_file(tmp_path):
    with pytest.raises(BadInput, match=r":1: missing column\(s\) niss"):
        list(read_patients(write(tmp_path / "p.csv", "", "id,family_name,given_name,birth_date,sex\n")))
    with pytest.raises(BadInput, match="empty file"):
        list(read_patients(write(tmp_path / "e.csv", "", "")))
    with pytest.raises(BadInput, match="cannot be read"):
        list(read_patients(tmp_path / "absent.csv"))


def test_partial_and_empty_birth_dates_are_accepted(tmp_path):
    body = "A,X,Y,1980,,\nB,X,Y,198003,f,\nC,X,Y,,O,\nD,X,Y,19800300,M,\n"
    rows = list(read_patients(write(tmp_path / "p.csv", body)))
    assert [r.birth_date for r in rows] == ["1980", "198003", "", "19800300"]
    assert [r.sex for r in rows] == ["", "F", "O", "M"]
