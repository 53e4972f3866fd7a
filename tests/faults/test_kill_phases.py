"""SIGKILL of a `passerelle serve` at each phase of the PACS-to-PACS path, then a restart: nothing lost or doubled.

Orthanc A -> appliance A (C-MOVE, queue, send) -> appliance B (receive, commit, reconcile, rewrite, push)
-> Orthanc B, all real processes on loopback (tests/integration/pipeline_net.py, tests/faults/pacs_pipeline.py).
One network, two Orthancs and two engines serve every case in this module; each case sends its own study
(64 instances, its own patient), kills one engine at one phase, restarts it and waits for the study to land.

The kill is timed by watching from outside, never by a sleep: the engine's SQLite file (read-only) or
Orthanc's REST counters, polled every 2 ms, then `kill -9` at once. The receiver's "committed, not yet
reconciled" phase lasts milliseconds, so it uses the PASSERELLE_FAULT hook `receiver:after_commit_before_reply`
(appliance/transport/faults.py). Windows of microseconds between two transactions are hit with
tests/faults/kill_between.py (the real engine ending itself at one exact call). What the kill actually hit
is read back from the dead engine's database and printed; a case whose phase went by unseen fails with what
it saw instead.

To make the phases last long enough to hit, both Orthancs keep Nagle's algorithm on, the push uses 2
associations, and the sender's bandwidth is capped so the 64 chunks take about a second.

Every case ends with `assert_landed_once`: each instance in Orthanc B exactly once with the reconciled
Patient ID, each appliance holding the study once (DB rows, spool files, one transfer each way), the sender
'done' with its receipt, the receiver 'done' with one decision in force, `status --json` clear, both engines
answering C-ECHO, and the bookkeeping (one 'pacs-stored' journal entry, `routed`). The last cuts were
bugs in that bookkeeping (see docs/reliability.md, "SIGKILL at each phase from PACS to PACS").
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from datetime import datetime

import pytest

from appliance.reconcile.niss import make_niss
from benchmarks.synthetic import StudySpec, cached_study
from tests.faults.pacs_pipeline import (
    FAMILIES,
    GRACE_S,
    INSTANCES,
    RECEIVED_REASON,
    TWINS,
    Pipeline,
    Watch,
    assert_landed_once,
    chunks_journaled,
    die_by_cut,
    distinct_network,
    in_orthanc,
    incoming_id,
    instances_held,
    kill_when,
    other_ports,
    report,
    restart_and_wait,
    transfer_row,
    upload,
    wait_done,
)
from tests.integration import peers
from tests.integration.appliance_proc import cli, query, status
from tests.integration.pipeline_net import configure, set_settings, study_uid_of

pytestmark = [pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed"),
              pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    root = tmp_path_factory.mktemp("kill-phases")
    net, taken = distinct_network(root)
    study = cached_study(StudySpec(instances=INSTANCES, rows=128, columns=128, seed=41, patient_id="SYN-KILL"))
    ports = other_ports(4, taken)
    with peers.start_orthanc(net.root, aet="PACSA", nodelay=False, dicom_port=ports[0], http_port=ports[1],
                             modalities={"passa": ("PASSA", "127.0.0.1", net.a.dicom_port)}) as pacs_a, \
            peers.start_orthanc(net.root, aet="PACSB", nodelay=False, dicom_port=ports[2],
                                http_port=ports[3]) as pacs_b:
        configure(net, pacs_a, pacs_b, hl7_port=0, manual_grace_s=GRACE_S, pacs_push_associations=2)
        set_settings(net.a, bandwidth_limit_kbps=16000)
        pipe = Pipeline(net, pacs_a, pacs_b, study, root)
        rows = ["id,family_name,given_name,birth_date,sex,niss"]
        for n in range(len(FAMILIES)):
            birth = f"{1960 + n}0523"
            rows.append(f"CHR-{7000 + n},{FAMILIES[n].upper()},MARIE,{birth},F,{make_niss(birth, 'F', 88 + n)}")
        family, first, second, birth = TWINS
        rows += [f"CHR-T1,{family.upper()},{first.upper()},{birth},F,",
                 f"CHR-T2,{family.upper()},{second.upper()},{birth},F,"]
        csv = root / "patients.csv"
        csv.write_text("\n".join(rows) + "\n")
        cli("patients", "import", str(csv), "--by", "faults", "--home", str(net.b.home))
        try:
            pipe.start("a")
            pipe.start("b")
            yield pipe
        finally:
            for proc in pipe.engines.values():
                proc.stop()



# -- the sender ------------------------------------------------------------------------------------
def test_sender_killed_while_retrieving_from_orthanc_a(pipeline: Pipeline,
                                                       measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "retrieving")
    uid, watch = study_uid_of(files), Watch(pipe.net.a)
    try:
        upload(pipe.pacs_a, files)
        took = kill_when(pipe, "a", lambda: INSTANCES // 4 <= instances_held(watch, uid) < INSTANCES,
                         lambda: instances_held(watch, uid) >= INSTANCES, "C-MOVE from Orthanc A in progress")
        held = instances_held(watch, uid)
        queued = watch.one("SELECT count(*) FROM transfers WHERE direction = 'out' AND study_uid = ?", uid)
    finally:
        watch.close()
    assert 0 < held < INSTANCES and queued == 0, (held, queued)
    hit = f"{held}/{INSTANCES} instances in A's spool (Orthanc A holds {INSTANCES}), nothing queued"
    down = pipe.while_down("a", uid)
    recover = restart_and_wait(pipe, "a", uid)
    report(measurements, "sender: C-MOVE in progress", "A", hit, took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_sender_killed_after_retrieval_at_queueing(pipeline: Pipeline, measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "queueing")
    uid, watch, b = study_uid_of(files), Watch(pipe.net.a), Watch(pipe.net.b)
    try:
        upload(pipe.pacs_a, files)
        took = kill_when(pipe, "a", lambda: instances_held(watch, uid) >= INSTANCES, lambda: False,
                         "study complete in A's spool")
        out = watch.conn.execute("""SELECT t.state, p.chunks_sent FROM transfers t LEFT JOIN peer_transfers p
                                    ON p.transfer_id = t.id WHERE t.direction = 'out' AND t.study_uid = ?""",
                                 (uid,)).fetchall()
        journaled = chunks_journaled(b, uid)
    finally:
        watch.close()
        b.close()
    if not out:
        hit = f"all {INSTANCES} instances in A's spool, not queued yet"
    elif out[0][0] == "queued" or (not out[0][1] and not journaled):
        hit = f"queued (state '{out[0][0]}'), no chunk sent yet"
    else:
        pytest.fail(f"phase not hit: the transfer was already {out[0][0]} with {journaled} chunks at B")
    down = pipe.while_down("a", uid)
    recover = restart_and_wait(pipe, "a", uid)
    report(measurements, "sender: retrieved, at queueing", "A", hit, took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_sender_killed_mid_send(pipeline: Pipeline, measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "mid-send")
    uid, b = study_uid_of(files), Watch(pipe.net.b)
    try:
        upload(pipe.pacs_a, files)
        took = kill_when(pipe, "a", lambda: INSTANCES // 4 <= chunks_journaled(b, uid) < INSTANCES * 3 // 4,
                         lambda: chunks_journaled(b, uid) >= INSTANCES * 3 // 4, "chunks crossing to B")
        time.sleep(0.3)  # what was in flight lands
        journaled = chunks_journaled(b, uid)
    finally:
        b.close()
    assert 0 < journaled < INSTANCES, journaled
    down = pipe.while_down("a", uid)
    recover = restart_and_wait(pipe, "a", uid)
    report(measurements, "sender: mid-send", "A", f"{journaled}/{INSTANCES} chunks journaled at B", took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


# -- the receiver ----------------------------------------------------------------------------------
def test_receiver_killed_mid_receive(pipeline: Pipeline, measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "mid-receive")
    uid, b = study_uid_of(files), Watch(pipe.net.b)
    try:
        upload(pipe.pacs_a, files)
        took = kill_when(pipe, "b", lambda: INSTANCES // 4 <= chunks_journaled(b, uid) < INSTANCES * 3 // 4,
                         lambda: chunks_journaled(b, uid) >= INSTANCES * 3 // 4, "chunks arriving at B")
        journaled = chunks_journaled(b, uid)
    finally:
        b.close()
    assert 0 < journaled < INSTANCES, journaled
    down = pipe.while_down("b", uid)
    recover = restart_and_wait(pipe, "b", uid)
    report(measurements, "receiver: mid-receive", "B", f"{journaled}/{INSTANCES} chunks journaled", took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_receiver_killed_after_commit_before_reconciliation(pipeline: Pipeline,
                                                            measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "committed")
    uid = study_uid_of(files)
    doomed = pipe.start("b", fault="receiver:after_commit_before_reply:1")
    start = time.monotonic()
    upload(pipe.pacs_a, files)
    assert doomed.wait_exit(timeout=60) == -signal.SIGKILL, "the fault hook did not fire"
    took = time.monotonic() - start
    doomed.log.close()
    row = query(pipe.net.b, "SELECT id, state, reason FROM transfers WHERE direction = 'in' AND study_uid = ?", (uid,))
    assert len(row) == 1 and (row[0]["state"], row[0]["reason"]) == ("storing", RECEIVED_REASON), [dict(r) for r in row]
    decided = query(pipe.net.b, "SELECT count(*) FROM decisions WHERE transfer_id = ?", (row[0]["id"],))[0][0]
    held = len(query(pipe.net.b, "SELECT 1 FROM instances WHERE study_uid = ?", (uid,)))
    assert decided == 0 and held == INSTANCES, (decided, held)
    hit = f"committed ({held} instances, receipt stored, not yet answered), no decision"
    down = pipe.while_down("b", uid)
    recover = restart_and_wait(pipe, "b", uid)
    report(measurements, "receiver: committed, before reconciliation (hook)", "B", hit, took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_receiver_killed_during_the_rewrite(pipeline: Pipeline, measurements: list[dict[str, object]]) -> None:
    """The patient rewrite happens file by file as the push goes (appliance.dicom.outgoing): the kill lands once the
    push loop runs (decision recorded, reason 'storing into the PACS') and before Orthanc B holds any file."""
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "rewrite")
    uid, b, baseline = study_uid_of(files), Watch(pipe.net.b), pipe.pacs_b.instance_count()

    def pushing() -> bool:
        reason = b.one("SELECT reason FROM transfers WHERE direction = 'in' AND study_uid = ?", uid)
        return str(reason or "").startswith("storing into the PACS")

    try:
        upload(pipe.pacs_a, files)
        took = kill_when(pipe, "b", pushing, lambda: in_orthanc(pipe.pacs_b, baseline) > 0,
                         "rewrite and push started, nothing in Orthanc B")
        transfer_id = incoming_id(b, uid)
        decided = b.one("SELECT kind || ':' || matched_id FROM decisions WHERE transfer_id = ?", transfer_id)
        state = b.one("SELECT state || ': ' || reason FROM transfers WHERE id = ?", transfer_id)
    finally:
        b.close()
    landed = in_orthanc(pipe.pacs_b, baseline)
    if landed:
        pytest.fail(f"phase not hit: {landed} instances already in Orthanc B when the rewrite was caught")
    assert decided == f"link:{patient.local_id}", decided
    hit = f"decided {decided}, '{state}', 0/{INSTANCES} in Orthanc B"
    down = pipe.while_down("b", uid)
    recover = restart_and_wait(pipe, "b", uid)
    report(measurements, "receiver: decided, rewriting the first files", "B", hit, took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_receiver_killed_during_the_push(pipeline: Pipeline, measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "push")
    uid, baseline = study_uid_of(files), pipe.pacs_b.instance_count()
    upload(pipe.pacs_a, files)
    took = kill_when(pipe, "b", lambda: INSTANCES // 4 <= in_orthanc(pipe.pacs_b, baseline) < INSTANCES * 3 // 4,
                     lambda: in_orthanc(pipe.pacs_b, baseline) >= INSTANCES * 3 // 4, "the push into Orthanc B")
    landed = in_orthanc(pipe.pacs_b, baseline)
    state = transfer_row(pipe.net.b, "in", uid)
    assert 0 < landed < INSTANCES and state[0]["state"] == "storing", (landed, state)
    down = pipe.while_down("b", uid)
    recover = restart_and_wait(pipe, "b", uid)
    report(measurements, "receiver: pushing into Orthanc B", "B", f"{landed}/{INSTANCES} in Orthanc B", took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_receiver_killed_after_the_push_before_done(pipeline: Pipeline, measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "pushed")
    uid, baseline = study_uid_of(files), pipe.pacs_b.instance_count()
    upload(pipe.pacs_a, files)
    took = kill_when(pipe, "b", lambda: in_orthanc(pipe.pacs_b, baseline) >= INSTANCES, lambda: False,
                     "every instance in Orthanc B")
    state = transfer_row(pipe.net.b, "in", uid)
    if state[0]["state"] == "done":
        pytest.fail("phase not hit: the receiver had already verified the push and marked the study done")
    hit = f"{INSTANCES}/{INSTANCES} in Orthanc B, receiver still '{state[0]['state']}: {state[0]['reason']}'"
    down = pipe.while_down("b", uid)
    recover = restart_and_wait(pipe, "b", uid)
    report(measurements, "receiver: pushed, before done", "B", hit, took, recover,
           assert_landed_once(pipe, files, patient.local_id), down)


def test_receiver_killed_within_the_grace_of_a_manual_decision(pipeline: Pipeline,
                                                               measurements: list[dict[str, object]]) -> None:
    pipe = pipeline
    family, given, _, birth = TWINS
    files = pipe.new_study("review", PatientID="LIEGE-TWIN", PatientName=f"{family}^{given}", PatientBirthDate=birth)
    uid, baseline = study_uid_of(files), pipe.pacs_b.instance_count()
    upload(pipe.pacs_a, files)
    deadline = time.monotonic() + 60
    while not (row := transfer_row(pipe.net.b, "in", uid)) or row[0]["state"] != "review":
        assert time.monotonic() < deadline, f"no review case: {row}"
        time.sleep(0.1)
    transfer_id = str(query(pipe.net.b, "SELECT id FROM transfers WHERE direction = 'in' AND study_uid = ?",
                            (uid,))[0]["id"])
    cli("review", "decide", transfer_id, "--link", "CHR-T1", "--by", "secretary", "--home", str(pipe.net.b.home))
    decided = time.monotonic()
    pipe.kill("b")
    took = time.monotonic() - decided
    row = transfer_row(pipe.net.b, "in", uid)
    manual = query(pipe.net.b, "SELECT kind, matched_id FROM decisions WHERE transfer_id = ? "
                               "AND decided_by = 'secretary'", (transfer_id,))
    assert row[0]["state"] == "review" and [tuple(m) for m in manual] == [("link", "CHR-T1")], (row, manual)
    assert took < GRACE_S and in_orthanc(pipe.pacs_b, baseline) == 0
    hit = f"'review' with the secretary's link recorded {took:.2f} s before the kill (grace {GRACE_S:.0f} s)"
    down = pipe.while_down("b", uid)
    left_review: list[float] = []
    recover = restart_and_wait(pipe, "b", uid, seen=lambda state: None if left_review or state == "review"
                               else left_review.append(time.time()))
    counters = assert_landed_once(pipe, files, "CHR-T1")
    decided_at = datetime.fromisoformat(str(query(
        pipe.net.b, "SELECT decided_at FROM decisions WHERE transfer_id = ? AND decided_by = 'secretary'",
        (transfer_id,))[0][0])).timestamp()
    waited = left_review[0] - decided_at
    assert waited >= GRACE_S - 0.05, f"the restarted engine acted {waited:.2f} s after the decision, inside the grace"
    hit += f"; acted on {waited:.1f} s after the decision"
    kinds = [(r["kind"], r["decided_by"]) for r in query(
        pipe.net.b, "SELECT kind, decided_by FROM decisions WHERE transfer_id = ? ORDER BY id", (transfer_id,))]
    assert kinds == [("review", "engine"), ("link", "secretary")], kinds
    report(measurements, "receiver: manual decision within its grace", "B", hit, took, recover, counters, down)




def test_sender_killed_between_queueing_and_routed_bookkeeping(pipeline: Pipeline,
                                                               measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "cut-routed")
    uid = study_uid_of(files)
    took = die_by_cut(pipe, "a", "queued-before-routed", files)
    out = transfer_row(pipe.net.a, "out", uid)
    routed = query(pipe.net.a, "SELECT 1 FROM routed WHERE study_uid = ?", (uid,))
    assert [r["state"] for r in out] == ["queued"] and not routed, (out, routed)
    hit = "transfer queued and committed, `routed` not written"
    down = pipe.while_down("a", uid)
    recover = restart_and_wait(pipe, "a", uid)
    report(measurements, "sender: queued, before the routed rows (cut)", "A", hit, took, recover,
           {"result": "the restart completes `routed` for the queued transfer"}, down)
    assert_landed_once(pipe, files, patient.local_id)


def test_receiver_killed_as_it_records_the_study_stored(pipeline: Pipeline,
                                                            measurements: list[dict[str, object]]) -> None:
    pipe, patient = pipeline, pipeline.patient()
    files = pipe.files_for(patient, "cut-journal")
    uid, baseline = study_uid_of(files), pipe.pacs_b.instance_count()
    took = die_by_cut(pipe, "b", "stored-before-journal", files)
    state = transfer_row(pipe.net.b, "in", uid)
    stored = query(pipe.net.b, "SELECT count(*) FROM audit WHERE action = 'pacs-stored' AND subject IN "
                   "(SELECT id FROM transfers WHERE direction = 'in' AND study_uid = ?)", (uid,))[0][0]
    assert [r["state"] for r in state] == ["storing"] and not stored, (state, stored)
    assert in_orthanc(pipe.pacs_b, baseline) == INSTANCES
    hit = f"{INSTANCES}/{INSTANCES} verified in Orthanc B; neither 'done' nor its 'pacs-stored' entry recorded"
    down = pipe.while_down("b", uid)
    recover = restart_and_wait(pipe, "b", uid)
    report(measurements, "receiver: verified in the PACS, as it records it (cut)", "B", hit, took, recover,
           {"result": "state 'done' and the journal entry are one transaction; the restart pushes again "
                            "(the PACS keeps one copy) and records both"}, down)
    assert_landed_once(pipe, files, patient.local_id)


def test_receiver_killed_between_the_review_case_and_its_state(pipeline: Pipeline,
                                                                measurements: list[dict[str, object]]) -> None:
    pipe = pipeline
    family, given, _, birth = TWINS
    files = pipe.new_study("cut-review", PatientID="LIEGE-TWIN", PatientName=f"{family}^{given}",
                           PatientBirthDate=birth)
    uid = study_uid_of(files)
    """Fixed (appliance/store/review.py): the review case and the state 'review' are now one transaction. Before,
    the state stayed 'storing: received: awaiting reconciliation' and the restart decided again, recording a
    second engine 'review' decision and journal entry."""
    took = die_by_cut(pipe, "b", "review-recorded", files)
    state = transfer_row(pipe.net.b, "in", uid)
    recorded = query(pipe.net.b, "SELECT kind FROM decisions d JOIN transfers t ON t.id = d.transfer_id "
                                 "WHERE t.study_uid = ?", (uid,))
    assert [r["state"] for r in state] == ["review"] and [r[0] for r in recorded] == ["review"], (state, recorded)
    hit = f"review case committed, the pipeline's own state update not run (transfer '{state[0]['state']}')"
    down = pipe.while_down("b", uid)
    start = time.monotonic()
    pipe.start("b")
    deadline = start + 60
    while (row := transfer_row(pipe.net.b, "in", uid))[0]["state"] != "review":
        assert time.monotonic() < deadline, f"no review after the restart: {row}"
        time.sleep(0.05)
    assert status(pipe.net.b)["review_queue"] == 1
    transfer_id = str(query(pipe.net.b, "SELECT id FROM transfers WHERE direction = 'in' AND study_uid = ?",
                            (uid,))[0]["id"])
    cli("review", "decide", transfer_id, "--link", "CHR-T2", "--by", "secretary", "--home", str(pipe.net.b.home))
    wait_done(pipe, uid)
    recover = time.monotonic() - start  # includes the secretary's decision and its grace
    counters = assert_landed_once(pipe, files, "CHR-T2")
    report(measurements, "receiver: review case recorded, before its state (cut)", "B", hit, took, recover,
           counters, down)
    kinds = [(r["kind"], r["decided_by"]) for r in query(
        pipe.net.b, "SELECT kind, decided_by FROM decisions WHERE transfer_id = ? ORDER BY id", (transfer_id,))]
    assert kinds == [("review", "engine"), ("link", "secretary")], f"decisions after the restart: {kinds}"
