"""Commands shared by the engine and the offline CLI: status, sending files, resolving sites."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from appliance.dicom import scu
from appliance.dicom.importer import import_paths
from appliance.dicom.ingest import Ingest
from appliance.domain import DicomNode
from appliance.errors import BadInput
from appliance.service import disk_alarm, sites
from appliance.service.site import Site
from appliance.store.state import StateStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SendReport:
    """What `send` did: instances imported, transfers queued, files refused."""

    site: str
    studies: tuple[str, ...]
    transfer_ids: tuple[str, ...]
    imported: int
    quarantined: tuple[tuple[str, str], ...]
    already_queued: tuple[str, ...]


def status_report(site: Site, store: StateStore, engine_state: str) -> dict[str, object]:
    """The status document (`status --json`): engine state, peers, transfers, review queue."""
    s = site.settings
    report: dict[str, object] = {
        "site": {"id": site.site_id, "name": s.site_name, "fingerprint": site.keys.fingerprint},
        "engine": {"state": engine_state},
        "dicom": {"aet": s.aet, "port": s.dicom_port, "pacs": str(s.pacs) if s.pacs else ""},
        "directory": sites.directory_summary(site),
        "peers": sites.peer_list(site),
        "transfers": [_while_stopped(t.as_json()) if engine_state == "stopped" else t.as_json()
                      for t in store.transfers()],
        "review_queue": store.review_queue_size(),
        "quarantine": len(store.quarantined()),
        "alarms": sites.alarms(site),
    }
    return disk_alarm.annotate_status(report, store.database, s.spool_dir, s.min_free_mb << 20)


ACTIVE_STATES = ("queued", "sending", "receiving", "storing")
STOPPED_REASON = "engine stopped: resumes when it starts"


def _while_stopped(transfer: dict[str, object]) -> dict[str, object]:
    """An unfinished transfer of a stopped engine says so in its reason (its state is where it will resume)."""
    if transfer.get("state") in ACTIVE_STATES:
        last = str(transfer.get("reason") or "")
        transfer["reason"] = f"{STOPPED_REASON} (last: {last})" if last else STOPPED_REASON
    return transfer


def send_paths(site: Site, store: StateStore, ingest: Ingest, paths: list[Path], to: str) -> SendReport:
    """Import files/folders/DICOMDIR into the spool and queue one transfer per study to a site."""
    peer = sites.resolve_site(site, to)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise BadInput(f"no such file or folder: {missing[0]}")
    report = import_paths(paths, ingest)
    if not report.studies:
        reason = report.quarantined[0][1] if report.quarantined else "no DICOM file found"
        raise BadInput(f"nothing to send: {reason}")
    queued: list[str] = []
    already: list[str] = []
    for study_uid in report.studies:
        transfer_id, created = store.queue_outgoing(peer, study_uid)
        (queued if created else already).append(transfer_id or study_uid)
        log.info("study %s queued for site %s (transfer %s)", study_uid, peer, transfer_id)
    return SendReport(
        site=peer,
        studies=tuple(report.studies),
        transfer_ids=tuple(queued),
        imported=len(report.instances),
        quarantined=tuple((str(p), r) for p, r in report.quarantined),
        already_queued=tuple(already),
    )



def echo_pacs(node: DicomNode, calling_aet: str) -> None:
    """C-ECHO a PACS (blocking: call it off the UI thread). Raises DicomPeerError with one clear line."""
    scu.echo(node, calling_aet)
