"""Auto-routing: find studies in the PACS that rules send somewhere, retrieve them whole, queue them per site.

Two ways a study reaches the rules:

* **The scheduler cycle** (`run_once`, every `interval_s`): C-FIND (or QIDO-RS) the PACS for studies dated
  within `look_back_days`. Rules are first tried on the query answer; a criterion whose attribute the
  PACS did not return (station is series-level, some PACS omit institution or modalities) is not held
  against the study at this stage. A candidate is retrieved (C-MOVE to our own AET, C-GET, or WADO-RS)
  until the spool has recorded as many instances as the PACS counts (NumberOfStudyRelatedInstances); only
  the series the spool misses instances of are retrieved, several side by side (the whole study when the PACS
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

The PACS side (C-FIND, counts, series listing, C-MOVE/C-GET/WADO-RS retrieval) is `pacs_access.PacsAccess`;
the rules and the queueing per site are `routing_queue` (`candidate_sites`, `RoutingQueue`). This module
composes them: the cycle, the pushes, and retrieving purged series again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from appliance.dicom.ingest import Ingest
from appliance.domain import DicomNode
from appliance.errors import PasserelleError
from appliance.routing.rules import Completeness, Rule, destinations
from appliance.service.db_watch import DatabaseWatch
from appliance.service.pacs_access import Found, PacsAccess
from appliance.service.routing_queue import Queued, ReferringLists, RoutingQueue, candidate_sites, no_lists
from appliance.store.retention import RetentionStore
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore

__all__ = ["CycleReport", "Found", "Queued", "ReferringLists", "RoutingScheduler", "candidate_sites", "no_lists"]
log = logging.getLogger(__name__)
RULES_WATCH_SECONDS = 0.2


@dataclasses.dataclass
class CycleReport:
    """What one scheduler cycle did (counts and UIDs only)."""

    found: int = 0
    candidates: int = 0
    retrieved: int = 0
    waiting: list[str] = dataclasses.field(default_factory=list)
    queued: list[Queued] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)


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
        self.retention = RetentionStore(store.database)
        self.pacs_access = PacsAccess(store, calling_aet, pacs, dicomweb_url, ingest, retrieve)
        self.routing_queue = RoutingQueue(store, routing, self.retention, today)
        self.routing = routing
        self.referring_lists = referring_lists
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
        return self.pacs_access.has_pacs

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
            found = await self.pacs_access.find_since(self.today() - timedelta(days=self.look_back_days))
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
        # the PACS holds instances the spool never had (purged ones count as had)
        if self.routing_queue.recorded(uid) < expected:
            await self.pacs_access.retrieve_missing(uid)
            report.retrieved += 1
            expected = await self.pacs_access.count(uid)  # the PACS may have received more meanwhile
        completeness = Completeness(expected, self.routing_queue.recorded(uid))
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
        lacking = await asyncio.to_thread(self.routing_queue.lacking, study_uid, rules, lists)
        if not lacking or not self.has_pacs:
            return False, set(lacking)
        series = sorted({uid for wanted in lacking.values() for uid in wanted})
        log.info("study %s: %d purged series retrieved again from the PACS for site(s) %s", study_uid, len(series),
                 ", ".join(sorted(lacking)))
        await self.pacs_access.retrieve_series(study_uid, series)
        still = await asyncio.to_thread(self.routing_queue.lacking, study_uid, rules, lists)
        return True, set(still)

    async def _queue_now(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]) -> list[Queued]:
        queued = await asyncio.to_thread(self.routing_queue.queue, study_uid, rules, lists)
        for item in queued:
            if self.on_queued is not None:
                self.on_queued(item)
        return queued

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
                expected = await self.pacs_access.count(study_uid)
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


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
