"""Belgian national register numbers (NISS/INSZ, national and BIS): check digits, birth date, sex.

The rules follow the register's IT000 instruction (also implemented by python-stdnum's
`stdnum.be.nn` and `stdnum.be.bis`; we reimplement them here so that the century choice does not
depend on today's date and so that both kinds share one parser):

* 11 digits: YYMMDD, a 3-digit serial (odd for men, even for women), 2 check digits.
* check = 97 - (first 9 digits mod 97); for births from 2000 a '2' is prefixed before the modulo.
* BIS numbers add 20 (sex unknown when issued) or 40 (sex known) to the month.
* month 00 means month and day unknown (or the day's serials ran out); day 00 means day unknown;
  '000001' means the whole birth date was unknown.

A checksum-valid NISS can belong to a relative: it is evidence, never proof, and the caller always
checks it against the record's birth date and sex (`niss_conflicts`).
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass


class NissKind(enum.StrEnum):
    NATIONAL = "national"
    BIS = "bis"


@dataclass(frozen=True, slots=True)
class NissInfo:
    """What a checksum-valid NISS says about its holder. Unknown parts are None."""

    number: str
    kind: NissKind
    year: int | None
    month: int | None
    day: int | None
    sex: str | None


def compact_niss(text: str) -> str:
    """Strip the usual separators (spaces, dots, dashes, slashes) from a NISS."""
    return "".join(ch for ch in text.strip() if ch not in " .-/")


def _check_digits(first_nine: str, century: int) -> int:
    base = int(("2" if century == 2000 else "") + first_nine)
    return 97 - base % 97


def parse_niss(text: str) -> NissInfo | None:
    """Parse and validate a NISS (national or BIS). None when empty, malformed or failing the check."""
    number = compact_niss(text)
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        return None
    check = int(number[9:])
    if check == _check_digits(number[:9], 1900):
        century = 1900
    elif check == _check_digits(number[:9], 2000):
        century = 2000
    else:
        return None
    raw_month = int(number[2:4])
    if raw_month <= 12:
        kind, month, sex_known = NissKind.NATIONAL, raw_month, True
    elif 20 <= raw_month <= 32:
        kind, month, sex_known = NissKind.BIS, raw_month - 20, False
    elif 40 <= raw_month <= 52:
        kind, month, sex_known = NissKind.BIS, raw_month - 40, True
    else:
        return None
    serial = int(number[6:9])
    sex = ("M" if serial % 2 else "F") if sex_known else None
    if number[:6] in ("000001", "002001", "004001"):
        return NissInfo(number, kind, None, None, None, sex)
    year = century + int(number[:2])
    if month == 0:
        return NissInfo(number, kind, year, None, None, sex)
    raw_day = int(number[4:6])
    day = raw_day if 1 <= raw_day <= calendar.monthrange(year, month)[1] else None
    return NissInfo(number, kind, year, month, day, sex)


def make_niss(birth_date: str, sex: str, serial: int, *, bis: bool = False) -> str:
    """Build a valid NISS for a full or partial YYYYMMDD birth date and sex (used by tests and benchmarks).

    `serial` is adjusted to the nearest number of the right parity (odd for M, even otherwise).
    """
    year = int(birth_date[:4])
    month = int(birth_date[4:6]) if len(birth_date) >= 6 else 0
    day = int(birth_date[6:8]) if len(birth_date) >= 8 else 0
    want_odd = sex == "M"
    serial = max(1, min(serial, 997))
    if (serial % 2 == 1) != want_odd:
        serial += 1 if serial < 997 else -1
    if bis:
        month += 40
    first_nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    century = 2000 if year >= 2000 else 1900
    return first_nine + f"{_check_digits(first_nine, century):02d}"


def date_parts(birth_date: str) -> tuple[int | None, int | None, int | None]:
    """Year, month, day of a YYYYMMDD date that may be partial ('1975', '197503', '19750300') or empty."""
    text = birth_date.strip()
    if not text.isascii():  # str.isdigit() accepts superscripts and other scripts' digits that int() refuses
        return None, None, None
    year = int(text[:4]) if len(text) >= 4 and text[:4].isdigit() and int(text[:4]) > 0 else None
    month = int(text[4:6]) if len(text) >= 6 and text[4:6].isdigit() and 1 <= int(text[4:6]) <= 12 else None
    day = int(text[6:8]) if len(text) >= 8 and text[6:8].isdigit() and 1 <= int(text[6:8]) <= 31 else None
    if month is None:
        day = None
    return year, month, day


def niss_conflicts(info: NissInfo, birth_date: str, sex: str) -> tuple[str, ...]:
    """Which of birth year, month, day and sex the NISS contradicts in a record (unknown parts never do)."""
    year, month, day = date_parts(birth_date)
    found: list[str] = []
    if info.year is not None and year is not None and info.year != year:
        found.append("year")
    if info.month is not None and month is not None and info.month != month:
        found.append("month")
    if info.day is not None and day is not None and info.day != day:
        found.append("day")
    if info.sex is not None and sex in ("M", "F") and info.sex != sex:
        found.append("sex")
    return tuple(found)


def one_typo_apart(a: str, b: str) -> bool:
    """True when two digit strings of the same length differ by one digit or one adjacent swap."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
