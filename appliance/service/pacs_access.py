"""The PACS as routing and the PACS search use it: C-FIND counts, series listing, retrieval into the spool.

    access = PacsAccess(store, "CITADELLE", pacs=DicomNode("PACS", "10.0.0.5", 104), ingest=ingest)
    found = await access.find_since(date(2026, 11, 20))    # studies dated since then, with the PACS's counts
    expected = await access.count(study_uid)               # NumberOfStudyRelatedInstances (0: unknown study)
    await access.retrieve_missing(study_uid)               # the series the spool recorded fewer instances of
    await access.retrieve_series(study_uid, series_uids)   # these series again (purged ones a site lacks)

The PACS is a DICOM node (C-FIND; C-MOVE to our own AET or C-GET) or a DICOMweb service (QIDO-RS, WADO-RS),
as `retrieve` says ("move", "get" or "wado"). Only the series the spool misses instances of are retrieved,
`RETRIEVE_PARALLEL` side by side; the whole study when the PACS does not list its series. An instance whose
file spool retention purged counts as had: the callers retrieve its series again (`retrieve_series`) only
for a site that lacks it (`RetentionStore.purged_series_lacking`). What arrives goes through the
appliance's own storage path (the C-STORE SCP for C-MOVE, `Ingest` for C-GET and WADO-RS). Logs carry UIDs
and counts only.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from appliance.dicom import scu
from appliance.dicom.dicomweb import DicomWebClient, value, values
from appliance.dicom.ingest import Ingest
from appliance.domain import DicomNode
from appliance.errors import ConfigError, PasserelleError
from appliance.routing.rules import StudySummary
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
RETRIEVE_MODES = ("move", "get", "wado")
RETRIEVE_PARALLEL = 4  # series retrieved side by side (C-MOVE/C-GET associations or WADO-RS requests)


@dataclass(frozen=True)
class Found:
    """One study as the PACS query answered it: the rules' view and the PACS's instance count."""

    summary: StudySummary
    expected: int


class PacsAccess:
    """Queries the configured PACS and retrieves studies from it into the spool."""

    def __init__(
        self,
        store: StateStore,
        calling_aet: str,
        pacs: DicomNode | None = None,
        dicomweb_url: str = "",
        ingest: Ingest | None = None,
        retrieve: str = "move",
    ) -> None:
        if retrieve not in RETRIEVE_MODES:
            raise ConfigError(f"retrieve must be one of {', '.join(RETRIEVE_MODES)}, got {retrieve!r}")
        if retrieve in ("get", "wado") and ingest is None:
            raise ConfigError(f"retrieving by {retrieve} needs the appliance's Ingest")
        if retrieve == "wado" and not dicomweb_url:
            raise ConfigError("retrieving by WADO-RS needs `pacs_dicomweb_url`")
        self.store = store
        self.calling_aet = calling_aet
        self.pacs = pacs
        self.dicomweb_url = dicomweb_url
        self.ingest = ingest
        self.retrieve_mode = retrieve

    @property
    def has_pacs(self) -> bool:
        return self.pacs is not None or bool(self.dicomweb_url)

    # -- queries ------------------------------------------------------------------------------------
    async def find_since(self, since: date) -> list[Found]:
        """Studies dated `since` or later (C-FIND, or QIDO-RS without a DICOM node)."""
        dates = f"{since:%Y%m%d}-"
        if self.pacs is not None:
            rows = await asyncio.to_thread(
                scu.find_studies, self.pacs, self.calling_aet, {"StudyDate": dates, "InstitutionName": ""}
            )
            return [_found_from_find(row) for row in rows if row.get("StudyInstanceUID")]
        async with DicomWebClient(self.dicomweb_url) as client:
            items = await client.search_studies({"StudyDate": dates}, fields=["00080080", "00081030"])
        return [_found_from_qido(item) for item in items if value(item, "0020000D")]

    async def count(self, study_uid: str) -> int:
        """NumberOfStudyRelatedInstances from the PACS (0 when it does not know the study)."""
        if self.pacs is not None:
            rows = await asyncio.to_thread(
                scu.find_studies, self.pacs, self.calling_aet, {"StudyInstanceUID": study_uid}
            )
            return max((int(r.get("NumberOfStudyRelatedInstances") or 0) for r in rows), default=0)
        async with DicomWebClient(self.dicomweb_url) as client:
            return await client.study_instance_count(study_uid)

    # -- retrieval ----------------------------------------------------------------------------------
    async def retrieve_missing(self, study_uid: str) -> None:
        """Retrieve the instances the spool never recorded (purged ones count as had): the incomplete series
        side by side (`RETRIEVE_PARALLEL` at a time), or the whole study when the PACS does not list its
        series."""
        if self.retrieve_mode != "wado" and self.pacs is None:
            raise ConfigError("retrieving by C-MOVE or C-GET needs the PACS DICOM node")
        await self.retrieve_series(study_uid, await self._incomplete_series(study_uid))

    async def retrieve_series(self, study_uid: str, series: list[str]) -> None:
        """Retrieve these series side by side, or the whole study when `series` is empty."""
        if self.retrieve_mode != "wado" and self.pacs is None:
            raise ConfigError("retrieving by C-MOVE or C-GET needs the PACS DICOM node")
        if not series:
            await self._retrieve_one(study_uid, "")
            return
        lanes = asyncio.Semaphore(RETRIEVE_PARALLEL)

        async def one(series_uid: str) -> None:
            async with lanes:
                await self._retrieve_one(study_uid, series_uid)

        outcomes = await asyncio.gather(*(one(uid) for uid in series), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        log.info("study %s: %d series retrieved side by side", study_uid, len(series))

    async def _incomplete_series(self, study_uid: str) -> list[str]:
        """Series the PACS holds more instances of than the spool ever recorded ([] when the PACS does not
        list series: then the whole study is retrieved)."""
        try:
            if self.pacs is not None and self.retrieve_mode != "wado":
                counts = await asyncio.to_thread(scu.find_series, self.pacs, self.calling_aet, study_uid)
            else:
                async with DicomWebClient(self.dicomweb_url) as client:
                    counts = await client.series_instance_counts(study_uid)
        except PasserelleError as exc:
            log.info("study %s: series not listed by the PACS (%s); retrieving the whole study", study_uid, exc)
            return []
        have = await asyncio.to_thread(self._recorded_per_series, study_uid)
        # A series without a count (some PACS leave it empty) is retrieved when the spool has none of it.
        return [uid for uid, count in counts.items() if count > have.get(uid, 0) or (not count and uid not in have)]

    def _recorded_per_series(self, study_uid: str) -> dict[str, int]:
        """Instances of the study the spool ever recorded (purged ones included), per series."""
        have: dict[str, int] = {}
        for ref in self.store.instances_of_study(study_uid):
            have[ref.series_uid] = have.get(ref.series_uid, 0) + 1
        return have

    async def _retrieve_one(self, study_uid: str, series_uid: str) -> None:
        if self.retrieve_mode == "wado":
            assert self.ingest is not None
            async with DicomWebClient(self.dicomweb_url) as client:
                await client.retrieve_study(study_uid, self.ingest, series_uid=series_uid)
            return
        assert self.pacs is not None
        if self.retrieve_mode == "get":
            assert self.ingest is not None
            await asyncio.to_thread(scu.get_study, self.pacs, self.calling_aet, study_uid, self.ingest, series_uid)
        else:
            await asyncio.to_thread(scu.move_study, self.pacs, self.calling_aet, study_uid, self.calling_aet,
                                    series_uid)


def _found_from_find(row: dict[str, str]) -> Found:
    summary = StudySummary(
        study_uid=row["StudyInstanceUID"], referring=row.get("ReferringPhysicianName", ""),
        modalities=tuple(m for m in row.get("ModalitiesInStudy", "").split("\\") if m),
        description=row.get("StudyDescription", ""), institution=row.get("InstitutionName", ""),
        study_date=row.get("StudyDate", ""),
    )
    return Found(summary, int(row.get("NumberOfStudyRelatedInstances") or 0))


def _found_from_qido(item: dict[str, object]) -> Found:
    summary = StudySummary(
        study_uid=value(item, "0020000D"), referring=value(item, "00080090"),
        modalities=tuple(values(item, "00080061")), description=value(item, "00081030"),
        institution=value(item, "00080080"), study_date=value(item, "00080020"),
    )
    return Found(summary, int(value(item, "00201208") or 0))
