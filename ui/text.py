"""How values read on screen: sizes, speeds, durations, DICOM dates, sex, NISS (translated where words appear)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Text", text, disambiguation, n)


def human_size(size: float) -> str:
    return QLocale().formattedDataSize(int(size), 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def human_speed(bytes_per_second: float) -> str:
    if bytes_per_second <= 0:
        return ""
    return tr(QT_TRANSLATE_NOOP("Text", "{size}/s")).format(size=human_size(bytes_per_second))


def human_duration(seconds: float) -> str:
    if seconds <= 0 or seconds != seconds:
        return ""
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return tr(QT_TRANSLATE_NOOP("Text", "{n} s")).format(n=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return tr(QT_TRANSLATE_NOOP("Text", "{m} min {s:02d} s")).format(m=minutes, s=seconds % 60)
    return tr(QT_TRANSLATE_NOOP("Text", "{h} h {m:02d} min")).format(h=minutes // 60, m=minutes % 60)


def dicom_date(value: str) -> str:
    """YYYYMMDD (maybe partial) as the user's short date; unknown parts stay visible."""
    value = value.strip()
    if len(value) == 8 and value.isdigit():
        date = QDate(int(value[:4]), int(value[4:6]), int(value[6:]))
        if date.isValid():
            return date.toString("dd/MM/yyyy")
    if len(value) == 6 and value.isdigit():
        return f"{value[4:6]}/{value[:4]}"
    return value


def sex_label(value: str) -> str:
    code = value.strip().upper()[:1]
    labels = {
        "M": QT_TRANSLATE_NOOP("Text", "Male"),
        "F": QT_TRANSLATE_NOOP("Text", "Female"),
        "O": QT_TRANSLATE_NOOP("Text", "Other"),
        "": QT_TRANSLATE_NOOP("Text", "Unknown"),
    }
    return tr(labels[code]) if code in labels else code


def niss_label(value: str) -> str:
    """A Belgian national number as people write it: YY.MM.DD-NNN.CC."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 11:
        return value
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"


def person_name(family: str, given: str) -> str:
    family, given = family.strip(), given.strip()
    return f"{family.upper()}, {given}" if family and given else (family.upper() or given)
