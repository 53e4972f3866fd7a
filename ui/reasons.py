"""The reasons the reconciliation engine gives for a score, marked for translation (they are stable English keys)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

KNOWN = (
    QT_TRANSLATE_NOOP("Reasons", "NISS identical"),
    QT_TRANSLATE_NOOP("Reasons", "NISS different (valid numbers of two different people)"),
    QT_TRANSLATE_NOOP("Reasons", "NISS differs by one typing error"),
    QT_TRANSLATE_NOOP("Reasons", "NISS invalid (check digits) on one side"),
    QT_TRANSLATE_NOOP("Reasons", "NISS missing on one side"),
    QT_TRANSLATE_NOOP("Reasons", "birth date identical"),
    QT_TRANSLATE_NOOP("Reasons", "birth date partially known and compatible"),
    QT_TRANSLATE_NOOP("Reasons", "birth date: day and month swapped"),
    QT_TRANSLATE_NOOP("Reasons", "birth date differs in one part"),
    QT_TRANSLATE_NOOP("Reasons", "birth date different in the same year"),
    QT_TRANSLATE_NOOP("Reasons", "birth date different"),
    QT_TRANSLATE_NOOP("Reasons", "birth date missing on one side"),
    QT_TRANSLATE_NOOP("Reasons", "sex identical"),
    QT_TRANSLATE_NOOP("Reasons", "sex different"),
    QT_TRANSLATE_NOOP("Reasons", "sex missing or unknown on one side"),
    QT_TRANSLATE_NOOP("Reasons", "family name identical"),
    QT_TRANSLATE_NOOP("Reasons", "family name identical apart from spaces in particles"),
    QT_TRANSLATE_NOOP("Reasons", "family name identical apart from a particle"),
    QT_TRANSLATE_NOOP("Reasons", "family name shares one part of a double name"),
    QT_TRANSLATE_NOOP("Reasons", "family name similar"),
    QT_TRANSLATE_NOOP("Reasons", "family name somewhat similar"),
    QT_TRANSLATE_NOOP("Reasons", "family name different"),
    QT_TRANSLATE_NOOP("Reasons", "family name missing on one side"),
    QT_TRANSLATE_NOOP("Reasons", "given names identical"),
    QT_TRANSLATE_NOOP("Reasons", "first given name identical"),
    QT_TRANSLATE_NOOP("Reasons", "one of the given names identical"),
    QT_TRANSLATE_NOOP("Reasons", "given name matches an initial only"),
    QT_TRANSLATE_NOOP("Reasons", "given name similar"),
    QT_TRANSLATE_NOOP("Reasons", "given name somewhat similar"),
    QT_TRANSLATE_NOOP("Reasons", "given name different"),
    QT_TRANSLATE_NOOP("Reasons", "given name missing on one side"),
    QT_TRANSLATE_NOOP("Reasons", "family and given names swapped"),
    QT_TRANSLATE_NOOP("Reasons", "manual decision"),
)


def reason_text(reason: str) -> str:
    """The reason in the user's language (unknown reasons are shown as they are)."""
    return QCoreApplication.translate("Reasons", reason)
