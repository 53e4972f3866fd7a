"""Push a received study into the local PACS and retry until the PACS's own counts prove it arrived.

Two ways in, chosen by the settings: C-STORE over several associations in parallel that each take the next
file from one queue (`scu.store_in_parallel`), or STOW-RS when `pacs_dicomweb_url` is set (batches of about
16 MB, several requests at a time). Each file goes through the caller's `prepare` (the patient rewrite, or
`as_stored`) just before it is sent, so rewriting one file overlaps sending the others and nothing is
written to disk. Arrival is verified by the PACS itself: with DICOMweb every pushed SOP Instance UID must
be listed by QIDO-RS; with DIMSE every file must have been acknowledged with success and the study-level
C-FIND count (NumberOfStudyRelatedInstances) must reach the number of files pushed. A PACS that is down or
refuses means: state `storing` with the reason in the transfers table, wait with exponential backoff (and
jitter), try again, for as long as it takes. Files are only read here: the caller may release them only
after `push_study` returns.

Patient data: the pusher sends what `prepare` makes of the files. Which record that is stays the caller's
decision, taken before the push starts: with `Settings.use_sender_patient_data` true the caller passes
`as_stored` (the files as received from the peer); once reconciliation decides, it passes the rewrite.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydicom import dcmread

from appliance.dicom import scu
from appliance.dicom.dicomweb import DicomWebClient, StowResult, batches_of
from appliance.dicom.outgoing import OutgoingInstance, as_stored
from appliance.domain import DicomNode, TransferState
from appliance.errors import ConfigError, DicomPeerError, PasserelleError, StorageError
from appliance.service.settings import Settings
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
Prepare = Callable[[Path], OutgoingInstance]
STOW_BATCH_BYTES = 16 << 20  # small enough that several requests overlap, large enough to be few


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter between attempts; there is no last attempt (never give up)."""

    first_delay_s: float = 2.0
    max_delay_s: float = 300.0
    factor: float = 2.0
    jitter: float = 0.2

    def delay(self, attempt: int) -> float:
        base = min(self.max_delay_s, self.first_delay_s * self.factor ** max(0, attempt - 1))
        return base * (1 + random.uniform(-self.jitter, self.jitter))


class NotYetVerified(PasserelleError):
    """The PACS accepted the files but its counts do not show them all (yet)."""


class PacsPusher:
    """Stores studies into the local PACS; one `push_study` call per received transfer."""

    def __init__(
        self,
        store: StateStore,
        calling_aet: str,
        pacs: DicomNode | None = None,
        dicomweb_url: str = "",
        associations: int = 4,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if pacs is None and not dicomweb_url:
            raise ConfigError("no PACS configured: set `pacs` (AET@HOST:PORT) or `pacs_dicomweb_url`")
        self.store = store
        self.calling_aet = calling_aet
        self.pacs = pacs
        self.dicomweb_url = dicomweb_url
        self.associations = max(1, associations)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep

    @classmethod
    def from_settings(cls, settings: Settings, store: StateStore, associations: int = 4) -> PacsPusher:
        """DICOMweb when `pacs_dicomweb_url` is set, else C-STORE to `pacs` as our own AET."""
        return cls(store, settings.aet, settings.pacs, settings.pacs_dicomweb_url, associations)

    @property
    def via(self) -> str:
        return "STOW-RS" if self.dicomweb_url else "C-STORE"

    async def push_study(self, study_uid: str, files: list[Path], transfer_id: str,
                         prepare: Prepare = as_stored) -> None:
        """Push `files` (one study) and return only once the PACS shows them all; retries forever meanwhile.

        Each file goes through `prepare` (the patient rewrite, or `as_stored`) just before it is sent; the
        files themselves are only read."""
        if not files:
            self.store.set_transfer_state(transfer_id, TransferState.DONE, "nothing to store")
            return
        missing = [p for p in files if not p.exists()]
        if missing:
            raise StorageError(f"transfer {transfer_id}: {len(missing)} files to store are missing from the spool")
        pending = list(files)
        attempt = 0
        self.store.set_transfer_state(transfer_id, TransferState.STORING, f"storing into the PACS by {self.via}")
        while True:
            attempt += 1
            try:
                pending = await self._send(study_uid, pending, prepare)
                if pending:
                    raise NotYetVerified(f"{len(pending)} of {len(files)} files not accepted by the PACS yet")
                await self._verify(study_uid, files)
            except Exception as exc:  # whatever went wrong, the files stay and we try again later
                delay = self.retry.delay(attempt)
                reason = f"PACS not reached or not complete (attempt {attempt}): {exc}; retry in {delay:.0f} s"
                log.warning("transfer %s, study %s: %s", transfer_id, study_uid, reason)
                self.store.set_transfer_state(transfer_id, TransferState.STORING, reason[:500])
                if not pending:
                    pending = list(files)  # accepted but not counted: send again (the PACS ignores duplicates)
                await self._sleep(delay)
                continue
            self.store.mark_stored(transfer_id, {"study_uid": study_uid, "files": len(files), "via": self.via,
                                                 "attempts": attempt})
            log.info("transfer %s, study %s: %d files verified in the PACS after %d attempt(s)",
                     transfer_id, study_uid, len(files), attempt)
            return

    # -- sending ----------------------------------------------------------------------------------
    async def _send(self, study_uid: str, files: Sequence[Path], prepare: Prepare) -> list[Path]:
        """Send the files; returns those not accepted (raises when nothing got through at all)."""
        if self.dicomweb_url:
            await self._stow(study_uid, files, prepare)
            return []  # what did not arrive shows in the QIDO-RS check; the whole study is sent again then
        report = await asyncio.to_thread(scu.store_in_parallel, self._node(), self.calling_aet, files,
                                         self.associations, prepare)
        if report.errors and not report.stored:
            raise DicomPeerError(report.errors[0])
        for error in report.errors[:3]:
            log.warning("C-STORE of part of study %s: %s", study_uid, error)
        return report.left

    async def _stow(self, study_uid: str, files: Sequence[Path], prepare: Prepare) -> None:
        """STOW-RS in batches, `associations` requests at a time; each batch is prepared just before it goes."""
        batches = batches_of(files, STOW_BATCH_BYTES)
        lanes = asyncio.Semaphore(self.associations)
        async with DicomWebClient(self.dicomweb_url) as client:

            async def one(batch: list[Path]) -> StowResult:
                async with lanes:
                    instances = await asyncio.to_thread(lambda: [prepare(p) for p in batch])
                    return await client.stow_instances(instances)

            outcomes = await asyncio.gather(*(one(b) for b in batches), return_exceptions=True)
        errors = [o for o in outcomes if isinstance(o, BaseException)]
        for outcome in errors:
            if not isinstance(outcome, Exception):
                raise outcome
        if errors and len(errors) == len(outcomes):
            raise errors[0]
        refused = sum(o.failed for o in outcomes if isinstance(o, StowResult))
        if refused or errors:
            log.warning("STOW-RS of study %s: %d instances refused, %d of %d requests failed", study_uid, refused,
                        len(errors), len(outcomes))

    # -- verifying --------------------------------------------------------------------------------
    async def _verify(self, study_uid: str, files: Sequence[Path]) -> None:
        if self.dicomweb_url:
            wanted = await asyncio.to_thread(_sop_uids, files)
            async with DicomWebClient(self.dicomweb_url) as client:
                held = await client.study_instance_uids(study_uid)
            absent = wanted - held
            if absent:
                raise NotYetVerified(f"QIDO-RS lists {len(wanted) - len(absent)} of {len(wanted)} instances")
            return
        found = await asyncio.to_thread(scu.find_studies, self._node(), self.calling_aet,
                                        {"StudyInstanceUID": study_uid})
        count = max((int(s.get("NumberOfStudyRelatedInstances") or 0) for s in found), default=0)
        if count < len(files):
            raise NotYetVerified(f"C-FIND counts {count} of {len(files)} instances")

    def _node(self) -> DicomNode:
        if self.pacs is None:
            raise ConfigError("no PACS DICOM node configured")
        return self.pacs


def split_evenly(files: Sequence[Path], parts: int) -> list[list[Path]]:
    """At most `parts` non-empty slices of about equal length, keeping order within each slice."""
    count = max(1, min(parts, len(files)))
    size, extra = divmod(len(files), count)
    slices: list[list[Path]] = []
    start = 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        slices.append(list(files[start:end]))
        start = end
    return [s for s in slices if s]


def _sop_uids(files: Sequence[Path]) -> set[str]:
    return {str(dcmread(p, stop_before_pixels=True, specific_tags=["SOPInstanceUID"]).SOPInstanceUID)
            for p in files}
