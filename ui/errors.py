"""Errors as people read them: one sentence a secretary understands, the technical details one click away."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from appliance import errors


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


SENTENCES: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    (errors.UnknownSite, QT_TRANSLATE_NOOP(
        "Errors", "This hospital is not in the directory of the network. Ask your PACS technician.")),
    (errors.InvalidDicom, QT_TRANSLATE_NOOP(
        "Errors", "Some files are not medical images (DICOM) and were set aside.")),
    (errors.BadInput, QT_TRANSLATE_NOOP(
        "Errors", "This could not be done with what was given. The details say why.")),
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
FALLBACK = QT_TRANSLATE_NOOP("Errors", "Something went wrong. The details are for your PACS technician.")


def plain_sentence(error: BaseException) -> str:
    """The sentence shown first; the engine's own message goes into the details."""
    for kinds, sentence in SENTENCES:
        if isinstance(error, kinds):
            return tr(sentence)
    return tr(FALLBACK)


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
