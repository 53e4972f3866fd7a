"""NISS rules: check digits before and after 2000, BIS numbers, unknown date parts, birth date and sex."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import bis as stdnum_bis
from stdnum.be import nn as stdnum_nn

from appliance.reconcile.niss import (
    NissKind,
    compact_niss,
    make_niss,
    niss_conflicts,
    one_typo_apart,
    parse_niss,
)


def test_documented_example_before_2000():
    info = parse_niss("85.07.30-033.28")
    assert info is not None
    assert (info.year, info.month, info.day, info.sex, info.kind) == (1985, 7, 30, "M", NissKind.NATIONAL)


def test_born_from_2000_uses_the_prefixed_two():
    info = parse_niss("17 07 30 033 84")
    assert info is not None
    assert (info.year, info.month, info.day, info.sex) == (2017, 7, 30, "M")


def test_same_digits_with_1900_check_is_a_different_century():
    number = make_niss("19170730", "M", 33)
    info = parse_niss(number)
    assert info is not None and info.year == 1917


@pytest.mark.parametrize("text", ["", "1234", "85073003329", "8507300332A", "85133003312", "850730033280"])
def test_invalid_numbers_are_refused(text):
    assert parse_niss(text) is None


def test_even_serial_is_female():
    info = parse_niss(make_niss("19900101", "F", 40))
    assert info is not None and info.sex == "F"


def test_bis_with_sex_known_adds_40_to_the_month():
    number = make_niss("19980728", "F", 996, bis=True)
    assert number[2:4] == "47"
    info = parse_niss(number)
    assert info is not None
    assert (info.kind, info.year, info.month, info.day, info.sex) == (NissKind.BIS, 1998, 7, 28, "F")
    assert stdnum_bis.is_valid(number)


def test_bis_with_sex_unknown_adds_20_and_gives_no_sex():
    first_nine = "982728997"
    number = first_nine + f"{97 - int(first_nine) % 97:02d}"
    info = parse_niss(number)
    assert info is not None
    assert (info.kind, info.month, info.sex) == (NissKind.BIS, 7, None)


def test_unknown_month_and_day():
    info = parse_niss(make_niss("19650000", "M", 1))
    assert info is not None
    assert (info.year, info.month, info.day) == (1965, None, None)


def test_unknown_day():
    info = parse_niss(make_niss("19650300", "M", 1))
    assert info is not None
    assert (info.year, info.month, info.day) == (1965, 3, None)


def test_whole_date_unknown():
    first_nine = "000001001"
    info = parse_niss(first_nine + f"{97 - int(first_nine) % 97:02d}")
    assert info is not None
    assert (info.year, info.month, info.day, info.sex) == (None, None, None, "M")


def test_conflicts_with_birth_date_and_sex():
    info = parse_niss(make_niss("19850730", "M", 33))
    assert info is not None
    assert niss_conflicts(info, "19850730", "M") == ()
    assert niss_conflicts(info, "19850703", "M") == ("day",)
    assert niss_conflicts(info, "19860730", "F") == ("year", "sex")
    assert niss_conflicts(info, "1985", "") == ()


def test_unknown_parts_never_conflict():
    info = parse_niss(make_niss("19650000", "F", 2))
    assert info is not None
    assert niss_conflicts(info, "19651224", "F") == ()


def test_compact_strips_separators():
    assert compact_niss(" 85.07.30-033 28 ") == "85073003328"


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)), st.sampled_from("MF"),
       st.integers(1, 997), st.booleans())
def test_agrees_with_python_stdnum(date, sex, serial, bis):
    number = make_niss(date.strftime("%Y%m%d"), sex, serial, bis=bis)
    info = parse_niss(number)
    assert info is not None and info.sex == sex
    assert info.year == date.year and info.month == date.month and info.day == date.day
    assert (stdnum_bis if bis else stdnum_nn).is_valid(number)


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)), st.sampled_from("MF"),
       st.integers(1, 997), st.integers(0, 10), st.integers(1, 9))
def test_no_single_digit_typo_passes_when_the_century_is_known(date, sex, serial, position, delta):
    number = make_niss(date.strftime("%Y%m%d"), sex, serial)
    typo = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    info = parse_niss(typo)
    assert info is None or info.year is None or (info.year >= 2000) != (date.year >= 2000)


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)), st.sampled_from("MF"),
       st.integers(1, 997), st.integers(0, 9))
def test_no_adjacent_swap_passes_when_the_century_is_known(date, sex, serial, position):
    number = make_niss(date.strftime("%Y%m%d"), sex, serial)
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2:]
    info = parse_niss(swapped)
    assert swapped == number or info is None or info.year is None or (info.year >= 2000) != (date.year >= 2000)


def test_one_typo_apart():
    assert one_typo_apart("85073003328", "85073003329")
    assert one_typo_apart("85073003328", "85070303328")
    assert not one_typo_apart("85073003328", "85073003328")
    assert not one_typo_apart("85073003328", "95073003329")


def test_non_ascii_digits_in_a_birth_date_are_not_a_date() -> None:
    from appliance.reconcile.niss import date_parts

    assert date_parts("19750²01") == (None, None, None)
    assert date_parts("١٩٧٥٠٣٠١") == (None, None, None)  # Arabic-Indic digits
    assert date_parts("19750301") == (1975, 3, 1)
