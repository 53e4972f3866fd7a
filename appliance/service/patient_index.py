"""The local patient index the pipeline decides against, and what keeps it current.

Fed by:
* the `patients` table, loaded at engine start (`load`);
* an HL7 v2 ADT feed over MLLP when `Settings.hl7_port` > 0 (A01/A04/A08/A28/A31 upsert, A40 merge):
  each message is stored in the database first, then applied to the in-memory index, then acknowledged;
* CSV import (`import_csv`, the `passerelle match` format), in the engine (GUI) or from the CLI
  (`passerelle patients import`, another process: picked up by `catch_up` before the next decision);
* the PACS itself: at decision time, a patient-level C-FIND by NISS and by name + birth date
  (`add_pacs_candidates`); what the PACS answers is stored and added like any other record.

The in-memory `PatientIndex` is not thread-safe: it is only touched on the engine loop. Logs carry
counts and triggers, never names, dates or identifiers.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from pathlib import Path

from appliance.dicom import scu
from appliance.domain import PatientRecord
from appliance.hl7.adt import AdtEvent, AdtKind
from appliance.hl7.mllp import MllpServer
from appliance.reconcile.csvmatch import read_patients
from appliance.reconcile.index import PatientIndex
from appliance.reconcile.niss import compact_niss
from appliance.service.settings import Settings
from appliance.store import patients as sql
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
NISS_ISSUERS = ("NISS", "INSZ", "RRN", "NN", "BE", "BEL")


def niss_digits(text: str) -> str:
    """The 11 digits of a NISS written with or without separators; '' when it is not one."""
    digits = compact_niss(text) if text else ""
    return digits if len(digits) == 11 and digits.isdigit() else ""


def split_person_name(value: str) -> tuple[str, str]:
    """DICOM PN 'Family^Given^Middle' (alphabetic group only) -> (family, 'Given Middle')."""
    parts = value.split("=")[0].split("^")
    family = parts[0].strip() if parts else ""
    given = " ".join(p.strip() for p in parts[1:3] if p.strip())
    return family, given


class LocalPatientIndex:
    """The engine's patient index and its feeds."""

    def __init__(self, settings: Settings, store: StateStore) -> None:
        self.settings = settings
        self.store = store
        self.index = PatientIndex()
        self._mllp: MllpServer | None = None
        self.hl7_port = 0
        self._audit_seen = 0

    # -- life cycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Load the stored records; listen for HL7 when configured."""
        self._audit_seen = await asyncio.to_thread(sql.audit_high_water, self.store)
        records = await asyncio.to_thread(sql.load_active, self.store)
        for record in records:
            self.index.add(record)
        log.info("patient index loaded: %d records", len(self.index))
        if self.settings.hl7_port > 0:
            self._mllp = MllpServer(self.apply_adt, host=self.settings.hl7_bind_host, port=self.settings.hl7_port)
            self.hl7_port = await self._mllp.start()

    async def stop(self) -> None:
        if self._mllp is not None:
            await self._mllp.close()
            self._mllp = None

    # -- feeds ------------------------------------------------------------------------------------
    async def apply_adt(self, event: AdtEvent) -> None:
        """Store, then index, one ADT event (the MLLP server acknowledges only after this returns).

        As in HL7 v2, a field left empty means "not sent": the stored value is kept.
        """
        record = self._completed(event.record)
        if event.kind is AdtKind.MERGE:
            await asyncio.to_thread(sql.merge, self.store, record, event.retired_id, "hl7")
            self.index.merge(record, event.retired_id)
        else:
            await asyncio.to_thread(sql.upsert, self.store, [record], "hl7")
            self.index.add(record)

    def _completed(self, record: PatientRecord) -> PatientRecord:
        known = self.index.get(record.id)
        if known is None:
            return record
        old = known.record
        return replace(record, family_name=record.family_name or old.family_name,
                       given_name=record.given_name or old.given_name, birth_date=record.birth_date or old.birth_date,
                       sex=record.sex or old.sex, niss=record.niss or old.niss)

    async def add(self, records: list[PatientRecord], who: str = "engine") -> int:
        """Store and index records (CSV import, PACS answers, new patients created by the pipeline)."""
        await asyncio.to_thread(sql.upsert, self.store, records, who)
        for record in records:
            self.index.add(record)
        return len(records)

    async def import_csv(self, path: Path, who: str = "engine") -> int:
        """Import a CSV `id,family_name,given_name,birth_date,sex,niss`; returns the number of records."""
        records = await asyncio.to_thread(lambda: [replace(r, source="csv") for r in read_patients(path)])
        count = await self.add(records, who)
        log.info("patient index: %d records imported from CSV", count)
        return count

    async def catch_up(self) -> int:
        """Index the records another process imported since the last look (`passerelle patients import`
        while the engine runs); returns how many. Cheap when there was none (one indexed query)."""
        imports = await asyncio.to_thread(sql.imports_after, self.store, self._audit_seen)
        if not imports:
            return 0
        records = await asyncio.to_thread(sql.updated_since, self.store, imports[0][1])
        for record in records:
            self.index.add(record)
        self._audit_seen = imports[-1][0]
        log.info("patient index: %d records picked up from an import by another process", len(records))
        return len(records)

    async def add_pacs_candidates(self, incoming: PatientRecord) -> int:
        """Ask the PACS (C-FIND, patient level) for records like `incoming`; store and index what it holds.

        Called before every decision, so it first catches up with imports by other processes.
        """
        await self.catch_up()
        node = self.settings.pacs
        if node is None:
            return 0
        queries: list[dict[str, str]] = []
        if incoming.niss:
            key = "PatientID" if self.settings.niss_attribute == "PatientID" else "OtherPatientIDs"
            queries.append({key: incoming.niss})
        if incoming.family_name and len(incoming.birth_date) == 8:
            queries.append({"PatientName": f"{incoming.family_name}*", "PatientBirthDate": incoming.birth_date})
        found: dict[str, PatientRecord] = {}
        for query in queries:
            try:
                rows = await asyncio.to_thread(scu.find_patients, node, self.settings.aet, query)
            except Exception as exc:  # the PACS being down must not stop the decision: the index decides
                log.warning("PACS patient query failed: %s", type(exc).__name__)
                continue
            for row in rows:
                record = self.record_from_pacs(row)
                if record is not None:
                    found[record.id] = record
        fresh = [r for r in found.values() if self.index.get(r.id) is None]
        if fresh:
            await self.add(fresh, "pacs")
        log.debug("PACS patient query: %d records, %d new to the index", len(found), len(fresh))
        return len(fresh)

    def record_from_pacs(self, row: dict[str, str]) -> PatientRecord | None:
        patient_id = row.get("PatientID", "").strip()
        if not patient_id:
            return None
        if self.settings.local_issuer and row.get("IssuerOfPatientID", "") not in ("", self.settings.local_issuer):
            return None  # another issuer's id (for instance a study pushed with a sender's id)
        family, given = split_person_name(row.get("PatientName", ""))
        if self.settings.niss_attribute == "PatientID":
            niss = niss_digits(patient_id)
        else:
            niss = next((n for n in map(niss_digits, row.get("OtherPatientIDs", "").split("\\")) if n), "")
        return PatientRecord(id=patient_id, family_name=family, given_name=given,
                             birth_date=row.get("PatientBirthDate", "")[:8], sex=row.get("PatientSex", "")[:1],
                             niss=niss, source="pacs")
