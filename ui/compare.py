"""Field-by-field comparison of an incoming patient with a local candidate, for highlighting differences."""

from __future__ import annotations

import enum
import unicodedata

from appliance.domain import PatientRecord

FIELDS = ("family_name", "given_name", "birth_date", "sex", "niss")


class Agreement(enum.Enum):
    SAME = "same"
    DIFFERENT = "different"
    MISSING = "missing"


def _letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _normal(field: str, value: str) -> str:
    if field in ("family_name", "given_name"):
        return _letters(value)
    if field in ("birth_date", "niss"):
        return "".join(ch for ch in value if ch.isdigit())
    return value.strip().upper()[:1]


def agreement(field: str, incoming: PatientRecord, local: PatientRecord) -> Agreement:
    a, b = _normal(field, getattr(incoming, field)), _normal(field, getattr(local, field))
    if not a or not b:
        return Agreement.MISSING
    return Agreement.SAME if a == b else Agreement.DIFFERENT
