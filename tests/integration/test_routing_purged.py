"""Routing a study whose spool files retention already purged: retrieved again only for a site that needs it.

Orthanc A holds a study; appliance A routes it to B (receipted), `passerelle spool purge` removes A's copy.
With only B's rule, the study is not retrieved again (B has it). A rule for C that matches it later makes
A retrieve it again from the PACS and deliver it to C; B is not sent it twice. A person sending it from the
PACS search after a purge gets it retrieved again only for a site that lacks it: to a site that already
received it, nothing is retrieved (and nothing new is queued).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from pydicom import dcmread

from appliance.dicom.ingest import Ingest
from appliance.dicom.scp import StorageSCP
from appliance.domain import DicomNode, Direction
from appliance.routing.rules import Criteria
from appliance.service.pacs_search import PacsSearch
from appliance.service.scheduler import RoutingScheduler
from appliance.service.settings import Settings
from appliance.service.site import init_site as init_local_site
from appliance.service.spool_retention import SpoolRetention
from appliance.store.retention import RetentionStore
from appliance.store.routing import RoutingStore
from appliance.store.spool import Spool
from appliance.store.state import StateStore
from appliance.store.transfers import TransferJournal
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration import peers
from tests.integration.appliance_proc import (
    CLI,
    SiteHome,
    cli,
    init_site,
    query,
    serve,
    sign_and_trust,
    wait_for,
)
from tests.ui import seed

pytestmark = [pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed"),
              pytest.mark.timeout(300)]


def set_settings(site: SiteHome, **changes: object) -> None:
    path = site.home / "settings.toml"
    path.write_text(tomli_w.dumps(tomllib.loads(path.read_text()) | changes))


def spool_files(home: Path, study_uid: str) -> list[Path]:
    """The study's files on disk (by walking the spool, not from the records)."""
    folder = home / "spool" / "studies" / study_uid
    return sorted(folder.rglob("*.dcm")) if folder.exists() else []


def logs(site: SiteHome) -> str:
    text = "".join(p.read_text(errors="replace") for p in site.home.glob("serve-*.log"))
    return text + "".join(p.read_text(errors="replace") for p in (site.home / "logs").glob("*"))


def out_transfers(site: SiteHome) -> list[tuple[str, str, int, str]]:
    rows = query(site, "SELECT peer, state, files_total, reason FROM transfers WHERE direction = 'out' "
                       "ORDER BY created_at")
    return [(str(r["peer"]), str(r["state"]), int(r["files_total"]), str(r["reason"])) for r in rows]


def purge(site: SiteHome) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PASSERELLE_FAULT"}
    done = subprocess.run([*CLI, "spool", "purge", "--json", "--home", str(site.home)], capture_output=True,
                          text=True, timeout=120, env=env, check=True)
    result = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


def test_a_new_rule_for_another_site_retrieves_the_purged_study_again_and_delivers_it(tmp_path: Path) -> None:
    root = tmp_path / "three"
    root.mkdir()
    a, b, c = (init_site(root, name) for name in ("CHU de Liège", "CHR Citadelle", "AZ Groeninge"))
    sign_and_trust(root, (a, b, c))
    files = cached_study(StudySpec(instances=8, rows=64, columns=64, seed=41, patient_id="SYN-PURGED-ROUTE",
                                   patient_name="PURGED^PIA"))
    study_uid = str(dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)
    with peers.start_orthanc(tmp_path, aet="PACSA", modalities={"passa": ("PASSA", "127.0.0.1", a.dicom_port)}) \
            as pacs_a:
        pacs_a.upload(files)
        # the engine purges at start, then hourly: the purges that matter here are the explicit ones
        set_settings(a, aet="PASSA", pacs=f"PACSA@127.0.0.1:{pacs_a.dicom_port}", bind_host="127.0.0.1",
                     routing_interval_s=1, routing_look_back_days=36500, routing_debounce_s=0.5, min_free_mb=0,
                     spool_keep_days=0, spool_purge_interval_s=3600)
        cli("rules", "add", "--site", b.name, "--modality", "CT", "--home", str(a.home))
        with serve(a), serve(b):
            wait_for(lambda: [t[1] for t in out_transfers(a)] == ["done"], timeout=90, what="A's receipt from B")
        assert purge(a)["files"] == 8
        assert spool_files(a.home, study_uid) == []

        # only B's rule: B has the study, so the purged study is not retrieved again
        cycles_before = logs(a).count("routing cycle:")
        with serve(a), serve(b):
            wait_for(lambda: logs(a).count("routing cycle:") >= cycles_before + 3, timeout=60,
                     what="three routing cycles on A")
            assert spool_files(a.home, study_uid) == []
        assert query(a, "SELECT count(*) AS n FROM instances WHERE purged_at = ''")[0]["n"] == 0
        assert len(out_transfers(a)) == 1

        # a rule for C matches the same study: retrieved again from the PACS, delivered to C, B not sent again
        cli("rules", "add", "--site", c.name, "--modality", "CT", "--home", str(a.home))
        with serve(a), serve(b), serve(c):
            wait_for(lambda: {t[1] for t in out_transfers(a)[1:]} & {"done", "failed"}, timeout=120,
                     what="A's transfer to C finished")
            to_c = [(t[1], t[3]) for t in out_transfers(a) if t[0] == c.site_id]
            assert [state for state, _ in to_c] == ["done"], to_c[:2]  # before: failed, "no longer in the spool"
            wait_for(lambda: query(c, "SELECT state FROM transfers WHERE direction = 'in'"), timeout=30,
                     what="C's incoming transfer")
        assert [t[:3] for t in out_transfers(a)] == [(b.site_id, "done", 8), (c.site_id, "done", 8)]
        assert len(query(b, "SELECT id FROM transfers WHERE direction = 'in'")) == 1
        [incoming] = query(c, "SELECT files_total, study_uid FROM transfers WHERE direction = 'in'")
        assert (incoming["files_total"], incoming["study_uid"]) == (8, study_uid)
        assert len(spool_files(c.home, study_uid)) == 8
    for secret in ("PURGED", "PIA", "SYN-PURGED-ROUTE"):
        assert secret not in logs(a)


# -- in process: the scheduler's cycle and the PACS search's manual send --------------------------
@pytest.fixture
def local(tmp_path: Path) -> Iterator[tuple[object, StateStore, Spool, Ingest, StorageSCP]]:
    site = init_local_site(Settings(home=tmp_path / "site", site_name="CHR Citadelle", aet="CITADELLE",
                                    dicom_port=peers.free_port(), http_port=peers.free_port(),
                                    bind_host="127.0.0.1", min_free_mb=0))
    seed.install_directory(site, tmp_path / "network")
    store = StateStore(site.settings.db_path)
    spool = Spool(site.settings.spool_dir, site.settings.quarantine_dir, 0)
    ingest = Ingest(spool, store)
    scp = StorageSCP(site.settings, ingest)
    scp.start()
    try:
        yield site, store, spool, ingest, scp
    finally:
        scp.stop()
        store.close()


def test_cycle_and_manual_send_retrieve_a_purged_study_only_for_a_site_that_lacks_it(
    tmp_path: Path, local: tuple[object, StateStore, Spool, Ingest, StorageSCP], other_study: list[Path]
) -> None:
    site, store, spool, _, scp = local
    liege, groeninge, third = (str(p["id"]) for p in seed.PEERS[:3])
    study = str(dcmread(other_study[0], stop_before_pixels=True).StudyInstanceUID)
    with peers.start_orthanc(tmp_path, aet="PACSA", modalities={"cit": ("CITADELLE", "127.0.0.1", scp.port)}) as pacs:
        pacs.upload(other_study)
        routing = RoutingStore(store.database)
        scheduler = RoutingScheduler(store, routing, "CITADELLE", pacs=DicomNode("PACSA", "127.0.0.1", pacs.dicom_port),
                                     look_back_days=36500, today=date.today)
        routing.add_rule(liege, Criteria(modalities=("CT",)))
        first = asyncio.run(scheduler.run_once())
        assert (first.retrieved, [q.site for q in first.queued]) == (1, [liege])
        journal = TransferJournal(store.database)  # the sender's path to 'done': manifest frozen, receipt stored
        journal.freeze_outgoing(first.queued[0].transfer_id, b"\x01" * 16, b"manifest", b"k" * 32, "h", 1)
        journal.delivered(first.queued[0].transfer_id, b"signed receipt")
        assert SpoolRetention(RetentionStore(store.database), spool, 0).purge().files == len(other_study)
        home = site.settings.home  # type: ignore[attr-defined]
        assert spool_files(home, study) == []

        again = asyncio.run(scheduler.run_once())  # Liège has it: nothing retrieved, nothing queued
        assert (again.candidates, again.retrieved, again.queued, again.waiting) == (1, 0, [], [])
        assert spool_files(home, study) == []

        routing.add_rule(groeninge, Criteria(modalities=("CT",)))
        third_cycle = asyncio.run(scheduler.run_once())
        assert third_cycle.retrieved == 1 and [(q.site, q.series) for q in third_cycle.queued] == [(groeninge, 2)]
        assert len(spool_files(home, study)) == len(other_study)
        new = [t for t in store.transfers() if t.direction is Direction.OUT and t.peer == groeninge]
        assert [t.files_total for t in new] == [len(other_study)]
        for ref in journal.outgoing_files(third_cycle.queued[0].transfer_id):
            assert spool.absolute(ref.path).is_file()

        # the Groeninge transfer delivered too, the study purged again; a person sends it to a site that has it
        journal.freeze_outgoing(third_cycle.queued[0].transfer_id, b"\x02" * 16, b"manifest", b"k" * 32, "h", 1)
        journal.delivered(third_cycle.queued[0].transfer_id, b"signed receipt")
        assert SpoolRetention(RetentionStore(store.database), spool, 0).purge().files == len(other_study)
        search = PacsSearch(site, store, scheduler)  # type: ignore[arg-type]
        transfers_before = len(store.transfers())
        for has_it in (liege, groeninge):
            known = asyncio.run(search.send(study, has_it))
            assert (known.retrieved, known.already_queued, known.instances) == (False, True, len(other_study))
        assert spool_files(home, study) == []  # nothing retrieved from the PACS
        assert len(store.transfers()) == transfers_before

        # ... and to a third site, which lacks it: retrieved again, queued with its files
        report = asyncio.run(search.send(study, third))
        assert report.retrieved and not report.already_queued and report.instances == len(other_study)
        assert len(spool_files(home, study)) == len(other_study)
        assert [t.files_total for t in store.transfers() if t.peer == third] == [len(other_study)]
        for ref in journal.outgoing_files(report.transfer_id):
            assert spool.absolute(ref.path).is_file()
