"""Auto-routing against a real Orthanc: C-FIND, C-MOVE to the appliance, completeness, queued once per site."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pydicom import dcmread
from pydicom.uid import generate_uid

from appliance.domain import DicomNode, Direction
from appliance.routing.rules import Criteria
from appliance.service.scheduler import Queued, RoutingScheduler
from appliance.store.routing import RoutingStore
from tests.integration import peers
from tests.integration.conftest import NODE_AET, Node

pytestmark = pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")

TODAY = date(2026, 11, 23)
SITE_B = "site-b-id"
LISTS = {SITE_B: ("Dr Referring Doctor", "Someone Else")}


def variant(files: list[Path], folder: Path, new_series: bool = False, count: int | None = None,
            **changes: str) -> list[Path]:
    """Copies of `files` as another study (new study UID) or as a later series of the same study."""
    folder.mkdir(parents=True, exist_ok=True)
    first = dcmread(files[0], stop_before_pixels=True)
    study_uid = first.StudyInstanceUID if new_series else generate_uid()
    series_map: dict[str, str] = {}
    out = []
    for n, path in enumerate(files[:count] if count else files):
        ds = dcmread(path)
        ds.StudyInstanceUID = study_uid
        ds.SeriesInstanceUID = series_map.setdefault(ds.SeriesInstanceUID, generate_uid())
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        if new_series:
            ds.SeriesNumber = 90 + len(series_map)
        for key, value in changes.items():
            setattr(ds, key, value)
        target = folder / f"V{n:04d}.dcm"
        ds.save_as(target, enforce_file_format=True)
        out.append(target)
    return out


def uid_of(files: list[Path]) -> str:
    return str(dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)


@pytest.fixture
def orthanc_a(tmp_path: Path, node: Node) -> Iterator[peers.Orthanc]:
    with peers.start_orthanc(tmp_path, aet="PACSA", modalities={"pass": (NODE_AET, "127.0.0.1", node.port)}) as pacs:
        yield pacs


def scheduler_for(node: Node, pacs: DicomNode | None, **kwargs: object) -> tuple[RoutingScheduler, RoutingStore]:
    routing = RoutingStore(node.store.database)
    scheduler = RoutingScheduler(node.store, routing, NODE_AET, pacs=pacs, referring_lists=lambda: LISTS,
                                 look_back_days=3650, today=lambda: TODAY, **kwargs)  # type: ignore[arg-type]
    return scheduler, routing


def outgoing(node: Node) -> list[tuple[str, str, int]]:
    return sorted((t.peer, t.study_uid, t.files_total) for t in node.store.transfers()
                  if t.direction is Direction.OUT)


def test_matching_study_is_retrieved_and_queued_once_later_series_as_addition(
    tmp_path: Path, node: Node, orthanc_a: peers.Orthanc, other_study: list[Path]
) -> None:
    stranger = variant(other_study, tmp_path / "stranger", ReferringPhysicianName="NOBODY^ATALL")
    orthanc_a.upload(other_study + stranger)
    pacs = DicomNode(orthanc_a.aet, "127.0.0.1", orthanc_a.dicom_port)
    queued: list[Queued] = []
    scheduler, routing = scheduler_for(node, pacs, on_queued=queued.append)
    routing.add_rule(SITE_B, Criteria(referring_from_directory=True, modalities=("CT",)))
    routing.add_rule("site-c-id", Criteria(referring=("Nobody Else",)))
    study = uid_of(other_study)

    first = asyncio.run(scheduler.run_once())
    assert (first.found, first.candidates, first.retrieved, first.errors) == (2, 1, 1, [])
    assert [(q.study_uid, q.site, q.series, q.addition) for q in first.queued] == [(study, SITE_B, 2, False)]
    assert queued == first.queued
    assert outgoing(node) == [(SITE_B, study, len(other_study))]
    assert node.store.instances_of_study(uid_of(stranger)) == []  # matched no rule: stays in the PACS

    again = asyncio.run(scheduler.run_once())
    assert (again.retrieved, again.queued) == (0, [])
    assert outgoing(node) == [(SITE_B, study, len(other_study))]

    later = variant(other_study[0::2], tmp_path / "later", new_series=True, count=3)  # one new series
    orthanc_a.upload(later)
    third = asyncio.run(scheduler.run_once())
    assert third.retrieved == 1
    assert [(q.site, q.series, q.addition) for q in third.queued] == [(SITE_B, 1, True)]
    assert outgoing(node) == sorted([(SITE_B, study, len(other_study)), (SITE_B, study, 3)])
    assert len(routing.routed_series(study, SITE_B)) == 3
    assert asyncio.run(scheduler.run_once()).queued == []


def test_pushed_study_waits_for_the_pacs_count_then_is_routed(
    node: Node, orthanc_a: peers.Orthanc, other_study: list[Path]
) -> None:
    orthanc_a.upload(other_study)
    pacs = DicomNode(orthanc_a.aet, "127.0.0.1", orthanc_a.dicom_port)
    scheduler, routing = scheduler_for(node, pacs, debounce_s=0.2)
    routing.add_rule(SITE_B, Criteria(referring_from_directory=True))
    study = uid_of(other_study)

    async def scenario() -> None:
        scheduler.attach(asyncio.get_running_loop())
        node.ingest.on_stored = lambda ref: scheduler.on_instances_stored(ref.study_uid)
        half = await asyncio.to_thread(peers.storescu, NODE_AET, node.port, other_study[:6], "PACSA")
        assert half.returncode == 0, half.stderr
        await asyncio.sleep(0.8)
        assert outgoing(node) == []  # the PACS counts 12, the spool holds 6: wait
        rest = await asyncio.to_thread(peers.storescu, NODE_AET, node.port, other_study[6:], "PACSA")
        assert rest.returncode == 0, rest.stderr
        await wait_for(lambda: outgoing(node) != [])
        await scheduler.stop()

    asyncio.run(scenario())
    assert outgoing(node) == [(SITE_B, study, len(other_study))]


def test_modality_push_without_pacs_is_routed_after_the_quiet_period(node: Node, other_study: list[Path]) -> None:
    scheduler, routing = scheduler_for(node, None, debounce_s=0.2)
    routing.add_rule(SITE_B, Criteria(description="CT THOR*", institution="CHR*", station="CT0?"))
    routing.add_rule("site-c-id", Criteria(station="MR*"))

    async def scenario() -> None:
        scheduler.attach(asyncio.get_running_loop())
        node.ingest.on_stored = lambda ref: scheduler.on_instances_stored(ref.study_uid)
        sent = await asyncio.to_thread(peers.storescu, NODE_AET, node.port, other_study, "MODALITY")
        assert sent.returncode == 0, sent.stderr
        await wait_for(lambda: outgoing(node) != [])
        scheduler.on_association_released([uid_of(other_study)])
        await asyncio.sleep(0.3)
        await scheduler.stop()

    asyncio.run(scenario())
    assert outgoing(node) == [(SITE_B, uid_of(other_study), len(other_study))]


async def wait_for(condition: object, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def test_a_rule_added_while_the_scheduler_waits_starts_a_cycle_at_once(
    node: Node, orthanc_a: peers.Orthanc, other_study: list[Path]
) -> None:
    """`passerelle rules add` (here: another connection) is acted on now, not at the next 300 s interval."""
    from appliance.store.state import StateStore

    orthanc_a.upload(other_study)
    pacs = DicomNode(orthanc_a.aet, "127.0.0.1", orthanc_a.dicom_port)
    scheduler, _ = scheduler_for(node, pacs, interval_s=300.0)

    async def scenario() -> float:
        running = asyncio.create_task(scheduler.run())
        await asyncio.sleep(0.5)  # the first cycle ran (no rule): now waiting for 300 s
        other = StateStore(node.store.database.path)
        try:
            RoutingStore(other.database).add_rule(SITE_B, Criteria(referring_from_directory=True))
        finally:
            other.close()
        started = time.monotonic()
        await wait_for(lambda: outgoing(node) != [])
        took = time.monotonic() - started
        await scheduler.stop()
        await asyncio.gather(running, return_exceptions=True)
        return took

    took = asyncio.run(scenario())
    assert outgoing(node) == [(SITE_B, uid_of(other_study), len(other_study))]
    assert took < 10.0
