"""The engine: owns the asyncio loop thread and every running part; clients get commands and events."""

from __future__ import annotations

import asyncio
import concurrent.futures
import enum
import logging
import os
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from appliance.dicom.ingest import Ingest
from appliance.dicom.scp import StorageSCP
from appliance.domain import EngineEvent, InstanceRef
from appliance.errors import ConfigError
from appliance.service import commands, peer_tls, review, rules_commands, sites
from appliance.service.directory_refresh import DirectoryRefresher
from appliance.service.pacs_push import PacsPusher
from appliance.service.pacs_search import PacsQuery, PacsSearch, PacsSendReport, PacsStudy
from appliance.service.patient_index import LocalPatientIndex
from appliance.service.pipeline import IncomingPipeline
from appliance.service.scheduler import RoutingScheduler
from appliance.service.site import Site
from appliance.service.spool_retention import PurgeReport, SpoolRetention
from appliance.service.transfer_receiver import RECEIVED_REASON
from appliance.service.transfers import TransferService
from appliance.store.incoming import instance_source
from appliance.store.retention import RetentionStore
from appliance.store.routing import RoutingStore
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from appliance.transport.discovery import LanHints, interfaces_for

log = logging.getLogger(__name__)
T = TypeVar("T")
Listener = Callable[[EngineEvent], None]


class EngineState(enum.StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    FAILED = "failed"


class Engine:
    """Everything that runs: the DICOM node, the peer endpoint, the routing scheduler, the incoming pipeline."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.settings = site.settings
        server_tls = peer_tls.server_tls(site.settings)  # unusable certificate or key: one line, nothing opened
        client_tls = peer_tls.client_tls(site.settings)
        self.state = EngineState.STOPPED
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="passerelle-engine", daemon=True)
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self.store = StateStore(self.settings.db_path)
        self.spool = Spool(
            self.settings.spool_dir, self.settings.quarantine_dir, self.settings.min_free_mb << 20
        )
        self.ingest = Ingest(self.spool, self.store, on_stored=self._on_stored)
        self.scp = StorageSCP(self.settings, self.ingest)
        self.transfers = TransferService(site, self.store, self.spool, self.emit)
        self.transfers.server.use_tls(server_tls)
        self.transfers.client.use_tls(client_tls)  # the reachability probe posts through this client too
        s = self.settings
        self.lan_hints = LanHints(interfaces_for(s.bind_host))
        self.transfers.sender.use_hints(self.lan_hints.hints)
        self.refresher = DirectoryRefresher(s.home, s.directory_url, s.directory_refresh_minutes, self.emit,
                                            tls=client_tls, proxy_url=s.proxy_url)
        has_pacs = s.pacs is not None or bool(s.pacs_dicomweb_url)
        self.pusher = PacsPusher.from_settings(s, self.store, s.pacs_push_associations) if has_pacs else None
        self.patients = LocalPatientIndex(s, self.store)
        self.pipeline = IncomingPipeline(s, self.store, self.spool, self.patients, self.pusher, self.emit)
        self.subscribe(self.pipeline.on_event)
        self.scheduler: RoutingScheduler | None = None
        if has_pacs:
            self.scheduler = RoutingScheduler(
                self.store, RoutingStore(self.store.database), s.aet, s.pacs, s.pacs_dicomweb_url, self.ingest,
                lambda: rules_commands.referring_lists(site), s.routing_retrieve, float(s.routing_interval_s),
                s.routing_look_back_days, s.routing_debounce_s, on_queued=lambda _: self._kick_transfers(),
            )
        self._scheduler_task: asyncio.Task[None] | None = None
        self.pacs_search = PacsSearch(site, self.store, self.scheduler, on_queued=lambda _: self._kick_transfers())
        self.reachability = sites.PeerReachability(lambda: sites.peer_list(site), self.transfers.client.post,
                                                   state_file=s.home / sites.SEEN_FILE)
        self._reachability_task: asyncio.Task[None] | None = None
        self.retention = SpoolRetention(RetentionStore(self.store.database), self.spool, s.spool_keep_days)
        self._retention_task: asyncio.Task[None] | None = None

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> None:
        other = running_pid(self.settings.home)
        if other is not None and other != os.getpid():
            raise ConfigError(f"an engine already serves this site (pid {other}); stop it first or use that one")
        self.state = EngineState.STARTING
        self._thread.start()
        self._finish_interrupted_purges()  # before recovery, which would take their files for unrecorded ones
        recovered = self.ingest.recover()
        log.info("engine starting for site %s (recovery: %s)", self.site.site_id, recovered)
        self.scp.start()
        self.call(self.transfers.start()).result(timeout=60)
        self.call(self._start_parts()).result(timeout=60)
        write_pid(self.settings.home)
        self.state = EngineState.RUNNING
        self.emit(EngineEvent("engine", {"state": str(self.state)}))

    def stop(self) -> None:
        if self.state in (EngineState.STOPPED, EngineState.STOPPING):
            return
        self.state = EngineState.STOPPING
        self.scp.stop()
        self.call(self._stop_parts()).result(timeout=30)
        self.call(self.transfers.stop()).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.store.close()
        clear_pid(self.settings.home)
        self.state = EngineState.STOPPED
        log.info("engine stopped")

    async def _start_parts(self) -> None:
        if self.settings.lan_discovery:  # opt-in: mDNS multicasts on the LAN the site binds to
            await self.lan_hints.start(self.site.site_id, self.transfers.port, https=self.settings.serves_tls)
        await self.refresher.start()
        await self.patients.start()
        await self.pipeline.start()
        if self.scheduler is not None:
            self._scheduler_task = asyncio.create_task(self.scheduler.run(), name="passerelle-routing")
        self._reachability_task = asyncio.create_task(self.reachability.run(), name="passerelle-reachability")
        self._retention_task = asyncio.create_task(
            self.retention.run(float(self.settings.spool_purge_interval_s), self._spool_purged),
            name="passerelle-spool-retention")

    async def _stop_parts(self) -> None:
        self.retention.stop()
        if self._retention_task is not None:
            self._retention_task.cancel()
            await asyncio.gather(self._retention_task, return_exceptions=True)
        if self.scheduler is not None:
            await self.scheduler.stop()
        if self._scheduler_task is not None:
            self._scheduler_task.cancel()
            await asyncio.gather(self._scheduler_task, return_exceptions=True)
        await self.pipeline.stop()
        await self.patients.stop()
        await self.refresher.stop()
        await self.lan_hints.stop()
        self.reachability.stop()
        if self._reachability_task is not None:
            self._reachability_task.cancel()
            await asyncio.gather(self._reachability_task, return_exceptions=True)

    def _finish_interrupted_purges(self) -> None:
        try:
            finished = self.retention.finish_interrupted()
        except Exception:  # the next purge tries again; recovery then reports the files as missing
            log.exception("spool retention: interrupted purges could not be finished at start")
            return
        if finished:
            log.info("spool retention: %d interrupted purges finished at start", finished)

    def _spool_purged(self, report: PurgeReport) -> None:
        self.emit(EngineEvent("spool_purged", {"studies": len(report.studies), "files": report.files,
                                               "bytes": report.bytes, "resumed": report.resumed}))

    def _kick_transfers(self) -> None:
        self.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self.transfers.kick()))

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        self.loop.close()

    # -- commands and events ----------------------------------------------------------------------
    def call(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run a coroutine on the engine loop from any thread; the caller never blocks unless it waits."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Receive engine events (called on the engine thread; clients hop to their own thread)."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: EngineEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("event listener failed on %s", event.kind)

    def _on_stored(self, ref: InstanceRef) -> None:
        event = EngineEvent("instance_stored", {"study_uid": ref.study_uid, "sop_instance_uid": ref.sop_instance_uid})
        self.loop.call_soon_threadsafe(self.emit, event)
        if self.scheduler is not None and instance_source(self.store, ref.sop_instance_uid) == "scp":
            self.scheduler.on_instances_stored(ref.study_uid)

    async def status(self) -> dict[str, object]:
        report = await asyncio.to_thread(commands.status_report, self.site, self.store, str(self.state))
        self.reachability.annotate(report["peers"])  # type: ignore[arg-type]
        report["spool"] = await asyncio.to_thread(self.retention.status)
        return report

    async def purge_spool(self, dry_run: bool = False) -> PurgeReport:
        """Apply the retention policy now (dry run: only report what it would free)."""
        report = await asyncio.to_thread(self.retention.purge, dry_run)
        if not dry_run and (report.studies or report.resumed):
            self._spool_purged(report)
        return report

    async def probe_peers(self) -> dict[str, sites.PeerSeen]:
        """Probe every peer's endpoint now (the sites page's "check now"); also done every minute."""
        return await self.reachability.probe_due(force=True)

    async def search_pacs(self, query: PacsQuery) -> list[PacsStudy]:
        """Study-level search of the local PACS (C-FIND, or QIDO-RS)."""
        return await self.pacs_search.find(query)

    async def send_from_pacs(self, study_uid: str, to: str) -> PacsSendReport:
        """Retrieve a study from the PACS and queue it to a site, like a drag and drop."""
        report = await self.pacs_search.send(study_uid, to)
        self.emit(EngineEvent("transfers_changed", {"queued": [report.transfer_id]}))
        return report

    async def send(self, paths: list[Path], to: str) -> commands.SendReport:
        report = await asyncio.to_thread(commands.send_paths, self.site, self.store, self.ingest, paths, to)
        self.emit(EngineEvent("transfers_changed", {"queued": list(report.transfer_ids)}))
        await self.transfers.kick()
        return report

    async def decide(self, case_id: int, choice: str, who: str, patient_id: str = "",
                     reason: str = "") -> review.ManualDecision:
        """A person's decision on a review case; the pipeline pushes the study once it stands."""
        decision = await asyncio.to_thread(review.decide, self.store, case_id, review.Choice(choice), who,
                                           patient_id, reason)
        self.pipeline.wake()
        return decision

    async def cancel_transfer(self, transfer_id: str, who: str) -> bool:
        """A person cancels an outgoing transfer; a running attempt stops now. False if it was not active."""
        return await self.transfers.cancel(transfer_id, who)

    async def retry_transfer(self, transfer_id: str, who: str) -> bool:
        """A person retries a failed transfer now: an outgoing one is queued again, an incoming one goes back to
        reconciliation and the PACS push. False if it was not failed."""
        direction = await asyncio.to_thread(self.store.retry_failed, transfer_id, f"retry asked by {who}",
                                            RECEIVED_REASON)
        if direction == "in":
            self.pipeline.wake()
        elif direction == "out":
            await self.transfers.kick()
        if direction:
            log.info("transfer %s (%s) retried by a user", transfer_id, direction)
            self.emit(EngineEvent("transfers_changed", {"id": transfer_id}))
        return bool(direction)

    async def import_patients(self, path: Path, who: str) -> int:
        """Import local patient records from a CSV (id,family_name,given_name,birth_date,sex,niss)."""
        return await self.patients.import_csv(path, who)


def write_pid(home: Path) -> None:
    (home / "engine.pid").write_text(f"{os.getpid()}\n")


def clear_pid(home: Path) -> None:
    pid_file = home / "engine.pid"
    if pid_file.exists() and pid_file.read_text().strip() == str(os.getpid()):
        pid_file.unlink()


def running_pid(home: Path) -> int | None:
    """The pid of a live engine serving this home, if any."""
    try:
        pid = int((home / "engine.pid").read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid
