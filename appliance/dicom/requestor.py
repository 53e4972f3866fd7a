"""A lean C-STORE SCU association: instances streamed from their spool files, one request at a time.

pynetdicom's requestor can lose a C-STORE response that arrives very quickly after the previous one
(its reactor thread may take it off the queue first, leaving send_c_store waiting for the DIMSE timeout);
with TCP_NODELAY on both ends that happens. Pushing studies into a PACS is a hot path, so C-STORE SCU
uses the same framing as our acceptor instead.
"""

from __future__ import annotations

import logging
import socket
import struct
from pathlib import Path

from pynetdicom.pdu import A_ASSOCIATE_AC, A_ASSOCIATE_RQ
from pynetdicom.pdu_primitives import (
    A_ASSOCIATE,
    ImplementationClassUIDNotification,
    ImplementationVersionNameNotification,
    MaximumLengthNotification,
)
from pynetdicom.presentation import PresentationContext

from appliance.dicom.commands import CommandError, decode_command, encode_store_request
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
MAX_PDU = 1 << 20
SEND_BLOCK = 1 << 20


class StoreAssociation:
    """An association proposing one presentation context per (SOP class, transfer syntax) pair."""

    def __init__(self, node: DicomNode, calling_aet: str, pairs: list[tuple[str, str]],
                 connect_timeout: float = 10, timeout: float = 120) -> None:
        self.node = node
        self.calling_aet = calling_aet
        self.pairs = pairs
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self.stream: PduStream | None = None
        self.contexts: dict[tuple[str, str], int] = {}
        self.peer_max = MAX_PDU
        self.message_id = 0

    def __enter__(self) -> StoreAssociation:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(release=exc[0] is None)

    def open(self) -> None:
        try:
            self.sock = socket.create_connection((self.node.host, self.node.port), timeout=self.connect_timeout)
        except OSError as exc:
            raise DicomPeerError(f"{self.node} did not answer an association request: {exc.strerror or exc}") from exc
        set_nodelay(self.sock)
        self.sock.settimeout(self.timeout)
        self.stream = PduStream(self.sock, MAX_PDU)
        self.sock.sendall(self._request().encode())
        kind, body = self._read()
        if kind == ASSOCIATE_RJ:
            raise DicomPeerError(f"{self.node} rejected the association (check the AE titles on both sides)")
        if kind != ASSOCIATE_AC:
            raise DicomPeerError(f"{self.node} answered the association request with PDU type {kind}")
        answer = A_ASSOCIATE_AC()
        answer.decode(bytes([ASSOCIATE_AC, 0]) + struct.pack(">L", len(body)) + bytes(body))
        accepted = answer.to_primitive()
        proposed = {2 * n + 1: pair for n, pair in enumerate(self.pairs)}
        for result in accepted.presentation_context_definition_results_list:
            if result.result == 0 and result.context_id in proposed:
                self.contexts[proposed[int(result.context_id)]] = int(result.context_id)
        for item in accepted.user_information:
            if isinstance(item, MaximumLengthNotification) and item.maximum_length_received:
                self.peer_max = min(MAX_PDU, int(item.maximum_length_received))

    def _request(self) -> A_ASSOCIATE_RQ:
        rq = A_ASSOCIATE()
        rq.application_context_name = APPLICATION_CONTEXT
        rq.calling_ae_title = self.calling_aet
        rq.called_ae_title = self.node.aet
        contexts = []
        for number, (sop_class, syntax) in enumerate(self.pairs):
            context = PresentationContext()
            context.context_id = 2 * number + 1
            context.abstract_syntax = sop_class
            context.transfer_syntax = [syntax]
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
        return pdu

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
        self.message_id = self.message_id % 0xFFFF + 1
        command = encode_store_request(self.message_id, pair[0], instance.sop_instance_uid)
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

    def close(self, release: bool = True) -> None:
        if self.sock is None:
            return
        try:
            if release:
                self.sock.sendall(release_pdu(RELEASE_RQ))
                kind, _ = self._read()
                if kind != RELEASE_RP:
                    log.warning("%s answered A-RELEASE-RQ with PDU type %d", self.node, kind)
            else:
                self.sock.sendall(abort_pdu())
        except (OSError, DicomPeerError) as exc:
            log.info("closing the association with %s: %s", self.node, exc)
        finally:
            self.sock.close()
            self.sock = None
