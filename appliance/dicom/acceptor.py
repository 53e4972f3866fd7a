"""A lean DICOM Upper Layer acceptor for C-ECHO and C-STORE: datasets stream from the socket to the spool.

pynetdicom's acceptor polls between threads (about 2 ms per message) and holds each dataset in memory;
receiving is the appliance's hot path, so this module reads PDUs itself and writes each P-DATA
fragment to the spool's temporary file as it arrives. Association negotiation reuses pynetdicom's PDU
codecs. One thread per association; the success status is sent only after Ingest made it durable.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import socket
import struct
from dataclasses import dataclass, field

from pynetdicom.pdu import A_ASSOCIATE_AC, A_ASSOCIATE_RQ
from pynetdicom.pdu_primitives import (
    A_ASSOCIATE,
    ImplementationClassUIDNotification,
    ImplementationVersionNameNotification,
    MaximumLengthNotification,
)
from pynetdicom.presentation import PresentationContext

from appliance.dicom.commands import (
    C_ECHO_RQ,
    C_STORE_RQ,
    NO_DATASET,
    Command,
    decode_command,
    response_pdu,
)
from appliance.dicom.dataset_scan import DatasetScan
from appliance.dicom.encoding import IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION, Encoding, file_header
from appliance.dicom.ingest import Ingest, StoreOutcome
from appliance.dicom.upper_layer import (
    ABORT,
    ASSOCIATE_RJ,
    ASSOCIATE_RQ,
    P_DATA,
    RELEASE_RP,
    RELEASE_RQ,
    PduStream,
    PeerGone,
    abort_pdu,
    pdvs,
    release_pdu,
)
from appliance.errors import DiskFull, InvalidDicom

log = logging.getLogger(__name__)
APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1"


@dataclass
class Negotiated:
    calling_aet: str
    contexts: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (abstract, transfer syntax)


def negotiate(
    rq: A_ASSOCIATE, supported: dict[str, tuple[str, ...]], max_pdu: int
) -> tuple[A_ASSOCIATE, Negotiated]:
    """Accept each proposed context whose abstract syntax we support, in the requestor's syntax order."""
    accepted = Negotiated(calling_aet=str(rq.calling_ae_title).strip())
    results = []
    for proposed in rq.presentation_context_definition_list:
        result = PresentationContext()
        result.context_id = proposed.context_id
        result.abstract_syntax = proposed.abstract_syntax
        ours = supported.get(str(proposed.abstract_syntax))
        choice = next((ts for ts in proposed.transfer_syntax if ours and str(ts) in ours), None)
        if ours is None:
            result.result, result.transfer_syntax = 0x03, [proposed.transfer_syntax[0]]
        elif choice is None:
            result.result, result.transfer_syntax = 0x04, [proposed.transfer_syntax[0]]
        else:
            result.result, result.transfer_syntax = 0x00, [choice]
            accepted.contexts[int(proposed.context_id or 0)] = (str(proposed.abstract_syntax), str(choice))
        results.append(result)
    ac = A_ASSOCIATE()
    ac.application_context_name = APPLICATION_CONTEXT
    ac.calling_ae_title = rq.calling_ae_title
    ac.called_ae_title = rq.called_ae_title
    ac.result = 0x00
    ac.result_source = 0x01
    ac.presentation_context_definition_results_list = results
    length = MaximumLengthNotification()
    length.maximum_length_received = max_pdu
    implementation = ImplementationClassUIDNotification()
    implementation.implementation_class_uid = IMPLEMENTATION_CLASS_UID
    version = ImplementationVersionNameNotification()
    version.implementation_version_name = IMPLEMENTATION_VERSION
    ac.user_information = [length, implementation, version]
    return ac, accepted


def reject_pdu(result: int = 2, source: int = 3, reason: int = 2) -> bytes:
    """A-ASSOCIATE-RJ; by default transient, by the presentation layer, local limit exceeded."""
    return struct.pack(">BBLBBBB", ASSOCIATE_RJ, 0, 4, 0, result, source, reason)


class AssociationHandler:
    """One accepted TCP connection, from A-ASSOCIATE-RQ to release or abort."""

    def __init__(self, sock: socket.socket, ingest: Ingest, supported: dict[str, tuple[str, ...]],
                 max_pdu: int) -> None:
        self.sock = sock
        self.ingest = ingest
        self.supported = supported
        self.max_pdu = max_pdu
        self.stream = PduStream(sock, max_pdu)
        self.peer = Negotiated(calling_aet="?")
        self.pending: DatasetReceiver | None = None

    # -- the association ---------------------------------------------------------------------------
    def run(self) -> None:
        try:
            kind, body = self.stream.read()
            if kind != ASSOCIATE_RQ:
                raise PeerGone(f"expected A-ASSOCIATE-RQ, got PDU type {kind}")
            request = A_ASSOCIATE_RQ()
            request.decode(bytes([ASSOCIATE_RQ, 0]) + struct.pack(">L", len(body)) + bytes(body))
            ac, self.peer = negotiate(request.to_primitive(), self.supported, self.max_pdu)
            answer = A_ASSOCIATE_AC()
            answer.from_primitive(ac)
            self.sock.sendall(answer.encode())
            log.info("association from %s accepted (%d contexts)", self.peer.calling_aet, len(self.peer.contexts))
            self._serve()
        except PeerGone as exc:
            log.info("association from %s ended: %s", self.peer.calling_aet, exc)
        except (OSError, ValueError, struct.error) as exc:
            log.warning("association from %s failed: %s", self.peer.calling_aet, exc)
        finally:
            if self.pending is not None:  # the association ended in the middle of a data set
                self.pending.discard()
            try:
                self.sock.close()
            except OSError:
                pass

    def _serve(self) -> None:
        command = bytearray()
        receiver: DatasetReceiver | None = None
        parsed: Command | None = None
        while True:
            kind, body = self.stream.read()
            if kind == RELEASE_RQ:
                self.sock.sendall(release_pdu(RELEASE_RP))
                return
            if kind == ABORT:
                raise PeerGone("aborted by the peer")
            if kind != P_DATA:
                self.sock.sendall(abort_pdu(0, 2))
                raise PeerGone(f"unexpected PDU type {kind}")
            for context_id, control, data in pdvs(body):
                if control & 1:
                    command += data
                    if control & 2:
                        parsed = decode_command(bytes(command), context_id)
                        command.clear()
                        if parsed.data_set_type == NO_DATASET:
                            self._answer(parsed, None)
                            parsed = None
                        else:
                            receiver = self.pending = self._receiver(parsed)
                elif parsed is not None and receiver is not None:
                    receiver.write(data)
                    if control & 2:
                        self.pending = None
                        self._answer(parsed, receiver)
                        parsed, receiver = None, None
                else:
                    raise PeerGone("data set fragment without a command")

    def _receiver(self, command: Command) -> DatasetReceiver:
        syntax = self.peer.contexts.get(command.context_id, ("", ""))[1]
        return DatasetReceiver(self.ingest, command, syntax, self.peer.calling_aet)

    def _answer(self, command: Command, receiver: DatasetReceiver | None) -> None:
        if command.context_id not in self.peer.contexts:
            raise PeerGone(f"message on presentation context {command.context_id}, which was not accepted")
        if command.field == C_ECHO_RQ:
            self.sock.sendall(response_pdu(command, 0x0000))
        elif command.field == C_STORE_RQ and receiver is not None:
            outcome = receiver.finish()
            self.sock.sendall(response_pdu(command, outcome.status, outcome.comment))
        else:
            if receiver is not None:
                receiver.discard()
            self.sock.sendall(response_pdu(command, 0x0211, "unrecognised operation"))


class DatasetReceiver:
    """Writes one C-STORE data set to a spool temp file (behind its file meta) as fragments arrive."""

    def __init__(self, ingest: Ingest, command: Command, transfer_syntax: str, calling_aet: str) -> None:
        self.ingest = ingest
        self.command = command
        self.transfer_syntax = transfer_syntax
        self.calling_aet = calling_aet
        self.path = ingest.spool.temp_path()
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.digest = hashlib.sha256()
        self.size = 0
        self.prefix = b""
        self.failed: OSError | None = None
        self.scan: DatasetScan | None = None
        try:
            ingest.spool.check_space()
        except DiskFull:  # still read the data set, then answer "out of resources"
            self.failed = OSError(errno.ENOSPC, "spool below its free-space floor")
        try:
            self.prefix = file_header(command.sop_class_uid, command.sop_instance_uid, transfer_syntax, calling_aet)
        except UnicodeEncodeError:
            self.prefix = b""
        self.write(self.prefix)
        encoding = Encoding.of(transfer_syntax)
        # walks the data set as it arrives: nothing is read back from the file (deflated ones are)
        self.scan = None if encoding.deflated else DatasetScan(encoding.implicit, encoding.little, len(self.prefix))

    def write(self, data: memoryview | bytes) -> None:
        if self.failed is not None:
            return
        try:
            written = os.write(self.fd, data)
            if written < len(data):
                view = memoryview(data)[written:]
                while view:
                    view = view[os.write(self.fd, view):]
        except OSError as exc:  # answered once the data set is complete (out of resources)
            self.failed = exc
            return
        self.digest.update(data)
        self.size += len(data)
        if self.scan is not None:
            self.scan.feed(data)

    def discard(self) -> None:
        os.close(self.fd)
        self.path.unlink(missing_ok=True)

    def finish(self) -> StoreOutcome:
        try:
            if self.failed is None:
                os.fsync(self.fd)
        except OSError as exc:
            self.failed = exc
        finally:
            os.close(self.fd)
        if self.scan is not None:
            self.scan.finish()
        try:
            return self.ingest.commit_received(
                self.path, len(self.prefix), self.size, self.digest.hexdigest(), self.transfer_syntax,
                "scp", self.calling_aet, self.command.sop_class_uid, self.command.sop_instance_uid, self.failed,
                self.scan,
            )
        except InvalidDicom as exc:  # commit_received answers for bad data itself; this is a last guard
            return StoreOutcome(0xC000, str(exc))
        finally:
            self.path.unlink(missing_ok=True)
