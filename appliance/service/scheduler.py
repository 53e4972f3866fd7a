"""Auto-routing: find studies in the PACS that rules send somewhere, retrieve them whole, queue them per site.

Two ways a study reaches the rules:

* **The scheduler cycle** (`run_once`, every `interval_s`): C-FIND (or QIDO-RS) the PACS for studies dated
  within `look_back_days`. Rules are first tried on the query answer; a criterion whose attribute the
  PACS did not return (station is series-level, some PACS omit institution or modalities) is not held
  against the study at this stage. A candidate is retrieved (C-MOVE to our own AET, C-GET, or WADO-RS)
  until the spool holds as many instances as the PACS counts (NumberOfStudyRelatedInstances); only the
  series the spool misses instances of are retrieved, several side by side (the whole study when the PACS
  does not list its series); an incomplete study waits for the next cycle. Then the rules decide again on
  the stored attributes (the authoritative ones) and the study is queued once per site through
  `StateStore.queue_outgoing`, which only queues instances that site has not been sent: a series added
  later becomes an addition.
* **Purged studies** (spool retention removed the files once every transfer had its receipt; the rows stay):
  the spool's count includes them, so a study already sent is not retrieved again for the sites that have
  it. Only when a destination site (a new rule, a new site) would be sent purged instances are their series
  retrieved again from the PACS before that site is queued; a site whose instances are still purged (the
  PACS did not give them back) is not queued, and waits for the next cycle.
* **Pushes** (a PACS or a modality C-STOREs to us): `on_instances_stored(study_uid)` for each stored
  instance. After `debounce_s` without a new instance of that study, the rules are evaluated on the
  stored attributes. If a PACS is configured and it knows the study, its C-FIND count must be reached
  first (otherwise we wait for more instances or the next cycle retrieves the rest). If no PACS is
  configured, or the PACS does not know the study (a modality sent it to us directly), the study counts
  as complete once its association has ended: call `on_association_released(study_uids)` when the SCP can
  tell; until then the debounce quiet period stands in for the end of the association.

Each study goes to each site once: running a cycle again, or both paths seeing the same study, queues
nothing new. Studies received from peer sites are never routed onward. Logs carry UIDs, site ids and
counts only.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from appliance.dicom import scu
from appliance.dicom.dicomweb import DicomWebClient, value, values
from appliance.dicom.ingest import Ingest
from appliance.domain import DicomNode
from appliance.errors import ConfigError, PasserelleError
from appliance.routing.rules import Completeness, Rule, StudySummary, destinations, evaluate
from appliance.service.db_watch import DatabaseWatch
from appliance.store.retention import RetentionStore
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
ReferringLists = Callable[[], dict[str, tuple[str, ...]]]
RETRIEVE_MODES = ("move", "get", "wado")
RULES_WATCH_SECONDS = 0.2
RETRIEVE_PARALLEL = 4  # series retrieved side by side (C-MOVE/C-GET associations or WADO-RS requests)


@dataclass(frozen=True)
class Queued:
    """A transfer the scheduler queued: `addition` when the site already had other series of the study."""

    study_uid: str
    site: str
    transfer_id: str
    series: int
    addition: bool


@dataclass(frozen=True)
class Found:
    """One study as the PACS query answered it: the rules' view and the PACS's instance count."""

    summary: StudySummary
    expected: int


@dataclass
class CycleReport:
    """What one scheduler cycle did (counts and UIDs only)."""

    found: int = 0
    candidates: int = 0
    retrieved: int = 0
    waiting: list[str] = dataclasses.field(default_factory=list)
    queued: list[Queued] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)


def no_lists() -> dict[str, tuple[str, ...]]:
    return {}


class RoutingScheduler:
    """Runs the routing cycle on an interval and routes pushed studies; lives on the engine's loop."""

    def __init__(
        self,
        store: StateStore,
        routing: RoutingStore,
        calling_aet: str,
        pacs: DicomNode | None = None,
        dicomweb_url: str = "",
        ingest: Ingest | None = None,
        referring_lists: ReferringLists = no_lists,
        retrieve: str = "move",
        interval_s: float = 300.0,
        look_back_days: int = 3,
        debounce_s: float = 10.0,
        today: Callable[[], date] = date.today,
        on_queued: Callable[[Queued], None] | None = None,
    ) -> None:
        if retrieve not in RETRIEVE_MODES:
            raise ConfigError(f"retrieve must be one of {', '.join(RETRIEVE_MODES)}, got {retrieve!r}")
        if retrieve in ("get", "wado") and ingest is None:
            raise ConfigError(f"retrieving by {retrieve} needs the appliance's Ingest")
        if retrieve == "wado" and not dicomweb_url:
            raise ConfigError("retrieving by WADO-RS needs `pacs_dicomweb_url`")
        self.store = store
        self.routing = routing
        self.retention = RetentionStore(store.database)
        self.calling_aet = calling_aet
        self.pacs = pacs
        self.dicomweb_url = dicomweb_url
        self.ingest = ingest
        self.referring_lists = referring_lists
        self.retrieve_mode = retrieve
        self.interval_s = interval_s
        self.look_back_days = look_back_days
        self.debounce_s = debounce_s
        self.today = today
        self.on_queued = on_queued
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = asyncio.Event()
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[list[Queued]]] = set()
        self._cycle_lock = asyncio.Lock()
        self._early: set[str] = set()  # studies stored before the scheduler was attached to a loop
        self._early_lock = threading.Lock()

    @property
    def has_pacs(self) -> bool:
        return self.pacs is not None or bool(self.dicomweb_url)

    # -- life cycle -------------------------------------------------------------------------------
    async def run(self) -> None:
        """Cycle every `interval_s` until `stop()`; one failed cycle never stops the next. A change of the
        enabled rules (`passerelle rules add` from another process too) starts a cycle within a fraction of
        a second instead of at the next interval."""
        self.attach(asyncio.get_running_loop())
        self._stopping.clear()
        watch = DatabaseWatch(self.routing.database.path)
        while not self._stopping.is_set():
            rules: list[Rule] = []
            try:
                rules = await asyncio.to_thread(self.routing.rules, True)  # a rule added during the cycle counts
                if self.has_pacs:
                    await self.run_once()
            except Exception:
                log.exception("routing cycle failed")
            await self._idle(watch, rules)

    async def _idle(self, watch: DatabaseWatch, rules: list[Rule]) -> None:
        """Until `interval_s` passed, `stop()`, or the enabled rules differ from `rules`."""
        deadline = time.monotonic() + self.interval_s
        while (left := deadline - time.monotonic()) > 0:
            try:
                await asyncio.wait_for(self._stopping.wait(), min(left, RULES_WATCH_SECONDS))
                return
            except TimeoutError:
                pass
            if watch.changed() and await self._rules_changed(rules):
                log.info("routing rules changed: cycle now")
                return

    async def _rules_changed(self, rules: list[Rule]) -> bool:
        try:
            return await asyncio.to_thread(self.routing.rules, True) != rules
        except Exception:
            log.exception("routing rules unreadable")
            return False

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop pushes are routed on (`run` sets it; the engine may call it earlier from any thread)."""
        self._loop = loop
        with self._early_lock:
            early, self._early = self._early, set()
        for uid in early:
            loop.call_soon_threadsafe(self._debounce, uid, self.debounce_s)

    async def stop(self) -> None:
        self._stopping.set()
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- the cycle --------------------------------------------------------------------------------
    async def run_once(self) -> CycleReport:
        """One pass over the look-back window."""
        report = CycleReport()
        rules = self.routing.rules(enabled_only=True)
        if not rules or not self.has_pacs:
            return report
        lists = self.referring_lists()
        async with self._cycle_lock:
            found = await self._find(self.today() - timedelta(days=self.look_back_days))
            report.found = len(found)
            for study in found:
                if not candidate_sites(rules, study.summary, lists, self.today()):
                    continue
                report.candidates += 1
                try:
                    await self._complete_and_queue(study, rules, lists, report)
                except PasserelleError as exc:
                    report.errors.append(f"{study.summary.study_uid}: {exc}")
                    log.warning("routing study %s: %s", study.summary.study_uid, exc)
        log.info("routing cycle: %d studies found, %d candidates, %d retrieved, %d queued, %d waiting, %d errors",
                 report.found, report.candidates, report.retrieved, len(report.queued), len(report.waiting),
                 len(report.errors))
        return report

    async def _complete_and_queue(
        self, study: Found, rules: list[Rule], lists: dict[str, tuple[str, ...]], report: CycleReport
    ) -> None:
        uid = study.summary.study_uid
        expected = study.expected
        if self._recorded(uid) < expected:  # the PACS holds instances the spool never had (purged ones count)
            await self._retrieve(uid, held_only=False)
            report.retrieved += 1
            expected = await self._count(uid)  # the PACS may have received more meanwhile
        completeness = Completeness(expected, self._recorded(uid))
        if not completeness.complete:
            report.waiting.append(uid)
            log.info("study %s incomplete: %d of %d instances, waiting", uid, completeness.have_instances,
                     completeness.expected_instances)
            return
        retrieved, lacking = await self._restore_purged(uid, rules, lists)
        report.retrieved += int(retrieved)
        if lacking:
            report.waiting.append(uid)
        report.queued.extend(await self._queue_now(uid, rules, lists))

    async def _restore_purged(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]
                              ) -> tuple[bool, set[str]]:
        """Retrieve again from the PACS the purged series a destination site would be sent. Returns whether
        something was retrieved and the sites still lacking purged instances (not to be queued yet)."""
        lacking = await asyncio.to_thread(self._lacking, study_uid, rules, lists)
        if not lacking or not self.has_pacs:
            return False, set(lacking)
        series = sorted({uid for wanted in lacking.values() for uid in wanted})
        log.info("study %s: %d purged series retrieved again from the PACS for site(s) %s", study_uid, len(series),
                 ", ".join(sorted(lacking)))
        await self._retrieve_series(study_uid, series)
        still = await asyncio.to_thread(self._lacking, study_uid, rules, lists)
        return True, set(still)

    def _lacking(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
        """Destination sites (rules on the stored attributes) -> series they would be sent purged instances of."""
        stored = self.routing.stored_summary(study_uid)
        if stored is None or stored[1] != "local":
            return {}
        found: dict[str, list[str]] = {}
        for site in destinations(rules, stored[0], lists, self.today()):
            series = self.retention.purged_series_lacking(study_uid, site)
            if series:
                found[site] = series
        return found

    async def _queue_now(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]) -> list[Queued]:
        queued = await asyncio.to_thread(self._queue, study_uid, rules, lists)
        for item in queued:
            if self.on_queued is not None:
                self.on_queued(item)
        return queued

    def _queue(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]) -> list[Queued]:
        """Decide on the stored attributes and queue what each chosen site has not been sent yet."""
        stored = self.routing.stored_summary(study_uid)
        if stored is None:
            return []
        summary, origin, _ = stored
        if origin != "local":
            return []  # received from a peer: never routed onward
        queued: list[Queued] = []
        for site in destinations(rules, summary, lists, self.today()):
            purged = self.retention.purged_series_lacking(study_uid, site)
            if purged:  # a transfer without its files would fail: retrieve them again first
                log.info("study %s not queued to site %s yet: %d purged series to retrieve again", study_uid, site,
                         len(purged))
                continue
            transfer_id, created = self.store.queue_outgoing(site, study_uid)
            if not created:
                if transfer_id and not self.routing.routed_series(study_uid, site):
                    # queued just before a crash cut the bookkeeping short: complete it
                    self.routing.record_routed(study_uid, site, self.routing.transfer_series(transfer_id), transfer_id)
                continue
            before = self.routing.routed_series(study_uid, site)
            series = self.routing.transfer_series(transfer_id)
            self.routing.record_routed(study_uid, site, series, transfer_id)
            item = Queued(study_uid, site, transfer_id, len(series), addition=bool(before))
            log.info("study %s queued to site %s as transfer %s (%d series%s)", study_uid, site, transfer_id,
                     len(series), ", addition" if item.addition else "")
            queued.append(item)
        return queued

    def _recorded(self, study_uid: str) -> int:
        """Instances of the study the spool ever recorded, purged ones included."""
        stored = self.routing.stored_summary(study_uid)
        return stored[2] if stored else 0

    def _have(self, study_uid: str) -> int:
        """Instances of the study whose files the spool holds now (purged ones excluded)."""
        return sum(self.retention.held_per_series(study_uid).values())

    # -- pushes -----------------------------------------------------------------------------------
    def on_instances_stored(self, study_uid: str) -> None:
        """An instance of `study_uid` was stored (callable from any thread): route it after a quiet period."""
        loop = self._loop
        if loop is None:
            with self._early_lock:
                self._early.add(study_uid)
            return
        if _running_loop() is loop:
            self._debounce(study_uid, self.debounce_s)
        else:
            loop.call_soon_threadsafe(self._debounce, study_uid, self.debounce_s)

    def on_association_released(self, study_uids: Iterable[str]) -> None:
        """The association that brought these studies ended: route them now (callable from any thread)."""
        loop = self._loop
        if loop is None:
            with self._early_lock:
                self._early.update(study_uids)
            return
        for uid in set(study_uids):
            if _running_loop() is loop:
                self._debounce(uid, 0.0)
            else:
                loop.call_soon_threadsafe(self._debounce, uid, 0.0)

    def _debounce(self, study_uid: str, delay: float) -> None:
        timer = self._timers.pop(study_uid, None)
        if timer is not None:
            timer.cancel()
        if self._stopping.is_set() or self._loop is None:
            return
        self._timers[study_uid] = self._loop.call_later(delay, self._fire, study_uid)

    def _fire(self, study_uid: str) -> None:
        self._timers.pop(study_uid, None)
        task = asyncio.ensure_future(self.route_pushed(study_uid))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def route_pushed(self, study_uid: str) -> list[Queued]:
        """Evaluate the rules on a pushed study's stored attributes and queue it once it is complete."""
        rules = self.routing.rules(enabled_only=True)
        stored = self.routing.stored_summary(study_uid)
        if not rules or stored is None or stored[1] != "local":
            return []
        lists = self.referring_lists()
        if not destinations(rules, stored[0], lists, self.today()):
            log.info("pushed study %s matches no routing rule", study_uid)
            return []
        if self.has_pacs:
            try:
                expected = await self._count(study_uid)
            except PasserelleError as exc:
                log.warning("pushed study %s: PACS count unavailable (%s); trying again later", study_uid, exc)
                self._debounce(study_uid, max(self.debounce_s, 30.0))
                return []
            if expected > stored[2]:
                log.info("pushed study %s: %d of %d instances, waiting for the rest", study_uid, stored[2], expected)
                return []
        async with self._cycle_lock:
            if self.has_pacs:
                try:
                    await self._restore_purged(study_uid, rules, lists)
                except PasserelleError as exc:
                    log.warning("pushed study %s: purged series not retrieved again (%s)", study_uid, exc)
            return await self._queue_now(study_uid, rules, lists)

    # -- the PACS ---------------------------------------------------------------------------------
    async def _find(self, since: date) -> list[Found]:
        dates = f"{since:%Y%m%d}-"
        if self.pacs is not None:
            rows = await asyncio.to_thread(
                scu.find_studies, self.pacs, self.calling_aet, {"StudyDate": dates, "InstitutionName": ""}
            )
            return [_found_from_find(row) for row in rows if row.get("StudyInstanceUID")]
        async with DicomWebClient(self.dicomweb_url) as client:
            items = await client.search_studies({"StudyDate": dates}, fields=["00080080", "00081030"])
        return [_found_from_qido(item) for item in items if value(item, "0020000D")]

    async def _count(self, study_uid: str) -> int:
        """NumberOfStudyRelatedInstances from the PACS (0 when it does not know the study)."""
        if self.pacs is not None:
            rows = await asyncio.to_thread(
                scu.find_studies, self.pacs, self.calling_aet, {"StudyInstanceUID": study_uid}
            )
            return max((int(r.get("NumberOfStudyRelatedInstances") or 0) for r in rows), default=0)
        async with DicomWebClient(self.dicomweb_url) as client:
            return await client.study_instance_count(study_uid)

    async def _retrieve(self, study_uid: str, held_only: bool = True) -> None:
        """Retrieve what the spool misses: the incomplete series side by side (`RETRIEVE_PARALLEL` at a time),
        or the whole study when the PACS does not list its series. With `held_only` (a person's send from the
        PACS search), purged instances are missing; the cycle counts them as had (`held_only=False`) and
        retrieves them again only for a site that lacks them (`_restore_purged`)."""
        if self.retrieve_mode != "wado" and self.pacs is None:
            raise ConfigError("retrieving by C-MOVE or C-GET needs the PACS DICOM node")
        await self._retrieve_series(study_uid, await self._incomplete_series(study_uid, held_only))

    async def _retrieve_series(self, study_uid: str, series: list[str]) -> None:
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

    async def _incomplete_series(self, study_uid: str, held_only: bool = True) -> list[str]:
        """Series the PACS holds more instances of than the spool holds (`held_only`) or ever recorded ([] when
        the PACS does not list series: then the whole study is retrieved)."""
        try:
            if self.pacs is not None and self.retrieve_mode != "wado":
                counts = await asyncio.to_thread(scu.find_series, self.pacs, self.calling_aet, study_uid)
            else:
                async with DicomWebClient(self.dicomweb_url) as client:
                    counts = await client.series_instance_counts(study_uid)
        except PasserelleError as exc:
            log.info("study %s: series not listed by the PACS (%s); retrieving the whole study", study_uid, exc)
            return []
        have: dict[str, int] = {}
        if held_only:
            have = await asyncio.to_thread(self.retention.held_per_series, study_uid)
        else:
            for ref in await asyncio.to_thread(self.store.instances_of_study, study_uid):
                have[ref.series_uid] = have.get(ref.series_uid, 0) + 1
        # A series without a count (some PACS leave it empty) is retrieved when the spool has none of it.
        return [uid for uid, count in counts.items() if count > have.get(uid, 0) or (not count and uid not in have)]

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


def candidate_sites(
    rules: list[Rule], study: StudySummary, lists: dict[str, tuple[str, ...]], today: date
) -> set[str]:
    """Sites a queried study may go to: criteria on attributes the query did not return are not held against it."""
    sites: set[str] = set()
    for rule in rules:
        c = rule.criteria
        relaxed = dataclasses.replace(
            c,
            modalities=c.modalities if study.modalities else (),
            description=c.description if study.description else "",
            institution=c.institution if study.institution else "",
            station=c.station if study.station else "",
        )
        if relaxed.is_empty() and not c.is_empty():
            if rule.enabled:
                sites.add(rule.site)
            continue
        if evaluate(dataclasses.replace(rule, criteria=relaxed), study, lists.get(rule.site, ()), today).matched:
            sites.add(rule.site)
    return sites


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


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
