"""Follows the demo's three studies from Liège's PACS to their endings at Citadelle, telling it in the terminal.

The terminal lines name the demo's synthetic patients (they are invented); nothing here is logged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from appliance.dicom import scu
from appliance.domain import DicomNode
from appliance.errors import DicomPeerError, PasserelleError
from appliance.service.demo_studies import INSTANCES, DemoStudy

Transfers = Callable[[], list[dict[str, object]]]
Say = Callable[[str], None]
POLL_S = 0.3


class DemoFailed(PasserelleError):
    """The demo did not reach its three endings (a transfer failed, or it took too long)."""


@dataclass
class StudyProgress:
    """One study as both sites and Citadelle's PACS see it now."""

    study: DemoStudy
    study_uid: str
    out: dict[str, object] = field(default_factory=dict)
    inn: dict[str, object] = field(default_factory=dict)
    pacs_patient_id: str = ""
    pacs_count: int = 0
    told: str = ""

    @property
    def out_state(self) -> str:
        return str(self.out.get("state", ""))

    @property
    def in_state(self) -> str:
        return str(self.inn.get("state", ""))

    def stored_as_expected(self) -> bool:
        if self.pacs_count < INSTANCES:
            return False
        if self.study.key == "linked":
            return self.pacs_patient_id == "CHR-1001"
        return self.pacs_patient_id.startswith("PSL-")

    def ended(self) -> bool:
        if self.out_state != "done":
            return False
        if self.study.key == "review":
            return self.in_state == "review"
        return self.in_state == "done" and self.stored_as_expected()

    def describe(self) -> str:
        """Where the study is now, in one short phrase per site."""
        out = {"": "in Liège's PACS", "queued": "queued by the routing rule",
               "sending": f"sending {self.out.get('files_done', 0)}/{self.out.get('files_total', 0)} files",
               "done": "delivered (signed receipt)"}.get(self.out_state, self.out_state)
        inn = {"": "", "receiving": f"receiving {self.inn.get('files_done', 0)}/{self.inn.get('files_total', 0)}",
               "storing": "reconciling and storing into the PACS", "review": "waiting in the reconciliation window",
               "done": "stored in the PACS"}.get(self.in_state, self.in_state)
        if self.in_state == "done" and self.pacs_count:
            inn = f"in Citadelle's PACS: {self.pacs_count} instances, Patient ID {self.pacs_patient_id}"
        return f"Liège: {out}" + (f" | Citadelle: {inn}" if inn else "")


class DemoStory:
    """Polls both sites and Citadelle's PACS until every study has its ending (or fails, or times out)."""

    def __init__(self, studies: dict[str, tuple[DemoStudy, str]], sender: Transfers, receiver: Transfers,
                 pacs_b: DicomNode, say: Say) -> None:
        self.progress = {key: StudyProgress(study, uid) for key, (study, uid) in studies.items()}
        self.sender = sender
        self.receiver = receiver
        self.pacs_b = pacs_b
        self.say = say
        self.started = time.monotonic()

    def wait(self, timeout: float) -> dict[str, StudyProgress]:
        deadline = self.started + timeout
        while True:
            self._look()
            if all(p.ended() for p in self.progress.values()):
                return self.progress
            if time.monotonic() > deadline:
                stuck = "; ".join(f"{k}: {p.out_state or 'not sent'}/{p.in_state or 'not received'}"
                                  for k, p in self.progress.items() if not p.ended())
                raise DemoFailed(f"the demo did not finish within {timeout:.0f} s ({stuck}); "
                                 "see logs/ in the two site folders")
            time.sleep(POLL_S)

    def _look(self) -> None:
        by_uid = {p.study_uid: p for p in self.progress.values()}
        for direction, rows in (("out", self.sender()), ("in", self.receiver())):
            for row in rows:
                p = by_uid.get(str(row.get("study_uid", "")))
                if p is not None and row.get("direction") == direction:
                    setattr(p, "out" if direction == "out" else "inn", row)
        for key, p in self.progress.items():
            for side, row in (("Liège", p.out), ("Citadelle", p.inn)):
                if row.get("state") == "failed":
                    raise DemoFailed(f"study {key}: the transfer failed at {side}: {row.get('reason', '')}")
            if p.in_state == "done" and not p.stored_as_expected():
                self._ask_pacs(p)
            told = p.describe()
            if told != p.told:
                p.told = told
                elapsed = time.monotonic() - self.started
                self.say(f"{elapsed:6.1f} s  {p.study.display_name:<14} {told}")

    def _ask_pacs(self, p: StudyProgress) -> None:
        """What Citadelle's PACS holds for the study: its instance count and Patient ID (C-FIND)."""
        try:
            rows = scu.find_studies(self.pacs_b, "PASSERELLE-DEMO", {"StudyInstanceUID": p.study_uid})
        except DicomPeerError:
            return
        if rows:
            p.pacs_count = max(int(r.get("NumberOfStudyRelatedInstances") or 0) for r in rows)
            p.pacs_patient_id = rows[0].get("PatientID", "")
