"""Ingest: validate a DICOM instance, write it durably to the spool, then record it (or quarantine it)."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

from appliance.dicom.arrivals import Arrival, Received, Streamed, sha256_of
from appliance.dicom.dataset_scan import DatasetScan, header_text
from appliance.dicom.encoding import Encoding, check_structure, file_header, read_file_meta, read_header, text
from appliance.domain import InstanceRef
from appliance.errors import DiskFull, InvalidDicom, StorageError
from appliance.store.spool import Spool, check_uid
from appliance.store.state import StateStore, StudyAttributes

log = logging.getLogger(__name__)
OnStored = Callable[[InstanceRef], None]
HeaderText = Callable[[str], str]  # an attribute keyword -> its text, as encoding.text gives it


SUCCESS = 0x0000
OUT_OF_RESOURCES = 0xA700
DATASET_MISMATCH = 0xA900
CANNOT_UNDERSTAND = 0xC000
# A copy whose SOP Instance UID is held with other bytes is set aside with this reason (and the UID); its
# C-STORE still succeeds: a failure would make the sender retry it for ever (as the peer receiver does).
OTHER_CONTENT = "already received with other content (a corrected copy?); the first copy was kept"


class DatasetMismatch(InvalidDicom):
    """The dataset is not the SOP class or instance its C-STORE request announced."""


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    """The DIMSE status a C-STORE is answered with, its comment, and the stored instance if any."""

    status: int
    comment: str = ""
    ref: InstanceRef | None = None


@dataclass(frozen=True, slots=True)
class Placed:
    """The instance the spool holds for an arriving copy, and why that copy was set aside ("" if it was not)."""

    ref: InstanceRef
    set_aside: str = ""


@dataclass(frozen=True, slots=True)
class Recovery:
    """What `Ingest.recover` found after a restart."""

    temp_removed: int = 0
    rerecorded: int = 0
    quarantined: int = 0
    missing: int = 0

    def __str__(self) -> str:
        return (f"{self.temp_removed} temp removed, {self.rerecorded} re-recorded, "
                f"{self.quarantined} quarantined, {self.missing} recorded but missing")


@dataclass(frozen=True, slots=True)
class Identity:
    """The UIDs that place an instance in the spool, checked."""

    study_uid: str
    series_uid: str
    sop_instance_uid: str
    sop_class_uid: str

    @classmethod
    def of(cls, header: Dataset | HeaderText) -> Identity:
        get = header if callable(header) else partial(text, header)
        return cls(
            study_uid=check_uid(get("StudyInstanceUID"), "StudyInstanceUID"),
            series_uid=check_uid(get("SeriesInstanceUID"), "SeriesInstanceUID"),
            sop_instance_uid=check_uid(get("SOPInstanceUID"), "SOPInstanceUID"),
            sop_class_uid=check_uid(get("SOPClassUID"), "SOPClassUID"),
        )


def study_attributes(header: Dataset | HeaderText) -> StudyAttributes:
    """The study and series attributes recorded with an instance (`header`: a Dataset, or keyword -> text)."""
    get = header if callable(header) else partial(text, header)
    return StudyAttributes(
        patient_id=get("PatientID"), patient_name=get("PatientName"),
        birth_date=get("PatientBirthDate"), sex=get("PatientSex"),
        accession=get("AccessionNumber"), study_date=get("StudyDate"),
        description=get("StudyDescription"), referring=get("ReferringPhysicianName"),
        modality=get("Modality"), series_number=get("SeriesNumber"),
        series_description=get("SeriesDescription"), institution=get("InstitutionName"),
        station=get("StationName"),
    )


class Ingest:
    """The one way an instance enters the spool, whatever brought it (C-STORE, C-GET, import)."""

    def __init__(self, spool: Spool, store: StateStore, on_stored: OnStored | None = None) -> None:
        self.spool = spool
        self.store = store
        self.on_stored = on_stored
        self._busy: set[str] = set()
        self._busy_changed = threading.Condition()

    # -- entry points -----------------------------------------------------------------------------
    def store_raw(
        self, dataset: BinaryIO, transfer_syntax: str, source: str, calling_aet: str = "",
        expected_sop_class: str = "",
    ) -> InstanceRef:
        """Store an encoded dataset (no file meta) as received, without decoding its pixel data.

        `dataset` is read from its current position to its end. Raises InvalidDicom on bad input,
        DatasetMismatch when its SOP class is not `expected_sop_class` (if given).
        """
        encoding = Encoding.of(transfer_syntax)
        start = dataset.tell()
        end = dataset.seek(0, io.SEEK_END)
        dataset.seek(start)
        header = read_header(dataset, encoding)
        identity = Identity.of(header)
        if expected_sop_class and identity.sop_class_uid != expected_sop_class:
            raise DatasetMismatch(f"dataset SOP class {identity.sop_class_uid} differs from the request's")
        dataset.seek(start)
        check_structure(dataset, end, encoding)
        dataset.seek(start)
        prefix = file_header(identity.sop_class_uid, identity.sop_instance_uid, transfer_syntax, calling_aet)
        arrival = Streamed(self.spool, prefix, dataset, end, None)
        return self._place(identity, header, arrival, transfer_syntax, source, calling_aet).ref

    def store_dataset(
        self, ds: Dataset, file_meta: FileMetaDataset | None, source: str, calling_aet: str = ""
    ) -> InstanceRef:
        """Store a decoded dataset in the transfer syntax of `file_meta` (explicit little endian if none)."""
        meta = file_meta if file_meta is not None else getattr(ds, "file_meta", None)
        syntax = str(getattr(meta, "TransferSyntaxUID", "") or ExplicitVRLittleEndian)
        encoding = Encoding.of(syntax)
        buffer = DicomBytesIO()
        buffer.is_implicit_VR = encoding.implicit
        buffer.is_little_endian = encoding.little
        try:
            write_dataset(buffer, ds)
        except Exception as exc:
            raise InvalidDicom(f"dataset cannot be encoded: {type(exc).__name__}") from exc
        if encoding.deflated:  # re-encoding a deflated dataset deflated buys nothing here
            syntax = ExplicitVRLittleEndian
        return self.store_raw(io.BytesIO(buffer.getvalue()), syntax, source, calling_aet)

    def store_file(self, path: Path, source: str = "import") -> InstanceRef:
        """Store a DICOM file from disk, streaming; its dataset bytes are kept as they are."""
        return self.place_file(path, source).ref

    def place_file(self, path: Path, source: str = "import") -> Placed:
        """`store_file`, saying whether the file was set aside (its SOP instance is held with other content)."""
        with open(path, "rb") as fp:
            end = fp.seek(0, io.SEEK_END)
            fp.seek(0)
            meta = read_file_meta(fp)
            syntax = str(getattr(meta, "TransferSyntaxUID", "") or ImplicitVRLittleEndian)
            start = fp.tell()
            header = read_header(fp, Encoding.of(syntax))
            identity = Identity.of(header)
            fp.seek(start)
            check_structure(fp, end, Encoding.of(syntax))
            fp.seek(start)
            source_aet = text(meta, "SourceApplicationEntityTitle") if meta is not None else ""
            prefix = file_header(identity.sop_class_uid, identity.sop_instance_uid, syntax, source_aet)
            return self._place(identity, header, Streamed(self.spool, prefix, fp, end, path), syntax, source, "")

    def quarantine(self, data: bytes | Path, reason: str, source: str, sha256: str = "") -> Path:
        """Keep unusable input in the quarantine with its reason, and record it (`sha256`: data's, if known)."""
        digest = sha256 or sha256_of(data)
        target = self.spool.quarantine(data, reason, source)
        self.store.record_quarantine(target.name, reason, source, digest)
        log.warning("quarantined %s from %s (sha256 %s): %s", target.name, source, digest[:16], reason)
        return target

    # -- the durable write ------------------------------------------------------------------------
    def _place(
        self, identity: Identity, header: Dataset | HeaderText, arrival: Arrival, transfer_syntax: str,
        source: str, calling_aet: str,
    ) -> Placed:
        """Make the file durable under its final name, then record it; once per SOP instance.

        A copy of an instance already held is never placed: the same content again is a harmless duplicate;
        other content (a corrected copy?) goes to the quarantine, and the held copy stays the instance.
        """
        relative = self.spool.relative_path(identity.study_uid, identity.series_uid, identity.sop_instance_uid)
        with self._claim(identity.sop_instance_uid):
            existing = self.store.instance(identity.sop_instance_uid)
            if existing is not None:
                if self._same_content(existing, arrival, transfer_syntax):
                    log.info("duplicate SOP instance %s acknowledged, kept %s", identity.sop_instance_uid,
                             existing.sha256[:16])
                    return Placed(existing)
                reason = f"{OTHER_CONTENT}: {identity.sop_instance_uid}"
                try:
                    self._set_aside(arrival, reason, f"dicom:{calling_aet}" if calling_aet else source)
                except OSError as exc:  # not kept anywhere: the sender must try again
                    raise StorageError(f"cannot quarantine another copy of an instance: {exc.strerror}") from exc
                return Placed(existing, reason)
            self.spool.check_space()
            size, digest = arrival.place(self.spool.absolute(relative))
            ref = InstanceRef(
                study_uid=identity.study_uid, series_uid=identity.series_uid,
                sop_instance_uid=identity.sop_instance_uid, sop_class_uid=identity.sop_class_uid,
                path=relative, size=size, sha256=digest,
            )
            self.store.record_instance(ref, study_attributes(header), source, transfer_syntax, calling_aet)
        log.debug("stored %s (%d bytes, sha256 %s) from %s", ref.sop_instance_uid, size, digest[:16], source)
        if self.on_stored is not None:
            self.on_stored(ref)
        return Placed(ref)

    def _same_content(self, held: InstanceRef, arrival: Arrival, transfer_syntax: str) -> bool:
        """Whether an arriving copy holds what the held one does: the same file, or the same data set in the same
        transfer syntax behind other file meta (another sender's AET, another version of ours)."""
        if arrival.size == held.size and arrival.sha256() == held.sha256:
            return True
        try:
            with open(self.spool.absolute(held.path), "rb") as fp:
                meta = read_file_meta(fp)
                start = fp.tell()
                if (str(getattr(meta, "TransferSyntaxUID", "")) != transfer_syntax
                        or held.size - start != arrival.size - arrival.prefix_len):
                    return False
                held_digest = hashlib.file_digest(fp, "sha256").hexdigest()
        except (OSError, InvalidDicom) as exc:  # kept apart then: the quarantine loses nothing
            log.error("held copy of %s cannot be compared: %s", held.sop_instance_uid, exc)
            return False
        return held_digest == arrival.data_set_sha256()

    def _set_aside(self, arrival: Arrival, reason: str, source: str) -> None:
        """Quarantine a copy with other content, unless the quarantine still holds these very bytes."""
        data, digest = arrival.evidence()
        digest = digest or sha256_of(data)
        for row in self.store.quarantined():
            if row["sha256"] == digest and (self.spool.quarantine_root / str(row["path"])).exists():
                log.info("copy already quarantined as %s (sha256 %s): %s", row["path"], digest[:16], reason)
                return
        self.quarantine(data, reason, source, digest)

    def commit_received(
        self, tmp: Path, prefix_len: int, size: int, sha256: str, transfer_syntax: str, source: str,
        calling_aet: str, sop_class_uid: str, sop_instance_uid: str, write_error: OSError | None = None,
        scan: DatasetScan | None = None,
    ) -> StoreOutcome:
        """Validate, place and record a data set already written and fsynced to a spool temp file.

        The temp file holds the file meta built from the request's UIDs (`prefix_len` bytes) and then the
        data set. `scan`, when given, walked the data set as it was written (finished): its structure verdict
        and, when it has one, its header are used instead of reading the file again. Returns the DIMSE status
        to answer with; bad data is quarantined. The caller removes tmp.
        """
        if write_error is not None:
            log.error("C-STORE from %s: spool write failed: %s", calling_aet, write_error)
            return StoreOutcome(OUT_OF_RESOURCES, "spool full" if write_error.errno == 28 else "spool write failed")
        encoding = Encoding.of(transfer_syntax)
        if encoding.deflated:
            scan = None
        try:
            check_uid(sop_class_uid, "Affected SOP Class UID")
            check_uid(sop_instance_uid, "Affected SOP Instance UID")
            values = scan.header if scan is not None else None
            header: Dataset | HeaderText
            if values is not None:
                header = partial(header_text, values)
            else:
                with open(tmp, "rb") as fp:
                    fp.seek(prefix_len)
                    header = read_header(fp, encoding)
            identity = Identity.of(header)
            if identity.sop_class_uid != sop_class_uid:
                raise DatasetMismatch(f"dataset SOP class {identity.sop_class_uid} differs from the request's")
            if identity.sop_instance_uid != sop_instance_uid:
                raise DatasetMismatch("dataset SOP Instance UID differs from the request's")
            if scan is not None:
                if scan.error is not None:
                    raise scan.error
            else:
                with open(tmp, "rb") as fp:
                    fp.seek(prefix_len)
                    check_structure(fp, size, encoding)
        except InvalidDicom as exc:
            status = DATASET_MISMATCH if isinstance(exc, DatasetMismatch) else CANNOT_UNDERSTAND
            try:
                self.quarantine(tmp, str(exc), f"dicom:{calling_aet}")
            except (StorageError, OSError) as failure:
                log.error("cannot quarantine a dataset from %s: %s", calling_aet, failure)
            return StoreOutcome(status, str(exc))

        arrival = Received(self.spool, tmp, prefix_len, size, sha256)
        try:
            ref = self._place(identity, header, arrival, transfer_syntax, source, calling_aet).ref
        except DiskFull as exc:
            log.error("C-STORE from %s refused: %s", calling_aet, exc)
            return StoreOutcome(OUT_OF_RESOURCES, "spool full")
        except StorageError as exc:
            log.error("C-STORE from %s failed: %s", calling_aet, exc)
            return StoreOutcome(OUT_OF_RESOURCES, "spool write failed")
        return StoreOutcome(SUCCESS, "", ref)

    @contextmanager
    def _claim(self, sop_instance_uid: str) -> Iterator[None]:
        """One writer per SOP instance at a time, so a duplicate never replaces a recorded file."""
        with self._busy_changed:
            while sop_instance_uid in self._busy:
                self._busy_changed.wait()
            self._busy.add(sop_instance_uid)
        try:
            yield
        finally:
            with self._busy_changed:
                self._busy.discard(sop_instance_uid)
                self._busy_changed.notify_all()

    # -- after a crash ----------------------------------------------------------------------------
    def recover(self) -> Recovery:
        """Make the spool and the records agree again after a crash (run before accepting work).

        Temp files were never recorded: they go. A final-named file without a record was made durable
        just before the crash: it is recorded again once it parses, otherwise quarantined.
        """
        removed = self.spool.clean_temp()
        recorded = self.store.recorded_paths()
        rerecorded = quarantined = 0
        studies = self.spool.root / "studies"
        on_disk: set[str] = set()
        for path in sorted(studies.rglob("*.dcm")) if studies.exists() else []:
            relative = path.relative_to(self.spool.root).as_posix()
            on_disk.add(relative)
            if relative in recorded:
                continue
            try:
                ref = self._rerecord(path, relative)
            except InvalidDicom as exc:
                self.quarantine(path, f"unrecorded spool file after a crash: {exc}", "recovery")
                path.unlink()
                quarantined += 1
            else:
                log.info("recovered unrecorded spool file %s", ref.sop_instance_uid)
                rerecorded += 1
        missing = len(recorded - on_disk)
        if missing:
            log.error("%d recorded instances are missing from the spool", missing)
        result = Recovery(removed, rerecorded, quarantined, missing)
        log.info("spool recovery: %s", result)
        return result

    def _rerecord(self, path: Path, relative: str) -> InstanceRef:
        with open(path, "rb") as fp:
            end = fp.seek(0, io.SEEK_END)
            fp.seek(0)
            meta = read_file_meta(fp)
            if meta is None:
                raise InvalidDicom("no file meta information")
            syntax = str(meta.TransferSyntaxUID)
            start = fp.tell()
            header = read_header(fp, Encoding.of(syntax))
            identity = Identity.of(header)
            fp.seek(start)
            check_structure(fp, end, Encoding.of(syntax))
            fp.seek(0)
            digest = hashlib.file_digest(fp, "sha256").hexdigest()
        expected = self.spool.relative_path(identity.study_uid, identity.series_uid, identity.sop_instance_uid)
        if expected != relative:
            raise InvalidDicom(f"file is not where its UIDs place it ({expected})")
        ref = InstanceRef(
            study_uid=identity.study_uid, series_uid=identity.series_uid,
            sop_instance_uid=identity.sop_instance_uid, sop_class_uid=identity.sop_class_uid,
            path=relative, size=os.path.getsize(path), sha256=digest,
        )
        self.store.record_instance(ref, study_attributes(header), "recovery", syntax, "")
        return ref
