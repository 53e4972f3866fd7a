"""In-memory local patient index with blocking keys for fast candidate retrieval.

Every record is filed under a few blocking keys: its NISS, its full birth date, phonetic keys of
its family name (with and without particles, each part of a double name) combined with the birth
year or with the phonetic key of its given names, and its exact normalised name. A query looks up
the same keys for the incoming patient, plus the swapped ones (day/month swapped birth date,
family/given names swapped), so only a few dozen records are scored even in a million-patient index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from appliance.domain import PatientRecord
from appliance.reconcile.names import phonetic_key
from appliance.reconcile.scoring import PreparedRecord, prepare


def _family_phonetics(prepared: PreparedRecord) -> set[str]:
    family = prepared.name.family
    words = {family.core, family.full, *family.parts_core}
    return {key for key in (phonetic_key(w) for w in words if w) if key}


def _given_phonetics(prepared: PreparedRecord) -> set[str]:
    given = prepared.name.given
    words = {given.first, *given.tokens[:3]}
    return {key for key in (phonetic_key(w) for w in words if w) if key}


def homonym_key(prepared: PreparedRecord) -> str:
    """The exact normalised name key (family without particles, first given name)."""
    return f"h:{prepared.name.family.core}:{prepared.name.given.first}"


def _record_keys(prepared: PreparedRecord) -> set[str]:
    keys: set[str] = set()
    if prepared.niss:
        keys.add("n:" + prepared.niss)
    if prepared.birth_full:
        keys.add("d:" + prepared.birth_full)
    year = prepared.birth[0]
    families, givens = _family_phonetics(prepared), _given_phonetics(prepared)
    for fam in families:
        if year:
            keys.add(f"fy:{fam}:{year}")
        keys.update(f"fg:{fam}:{giv}" for giv in givens)
    if prepared.name.family.core and prepared.name.given.first:
        keys.add(homonym_key(prepared))
    return keys


def _query_keys(prepared: PreparedRecord) -> tuple[set[str], set[str]]:
    """Exact keys (always searched) and phonetic keys (skipped when their block is huge)."""
    exact = {k for k in _record_keys(prepared) if k[0] in "ndh"}
    phonetic = {k for k in _record_keys(prepared) if k[0] == "f"}
    year, month, day = prepared.birth
    if year and month and day and day <= 12 and day != month:
        exact.add(f"d:{year:04d}{day:02d}{month:02d}")
    families, givens = _family_phonetics(prepared), _given_phonetics(prepared)
    for giv in givens:
        if year:
            phonetic.add(f"fy:{giv}:{year}")
        phonetic.update(f"fg:{giv}:{fam}" for fam in families)
    return exact, phonetic


class PatientIndex:
    """The local patient records, searchable by blocking keys. Not thread-safe: one owner updates it."""

    def __init__(self, records: Iterable[PatientRecord] = (), *, max_block: int = 400) -> None:
        self._records: dict[str, PreparedRecord] = {}
        self._blocks: dict[str, list[str]] = {}
        self.max_block = max_block
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, patient_id: object) -> bool:
        return patient_id in self._records

    def __iter__(self) -> Iterator[PreparedRecord]:
        return iter(self._records.values())

    def get(self, patient_id: str) -> PreparedRecord | None:
        """The prepared record with this local id, if any."""
        return self._records.get(patient_id)

    def add(self, record: PatientRecord) -> None:
        """Insert a record, or replace the record with the same id (an HL7 update, a new CSV import)."""
        if record.id in self._records:
            self.remove(record.id)
        prepared = prepare(record)
        self._records[record.id] = prepared
        for key in _record_keys(prepared):
            self._blocks.setdefault(key, []).append(record.id)

    def remove(self, patient_id: str) -> None:
        """Forget a record (for instance the old record of an HL7 merge). Unknown ids are ignored."""
        prepared = self._records.pop(patient_id, None)
        if prepared is None:
            return
        for key in _record_keys(prepared):
            block = self._blocks.get(key)
            if block is not None:
                block.remove(patient_id)
                if not block:
                    del self._blocks[key]

    def merge(self, surviving: PatientRecord, retired_id: str) -> None:
        """Apply a merge: the retired record disappears and the surviving one is stored (HL7 A40)."""
        self.remove(retired_id)
        self.add(surviving)

    def _lookup(self, key: str) -> list[str]:
        return self._blocks.get(key, [])

    def by_niss(self, niss: str) -> list[PreparedRecord]:
        """Local records carrying exactly this (compact) NISS."""
        return [self._records[i] for i in self._lookup("n:" + niss)] if niss else []

    def by_birth_date(self, birth_full: str) -> list[PreparedRecord]:
        """Local records born on this full YYYYMMDD date."""
        return [self._records[i] for i in self._lookup("d:" + birth_full)] if birth_full else []

    def homonyms(self, prepared: PreparedRecord) -> list[PreparedRecord]:
        """Local records with exactly the same normalised family and first given name."""
        return [self._records[i] for i in self._lookup(homonym_key(prepared))]

    def candidates(self, incoming: PreparedRecord) -> list[PreparedRecord]:
        """Local records sharing at least one blocking key with the incoming patient."""
        exact, phonetic = _query_keys(incoming)
        found: dict[str, None] = {}
        for key in exact:
            found.update(dict.fromkeys(self._lookup(key)))
        for key in phonetic:
            block = self._lookup(key)
            if len(block) <= self.max_block:
                found.update(dict.fromkeys(block))
        return [self._records[i] for i in found]
