"""The demo's stand-in archive: a tiny PACS (pynetdicom) used when Orthanc is not installed.

It is NOT a PACS and says so: it keeps files in one folder and their headers in memory, and answers
just what the appliance asks of a PACS: C-ECHO, C-STORE, C-FIND (study root at STUDY level with the
instance counts, patient root at PATIENT level) and C-MOVE of a study to a known AE title. Matching is
DICOM's simple subset: exact values, `*`/`?` wildcards, date ranges. Logs carry UIDs and counts only.
"""

from __future__ import annotations

import fnmatch
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian
from pynetdicom import AE, AllStoragePresentationContexts, build_context, evt

from appliance.dicom.scp import VERIFICATION
from appliance.dicom.scu import PATIENT_FIND, STUDY_FIND, STUDY_MOVE

log = logging.getLogger(__name__)
STUDY_LEVEL = ("StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription",
               "ReferringPhysicianName", "InstitutionName", "PatientID", "IssuerOfPatientID", "PatientName",
               "PatientBirthDate", "PatientSex")
PATIENT_LEVEL = ("PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex")
PENDING = 0xFF00


def _text(ds: Dataset, keyword: str) -> str:
    value = ds.get(keyword, "")
    if value is None:
        return ""
    if isinstance(value, MultiValue):
        return "\\".join(str(v) for v in value)
    return str(value)


def _other_ids(ds: Dataset) -> list[str]:
    found = [v for v in _text(ds, "OtherPatientIDs").split("\\") if v]
    found += [str(item.get("PatientID", "")) for item in ds.get("OtherPatientIDsSequence", []) if item.get("PatientID")]
    return found


def matches(wanted: str, value: str, keyword: str) -> bool:
    """DICOM C-FIND matching, simplified: empty matches all, wildcards, date ranges, multi-values."""
    if not wanted or wanted == "*":
        return True
    if keyword.endswith("Date") and "-" in wanted:
        low, _, high = wanted.partition("-")
        return bool(value) and (not low or value >= low) and (not high or value <= high)
    candidates = value.split("\\") if keyword == "OtherPatientIDs" else [value]
    if "*" in wanted or "?" in wanted:
        return any(fnmatch.fnmatchcase(c.upper(), wanted.upper()) for c in candidates)
    return wanted in candidates


class StandInArchive:
    """A stand-in PACS on loopback: `start()`, `node` details, `stop()`."""

    label = "stand-in archive (not a PACS: Orthanc is not installed)"

    def __init__(self, folder: Path, aet: str, port: int, destinations: dict[str, tuple[str, int]]) -> None:
        self.folder = folder
        self.aet = aet
        self.port = port
        self.destinations = dict(destinations)
        self._headers: dict[str, tuple[Path, Dataset]] = {}
        self._lock = threading.Lock()
        self._server: Any = None

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.folder.glob("*.dcm")):
            header = dcmread(path, stop_before_pixels=True)
            self._headers[str(header.SOPInstanceUID)] = (path, header)
        ae = AE(ae_title=self.aet)
        ae.maximum_pdu_size = 1 << 20
        storage = [str(cx.abstract_syntax) for cx in AllStoragePresentationContexts]
        for uid in (*storage, VERIFICATION, STUDY_FIND, PATIENT_FIND, STUDY_MOVE):
            ae.add_supported_context(uid, [ExplicitVRLittleEndian, ImplicitVRLittleEndian])
        handlers: list[Any] = [(evt.EVT_C_ECHO, lambda _e: 0x0000), (evt.EVT_C_STORE, self._on_store),
                               (evt.EVT_C_FIND, self._on_find), (evt.EVT_C_MOVE, self._on_move)]
        self._server = ae.start_server(("127.0.0.1", self.port), block=False, evt_handlers=handlers)
        log.info("stand-in archive %s listening on 127.0.0.1:%d (%d instances)", self.aet, self.port,
                 len(self._headers))

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None

    def instance_count(self) -> int:
        with self._lock:
            return len(self._headers)

    # -- handlers ---------------------------------------------------------------------------------
    def _on_store(self, event: Any) -> int:
        ds = event.dataset
        ds.file_meta = event.file_meta
        uid = str(ds.SOPInstanceUID)
        path = self.folder / f"{uid}.dcm"
        tmp = path.with_suffix(".part")
        ds.save_as(tmp, enforce_file_format=True)
        tmp.replace(path)
        header = dcmread(path, stop_before_pixels=True)
        with self._lock:
            self._headers[uid] = (path, header)
        return 0x0000

    def _studies(self) -> dict[str, list[Dataset]]:
        with self._lock:
            headers = [h for _, h in self._headers.values()]
        studies: dict[str, list[Dataset]] = {}
        for header in headers:
            studies.setdefault(str(header.StudyInstanceUID), []).append(header)
        return studies

    def _on_find(self, event: Any) -> Iterator[tuple[int, Dataset | None]]:
        query: Dataset = event.identifier
        level = _text(query, "QueryRetrieveLevel").upper()
        asked = [elem.keyword for elem in query if elem.keyword and elem.keyword != "QueryRetrieveLevel"]
        if level == "STUDY":
            rows = [self._study_row(instances) for instances in self._studies().values()]
        elif level == "PATIENT":
            rows = self._patient_rows()
        else:
            yield 0xA900, None  # identifier does not match SOP class
            return
        for row in rows:
            if all(matches(_text(query, k), row.get(k, ""), k) for k in asked):
                answer = Dataset()
                answer.QueryRetrieveLevel = level
                for k in asked:
                    setattr(answer, k, row.get(k, ""))
                yield PENDING, answer
        yield 0x0000, None

    @staticmethod
    def _study_row(instances: list[Dataset]) -> dict[str, str]:
        first = instances[0]
        row = {k: _text(first, k) for k in STUDY_LEVEL}
        row["ModalitiesInStudy"] = "\\".join(sorted({_text(i, "Modality") for i in instances if _text(i, "Modality")}))
        row["NumberOfStudyRelatedInstances"] = str(len(instances))
        row["NumberOfStudyRelatedSeries"] = str(len({str(i.SeriesInstanceUID) for i in instances}))
        row["OtherPatientIDs"] = "\\".join(dict.fromkeys(_other_ids(first)))
        return row

    def _patient_rows(self) -> list[dict[str, str]]:
        patients: dict[str, dict[str, str]] = {}
        for uid, instances in self._studies().items():
            first = instances[0]
            key = f"{_text(first, 'IssuerOfPatientID')}|{_text(first, 'PatientID')}"
            row = patients.setdefault(key, {k: _text(first, k) for k in PATIENT_LEVEL} | {"studies": ""})
            row["studies"] += uid + "\\"
            known = [*row.get("OtherPatientIDs", "").split("\\"), *_other_ids(first)]
            row["OtherPatientIDs"] = "\\".join(v for v in dict.fromkeys(known) if v)
        for row in patients.values():
            row["NumberOfPatientRelatedStudies"] = str(len([s for s in row.pop("studies").split("\\") if s]))
        return list(patients.values())

    def _on_move(self, event: Any) -> Iterator[Any]:
        destination = self.destinations.get(str(event.move_destination).strip())
        if destination is None:
            log.warning("C-MOVE to an unknown AE title refused")
            yield None, None
            return
        wanted = _text(event.identifier, "StudyInstanceUID")
        with self._lock:
            paths = [p for p, h in self._headers.values() if str(h.StudyInstanceUID) == wanted]
        datasets = [dcmread(p) for p in paths]
        contexts = list({(str(ds.SOPClassUID), str(ds.file_meta.TransferSyntaxUID)) for ds in datasets})
        yield destination[0], destination[1], {"contexts": [build_context(c, t) for c, t in contexts]}
        yield len(datasets)
        for ds in datasets:
            if event.is_cancelled:
                yield 0xFE00, None
                return
            yield PENDING, ds
        log.info("stand-in archive: C-MOVE of study %s, %d instances", wanted, len(datasets))
