"""The engine's reasons in the user's language: the scorer's and the decision's reasons (stable English keys,
context `Reasons`) and the transfer, review, storage and directory reasons the engine writes (exact sentences
or patterns with values, context `EngineReasons`). A reason the table does not know is shown as it is.
"""

from __future__ import annotations

import re

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
    QT_TRANSLATE_NOOP("Reasons", "birth date partial or mistyped, but the NISS carries the local birth date"),
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


DECISION = (
    # safety vetoes (appliance/reconcile/vetoes.py)
    QT_TRANSLATE_NOOP("Reasons", "possible twin: same family name, birth date and sex but another given name"),
    QT_TRANSLATE_NOOP("Reasons", "another local record has the same name and birth date"),
    QT_TRANSLATE_NOOP("Reasons", "same name and birth date but a different NISS"),
    QT_TRANSLATE_NOOP("Reasons", "the incoming NISS disagrees with the incoming birth date or sex"),
    QT_TRANSLATE_NOOP("Reasons", "the NISS disagrees with the local record's birth date or sex"),
    QT_TRANSLATE_NOOP("Reasons", "two local records share this NISS"),
    QT_TRANSLATE_NOOP("Reasons", "the incoming NISS belongs to another local record (relative?)"),
    QT_TRANSLATE_NOOP("Reasons", "newborn without NISS"),
    QT_TRANSLATE_NOOP("Reasons", "another local record has the same name and sex but another birth date "
                                 "(parent or child?)"),
    QT_TRANSLATE_NOOP("Reasons", "the name carries a generation suffix (junior/senior)"),
    QT_TRANSLATE_NOOP("Reasons", "another local record has the name and birth date that were sent"),
    # decision rules (appliance/reconcile/matcher.py)
    QT_TRANSLATE_NOOP("Reasons", "no plausible local record"),
    QT_TRANSLATE_NOOP("Reasons", "a new patient record must be confirmed by a person (site policy)"),
    QT_TRANSLATE_NOOP("Reasons", "all rules for an automatic link hold"),
    QT_TRANSLATE_NOOP("Reasons", "no plausible local record: new patient"),
    QT_TRANSLATE_NOOP("Reasons", "score below the automatic link threshold"),
    QT_TRANSLATE_NOOP("Reasons", "the next candidate scores too close"),
    QT_TRANSLATE_NOOP("Reasons", "birth date not identical"),
    QT_TRANSLATE_NOOP("Reasons", "NISS different"),
    QT_TRANSLATE_NOOP("Reasons", "names not close enough for an automatic link"),
    QT_TRANSLATE_NOOP("Reasons", "names swapped: a person must confirm"),
    # the study as a whole (appliance/service/pipeline.py, review.py)
    QT_TRANSLATE_NOOP("Reasons", "the study's files name more than one patient"),
    QT_TRANSLATE_NOOP("Reasons", "another part of this study was stored for another patient"),
    QT_TRANSLATE_NOOP("Reasons", "another part of this study was rejected at review"),
    QT_TRANSLATE_NOOP("Reasons",
                      "another part of this study was stored for this local record, under the same patient data"),
)
"""Why the engine put a patient in review rather than deciding itself: the safety vetoes and the link rules
that did not hold ("sex different" is also a scorer reason, in `KNOWN`)."""


ENGINE_EXACT = (
    QT_TRANSLATE_NOOP("EngineReasons", "delivered: signed receipt stored"),
    QT_TRANSLATE_NOOP("EngineReasons", "received: awaiting reconciliation"),
    QT_TRANSLATE_NOOP("EngineReasons", "nothing to store"),
    QT_TRANSLATE_NOOP("EngineReasons", "reconciled; no PACS configured to store into"),
    QT_TRANSLATE_NOOP("EngineReasons", "preparing the files for the PACS"),
    QT_TRANSLATE_NOOP("EngineReasons", "rejected at review: not stored in the PACS"),
    QT_TRANSLATE_NOOP("EngineReasons", "the transfer has no files"),
    QT_TRANSLATE_NOOP("EngineReasons", "the peer no longer knows this session"),
    QT_TRANSLATE_NOOP("EngineReasons", "the receiver holds every chunk but has not issued its receipt yet"),
    QT_TRANSLATE_NOOP("EngineReasons", "no valid directory installed: run `passerelle directory install`"),
    QT_TRANSLATE_NOOP("EngineReasons", "directory expired beyond its grace: new outgoing transfers are stopped"),
    QT_TRANSLATE_NOOP("EngineReasons", "no directory installed: run `passerelle directory install SIGNED.json`"),
    QT_TRANSLATE_NOOP("EngineReasons",
                      "directory expired: new outgoing transfers are stopped until a fresh one is installed"),
    QT_TRANSLATE_NOOP("EngineReasons",
                      "directory expired (grace period): install a fresh one before outgoing transfers stop"),
    QT_TRANSLATE_NOOP("EngineReasons", "this site is not listed in the installed directory: peers will refuse it"),
    QT_TRANSLATE_NOOP("EngineReasons", "this site is revoked in the directory"),
    QT_TRANSLATE_NOOP("EngineReasons", "the directory lists no endpoint for this site"),
    QT_TRANSLATE_NOOP("EngineReasons", "unknown or expired session"),
    QT_TRANSLATE_NOOP("EngineReasons", "manifest signature does not match the sender's directory key"),
    QT_TRANSLATE_NOOP("EngineReasons", "paused: receiver storage full, waiting for free space"),
    QT_TRANSLATE_NOOP("EngineReasons", "receiver storage full, retry later"),
    QT_TRANSLATE_NOOP("EngineReasons", "receiver cannot store now, retry later"),
    QT_TRANSLATE_NOOP("EngineReasons",
                      "nothing new to store: every file arrived earlier and was stored in the PACS or rejected"),
    QT_TRANSLATE_NOOP("EngineReasons", "cancelled by the sending site"),
)
"""Sentences the engine writes as they are (transfer states, directory alarms, probe results)."""

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^retrying: (?P<detail>.+)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "will try again: {detail}")),
    (re.compile(r"^waiting for a person to confirm the patient: (?P<why>.*)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "waiting for a person to confirm the patient: {why}")),
    (re.compile(r"^cancelled by (?P<who>.+)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "cancelled by {who}")),
    (re.compile(r"^storing into the PACS by (?P<via>[\w-]+)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "storing into the PACS ({via})")),
    (re.compile(r"^PACS not reached or not complete \(attempt (?P<n>\d+)\): (?P<detail>.*); retry in (?P<s>\d+) s$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the PACS was not reached or is not complete (attempt {n}); "
                                        "next try in {s} s: {detail}")),
    (re.compile(r"^reconciliation or PACS push failed: (?P<kind>\w+); files kept in the spool$"),
     QT_TRANSLATE_NOOP("EngineReasons", "reconciliation or storing in the PACS failed ({kind}); "
                                        "the files are kept")),
    (re.compile(r"^site (?P<site>\S+) is no longer an unrevoked member of the directory$"),
     QT_TRANSLATE_NOOP("EngineReasons", "{site} is no longer a member of the network (directory)")),
    (re.compile(r"^site (?P<site>\S+) is not an unrevoked member of the directory$"),
     QT_TRANSLATE_NOOP("EngineReasons", "{site} is not a member of the network (directory)")),
    (re.compile(r"^the directory lists no endpoint for site (?P<site>\S+)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the directory gives no address for {site}")),
    (re.compile(r"^instance (?P<uid>\S+) is no longer in the spool$"),
     QT_TRANSLATE_NOOP("EngineReasons", "an image of the study is no longer on the appliance ({uid})")),
    (re.compile(r"^receiver still misses (?P<n>\d+) chunks after (?P<rounds>\d+) rounds$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the other appliance still misses {n} pieces after {rounds} rounds")),
    (re.compile(r"^\w+ talking to (?P<url>https?://[^/\s]+)\S*(?:: .*)?$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the other appliance does not answer ({url})")),
    (re.compile(r"^site (?P<site>\S+) refused the handshake: (?P<detail>.*)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "{site} refused the connection: {detail}")),
    (re.compile(r"^site (?P<site>\S+) answered the handshake with HTTP (?P<status>\d+): (?P<detail>.*)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "{site} answered the connection with an error (HTTP {status}): {detail}")),
    (re.compile(r"^(?:control message|chunk) answered with HTTP (?P<status>\d+): (?P<detail>.*)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the other appliance answered with an error (HTTP {status}): {detail}")),
    (re.compile(r"^receiver's answer rejected: (?P<detail>.*)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the answer of the other appliance failed verification: {detail}")),
    (re.compile(r"^internal error: (?P<kind>\w+)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "internal error ({kind}): see the log")),
    (re.compile(r"^manifest is addressed to (?P<site>\S+), not to this site$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the study was addressed to another site ({site})")),
    (re.compile(r"^installed directory refused: (?P<detail>.*)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the installed directory is refused: {detail}")),
    (re.compile(r"^directory refresh from (?P<url>\S+) failed: (?P<detail>.*); the installed directory is kept$"),
     QT_TRANSLATE_NOOP("EngineReasons", "the directory could not be refreshed from {url} ({detail}); "
                                        "the installed one is kept")),
    (re.compile(r"^receiver storage full: the spool has (?P<free>\d+) MiB free, (?P<needed>\d+) MiB needed: "
                r"incoming transfers are paused until space is freed$"),
     QT_TRANSLATE_NOOP("EngineReasons", "this appliance's storage is full ({free} MiB free, {needed} MiB needed): "
                                        "incoming transfers are paused until space is freed")),
    (re.compile(r"^operator root pinned \((?P<n>\d+) root key\(s\), threshold (?P<t>\d+)\)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "operator root pinned: {n} root key(s), {t} must sign together")),
    (re.compile(r"^directory version (?P<v>\d+): (?P<n>\d+) sites$"),
     QT_TRANSLATE_NOOP("EngineReasons", "directory version {v} installed: {n} sites")),
    (re.compile(r"^abandoned: no data from the sending site for (?P<days>[\d.]+) days$"),
     QT_TRANSLATE_NOOP("EngineReasons", "abandoned: nothing came from the sending hospital for {days} days")),
    (re.compile(r"^no answer within (?P<s>\d+) s$"),
     QT_TRANSLATE_NOOP("EngineReasons", "no answer within {s} s")),
    (re.compile(r"^answered HTTP (?P<status>\d+) \(a proxy or another server, not a Passerelle endpoint\)$"),
     QT_TRANSLATE_NOOP("EngineReasons", "answered HTTP {status}: a proxy or another server, not a Passerelle "
                                        "appliance")),
)
"""Reasons with values in them: each named group is put back into the translated sentence ({detail} and
{why} are reasons themselves and are translated too; {site} becomes the hospital's name when known)."""

_SCORER = frozenset(KNOWN) | frozenset(DECISION)
_EXACT = frozenset(ENGINE_EXACT)


def reason_text(reason: str, site_names: dict[str, str] | None = None) -> str:
    """The reason in the user's language (unknown reasons are shown as they are)."""
    reason = reason.strip()
    if reason in _SCORER:
        return QCoreApplication.translate("Reasons", reason)
    if reason in _EXACT:
        return QCoreApplication.translate("EngineReasons", reason)
    for pattern, template in PATTERNS:
        found = pattern.match(reason)
        if found is None:
            continue
        values: dict[str, str] = {}
        for key, value in found.groupdict().items():
            value = value or ""
            if key == "why":
                value = "; ".join(reason_text(part, site_names) for part in value.split("; ") if part)
            elif key == "detail":
                value = reason_text(value, site_names)
            elif key == "site" and site_names:
                value = site_names.get(value, value)
            values[key] = value
        return QCoreApplication.translate("EngineReasons", template).format(**values)
    return reason


def is_known(reason: str) -> bool:
    """True when `reason_text` translates `reason` (rather than showing it as it is)."""
    reason = reason.strip()
    return reason in _SCORER or reason in _EXACT or any(p.match(reason) for p, _ in PATTERNS)
