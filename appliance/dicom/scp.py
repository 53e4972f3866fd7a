"""The appliance's DICOM node: C-ECHO and C-STORE SCP writing every instance durably through Ingest."""

from __future__ import annotations

import io
import logging
import socket
import threading
from typing import Any, Protocol

from pydicom.dataset import Dataset
from pydicom.uid import (
    JPEG2000,
    UID,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
    JPEGLSLossless,
    JPEGLSNearLossless,
    RLELossless,
)
from pynetdicom import AllStoragePresentationContexts, _config

from appliance.dicom.acceptor import AssociationHandler, reject_pdu
from appliance.dicom.encoding import file_header
from appliance.dicom.ingest import (
    CANNOT_UNDERSTAND,
    DATASET_MISMATCH,
    OUT_OF_RESOURCES,
    SUCCESS,
    DatasetMismatch,
    Ingest,
)
from appliance.dicom.sockets import set_io_timeout, set_nodelay
from appliance.errors import DiskFull, InvalidDicom, StorageError
from appliance.store.spool import check_uid

log = logging.getLogger(__name__)
VERIFICATION = "1.2.840.10008.1.1"

# Identifiers of C-FIND/C-MOVE/C-GET carry patient data: pynetdicom must never log them.
_config.LOG_REQUEST_IDENTIFIERS = False
_config.LOG_RESPONSE_IDENTIFIERS = False

ACCEPTED_TRANSFER_SYNTAXES: tuple[str, ...] = (
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
    JPEGLSLossless,
    JPEGLSNearLossless,
    JPEG2000Lossless,
    JPEG2000,
    RLELossless,
)
MAX_PDU = 1 << 20  # what we accept per PDU; large PDUs mean fewer reads per data set
MAX_ASSOCIATIONS = 16
NETWORK_TIMEOUT = 60.0
ASSOCIATION_JOIN_SECONDS = 5.0

PROCESSING_FAILURE = 0x0110


class NodeSettings(Protocol):
    """What the SCP needs from the site settings (appliance.service.settings.Settings has it)."""

    @property
    def aet(self) -> str: ...
    @property
    def dicom_port(self) -> int: ...
    @property
    def bind_host(self) -> str: ...


def _status(code: int, comment: str) -> Dataset:
    status = Dataset()
    status.Status = code
    status.ErrorComment = comment[:64]
    return status


class StorageSCP:
    """C-ECHO and C-STORE SCP on the configured AET and port, for every storage SOP class.

    Associations are served by appliance.dicom.acceptor (one thread each, data streamed to the spool).
    """

    def __init__(self, settings: NodeSettings, ingest: Ingest) -> None:
        self.settings = settings
        self.ingest = ingest
        self.supported: dict[str, tuple[str, ...]] = {
            str(cx.abstract_syntax): ACCEPTED_TRANSFER_SYNTAXES for cx in AllStoragePresentationContexts
        }
        self.supported[VERIFICATION] = (ExplicitVRLittleEndian, ImplicitVRLittleEndian)
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._active: dict[threading.Thread, socket.socket] = {}
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        """The listening port (the real one when the settings asked for port 0)."""
        if self._listener is None:
            return self.settings.dicom_port
        return int(self._listener.getsockname()[1])

    @property
    def running(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        """Listen in a background thread; returns at once."""
        if self._listener is not None:
            return
        self._listener = socket.create_server((self.settings.bind_host, self.settings.dicom_port), backlog=32)
        self._thread = threading.Thread(target=self._accept_loop, args=(self._listener,),
                                         name=f"dicom-scp-{self.port}", daemon=True)
        self._thread.start()
        log.info("DICOM SCP %s listening on %s:%d", self.settings.aet, self.settings.bind_host, self.port)

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        try:
            listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        listener.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            active = list(self._active.items())
        for _, conn in active:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread, _ in active:
            thread.join(timeout=ASSOCIATION_JOIN_SECONDS)
        log.info("DICOM SCP %s stopped", self.settings.aet)

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # the listener was shut down
            set_nodelay(conn)
            set_io_timeout(conn, NETWORK_TIMEOUT)
            with self._lock:
                busy = len(self._active) >= MAX_ASSOCIATIONS
            if busy:
                log.warning("association refused: %d associations already open", MAX_ASSOCIATIONS)
                try:
                    conn.sendall(reject_pdu())
                finally:
                    conn.close()
                continue
            handler = AssociationHandler(conn, self.ingest, self.supported, MAX_PDU)
            thread = threading.Thread(target=self._serve, args=(handler,), name="dicom-association", daemon=True)
            with self._lock:
                self._active[thread] = conn
            thread.start()

    def _serve(self, handler: AssociationHandler) -> None:
        try:
            handler.run()
        finally:
            with self._lock:
                self._active.pop(threading.current_thread(), None)


def store_event(ingest: Ingest, event: Any, source: str) -> int | Dataset:
    """Handle one EVT_C_STORE (from our SCP, or C-GET sub-operations): the status to answer with.

    Success only once the instance is durable and recorded; bad data is quarantined with its reason.
    """
    calling = str(event.assoc.requestor.ae_title if source == "scp" else event.assoc.acceptor.ae_title)
    request = event.request
    data: io.BytesIO = request.DataSet
    data.seek(0)
    try:
        ref = ingest.store_raw(
            data, str(event.context.transfer_syntax), source, calling,
            expected_sop_class=str(request.AffectedSOPClassUID or ""),
        )
    except DatasetMismatch as exc:
        _quarantine(ingest, event, str(exc), calling)
        return _status(DATASET_MISMATCH, str(exc))
    except InvalidDicom as exc:
        _quarantine(ingest, event, str(exc), calling)
        return _status(CANNOT_UNDERSTAND, str(exc))
    except DiskFull as exc:
        log.error("C-STORE from %s refused: %s", calling, exc)
        return _status(OUT_OF_RESOURCES, "spool full")
    except StorageError as exc:
        log.error("C-STORE from %s failed: %s", calling, exc)
        return _status(OUT_OF_RESOURCES, "spool write failed")
    except Exception:
        log.exception("C-STORE from %s failed unexpectedly", calling)
        return _status(PROCESSING_FAILURE, "processing failure")
    log.debug("C-STORE %s from %s stored", ref.sop_instance_uid, calling)
    return SUCCESS


def _quarantine(ingest: Ingest, event: Any, reason: str, calling: str) -> None:
    """Keep the raw dataset, as a Part 10 file when the request's UIDs allow one."""
    request = event.request
    raw = request.DataSet.getvalue()
    try:
        sop_class = check_uid(str(request.AffectedSOPClassUID or ""), "Affected SOP Class UID")
        sop_instance = check_uid(str(request.AffectedSOPInstanceUID or ""), "Affected SOP Instance UID")
        raw = file_header(sop_class, sop_instance, str(event.context.transfer_syntax), calling) + raw
    except InvalidDicom:
        pass
    try:
        ingest.quarantine(raw, reason, f"dicom:{calling}")
    except (StorageError, OSError) as exc:
        log.error("cannot quarantine a dataset from %s: %s", calling, exc)


def accepted_syntax_names() -> list[str]:
    """The accepted transfer syntaxes by name (for the conformance statement and status)."""
    return [UID(uid).name for uid in ACCEPTED_TRANSFER_SYNTAXES]
