"""Frozen values shared by every layer: sites, studies, instances, patients, decisions, transfers."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NewType

SiteId = NewType("SiteId", str)
"""A site's id: the lowercase base32 of a hash of its Ed25519 signing key."""


class Direction(enum.StrEnum):
    OUT = "out"
    IN = "in"


class TransferState(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    RECEIVING = "receiving"
    REVIEW = "review"
    STORING = "storing"
    DONE = "done"
    FAILED = "failed"


class DecisionKind(enum.StrEnum):
    LINK = "link"
    REVIEW = "review"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class DicomNode:
    """A DICOM application entity reachable over the network."""

    aet: str
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.aet}@{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class InstanceRef:
    """One stored DICOM instance in the spool."""

    study_uid: str
    series_uid: str
    sop_instance_uid: str
    sop_class_uid: str
    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class StudyRef:
    """A study as the engine knows it (no patient data beyond what the caller needs)."""

    study_uid: str
    instance_count: int = 0
    series_count: int = 0
    total_bytes: int = 0


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """A patient, local or incoming. Dates are YYYYMMDD (maybe partial or empty)."""

    id: str
    family_name: str = ""
    given_name: str = ""
    birth_date: str = ""
    sex: str = ""
    niss: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A local record proposed for an incoming patient, with its score and the reasons for it."""

    patient_id: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one incoming patient."""

    kind: DecisionKind
    matched_id: str | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TransferProgress:
    """One transfer as `status --json` shows it."""

    id: str
    direction: Direction
    peer: str
    study_uid: str
    state: TransferState
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    reason: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "direction": str(self.direction),
            "peer": self.peer,
            "study_uid": self.study_uid,
            "state": str(self.state),
            "files_done": self.files_done,
            "files_total": self.files_total,
            "bytes_done": self.bytes_done,
            "bytes_total": self.bytes_total,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class EngineEvent:
    """Something the engine tells its clients (UI, CLI): a kind and a small payload without patient data."""

    kind: str
    data: dict[str, object] = field(default_factory=dict)
