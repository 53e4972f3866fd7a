"""SCU towards the configured PACS: C-ECHO, C-FIND (study and patient root), C-MOVE, C-GET, C-STORE."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian
from pynetdicom import AE, StoragePresentationContexts, _config, evt
from pynetdicom.association import Association
from pynetdicom.presentation import build_role

from appliance.dicom.encoding import IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION, read_file_meta
from appliance.dicom.ingest import Ingest
from appliance.dicom.outgoing import OutgoingInstance, as_stored
from appliance.dicom.requestor import PENDING, MoveAssociation, StoreAssociation
from appliance.dicom.scp import ACCEPTED_TRANSFER_SYNTAXES, MAX_PDU, VERIFICATION, store_event
from appliance.dicom.sockets import NODELAY_HANDLERS
from appliance.domain import DicomNode
from appliance.errors import DicomPeerError, InvalidDicom

log = logging.getLogger(__name__)

_config.LOG_REQUEST_IDENTIFIERS = False
_config.LOG_RESPONSE_IDENTIFIERS = False

STUDY_FIND = "1.2.840.10008.5.1.4.1.2.2.1"
STUDY_MOVE = "1.2.840.10008.5.1.4.1.2.2.2"
STUDY_GET = "1.2.840.10008.5.1.4.1.2.2.3"
PATIENT_FIND = "1.2.840.10008.5.1.4.1.2.1.1"
STUDY_KEYS = (
    "StudyInstanceUID", "PatientID", "PatientName", "PatientBirthDate", "PatientSex", "StudyDate",
    "StudyTime", "ModalitiesInStudy", "ReferringPhysicianName", "StudyDescription", "AccessionNumber",
    "NumberOfStudyRelatedInstances", "NumberOfStudyRelatedSeries",
)
SERIES_KEYS = ("SeriesInstanceUID", "Modality", "NumberOfSeriesRelatedInstances")
PATIENT_KEYS = (
    "PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex", "OtherPatientIDs",
    "NumberOfPatientRelatedStudies",
)
WARNING = 0xB000
MAX_CONTEXTS = 128
GET_STORAGE_CONTEXTS = 120  # plus the C-GET context itself, within the 128 a requestor may propose


def _ae(calling_aet: str) -> AE:
    ae = AE(ae_title=calling_aet)
    ae.maximum_pdu_size = MAX_PDU
    ae.implementation_class_uid = IMPLEMENTATION_CLASS_UID
    ae.implementation_version_name = IMPLEMENTATION_VERSION
    ae.acse_timeout = 30
    ae.dimse_timeout = 600
    ae.network_timeout = 60
    ae.connection_timeout = 10
    return ae


@contextmanager
def _association(
    node: DicomNode, ae: AE, handlers: list[Any] | None = None, roles: list[Any] | None = None
) -> Iterator[Association]:
    assoc = ae.associate(
        node.host, node.port, ae_title=node.aet, evt_handlers=[*NODELAY_HANDLERS, *(handlers or [])],
        ext_neg=roles,
    )
    if not assoc.is_established:
        if assoc.is_rejected:
            raise DicomPeerError(f"{node} rejected the association (check the AE titles on both sides)")
        raise DicomPeerError(f"{node} did not answer an association request (is it running, right port?)")
    try:
        yield assoc
    finally:
        if assoc.is_established:
            assoc.release()


def _check(status: Dataset | None, node: DicomNode, what: str) -> int:
    if status is None or "Status" not in status:
        raise DicomPeerError(f"{node} did not answer the {what} (timeout or aborted association)")
    code = int(status.Status)
    if code not in (0x0000, WARNING, *PENDING):
        comment = str(status.get("ErrorComment", "")).strip()
        raise DicomPeerError(f"{node} answered the {what} with status 0x{code:04X} {comment}".rstrip())
    return code


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, MultiValue):
        return "\\".join(str(v) for v in value)
    return str(value)


def echo(node: DicomNode, calling_aet: str) -> None:
    """C-ECHO the node; raises DicomPeerError with a one-line reason if it does not answer success."""
    ae = _ae(calling_aet)
    ae.add_requested_context(VERIFICATION)
    with _association(node, ae) as assoc:
        _check(assoc.send_c_echo(), node, "C-ECHO")


def _find(
    node: DicomNode, calling_aet: str, model: str, level: str, keys: Sequence[str], query: dict[str, str]
) -> list[dict[str, str]]:
    identifier = Dataset()
    identifier.QueryRetrieveLevel = level
    for key in keys:
        setattr(identifier, key, "")
    for key, value in query.items():
        try:
            setattr(identifier, key, value)
        except Exception as exc:
            raise InvalidDicom(f"{key} is not a DICOM attribute usable in a query") from exc
    ae = _ae(calling_aet)
    ae.add_requested_context(model, [ExplicitVRLittleEndian, ImplicitVRLittleEndian])
    results: list[dict[str, str]] = []
    wanted = list(dict.fromkeys([*keys, *query]))
    with _association(node, ae) as assoc:
        for status, found in assoc.send_c_find(identifier, model):
            if _check(status, node, "C-FIND") in PENDING and found is not None:
                results.append({key: _text(found.get(key)) for key in wanted})
    log.info("C-FIND %s at %s: %d matches", level, node, len(results))
    return results


def find_studies(node: DicomNode, calling_aet: str, query: dict[str, str]) -> list[dict[str, str]]:
    """Study-root C-FIND at STUDY level; every returned dict has all STUDY_KEYS (maybe empty)."""
    return _find(node, calling_aet, STUDY_FIND, "STUDY", STUDY_KEYS, query)


def find_series(node: DicomNode, calling_aet: str, study_uid: str) -> dict[str, int]:
    """Study-root C-FIND at SERIES level: each series of the study with NumberOfSeriesRelatedInstances."""
    rows = _find(node, calling_aet, STUDY_FIND, "SERIES", SERIES_KEYS, {"StudyInstanceUID": study_uid})
    return {r["SeriesInstanceUID"]: int(r.get("NumberOfSeriesRelatedInstances") or 0)
            for r in rows if r.get("SeriesInstanceUID")}


def find_patients(node: DicomNode, calling_aet: str, query: dict[str, str]) -> list[dict[str, str]]:
    """Patient-root C-FIND at PATIENT level; every returned dict has all PATIENT_KEYS (maybe empty)."""
    return _find(node, calling_aet, PATIENT_FIND, "PATIENT", PATIENT_KEYS, query)


def _retrieve_result(final: Dataset | None, node: DicomNode, what: str, study_uid: str) -> int:
    code = _check(final, node, what)
    assert final is not None
    completed = int(final.get("NumberOfCompletedSuboperations", 0) or 0)
    failed = int(final.get("NumberOfFailedSuboperations", 0) or 0)
    warned = int(final.get("NumberOfWarningSuboperations", 0) or 0)
    if code == WARNING or failed:
        raise DicomPeerError(f"{what} of study {study_uid} from {node}: {failed} instances failed, "
                             f"{completed + warned} arrived")
    log.info("%s of study %s from %s: %d instances", what, study_uid, node, completed + warned)
    return completed + warned


def _retrieve_identifier(study_uid: str, series_uid: str) -> Dataset:
    identifier = Dataset()
    identifier.QueryRetrieveLevel = "SERIES" if series_uid else "STUDY"
    identifier.StudyInstanceUID = study_uid
    if series_uid:
        identifier.SeriesInstanceUID = series_uid
    return identifier


def move_study(node: DicomNode, calling_aet: str, study_uid: str, dest_aet: str, series_uid: str = "",
               timeout: float = 60) -> int:
    """C-MOVE a study (or one of its series) to `dest_aet` (usually ourselves). Returns the completed count;
    raises on failure, or when the PACS stays silent for `timeout` seconds.

    Runs on our own blocking requestor (appliance/dicom/requestor.py): pynetdicom's threads poll every
    millisecond for as long as the C-MOVE lasts."""
    with MoveAssociation(node, calling_aet, STUDY_MOVE, timeout=timeout) as association:
        final = association.move(_retrieve_identifier(study_uid, series_uid), dest_aet)
    return _retrieve_result(final, node, "C-MOVE", study_uid)


def get_study(node: DicomNode, calling_aet: str, study_uid: str, ingest: Ingest, series_uid: str = "") -> int:
    """C-GET a study (or one of its series), storing every instance through `ingest`. Returns the completed count."""
    ae = _ae(calling_aet)
    ae.add_requested_context(STUDY_GET, [ExplicitVRLittleEndian, ImplicitVRLittleEndian])
    storage = [str(cx.abstract_syntax) for cx in StoragePresentationContexts][:GET_STORAGE_CONTEXTS]
    roles = [build_role(uid, scp_role=True) for uid in storage]
    for uid in storage:
        ae.add_requested_context(uid, list(ACCEPTED_TRANSFER_SYNTAXES))

    def on_store(event: Any) -> int | Dataset:
        return store_event(ingest, event, "c-get")

    final: Dataset | None = None
    with _association(node, ae, handlers=[(evt.EVT_C_STORE, on_store)], roles=roles) as assoc:
        for status, _ in assoc.send_c_get(_retrieve_identifier(study_uid, series_uid), STUDY_GET):
            final = status
            if _check(status, node, "C-GET") not in PENDING:
                break
    return _retrieve_result(final, node, "C-GET", study_uid)


def _contexts_for(paths: Sequence[Path]) -> dict[Path, tuple[str, str]]:
    found: dict[Path, tuple[str, str]] = {}
    for path in paths:
        with open(path, "rb") as fp:
            meta = read_file_meta(fp)
        if meta is None:
            raise InvalidDicom(f"{path.name} has no DICOM file meta information")
        found[path] = (str(meta.MediaStorageSOPClassUID), str(meta.TransferSyntaxUID))
    return found


def contexts_of(paths: Sequence[Path]) -> list[tuple[str, str]]:
    """The (SOP class, transfer syntax) pairs an association needs to store these files as encoded."""
    pairs = sorted(set(_contexts_for(paths).values()))
    if len(pairs) > MAX_CONTEXTS:
        raise InvalidDicom("too many SOP class and transfer syntax pairs for one association")
    return pairs


@dataclass
class StoreReport:
    """What `store_in_parallel` achieved: files stored, files left (refused or never tried) and why."""

    stored: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def store_in_parallel(node: DicomNode, calling_aet: str, paths: Sequence[Path], associations: int,
                      prepare: Callable[[Path], OutgoingInstance] = as_stored) -> StoreReport:
    """C-STORE `paths` over up to `associations` associations that take the next file from one queue.

    Each file goes through `prepare` (e.g. a patient rewrite) in the association's thread just before it is
    sent, so preparing one file overlaps sending the others and nothing is written to disk. A refused file,
    or one not sent because its association failed, is in `left` with a reason in `errors`."""
    pairs = contexts_of(paths)
    work: queue.SimpleQueue[Path] = queue.SimpleQueue()
    for path in paths:
        work.put(path)
    report = StoreReport()
    lock = threading.Lock()

    def one_association() -> None:
        try:
            with StoreAssociation(node, calling_aet, pairs) as association:
                while True:
                    try:
                        path = work.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        status, comment = association.store_instance(prepare(path))
                    except InvalidDicom as exc:
                        status, comment = 0xC000, str(exc)
                    except BaseException:
                        work.put(path)  # not sent: another association (or the next attempt) takes it
                        raise
                    with lock:
                        if status in (0x0000, WARNING) or status >> 12 == 0xB:
                            report.stored.append(path)
                        else:
                            report.left.append(path)
                            report.errors.append(f"status 0x{status:04X} {comment}".rstrip())
        except Exception as exc:  # whatever broke the association, its files stay left
            with lock:
                report.errors.append(str(exc) if isinstance(exc, DicomPeerError | OSError)
                                     else f"{type(exc).__name__}: {exc}")

    count = max(1, min(associations, len(paths)))
    threads = [threading.Thread(target=one_association, name=f"c-store-{n}", daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while True:
        try:
            report.left.append(work.get_nowait())
        except queue.Empty:
            break
    log.info("C-STORE to %s over %d associations: %d stored, %d left", node, count, len(report.stored),
             len(report.left))
    return report


def store_files(node: DicomNode, calling_aet: str, paths: Sequence[Path]) -> int:
    """C-STORE files as they are (no transcoding), over one association. Returns how many were stored.

    Raises DicomPeerError when any file is refused (after trying them all) or the association fails.
    """
    pairs = contexts_of(paths)
    stored = refused = 0
    first_failure = ""
    with StoreAssociation(node, calling_aet, pairs) as association:
        for path in paths:
            status, comment = association.store(path)
            if status in (0x0000, WARNING) or status >> 12 == 0xB:
                stored += 1
            else:
                refused += 1
                first_failure = first_failure or f"status 0x{status:04X} {comment}".rstrip()
    log.info("C-STORE to %s: %d stored, %d refused", node, stored, refused)
    if refused:
        raise DicomPeerError(f"{node} refused {refused} of {len(paths)} files: {first_failure}")
    return stored
