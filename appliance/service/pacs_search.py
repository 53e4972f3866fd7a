"""Search the local PACS for studies and send a chosen one to a site through the transfer queue.

    search = PacsSearch(site, store, settings, scheduler, on_queued)
    studies = await search.find(PacsQuery(patient_name="dupont", date_from="20261101"))
    report = await search.send(studies[0].study_uid, "CHU de Liège")

`find` is a study-level C-FIND (or QIDO-RS when `pacs_dicomweb_url` is set and no DICOM node is).
`send` retrieves the study into the spool the way the routing scheduler does (C-MOVE to ourselves, C-GET or
WADO-RS, as `routing_retrieve` says; through the scheduler's own `PacsAccess`): the series the spool never
recorded all instances of, then, like the scheduler, the series whose files spool retention purged only
when the chosen site lacks them (`RetentionStore.purged_series_lacking`); a site that already received them
costs no retrieval. It checks that the spool has recorded as many instances as the PACS counts and holds
the files the site lacks, then queues the study with `StateStore.queue_outgoing`: the same queue as a drag
and drop. A study already sent to that site queues nothing new (only later series would).
Logs carry UIDs, site ids and counts only, never the patient.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from appliance.dicom import scu
from appliance.dicom.dicomweb import DicomWebClient, value, values
from appliance.errors import BadInput, ConfigError, DicomPeerError
from appliance.service import sites
from appliance.service.scheduler import RoutingScheduler
from appliance.service.site import Site
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
MAX_RESULTS = 200
_DATE = re.compile(r"^\d{8}$")
_MODALITY = re.compile(r"^[A-Z0-9]{1,16}$")


@dataclass(frozen=True)
class PacsQuery:
    """What a secretary typed; empty fields match anything. Dates are YYYYMMDD."""

    patient_name: str = ""
    patient_id: str = ""
    date_from: str = ""
    date_to: str = ""
    modality: str = ""
    accession: str = ""

    def check(self) -> None:
        """Refuse an empty query (it would list the whole PACS) and malformed fields."""
        if not any((self.patient_name.strip(), self.patient_id.strip(), self.date_from, self.date_to,
                    self.accession.strip())):
            raise BadInput("give a patient name, a patient id, an accession number or a date")
        for when in (self.date_from, self.date_to):
            if when and not _DATE.match(when):
                raise BadInput(f"dates are YYYYMMDD, got {when!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadInput("the first date is after the last one")
        if self.modality and not _MODALITY.match(self.modality.strip().upper()):
            raise BadInput("a modality is a DICOM code such as CT, MR, US")

    def matching_keys(self) -> dict[str, str]:
        """Attribute keyword -> DICOM matching value (wildcards added to names, ranges to dates)."""
        keys: dict[str, str] = {}
        name = self.patient_name.strip()
        if name:
            name = "^".join(" ".join(part.split()) for part in name.replace(",", "^").split("^"))
            keys["PatientName"] = name if any(c in name for c in "*?") else name + "*"
        if self.patient_id.strip():
            keys["PatientID"] = self.patient_id.strip()
        if self.date_from or self.date_to:
            keys["StudyDate"] = self.date_from if self.date_from == self.date_to else \
                f"{self.date_from}-{self.date_to}"
        if self.modality.strip():
            keys["ModalitiesInStudy"] = self.modality.strip().upper()
        if self.accession.strip():
            keys["AccessionNumber"] = self.accession.strip()
        return keys


@dataclass(frozen=True)
class PacsStudy:
    """One study as the PACS answered the query."""

    study_uid: str
    patient_id: str = ""
    patient_name: str = ""
    birth_date: str = ""
    sex: str = ""
    study_date: str = ""
    study_time: str = ""
    modalities: tuple[str, ...] = ()
    description: str = ""
    accession: str = ""
    referring: str = ""
    series: int = 0
    instances: int = 0


@dataclass(frozen=True)
class PacsSendReport:
    """What `send` did: the transfer queued (or the one already there), the study's instances in the spool
    (purged ones included) and whether anything was retrieved from the PACS."""

    study_uid: str
    site: str
    transfer_id: str
    instances: int
    retrieved: bool
    already_queued: bool


class PacsSearch:
    """Queries the configured PACS and sends chosen studies; lives on the engine's loop."""

    def __init__(self, site: Site, store: StateStore, scheduler: RoutingScheduler | None,
                 on_queued: Callable[[str], None] | None = None) -> None:
        self.site = site
        self.store = store
        self.scheduler = scheduler
        self.on_queued = on_queued

    def _scheduler(self) -> RoutingScheduler:
        if self.scheduler is None or not self.scheduler.has_pacs:
            raise ConfigError("no PACS is configured on this appliance: set it in the settings first")
        return self.scheduler

    async def find(self, query: PacsQuery, limit: int = MAX_RESULTS) -> list[PacsStudy]:
        """Study-level search, newest first, at most `limit` studies."""
        query.check()
        access = self._scheduler().pacs_access
        keys = query.matching_keys()
        if access.pacs is not None:
            rows = await asyncio.to_thread(scu.find_studies, access.pacs, access.calling_aet, keys)
            found = [_study_from_find(r) for r in rows if r.get("StudyInstanceUID")]
        else:
            async with DicomWebClient(access.dicomweb_url) as client:
                items = await client.search_studies(keys, fields=QIDO_FIELDS)
            found = [_study_from_qido(i) for i in items if value(i, "0020000D")]
        found.sort(key=lambda s: (s.study_date, s.study_time), reverse=True)
        log.info("PACS search: %d studies", len(found))
        return found[:limit]

    async def send(self, study_uid: str, to: str) -> PacsSendReport:
        """Retrieve from the PACS what the spool never had and the purged series the site lacks, then queue."""
        scheduler = self._scheduler()
        access = scheduler.pacs_access  # the scheduler's own count and retrieve: one way to do it
        peer = await asyncio.to_thread(sites.resolve_site, self.site, to)
        expected = await access.count(study_uid)
        if expected == 0:
            raise BadInput("the PACS does not hold this study (any more): search again")
        retrieved = False
        if await asyncio.to_thread(scheduler.routing_queue.recorded, study_uid) < expected:
            log.info("retrieving study %s from the PACS for site %s", study_uid, peer)
            await access.retrieve_missing(study_uid)
            retrieved = True
        recorded = await asyncio.to_thread(scheduler.routing_queue.recorded, study_uid)
        if recorded < expected:
            raise DicomPeerError(f"the PACS sent {recorded} of the {expected} images of the study: try again later")
        purged = await asyncio.to_thread(scheduler.retention.purged_series_lacking, study_uid, peer)
        if purged:  # a transfer without its files would fail; a site that has them needs nothing retrieved
            log.info("study %s: %d purged series retrieved again from the PACS for site %s", study_uid, len(purged),
                     peer)
            await access.retrieve_series(study_uid, purged)
            retrieved = True
            if await asyncio.to_thread(scheduler.retention.purged_series_lacking, study_uid, peer):
                raise DicomPeerError("the PACS did not send back the images this site lacks: try again later")
        transfer_id, created = await asyncio.to_thread(self.store.queue_outgoing, peer, study_uid)
        log.info("study %s from the PACS queued for site %s (transfer %s, %d instances%s)", study_uid, peer,
                 transfer_id, recorded, "" if created else ", already queued")
        if created and self.on_queued is not None:
            self.on_queued(transfer_id)
        return PacsSendReport(study_uid, peer, transfer_id, recorded, retrieved, already_queued=not created)


QIDO_FIELDS = ["00100010", "00100020", "00100030", "00100040", "00080030", "00080050", "00080061",
               "00080090", "00081030", "00201206"]


def _count(text: str) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _study_from_find(row: dict[str, str]) -> PacsStudy:
    return PacsStudy(
        study_uid=row["StudyInstanceUID"], patient_id=row.get("PatientID", ""),
        patient_name=row.get("PatientName", ""), birth_date=row.get("PatientBirthDate", ""),
        sex=row.get("PatientSex", ""), study_date=row.get("StudyDate", ""), study_time=row.get("StudyTime", ""),
        modalities=tuple(m for m in row.get("ModalitiesInStudy", "").split("\\") if m),
        description=row.get("StudyDescription", ""), accession=row.get("AccessionNumber", ""),
        referring=row.get("ReferringPhysicianName", ""), series=_count(row.get("NumberOfStudyRelatedSeries", "")),
        instances=_count(row.get("NumberOfStudyRelatedInstances", "")),
    )


def _study_from_qido(item: dict[str, object]) -> PacsStudy:
    return PacsStudy(
        study_uid=value(item, "0020000D"), patient_id=value(item, "00100020"), patient_name=value(item, "00100010"),
        birth_date=value(item, "00100030"), sex=value(item, "00100040"), study_date=value(item, "00080020"),
        study_time=value(item, "00080030"), modalities=tuple(values(item, "00080061")),
        description=value(item, "00081030"), accession=value(item, "00080050"), referring=value(item, "00080090"),
        series=_count(value(item, "00201206")), instances=_count(value(item, "00201208")),
    )
