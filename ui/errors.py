"""Errors as people read them: one sentence a secretary understands, the technical details one click away."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from appliance import errors
from ui.refusals import refusal_text


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


SENTENCES: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    (errors.UnknownSite, QT_TRANSLATE_NOOP(
        "Errors", "This hospital is not in the directory of the network. Ask your PACS technician.")),
    (errors.InvalidDicom, QT_TRANSLATE_NOOP(
        "Errors", "Some files are not medical images (DICOM) and were set aside.")),
    (errors.DiskFull, QT_TRANSLATE_NOOP(
        "Errors", "The disk of the appliance is full. Work is paused until space is freed.")),
    (errors.ConfigError, QT_TRANSLATE_NOOP(
        "Errors", "The appliance is not configured correctly. Ask your PACS technician.")),
    (errors.StorageError, QT_TRANSLATE_NOOP(
        "Errors", "The appliance could not save its work. Ask your PACS technician.")),
    (errors.DicomPeerError, QT_TRANSLATE_NOOP("Errors", "The PACS did not answer as expected.")),
    ((errors.PeerUnreachable, ConnectionError, TimeoutError), QT_TRANSLATE_NOOP(
        "Errors", "The other side cannot be reached right now. It will be tried again.")),
    (errors.PeerError, QT_TRANSLATE_NOOP("Errors", "The other hospital's appliance refused the exchange.")),
    ((FileNotFoundError, PermissionError), QT_TRANSLATE_NOOP("Errors", "A file or folder could not be read.")),
)
REFUSED = QT_TRANSLATE_NOOP("Errors", "This could not be done with what was given. The appliance says: {message}")
"""A refusal (`BadInput`) that `ui.refusals` does not know: the engine's own words, in a translated frame."""
FALLBACK = QT_TRANSLATE_NOOP("Errors", "Something went wrong. The details are for your PACS technician.")


def plain_sentence(error: BaseException) -> str:
    """The sentence shown first, in the user's language: a refusal's own reason when `ui.refusals` knows it,
    else the sentence for the kind of error (the engine's message goes into the details)."""
    if says_why(error):
        known = refusal_text(str(error))
        return as_sentence(known) if known is not None else tr(REFUSED).format(message=str(error).strip())
    for kinds, sentence in SENTENCES:
        if isinstance(error, kinds):
            return tr(sentence)
    return tr(FALLBACK)


def as_sentence(text: str) -> str:
    """An engine-style line ("a rejected study needs a reason") as a sentence: capital first, final stop."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text[-1] in ".!?" else ".")


def says_why(error: BaseException) -> bool:
    """True when `plain_sentence` already gives the engine's reason (translated, or quoted for an unknown
    refusal): a known message of any engine error, or a refusal without a sentence of its own."""
    if not isinstance(error, errors.PasserelleError):
        return False
    if refusal_text(str(error)) is not None:
        return True
    return isinstance(error, errors.BadInput) and not isinstance(error, errors.UnknownSite | errors.InvalidDicom)


def sentence_and_cause(error: BaseException) -> str:
    """`plain_sentence`, followed by the engine's message on its own line when the sentence does not already
    say why (where a technician reads the result in place, without a details button)."""
    sentence = plain_sentence(error)
    return sentence if says_why(error) or not str(error) else f"{sentence}\n{error}"


def details(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    if not isinstance(error, errors.PasserelleError):
        text += "\n\n" + "".join(traceback.format_exception(error))
    return text


def show_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """A non-blocking message box: the plain sentence, with 'Show Details...' holding the technical text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, plain_sentence(error), QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details(error))
    box.setAccessibleName(title)
    box.setObjectName("errorBox")
    box.open()
    return box
