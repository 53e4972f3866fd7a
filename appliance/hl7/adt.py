"""HL7 v2 ADT messages to patient-index events (create/update, merge) and the ACK that answers them."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

import hl7

from appliance.domain import PatientRecord
from appliance.errors import BadInput

UPSERT_TRIGGERS = frozenset({"A01", "A04", "A08", "A28", "A31"})
MERGE_TRIGGERS = frozenset({"A40"})
NISS_AUTHORITIES = frozenset({"NISS", "INSZ", "RRN", "NN", "BE", "BEL"})
_ESCAPES = (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\"))


class AdtKind(enum.StrEnum):
    UPSERT = "upsert"
    MERGE = "merge"


@dataclass(frozen=True, slots=True)
class AdtEvent:
    """One change to the local patient index: a record to create/update, or a merge into `record`."""

    kind: AdtKind
    trigger: str
    control_id: str
    record: PatientRecord
    retired_id: str = ""


def _text(message: hl7.Message, path: str) -> str:
    try:
        return str(message[path]).strip()
    except (KeyError, IndexError, ValueError):
        return ""


def _identifiers(message: hl7.Message, segment: str, field: int) -> list[tuple[str, str, str]]:
    """(id, assigning authority, identifier type) for every repetition of a CX field."""
    found: list[tuple[str, str, str]] = []
    for rep in range(1, 10):
        value = _text(message, f"{segment}.F{field}.R{rep}.C1")
        if not value:
            break
        found.append((value, _text(message, f"{segment}.F{field}.R{rep}.C4").upper(),
                      _text(message, f"{segment}.F{field}.R{rep}.C5").upper()))
    return found


def _pick_local_id(ids: list[tuple[str, str, str]], authority: str) -> str:
    for value, auth, kind in ids:
        if authority and auth == authority.upper():
            return value
        if not authority and kind != "NN" and auth not in NISS_AUTHORITIES:
            return value
    return ""


def parse_adt(raw: str, *, id_authority: str = "", source: str = "hl7") -> AdtEvent:
    """Parse one ADT message; BadInput (without patient data) when it cannot be used."""
    try:
        message = hl7.parse(raw.replace("\n", "\r").strip("\r") + "\r")
    except Exception as exc:  # the hl7 package raises several unrelated types
        raise BadInput(f"unparseable HL7 message ({exc.__class__.__name__})") from None
    if not _text(message, "MSH.F9.R1.C1"):
        raise BadInput("MSH-9 message type is missing")
    trigger = _text(message, "MSH.F9.R1.C2").upper()
    control_id = _text(message, "MSH.F10")
    if _text(message, "MSH.F9.R1.C1").upper() != "ADT" or trigger not in UPSERT_TRIGGERS | MERGE_TRIGGERS:
        raise BadInput(f"unsupported message type {_text(message, 'MSH.F9.R1.C1')}^{trigger}")
    ids = _identifiers(message, "PID", 3)
    local_id = _pick_local_id(ids, id_authority)
    if not local_id:
        raise BadInput("PID-3 holds no patient id of the expected assigning authority")
    niss = next((v for v, auth, kind in ids if kind == "NN" or auth in NISS_AUTHORITIES), "")
    niss = niss or _text(message, "PID.F19")
    given = " ".join(x for x in (_text(message, "PID.F5.R1.C2"), _text(message, "PID.F5.R1.C3")) if x)
    birth = _text(message, "PID.F7.R1.C1")[:8]
    if birth and not (birth.isascii() and birth.isdigit()):
        raise BadInput("PID-7 birth date is not a date")
    sex = _text(message, "PID.F8").upper()[:1]
    record = PatientRecord(id=local_id, family_name=_text(message, "PID.F5.R1.C1"), given_name=given,
                           birth_date=birth, sex=sex if sex in ("M", "F", "O") else "", niss=niss, source=source)
    if trigger in MERGE_TRIGGERS:
        retired = _pick_local_id(_identifiers(message, "MRG", 1), id_authority)
        if not retired:
            raise BadInput("A40 without MRG-1 prior patient id")
        return AdtEvent(AdtKind.MERGE, trigger, control_id, record, retired)
    return AdtEvent(AdtKind.UPSERT, trigger, control_id, record)


def _escape(text: str) -> str:
    for plain, escaped in _ESCAPES:
        text = text.replace(plain, escaped)
    return text


def build_ack(raw: str, code: str, reason: str = "", *, now: datetime.datetime | None = None) -> str:
    """An ACK (MSA code AA, AE or AR) for the message `raw`, readable even if `raw` hardly parses."""
    msh = next((line for line in raw.replace("\n", "\r").split("\r") if line.startswith("MSH")), "")
    fields = msh.split("|") if len(msh) > 3 else ["MSH", "^~\\&"]
    fields += [""] * (13 - len(fields))
    trigger = fields[8].split("^")[1] if "^" in fields[8] else ""
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%d%H%M%S")
    header = "|".join(["MSH", "^~\\&", fields[4], fields[5], fields[2], fields[3], stamp, "",
                       f"ACK^{trigger}^ACK", f"ACK{stamp}{fields[9][:8]}", fields[10] or "P", fields[11] or "2.5"])
    msa = "|".join(["MSA", code, fields[9]] + ([_escape(reason)] if reason else []))
    return header + "\r" + msa + "\r"
