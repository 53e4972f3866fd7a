"""Lean DICOM requestor associations on our own upper layer: C-STORE SCU and C-MOVE SCU, blocking.

pynetdicom's requestor can lose a C-STORE response that arrives very quickly after the previous one
(its reactor thread may take it off the queue first, leaving send_c_store waiting for the DIMSE timeout);
with TCP_NODELAY on both ends that happens. Its reactor and DUL threads also poll every millisecond while
an association waits, which costs about a third of a CPU second per C-MOVE of a 500-instance study.
Pushing studies into a PACS and retrieving them from it are hot paths, so both use the same framing as
our acceptor instead, one blocking socket per association.
"""

from __future__ import annotations

import logging
import socket
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Self

from pydicom.dataset import Dataset
from pynetdicom.dsutils import encode
from pynetdicom.pdu import A_ASSOCIATE_AC, A_ASSOCIATE_RQ
from pynetdicom.pdu_primitives import (
    A_ASSOCIATE,
    ImplementationClassUIDNotification,
    ImplementationVersionNameNotification,
    MaximumLengthNotification,
)
from pynetdicom.presentation import PresentationContext

from appliance.dicom.commands import (
    NO_DATASET,
    CommandError,
    decode_command,
    encode_move_request,
    encode_store_request,
    suboperation_counts,
)
from appliance.dicom.encoding import IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION
from appliance.dicom.outgoing import OutgoingInstance, as_stored
from appliance.dicom.sockets import set_nodelay
from appliance.dicom.upper_layer import (
    ABORT,
    ASSOCIATE_AC,
    ASSOCIATE_RJ,
    P_DATA,
    RELEASE_RP,
    RELEASE_RQ,
    PduStream,
    PeerGone,
    abort_pdu,
    pdata_pdu,
    pdvs,
    release_pdu,
)
from appliance.domain import DicomNode
from appliance.errors import DicomPeerError

log = logging.getLogger(__name__)
APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1"
IMPLICIT_VR_LE = "1.2.840.10008.1.2"
EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"
MAX_PDU = 1 << 20
SEND_BLOCK = 1 << 20
PENDING = (0xFF00, 0xFF01)


def _associate_request(calling_aet: str, called_aet: str, proposals: Sequence[tuple[str, Sequence[str]]]) -> bytes:
    """An A-ASSOCIATE-RQ PDU proposing context 2n+1 for the n-th (abstract syntax, transfer syntaxes)."""
    rq = A_ASSOCIATE()
    rq.application_context_name = APPLICATION_CONTEXT
    rq.calling_ae_title = calling_aet
    rq.called_ae_title = called_aet
    contexts = []
    for number, (abstract, syntaxes) in enumerate(proposals):
        context = PresentationContext()
        context.context_id = 2 * number + 1
        context.abstract_syntax = abstract
        context.transfer_syntax = list(syntaxes)
        contexts.append(context)
    rq.presentation_context_definition_list = contexts
    length = MaximumLengthNotification()
    length.maximum_length_received = MAX_PDU
    implementation = ImplementationClassUIDNotification()
    implementation.implementation_class_uid = IMPLEMENTATION_CLASS_UID
    version = ImplementationVersionNameNotification()
    version.implementation_version_name = IMPLEMENTATION_VERSION
    rq.user_information = [length, implementation, version]
    pdu = A_ASSOCIATE_RQ()
    pdu.from_primitive(rq)
    return bytes(pdu.encode())


def _accepted(body: memoryview) -> tuple[dict[int, str], int]:
    """From an A-ASSOCIATE-AC body: the accepted context ids with their transfer syntax, and the peer's
    maximum PDU length (capped at ours)."""
    answer = A_ASSOCIATE_AC()
    answer.decode(bytes([ASSOCIATE_AC, 0]) + struct.pack(">L", len(body)) + bytes(body))
    primitive = answer.to_primitive()
    contexts = {int(r.context_id): str(r.transfer_syntax[0]) if r.transfer_syntax else ""
                for r in primitive.presentation_context_definition_results_list
                if r.result == 0 and r.context_id is not None}
    peer_max = MAX_PDU
    for item in primitive.user_information:
        if isinstance(item, MaximumLengthNotification) and item.maximum_length_received:
            peer_max = min(MAX_PDU, int(item.maximum_length_received))
    return contexts, peer_max


class _Requestor:
    """What both requestor associations share: the socket, entering and leaving, release or abort."""

    def __init__(self, node: DicomNode, calling_aet: str, connect_timeout: float, timeout: float) -> None:
        self.node = node
        self.calling_aet = calling_aet
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self.stream: PduStream | None = None
        self.peer_max = MAX_PDU
        self.message_id = 0

    def open(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(release=exc[0] is None)

    def _next_message_id(self) -> int:
        self.message_id = self.message_id % 0xFFFF + 1
        return self.message_id

    def close(self, release: bool = True) -> None:
        """A-RELEASE (waiting for its answer) or A-ABORT, then close the socket; never raises."""
        if self.sock is None:
            return
        try:
            if release:
                self.sock.sendall(release_pdu(RELEASE_RQ))
                assert self.stream is not None
                kind, _ = self.stream.read()
                if kind != RELEASE_RP:
                    log.warning("%s answered A-RELEASE-RQ with PDU type %d", self.node, kind)
            else:
                self.sock.sendall(abort_pdu())
        except (OSError, PeerGone) as exc:
            log.info("closing the association with %s: %s", self.node, exc)
        finally:
            self.sock.close()
            self.sock = None


class StoreAssociation(_Requestor):
    """An association proposing one presentation context per (SOP class, transfer syntax) pair."""

    def __init__(self, node: DicomNode, calling_aet: str, pairs: list[tuple[str, str]],
                 connect_timeout: float = 10, timeout: float = 120) -> None:
        super().__init__(node, calling_aet, connect_timeout, timeout)
        self.pairs = pairs
        self.contexts: dict[tuple[str, str], int] = {}

    def open(self) -> None:
        try:
            self.sock = socket.create_connection((self.node.host, self.node.port), timeout=self.connect_timeout)
        except OSError as exc:
            raise DicomPeerError(f"{self.node} did not answer an association request: {exc.strerror or exc}") from exc
        set_nodelay(self.sock)
        self.sock.settimeout(self.timeout)
        self.stream = PduStream(self.sock, MAX_PDU)
        self.sock.sendall(_associate_request(self.calling_aet, self.node.aet,
                                             [(sop_class, [syntax]) for sop_class, syntax in self.pairs]))
        kind, body = self._read()
        if kind == ASSOCIATE_RJ:
            raise DicomPeerError(f"{self.node} rejected the association (check the AE titles on both sides)")
        if kind != ASSOCIATE_AC:
            raise DicomPeerError(f"{self.node} answered the association request with PDU type {kind}")
        accepted, self.peer_max = _accepted(body)
        for number, pair in enumerate(self.pairs):
            if 2 * number + 1 in accepted:
                self.contexts[pair] = 2 * number + 1

    def _read(self) -> tuple[int, memoryview]:
        assert self.stream is not None
        try:
            kind, body = self.stream.read()
        except (PeerGone, OSError) as exc:
            raise DicomPeerError(f"{self.node} closed the association: {exc}") from exc
        if kind == ABORT:
            raise DicomPeerError(f"{self.node} aborted the association")
        return kind, body
    def store(self, path: Path) -> tuple[int, str]:
        """C-STORE one Part 10 file as encoded. Returns (status, error comment)."""
        return self.store_instance(as_stored(path))

    def store_instance(self, instance: OutgoingInstance) -> tuple[int, str]:
        """C-STORE one instance (its header maybe rewritten, the rest read from its file while sending)."""
        assert self.sock is not None
        pair = (instance.sop_class_uid, instance.transfer_syntax)
        context_id = self.contexts.get(pair)
        if context_id is None:
            return 0x0122, "SOP class or transfer syntax not accepted by the peer"
        command = encode_store_request(self._next_message_id(), pair[0], instance.sop_instance_uid)
        self.sock.sendall(pdata_pdu(context_id, 0x03, command))
        fragment = max(self.peer_max - 6, 1024) if self.peer_max else SEND_BLOCK
        pending = memoryview(b"")
        for block in instance.dataset_blocks(max(fragment, SEND_BLOCK)):
            pending = memoryview(bytes(pending) + block) if pending else memoryview(block)
            while len(pending) > fragment:
                self.sock.sendall(pdata_pdu(context_id, 0x00, pending[:fragment]))
                pending = pending[fragment:]
        self.sock.sendall(pdata_pdu(context_id, 0x02, pending))
        return self._response()

    def _response(self) -> tuple[int, str]:
        command = bytearray()
        while True:
            kind, body = self._read()
            if kind != P_DATA:
                raise DicomPeerError(f"{self.node} sent PDU type {kind} instead of a C-STORE response")
            for context_id, control, data in pdvs(body):
                if not control & 1:
                    raise DicomPeerError(f"{self.node} sent a data set with a C-STORE response")
                command += data
                if control & 2:
                    try:
                        response = decode_command(bytes(command), context_id)
                    except CommandError as exc:
                        raise DicomPeerError(f"{self.node} sent an unreadable C-STORE response: {exc}") from exc
                    if response.message_id != self.message_id or response.status is None:
                        raise DicomPeerError(f"{self.node} answered another message than the one sent")
                    return response.status, response.error_comment


class MoveAssociation(_Requestor):
    """A C-MOVE SCU association on one presentation context (a Query/Retrieve MOVE model).

    Errors read as pynetdicom's did in `scu.move_study`: a peer that cannot be reached, or does not answer
    the association request in `acse_timeout`, "did not answer an association request"; one silent for
    `timeout` seconds (pynetdicom's network timeout), gone or aborting mid-move "did not answer the C-MOVE".
    """

    def __init__(self, node: DicomNode, calling_aet: str, sop_class: str, connect_timeout: float = 10,
                 acse_timeout: float = 30, timeout: float = 60) -> None:
        super().__init__(node, calling_aet, connect_timeout, timeout)
        self.sop_class = sop_class
        self.acse_timeout = acse_timeout
        self.context_id = 0
        self.implicit = True

    def _unreachable(self) -> DicomPeerError:
        return DicomPeerError(f"{self.node} did not answer an association request (is it running, right port?)")

    def open(self) -> None:
        try:
            self.sock = socket.create_connection((self.node.host, self.node.port), timeout=self.connect_timeout)
        except OSError as exc:
            raise self._unreachable() from exc
        set_nodelay(self.sock)
        self.sock.settimeout(self.acse_timeout)
        self.stream = PduStream(self.sock, MAX_PDU)
        try:
            self.sock.sendall(_associate_request(self.calling_aet, self.node.aet,
                                                 [(self.sop_class, [EXPLICIT_VR_LE, IMPLICIT_VR_LE])]))
            kind, body = self.stream.read()
        except (PeerGone, OSError) as exc:
            self.close(release=False)
            raise self._unreachable() from exc
        if kind == ASSOCIATE_RJ:
            self.close(release=False)
            raise DicomPeerError(f"{self.node} rejected the association (check the AE titles on both sides)")
        if kind != ASSOCIATE_AC:
            self.close(release=False)
            raise self._unreachable()
        accepted, self.peer_max = _accepted(body)
        if 1 not in accepted:
            self.close(release=True)
            raise DicomPeerError(f"{self.node} accepted the association but not C-MOVE ({self.sop_class})")
        self.context_id = 1
        self.implicit = accepted[1] == IMPLICIT_VR_LE
        self.sock.settimeout(self.timeout)

    def _gone(self) -> DicomPeerError:
        return DicomPeerError(f"{self.node} did not answer the C-MOVE (timeout or aborted association)")

    def move(self, identifier: Dataset, destination: str) -> Dataset:
        """Send one C-MOVE-RQ and read its responses until a final one, returned as a data set holding Status,
        ErrorComment (if any) and the NumberOf...Suboperations counts. Pending responses are only read."""
        assert self.sock is not None and self.stream is not None
        encoded = encode(identifier, self.implicit, True)
        if encoded is None:
            raise DicomPeerError(f"the C-MOVE identifier for {self.node} cannot be encoded")
        try:
            self.sock.sendall(pdata_pdu(self.context_id, 0x03,
                                        encode_move_request(self._next_message_id(), self.sop_class, destination)))
            fragment = max(self.peer_max - 6, 1024) if self.peer_max else SEND_BLOCK
            for start in range(0, max(len(encoded), 1), fragment):
                last = start + fragment >= len(encoded)
                self.sock.sendall(pdata_pdu(self.context_id, 0x02 if last else 0x00, encoded[start : start + fragment]))
            return self._final_response()
        except (PeerGone, OSError) as exc:
            raise self._gone() from exc

    def _final_response(self) -> Dataset:
        assert self.stream is not None
        command = bytearray()
        waiting_data: Dataset | None = None  # a final response whose data set (failed UIDs) is still coming
        while True:
            kind, body = self.stream.read()
            if kind != P_DATA:
                raise self._gone()
            for context_id, control, data in pdvs(body):
                if not control & 1:  # a response's data set (failed SOP instance UIDs): skipped to its end
                    if control & 2 and waiting_data is not None:
                        return waiting_data
                    continue
                command += data
                if not control & 2:
                    continue
                final = self._response(bytes(command), context_id)
                command.clear()
                if final is None:
                    continue
                if final[1]:
                    waiting_data = final[0]
                else:
                    return final[0]

    def _response(self, command: bytes, context_id: int) -> tuple[Dataset, bool] | None:
        """None for a pending response, else (final status as a data set, whether a data set follows)."""
        try:
            response = decode_command(command, context_id)
        except CommandError as exc:
            raise DicomPeerError(f"{self.node} sent an unreadable C-MOVE response: {exc}") from exc
        if response.message_id != self.message_id or response.status is None:
            raise DicomPeerError(f"{self.node} answered another message than the one sent")
        if response.status in PENDING:
            return None
        final = Dataset()
        final.Status = response.status
        if response.error_comment:
            final.ErrorComment = response.error_comment
        remaining, completed, failed, warned = suboperation_counts(command)
        for keyword, count in (("NumberOfRemainingSuboperations", remaining),
                               ("NumberOfCompletedSuboperations", completed),
                               ("NumberOfFailedSuboperations", failed),
                               ("NumberOfWarningSuboperations", warned)):
            if count is not None:
                setattr(final, keyword, count)
        return final, response.data_set_type != NO_DATASET
