"""SIGKILL of the receiver, then of the sender, at exact points of a transfer; after a restart every file is
present exactly once and only the chunks the receiver had not journaled cross the wire again.

The kill points come from the test-only PASSERELLE_FAULT hook (appliance/transport/faults.py). The resend
count is read from the journals: the sender's `offers` lists how many chunks the receiver missed at each
offer, and the receiver's `chunks_recorded` / `chunks_repeated` count first and repeated arrivals.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import (
    ApplianceProcess,
    SiteHome,
    make_pair,
    query,
    send,
    serve,
    transfer,
    wait_for,
)

pytestmark = pytest.mark.timeout(300)
INSTANCES = 40


@dataclass
class Outcome:
    study_uid: str
    total: int
    journaled_at_crash: int
    offers: list[int]
    sent: dict[str, object]
    received: dict[str, object]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteHome, SiteHome]:
    return make_pair(tmp_path_factory.mktemp("crash-pair"))


def study(seed: int) -> list[Path]:
    return cached_study(StudySpec(instances=INSTANCES, rows=256, columns=256, seed=seed, patient_id=f"SYN-CR-{seed}"))


def journaled(site: SiteHome, transfer_id: str) -> int:
    return int(query(site, "SELECT count(*) AS n FROM chunks WHERE transfer_id = ?", (transfer_id,))[0]["n"])


def crash_and_resume(pair: tuple[SiteHome, SiteHome], victim: str, point: str, nth: int, seed: int) -> Outcome:
    """Run a transfer with one side set to die at `point`, restart it without the fault, wait for the receipt."""
    a, b = pair
    files = study(seed)
    doomed_site, healthy_site = (a, b) if victim == "sender" else (b, a)
    with serve(healthy_site):
        doomed = ApplianceProcess(doomed_site, fault=f"{victim}:{point}:{nth}").wait_ready()
        try:
            report = send(a, files, to=b.name)
            transfer_id = str(report["transfers"][0])  # type: ignore[index]
            assert doomed.wait_exit(timeout=60) == -9, "the fault hook did not fire"
        finally:
            doomed.stop()
        time.sleep(0.5)  # let the survivor finish what was already in flight
        at_crash = journaled(b, transfer_id)
        assert transfer(a, "out")["state"] != "done"
        with serve(doomed_site):
            wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=90, what="the receipt after restart")
    sent, received = transfer(a, "out"), transfer(b, "in")
    assert sent["id"] == received["id"] == transfer_id
    return Outcome(str(report["studies"][0]), int(sent["chunks_total"]), at_crash,  # type: ignore[index, arg-type]
                   json.loads(str(sent["offers"])), sent, received)


def assert_exactly_once(pair: tuple[SiteHome, SiteHome], outcome: Outcome) -> None:
    a, b = pair
    rows = query(b, "SELECT sop_instance_uid, path, sha256, source FROM instances WHERE study_uid = ?",
                 (outcome.study_uid,))
    assert len(rows) == INSTANCES == len({r["sop_instance_uid"] for r in rows})
    assert {r["source"] for r in rows} == {"peer"}
    origin = query(b, "SELECT origin FROM studies WHERE study_uid = ?", (outcome.study_uid,))[0]["origin"]
    assert origin == a.site_id
    sender = {r["sop_instance_uid"]: r["sha256"] for r in query(
        a, "SELECT sop_instance_uid, sha256 FROM instances WHERE study_uid = ?", (outcome.study_uid,))}
    for r in rows:
        with open(b.home / "spool" / r["path"], "rb") as handle:
            assert hashlib.file_digest(handle, "sha256").hexdigest() == sender[r["sop_instance_uid"]] == r["sha256"]
    on_disk = list((b.home / "spool" / "studies" / outcome.study_uid).rglob("*.dcm"))
    assert len(on_disk) == INSTANCES
    assert not (b.home / "spool" / "incoming" / str(outcome.received["id"])).exists()
    assert outcome.received["state"] == "storing" and outcome.received["receipt_bytes"]
    # Every chunk was journaled exactly once, and none arrived a second time.
    assert outcome.received["chunks_recorded"] == outcome.total == INSTANCES
    assert outcome.received["chunks_repeated"] == 0
    print(f"\n  offers (chunks missing at each offer): {outcome.offers}; journaled before the restart: "
          f"{outcome.journaled_at_crash}/{outcome.total}; acknowledged to the sender: {outcome.sent['chunks_sent']}")


# Chunks go several to a request, up to 6 requests at once: the first 18 or so may all be written before any is
# recorded, but a chunk after them is only sent once an earlier batch was recorded. Killing the receiver in the
# middle of the 30th chunk's write therefore always finds some chunks journaled, and some not even sent.
# Likewise up to 3 group commits run at once (transfer_durability.FLUSHERS): the 4th begins only after one of
# them has recorded its chunks.
@pytest.mark.parametrize(("point", "nth", "seed"), [
    ("mid_chunk", 30, 31),
    ("after_fsync_before_record", 4, 32),
])
def test_receiver_killed_while_journaling_resends_only_missing_chunks(
    pair: tuple[SiteHome, SiteHome], point: str, nth: int, seed: int
) -> None:
    outcome = crash_and_resume(pair, "receiver", point, nth, seed)
    assert_exactly_once(pair, outcome)
    assert outcome.offers[0] == outcome.total
    assert 0 < outcome.journaled_at_crash < outcome.total
    assert outcome.offers[-1] == outcome.total - outcome.journaled_at_crash
    # A chunk journaled just before the kill may never have been acknowledged; none is acknowledged twice.
    assert int(outcome.sent["chunks_sent"]) <= outcome.total  # type: ignore[call-overload]


@pytest.mark.parametrize(("point", "seed"), [("after_move_before_record", 33), ("after_commit_before_reply", 34)])
def test_receiver_killed_while_committing_finishes_without_resending(
    pair: tuple[SiteHome, SiteHome], point: str, seed: int
) -> None:
    outcome = crash_and_resume(pair, "receiver", point, 1, seed)
    assert_exactly_once(pair, outcome)
    assert outcome.offers[0] == outcome.total and outcome.offers[-1] == 0
    assert int(outcome.sent["chunks_sent"]) <= outcome.total  # type: ignore[call-overload]


def test_sender_killed_mid_transfer_resends_only_missing_chunks(pair: tuple[SiteHome, SiteHome]) -> None:
    outcome = crash_and_resume(pair, "sender", "after_chunk_sent", 10, 35)
    assert_exactly_once(pair, outcome)
    assert outcome.offers[0] == outcome.total
    assert 10 <= outcome.journaled_at_crash < outcome.total
    assert outcome.offers[-1] == outcome.total - outcome.journaled_at_crash


def test_sender_killed_before_storing_the_receipt_gets_it_again(pair: tuple[SiteHome, SiteHome]) -> None:
    outcome = crash_and_resume(pair, "sender", "receipt_before_store", 1, 36)
    assert_exactly_once(pair, outcome)
    assert outcome.offers == [outcome.total, 0]
    assert outcome.received["sessions"] == 2
