"""The engine's refusals in the user's language: the messages of the `BadInput` (and a few other) errors the
window's commands can raise, exact sentences or patterns with values (context `Refusals`).

The engine writes one English line a technician can act on (appliance/errors.py); the window shows the same
sentence translated, reworded where the line names a command-line option. A message the table does not know
gets `None`: `ui.errors` then shows a translated generic sentence with the engine's words.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.reasons import reason_text

NEVER_ARRIVED_WHOLE = QT_TRANSLATE_NOOP(
    "Refusals", "this incoming transfer never arrived whole: there is nothing to store; only the sending site "
                "can send it again")
"""Why Retry does nothing for an incoming transfer abandoned before it was complete (the engine's retry then
answers False; `ui.transfers_page` says this instead)."""

EXACT = (
    # review decisions and undo (appliance/service/review.py, appliance/store/review.py)
    QT_TRANSLATE_NOOP("Refusals", "this study's files name more than one patient: every file would be stored "
                                  "under the chosen record, so it can only be rejected; ask the sending site to "
                                  "correct it"),
    QT_TRANSLATE_NOOP("Refusals", "a manual decision needs the name of the person who takes it"),
    QT_TRANSLATE_NOOP("Refusals", "choose a patient of the local index to link to"),
    QT_TRANSLATE_NOOP("Refusals", "a rejected study needs a reason"),
    QT_TRANSLATE_NOOP("Refusals", "undoing a decision needs the name of the person who does it"),
    QT_TRANSLATE_NOOP("Refusals", "give at least a name, a birth date or a NISS to search"),
    QT_TRANSLATE_NOOP("Refusals", "this patient has already been handled (by someone else or an earlier action)"),
    QT_TRANSLATE_NOOP("Refusals", "this decision cannot be undone (it is not the latest manual decision)"),
    QT_TRANSLATE_NOOP("Refusals", "this study has already been sent to the PACS; the decision can no longer be "
                                  "undone"),
    QT_TRANSLATE_NOOP("Refusals", "another part of this study is already stored for another local record: link "
                                  "to that record or reject"),
    # PACS search and send (appliance/service/pacs_search.py)
    QT_TRANSLATE_NOOP("Refusals", "give a patient name, a patient id, an accession number or a date"),
    QT_TRANSLATE_NOOP("Refusals", "the first date is after the last one"),
    QT_TRANSLATE_NOOP("Refusals", "a modality is a DICOM code such as CT, MR, US"),
    QT_TRANSLATE_NOOP("Refusals", "the PACS does not hold this study (any more): search again"),
    QT_TRANSLATE_NOOP("Refusals", "no PACS is configured on this appliance: set it in the settings first"),
    # sending files and routing rules (appliance/service/commands.py, sites.py, rules_commands.py,
    # appliance/store/routing.py)
    QT_TRANSLATE_NOOP("Refusals", "no DICOM file found"),
    QT_TRANSLATE_NOOP("Refusals", "a study cannot be sent to this site itself"),
    QT_TRANSLATE_NOOP("Refusals", "--modality takes DICOM modality codes such as CT, MR, US"),
    QT_TRANSLATE_NOOP("Refusals", "a routing rule needs a destination site"),
    QT_TRANSLATE_NOOP("Refusals", "a routing rule needs at least one criterion (it never sends everything)"),
    QT_TRANSLATE_NOOP("Refusals", "--max-age-days must be zero (no limit) or more"),
    # trusting the network (appliance/directory/trust.py, through the first-run wizard)
    QT_TRANSLATE_NOOP("Refusals", "root key must be base64 (the text `directory create-operator-key` printed)"),
    QT_TRANSLATE_NOOP("Refusals", "root key must be a 32-byte Ed25519 public key"),
    NEVER_ARRIVED_WHOLE,
)
"""Refusals the engine writes as they are."""

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^dates are YYYYMMDD, got (?P<value>.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "dates are written YYYYMMDD (not {value})")),
    (re.compile(r"^the PACS sent (?P<have>\d+) of the (?P<expected>\d+) images of the study: try again later$"),
     QT_TRANSLATE_NOOP("Refusals", "the PACS sent {have} of the {expected} images of the study: try again later")),
    (re.compile(r"^no such file or folder: (?P<path>.+)$"),
     QT_TRANSLATE_NOOP("Refusals", "this file or folder does not exist: {path}")),
    (re.compile(r"^nothing to send: (?P<detail>.+)$"),
     QT_TRANSLATE_NOOP("Refusals", "nothing to send: {detail}")),
    (re.compile(r"^unknown site (?P<site>.+): no directory is installed on this appliance$"),
     QT_TRANSLATE_NOOP("Refusals", "unknown hospital {site}: no directory of the network is installed on this "
                                   "appliance")),
    (re.compile(r"^unknown site (?P<site>.+?); sites in the directory: (?P<names>.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "unknown hospital {site}; the hospitals in the directory: {names}")),
    (re.compile(r"^no routing rule #(?P<n>\d+) \(see `passerelle rules list`\)$"),
     QT_TRANSLATE_NOOP("Refusals", "routing rule #{n} no longer exists")),
    (re.compile(r"^the DICOMweb address must be an http:// or https:// address, got (?P<value>.*)$"),
     QT_TRANSLATE_NOOP("Refusals", "the DICOMweb address must start with http:// or https:// (not {value})")),
    (re.compile(r"^root set file (?P<path>.+) not found$"),
     QT_TRANSLATE_NOOP("Refusals", "the root set file {path} was not found")),
    (re.compile(r"^no such directory file: (?P<path>.+)$"),
     QT_TRANSLATE_NOOP("Refusals", "the directory file {path} was not found")),
)
"""Refusals with values in them: each named group is put back into the translated sentence ({detail} is
itself a refusal or a reason, and is translated too)."""

_EXACT = frozenset(EXACT)


def refusal_text(message: str) -> str | None:
    """The engine's refusal in the user's language; None when the table does not know it."""
    message = message.strip()
    if message in _EXACT:
        return QCoreApplication.translate("Refusals", message)
    for pattern, template in PATTERNS:
        found = pattern.match(message)
        if found is None:
            continue
        values = {key: value or "" for key, value in found.groupdict().items()}
        if "detail" in values:
            values["detail"] = refusal_text(values["detail"]) or reason_text(values["detail"])
        return QCoreApplication.translate("Refusals", template).format(**values)
    return None
