"""What happens to a study received from a peer: reconcile the patient, rewrite, push into the local PACS.

    pipeline = IncomingPipeline(settings, store, spool, index, pusher, emit)
    await pipeline.start()            # resume: push 'storing' ones again, decide received ones
    engine.subscribe(pipeline.on_event)   # 'transfer_received' -> reconcile that transfer
    pipeline.wake()                   # a manual decision was recorded: look now

For each committed incoming transfer (state 'storing', reason "received: awaiting reconciliation"; 'done'
is kept for "the PACS holds every file" or a final decision such as a rejection):

* `use_sender_patient_data` = true: no reconciliation; the files are pushed as received.
* otherwise the incoming patient (names split from PN, birth date, sex, the NISS from `niss_attribute`)
  is decided against the local index, after asking the PACS for candidates (`LocalPatientIndex`):
  - **link**: the files are rewritten for the local record (IHE Import Reconciliation Workflow,
    `appliance.dicom.rewrite`: local id + `local_issuer`, local demographics, sender's id in Other
    Patient IDs, Original Attributes Sequence, UIDs unchanged) while they are pushed: each header is
    re-encoded in memory just before its file is sent, the pixel data is read from the spool file
    (`appliance.dicom.outgoing`); the originals stay in the spool, unchanged.
  - **new** (only automatic when `new_patient_policy` = "automatic"): names, birth date and sex stay
    the sender's, but the Patient ID becomes a local one that cannot collide with an id of this
    hospital: "PSL-" + 16 hex digits of SHA-256(sender site, sender's Patient ID), with issuer
    `NEW_ID_ISSUER`. The sender's id goes to Other Patient IDs. The same patient from the same site
    always gets the same id, and the record joins the index (source "passerelle-new").
  - **review**: a review case (the ranked candidates, the incoming data for the GUI) and state
    'review'. A person decides through `review.decide` (the engine command `Engine.decide`, or the
    GUI/CLI writing the same table); the decision is acted on after the `manual_grace_s` setting
    (default 30 s; undo stays possible until then: the push claims the transfer and undo refuses from
    'storing' on).
* A study whose files name more than one patient (Patient ID, issuer, name, birth date or sex differ
  between files: a study UID reused by a modality, a mis-merge at the sender) never gets an automatic
  decision: it goes to review with `MIXED_PATIENTS` first among the reasons, because the patient is
  decided on one file and every file is then rewritten for that decision. Every received file is read up
  to its Patient Module for this (`appliance.dicom.patient_header`, about 0.3 ms a file); the case shows
  the patient most of the files name.
* Every automatic decision is in the decisions table and the audit journal (who 'engine', why, score).

Without a PACS configured (`pacs` or `pacs_dicomweb_url`) the pipeline stays idle: received studies
stay in the spool, 'storing' with "received: awaiting reconciliation", and are taken up at the first start
with a PACS. Logs carry transfer ids, study UIDs, decisions and scores, never patient data.
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import json
import logging
import shutil
from collections.abc import Callable, Coroutine
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydicom import dcmread
from pydicom.dataset import Dataset

from appliance.dicom.outgoing import OutgoingInstance, as_stored, rewritten
from appliance.dicom.patient_header import patients_named
from appliance.dicom.rewrite import coerce_to_local_patient
from appliance.domain import Decision, DecisionKind, EngineEvent, PatientRecord, TransferState
from appliance.reconcile.matcher import AUTOMATIC_LINK, AUTOMATIC_NEW, Matcher, Thresholds
from appliance.service import review
from appliance.service.pacs_push import PacsPusher
from appliance.service.patient_index import NISS_ISSUERS, LocalPatientIndex, niss_digits, split_person_name
from appliance.service.settings import Settings
from appliance.service.transfer_receiver import RECEIVED_REASON
from appliance.store import incoming as sql
from appliance.store.spool import Spool
from appliance.store.state import StateStore

log = logging.getLogger(__name__)
NEW_ID_ISSUER = "PASSERELLE"
POLL_SECONDS = 1.0
MIXED_PATIENTS = review.MIXED_PATIENTS  # such a study goes to review, where it can only be rejected
# Another transfer of the same study (an added series, the study sent again) was decided already:
ADDITION_FOLLOWS = "another part of this study was stored for this local record, under the same patient data"
EARLIER_OTHER_PATIENT = review.EARLIER_OTHER_PATIENT  # with MIXED_PATIENTS: it can only be rejected
EARLIER_REJECTED = "another part of this study was rejected at review"
ALREADY_HANDLED = "nothing new to store: every file arrived earlier and was stored in the PACS or rejected"
_HEADER_TAGS = ["PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex",
                "OtherPatientIDs", "OtherPatientIDsSequence", "StudyDate", "StudyDescription"]


class IncomingPipeline:
    """Reconciliation and PACS push of received studies; lives on the engine loop."""

    def __init__(self, settings: Settings, store: StateStore, spool: Spool, index: LocalPatientIndex,
                 pusher: PacsPusher | None, emit: Callable[[EngineEvent], None],
                 manual_grace_s: float | None = None) -> None:
        self.settings = settings
        self.store = store
        self.spool = spool
        self.index = index
        self.pusher = pusher
        self.emit = emit
        self.manual_grace_s = settings.manual_grace_s if manual_grace_s is None else manual_grace_s
        self.matcher = Matcher(index.index, Thresholds().for_policy(settings.new_patient_policy))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._wake: asyncio.Event | None = None
        self._poller: asyncio.Task[None] | None = None

    # -- life cycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Resume and watch; without a PACS to store into, received studies simply stay in the spool."""
        if self.pusher is None:
            log.info("no PACS configured: received studies stay in the spool (no reconciliation, no push)")
            return
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        for row in await asyncio.to_thread(sql.incoming_in_state, self.store, "storing"):
            self._spawn(str(row["id"]), self._resume_push(str(row["id"]), str(row["study_uid"]), str(row["peer"])))
        await self._sweep_received()
        self._poller = asyncio.create_task(self._poll_manual(), name="passerelle-manual-decisions")

    async def stop(self) -> None:
        tasks = [t for t in (self._poller, *self._tasks.values()) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def on_event(self, event: EngineEvent) -> None:
        """Engine listener: a committed incoming transfer starts its way to the PACS."""
        if event.kind != "transfer_received" or self._loop is None or self.pusher is None:
            return
        transfer_id, study_uid, peer = (str(event.data.get(k, "")) for k in ("id", "study_uid", "peer"))
        self._loop.call_soon_threadsafe(self._spawn, transfer_id, self._reconcile(transfer_id, study_uid, peer))

    def wake(self) -> None:
        """A manual decision was recorded: look for it now (from any thread)."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def _spawn(self, transfer_id: str, work: Coroutine[Any, Any, None]) -> None:
        if transfer_id in self._tasks:
            work.close()
            return
        task = asyncio.create_task(self._guarded(transfer_id, work), name=f"incoming-{transfer_id}")
        self._tasks[transfer_id] = task

    async def _guarded(self, transfer_id: str, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("incoming transfer %s: pipeline error", transfer_id)
            reason = f"reconciliation or PACS push failed: {type(exc).__name__}; files kept in the spool"
            await asyncio.to_thread(self.store.set_transfer_state, transfer_id, TransferState.FAILED, reason)
        finally:
            self._tasks.pop(transfer_id, None)

    # -- deciding ---------------------------------------------------------------------------------
    async def _reconcile(self, transfer_id: str, study_uid: str, peer: str) -> None:
        state = await asyncio.to_thread(sql.transfer_state, self.store, transfer_id)
        if state[0] != "storing":
            return  # already taken up (an event and a sweep both saw it)
        if self.settings.use_sender_patient_data:
            await asyncio.to_thread(self.store.audit, "engine", "decision", transfer_id,
                                    {"study_uid": study_uid, "kind": "unchanged",
                                     "why": ["use_sender_patient_data is set: no reconciliation"]})
            await self._push(transfer_id, study_uid, None, "")
            return
        paths = [self.spool.absolute(p) for p in await asyncio.to_thread(sql.peer_instance_paths, self.store,
                                                                            study_uid, transfer_id)]
        if not paths:
            if await asyncio.to_thread(sql.carried_files, self.store, transfer_id):
                # offered again (by another site, or a sender that forgot its receipt) after retention removed
                # the files, or after a person rejected them: no chunk came and there is nothing to store
                log.info("transfer %s study %s: every file was handled earlier: nothing to store",
                         transfer_id, study_uid)
                await asyncio.to_thread(self.store.set_transfer_state, transfer_id, TransferState.DONE,
                                        ALREADY_HANDLED)
                return
            raise LookupError(f"study {study_uid} has no received instance in the spool")
        incoming, study_date, description = await asyncio.to_thread(self._incoming_patient, paths[0], peer)
        named, _ = await asyncio.gather(asyncio.to_thread(patients_named, paths),
                                        self.index.add_pacs_candidates(incoming))
        if len(named) > 1:  # decided on one file, the rewrite would give every file that one patient
            log.warning("transfer %s study %s: its %d files name %d different patients: review", transfer_id,
                        study_uid, len(paths), len(named))
            most = next(iter(named.values()))[0]  # the person sees the patient most of the files name
            if most != paths[0]:
                incoming, study_date, description = await asyncio.to_thread(self._incoming_patient, most, peer)
                await self.index.add_pacs_candidates(incoming)
        decision = self.matcher.decide(incoming, study_date)
        earlier = await asyncio.to_thread(sql.study_decisions, self.store, study_uid, transfer_id, True)
        if len(named) > 1:
            decision = _for_a_person(decision, MIXED_PATIENTS)
        elif earlier:  # an addition, or the study sent again: one study, one patient
            decision = self._consistent(earlier, incoming, decision)
        log.info("transfer %s study %s: decision %s (score %.3f, %d candidates)", transfer_id, study_uid,
                 decision.kind, decision.score, len(decision.candidates))
        if decision.kind is DecisionKind.REVIEW:
            await self._to_review(transfer_id, study_uid, peer, incoming, decision, study_date, description)
            return
        payload = _candidates_json(incoming, decision)
        target = self._target(decision.kind, decision.matched_id or "", incoming, peer)
        await asyncio.to_thread(sql.record_engine_decision, self.store, transfer_id, study_uid, str(decision.kind),
                                target.id if target else "", decision.score, payload, decision.reasons)
        if target is None:
            await self._to_review(transfer_id, study_uid, peer, incoming, decision, study_date, description)
            return
        await self._push(transfer_id, study_uid, target, peer)

    def _consistent(self, earlier: list[Any], incoming: PatientRecord, decision: Decision) -> Decision:
        """The decision for a study whose other transfers were decided already (newest first): the same local
        record when this transfer names the very patient they named and they all went to one record; a person
        otherwise (and only a rejection if another part of the study is stored for another patient)."""
        stored = [r for r in earlier if str(r["kind"]) in (DecisionKind.LINK, DecisionKind.NEW)]
        if not stored:
            return _for_a_person(decision, EARLIER_REJECTED)
        targets = {str(r["matched_id"]) if str(r["kind"]) == DecisionKind.LINK
                   else _new_patient_id(str(r["peer"]), _incoming_of(str(r["candidates"]), "").id) for r in stored}
        same = all(_identity(_incoming_of(str(r["candidates"]), "")) == _identity(incoming) for r in stored)
        if not same or len(targets) != 1:
            return _for_a_person(decision, MIXED_PATIENTS, EARLIER_OTHER_PATIENT)
        first = stored[0]
        return Decision(DecisionKind(str(first["kind"])), str(first["matched_id"]) or None, float(first["score"]),
                        decision.candidates, (ADDITION_FOLLOWS,))

    async def _to_review(self, transfer_id: str, study_uid: str, peer: str, incoming: PatientRecord,
                         decision: Decision, study_date: datetime.date | None, description: str) -> None:
        ranked = []
        for c in decision.candidates:
            prepared = self.index.index.get(c.patient_id)
            ranked.append(review.RankedCandidate(prepared.record if prepared else PatientRecord(id=c.patient_id),
                                                 c.score, c.reasons))
        when = study_date.strftime("%Y%m%d") if study_date else ""
        # the case and the transfer's state 'review' (with the reasons) are one transaction
        await asyncio.to_thread(review.record_review_case, self.store, transfer_id, study_uid, peer, incoming,
                                ranked, when, description, decision.reasons)
        self.emit(EngineEvent("review_changed", {"transfer_id": transfer_id, "study_uid": study_uid}))

    def _target(self, kind: DecisionKind | str, matched_id: str, incoming: PatientRecord,
                peer: str) -> PatientRecord | None:
        """The local record the files will carry (None when it cannot be found: back to review)."""
        if str(kind) == DecisionKind.LINK:
            prepared = self.index.index.get(matched_id)
            return prepared.record if prepared else None
        if str(kind) == DecisionKind.NEW:
            return PatientRecord(id=matched_id or _new_patient_id(peer, incoming.id), family_name=incoming.family_name,
                                 given_name=incoming.given_name, birth_date=incoming.birth_date,
                                 sex=incoming.sex, niss=incoming.niss, source="passerelle-new")
        return None

    async def _sweep_received(self) -> None:
        """Received studies not yet taken up (committed before we listened, or an event missed)."""
        for row in await asyncio.to_thread(sql.incoming_in_state, self.store, "storing", RECEIVED_REASON):
            self._spawn(str(row["id"]), self._reconcile(str(row["id"]), str(row["study_uid"]), str(row["peer"])))

    # -- manual decisions -------------------------------------------------------------------------
    async def _poll_manual(self) -> None:
        assert self._wake is not None
        while True:
            try:
                await self._act_on_manual()
                await self._sweep_received()
            except Exception:
                log.exception("incoming pipeline: cannot read the pending work")
            try:
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)
            except TimeoutError:
                pass
            self._wake.clear()

    async def _act_on_manual(self) -> None:
        before = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=self.manual_grace_s)
        rows = await asyncio.to_thread(sql.manual_decisions_due, self.store, before.isoformat(timespec="milliseconds"))
        for row in rows:
            transfer_id, study_uid, peer = str(row["transfer_id"]), str(row["study_uid"]), str(row["peer"])
            if transfer_id in self._tasks:
                continue
            kind = str(row["kind"])
            if kind == review.Choice.REJECT:
                if await asyncio.to_thread(sql.claim_for_push, self.store, transfer_id, int(row["id"]), "done",
                                           "rejected at review: not stored in the PACS"):
                    log.info("transfer %s study %s: rejected at review", transfer_id, study_uid)
                continue
            incoming = _incoming_of(str(row["candidates"]), peer)
            target = self._target(kind, str(row["matched_id"]), incoming, peer)
            if target is None:
                log.error("transfer %s: the chosen local record is not in the index", transfer_id)
                continue
            if await asyncio.to_thread(sql.claim_for_push, self.store, transfer_id, int(row["id"]), "storing",
                                       f"manual decision ({kind}) taken: preparing the PACS push"):
                self._spawn(transfer_id, self._push(transfer_id, study_uid, target, peer))

    # -- pushing ----------------------------------------------------------------------------------
    async def _resume_push(self, transfer_id: str, study_uid: str, peer: str) -> None:
        decision = await asyncio.to_thread(sql.latest_decision, self.store, transfer_id)
        if decision is None or str(decision["kind"]) not in (DecisionKind.LINK, DecisionKind.NEW):
            if self.settings.use_sender_patient_data and decision is None:
                await self._push(transfer_id, study_uid, None, peer)
            else:
                await self._reconcile(transfer_id, study_uid, peer)
            return
        incoming = _incoming_of(str(decision["candidates"]), peer)
        target = self._target(str(decision["kind"]), str(decision["matched_id"]), incoming, peer)
        if target is None:
            raise LookupError("the decided local record is no longer in the index")
        await self._push(transfer_id, study_uid, target, peer)

    async def _push(self, transfer_id: str, study_uid: str, target: PatientRecord | None, peer: str) -> None:
        """Push for `target` (None: files unchanged); returns once the PACS shows every file.

        Only called once the decision stands (automatic, or manual after its grace). Each file's header is
        rewritten in memory just before it is sent (`appliance.dicom.outgoing`): nothing is written, the
        originals stay in the spool until the PACS has verified the study, and a crash means pushing again."""
        if self.pusher is None:
            await asyncio.to_thread(self.store.set_transfer_state, transfer_id, TransferState.DONE,
                                    "reconciled; no PACS configured to store into")
            return
        await asyncio.to_thread(self.store.set_transfer_state, transfer_id, TransferState.STORING,
                                "preparing the files for the PACS")
        originals = [self.spool.absolute(p)
                     for p in await asyncio.to_thread(sql.peer_instance_paths, self.store, study_uid, transfer_id)]
        prepare: Callable[[Path], OutgoingInstance] = as_stored
        if target is not None:
            if target.source == "passerelle-new" and self.index.index.get(target.id) is None:
                await self.index.add([target])
            prepare = self._rewriter(target, peer)
        await self.pusher.push_study(study_uid, originals, transfer_id, prepare)
        legacy = self.settings.spool_dir / "reconciled" / transfer_id  # rewritten copies of earlier versions
        if legacy.exists():
            await asyncio.to_thread(shutil.rmtree, legacy, True)
        self.emit(EngineEvent("transfer_stored", {"id": transfer_id, "study_uid": study_uid,
                                                  "files": len(originals)}))

    def _rewriter(self, target: PatientRecord, peer: str) -> Callable[[Path], OutgoingInstance]:
        """Coerce each file to `target` (IHE IRWF); one modification time for the whole study."""
        new = target.source == "passerelle-new"  # a new id only: names, dates and sex stay the sender's
        issuer = NEW_ID_ISSUER if new else self.settings.local_issuer
        now = datetime.datetime.now(datetime.UTC)

        def coerce(ds: Dataset) -> list[str]:
            record = _as_received(ds, target.id) if new else target
            return coerce_to_local_patient(ds, record, local_issuer=issuer, source_of_previous_values=peer, now=now)

        return lambda path: rewritten(path, coerce)

    # -- reading the incoming patient -------------------------------------------------------------
    def _incoming_patient(self, path: Path, peer: str) -> tuple[PatientRecord, datetime.date | None, str]:
        """The patient, study date and description as the received file `path` gives them."""
        ds = dcmread(path, stop_before_pixels=True, specific_tags=_HEADER_TAGS)
        family, given = split_person_name(str(ds.get("PatientName", "")))
        if self.settings.niss_attribute == "PatientID":
            niss = niss_digits(str(ds.get("PatientID", "")))
        else:
            items = list(ds.get("OtherPatientIDsSequence", []))
            tagged = [str(i.get("PatientID", "")) for i in items
                      if str(i.get("IssuerOfPatientID", "")).upper() in NISS_ISSUERS]
            loose = [str(i.get("PatientID", "")) for i in items] + _multi(ds.get("OtherPatientIDs", ""))
            niss = next((n for n in map(niss_digits, tagged + loose) if n), "")
        record = PatientRecord(id=str(ds.get("PatientID", "")), family_name=family, given_name=given,
                               birth_date=str(ds.get("PatientBirthDate", ""))[:8],
                               sex=str(ds.get("PatientSex", "")).upper()[:1], niss=niss,
                               source=str(ds.get("IssuerOfPatientID", "")))
        try:
            study_date = datetime.datetime.strptime(str(ds.get("StudyDate", ""))[:8], "%Y%m%d").date()
        except ValueError:
            study_date = None
        return record, study_date, str(ds.get("StudyDescription", ""))


def _new_patient_id(peer: str, sender_patient_id: str) -> str:
    """The local id of a 'new' patient: the same for the same patient from the same site, never one of ours."""
    return "PSL-" + hashlib.sha256(f"{peer}|{sender_patient_id}".encode()).hexdigest()[:16].upper()


def _for_a_person(decision: Decision, *first: str) -> Decision:
    """The same candidates for a person, with `first` reasons ahead of the matcher's own."""
    reasons = tuple(r for r in decision.reasons if r not in (AUTOMATIC_LINK, AUTOMATIC_NEW))
    return Decision(DecisionKind.REVIEW, None, decision.score, decision.candidates, (*first, *reasons))


def _identity(record: PatientRecord) -> tuple[str, ...]:
    return (record.id, record.source, record.family_name, record.given_name, record.birth_date, record.sex,
            record.niss)


def _multi(value: object) -> list[str]:
    if isinstance(value, str):
        return value.split("\\") if value else []
    return [str(v) for v in value] if isinstance(value, list | tuple) or hasattr(value, "__iter__") else []


def _as_received(ds: Dataset, new_id: str) -> PatientRecord:
    """A record that keeps the data set's own PN, birth date and sex and only replaces the Patient ID."""
    name = str(ds.get("PatientName", ""))
    return PatientRecord(id=new_id, family_name=name, birth_date=str(ds.get("PatientBirthDate", "")),
                         sex=str(ds.get("PatientSex", "")))


def _candidates_json(incoming: PatientRecord, decision: Decision) -> str:
    return json.dumps({
        "incoming": {k: v for k, v in asdict(incoming).items() if k != "source"} | {"issuer": incoming.source},
        "candidates": [{"patient_id": c.patient_id, "score": c.score, "reasons": list(c.reasons)}
                       for c in decision.candidates],
    })


def _incoming_of(candidates_json: str, peer: str) -> PatientRecord:
    """The incoming patient as the decision recorded it (for a manual 'new')."""
    data = json.loads(candidates_json or "{}")
    raw = data.get("incoming", {}) if isinstance(data, dict) else {}
    fields = {k: str(raw.get(k, "")) for k in ("id", "family_name", "given_name", "birth_date", "sex", "niss")}
    return PatientRecord(**fields, source=str(raw.get("issuer", "")))
