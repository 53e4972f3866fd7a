"""Which sites the routing rules send a study to, and queueing it once to each of them.

`candidate_sites` tries the rules on a PACS query answer: a criterion whose attribute the PACS did not return
is not held against the study. `RoutingQueue` decides again on the stored attributes (the authoritative ones)
and queues a local study to each chosen site through `StateStore.queue_outgoing`, which only queues the
instances that site has not been sent (a series added later becomes an addition). A site that would be sent
instances whose files spool retention purged is not queued: `RoutingQueue.lacking` names the series to
retrieve again first. Studies received from peer sites are never routed onward. Logs carry UIDs, site ids and
counts only.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from appliance.routing.rules import Rule, StudySummary, destinations, evaluate
from appliance.store.retention import RetentionStore
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
ReferringLists = Callable[[], dict[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Queued:
    """A transfer the scheduler queued: `addition` when the site already had other series of the study."""

    study_uid: str
    site: str
    transfer_id: str
    series: int
    addition: bool


def no_lists() -> dict[str, tuple[str, ...]]:
    return {}


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


class RoutingQueue:
    """Queues a local study to the sites the rules choose on its stored attributes, once per site."""

    def __init__(self, store: StateStore, routing: RoutingStore, retention: RetentionStore,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.routing = routing
        self.retention = retention
        self.today = today

    def recorded(self, study_uid: str) -> int:
        """Instances of the study the spool ever recorded, purged ones included."""
        stored = self.routing.stored_summary(study_uid)
        return stored[2] if stored else 0

    def lacking(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
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

    def queue(self, study_uid: str, rules: list[Rule], lists: dict[str, tuple[str, ...]]) -> list[Queued]:
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
