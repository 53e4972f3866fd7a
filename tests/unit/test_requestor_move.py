"""The C-MOVE requestor against a scripted peer on loopback: statuses, counts, data sets, silence, hang-ups."""

from __future__ import annotations

import io
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from pydicom.dataset import Dataset
from pynetdicom.dsutils import decode, encode
from pynetdicom.pdu import A_ASSOCIATE_AC, A_ASSOCIATE_RQ

from appliance.dicom import scu
from appliance.dicom.acceptor import negotiate
from appliance.dicom.commands import C_MOVE_RQ, decode_command
from appliance.dicom.requestor import MoveAssociation
from appliance.dicom.upper_layer import ASSOCIATE_RQ, P_DATA, RELEASE_RP, RELEASE_RQ, PduStream, pdvs, release_pdu
from appliance.domain import DicomNode
from appliance.errors import DicomPeerError

STUDY = "1.2.826.0.1.3680043.8.498.1"
Script = Callable[["Peer", int], None]  # (peer, message id of the C-MOVE-RQ)


def response(message_id: int, status: int, counts: tuple[int, int, int, int] | None = None,
             comment: str = "", with_data: bool = False) -> bytes:
    command = Dataset()
    command.AffectedSOPClassUID = scu.STUDY_MOVE
    command.CommandField = C_MOVE_RQ | 0x8000
    command.MessageIDBeingRespondedTo = message_id
    command.CommandDataSetType = 0x0000 if with_data else 0x0101
    command.Status = status
    if comment:
        command.ErrorComment = comment
    if counts is not None:
        (command.NumberOfRemainingSuboperations, command.NumberOfCompletedSuboperations,
         command.NumberOfFailedSuboperations, command.NumberOfWarningSuboperations) = counts
    encoded = encode(command, True, True)
    assert encoded is not None
    return encoded


def pdv(context_id: int, control: int, data: bytes) -> bytes:
    return struct.pack(">LBB", len(data) + 2, context_id, control) + data


def pdu(*pdvs_: bytes) -> bytes:
    body = b"".join(pdvs_)
    return struct.pack(">BBL", P_DATA, 0, len(body)) + body


class Peer:
    """A C-MOVE SCP that accepts the association, reads one C-MOVE-RQ and then follows a script."""

    def __init__(self, script: Script, accept: bool = True) -> None:
        self.script = script
        self.accept = accept
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.request: Dataset | None = None
        self.destination = ""
        self.released = False
        self.sock: socket.socket | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        sock, _ = self.server.accept()
        self.sock = sock
        stream = PduStream(sock, 1 << 20)
        kind, body = stream.read()
        assert kind == ASSOCIATE_RQ
        request = A_ASSOCIATE_RQ()
        request.decode(bytes([ASSOCIATE_RQ, 0]) + struct.pack(">L", len(body)) + bytes(body))
        ac, _ = negotiate(request.to_primitive(), {scu.STUDY_MOVE: ("1.2.840.10008.1.2",)} if self.accept else {},
                          1 << 16)
        answer = A_ASSOCIATE_AC()
        answer.from_primitive(ac)
        sock.sendall(answer.encode())
        if not self.accept:
            self._release(stream)
            return
        command, identifier = bytearray(), bytearray()
        while self.request is None:
            kind, body = stream.read()
            for _, control, data in pdvs(body):
                (command if control & 1 else identifier).extend(data)
                if control == 0x02:
                    self.request = decode(io.BytesIO(bytes(identifier)), True, True)
        parsed = decode_command(bytes(command), 1)
        assert parsed.field == C_MOVE_RQ
        self.destination = str(decode(io.BytesIO(bytes(command)), True, True).MoveDestination).strip()
        self.script(self, parsed.message_id)
        self._release(stream)

    def _release(self, stream: PduStream) -> None:
        try:
            kind, _ = stream.read()
        except Exception:
            return
        if kind == RELEASE_RQ:
            assert self.sock is not None
            self.released = True
            self.sock.sendall(release_pdu(RELEASE_RP))

    def send(self, data: bytes) -> None:
        assert self.sock is not None
        self.sock.sendall(data)


@contextmanager
def peer(script: Script, accept: bool = True) -> Iterator[tuple[Peer, DicomNode]]:
    running = Peer(script, accept)
    running.thread.start()
    try:
        yield running, DicomNode("FAKEPACS", "127.0.0.1", running.port)
    finally:
        if running.sock is not None:
            running.sock.close()
        running.server.close()
        running.thread.join(timeout=5)


def pending_then(final: bytes, pendings: int = 3) -> Script:
    def script(p: Peer, message_id: int) -> None:
        for n in range(pendings):
            p.send(pdu(pdv(1, 0x03, response(message_id, 0xFF00, (pendings - n, n, 0, 0)))))
        p.send(final)
    return script


def test_success_returns_the_completed_count_and_sends_the_identifier() -> None:
    def script(p: Peer, message_id: int) -> None:
        final = response(message_id, 0x0000, (0, 11, 0, 1))
        pending_then(pdu(pdv(1, 0x01, final[:20])) + pdu(pdv(1, 0x03, final[20:])))(p, message_id)

    with peer(script) as (fake, node):
        assert scu.move_study(node, "PASSERELLE", STUDY, "DEST", series_uid="1.2.3", timeout=5) == 12
    assert fake.request is not None
    assert fake.request.QueryRetrieveLevel == "SERIES"
    assert (fake.request.StudyInstanceUID, fake.request.SeriesInstanceUID) == (STUDY, "1.2.3")
    assert fake.destination == "DEST"
    assert fake.released


def test_warning_with_failed_uids_data_set_is_an_error_with_counts() -> None:
    def script(p: Peer, message_id: int) -> None:
        failed = Dataset()
        failed.FailedSOPInstanceUIDList = ["1.2.3.4"]
        data = encode(failed, True, True)
        assert data is not None
        pending_then(pdu(pdv(1, 0x03, response(message_id, 0xB000, (0, 2, 1, 0), with_data=True)),
                         pdv(1, 0x02, data)))(p, message_id)

    with peer(script) as (fake, node), pytest.raises(DicomPeerError, match="1 instances failed, 2 arrived"):
        scu.move_study(node, "PASSERELLE", STUDY, "DEST", timeout=5)
    assert fake.released


def test_failure_status_keeps_its_comment() -> None:
    def script(p: Peer, message_id: int) -> None:
        p.send(pdu(pdv(1, 0x03, response(message_id, 0xA801, comment="unknown destination"))))

    with peer(script) as (_, node), pytest.raises(DicomPeerError, match="status 0xA801 unknown destination"):
        scu.move_study(node, "PASSERELLE", STUDY, "NOBODY", timeout=5)


def test_a_silent_peer_times_out() -> None:
    def script(p: Peer, message_id: int) -> None:
        p.send(pdu(pdv(1, 0x03, response(message_id, 0xFF00, (5, 0, 0, 0)))))
        time.sleep(3)

    with peer(script) as (_, node):
        started = time.monotonic()
        with pytest.raises(DicomPeerError, match="did not answer the C-MOVE"):
            scu.move_study(node, "PASSERELLE", STUDY, "DEST", timeout=0.5)
        assert time.monotonic() - started < 2.5


def test_a_peer_hanging_up_mid_move_is_an_error() -> None:
    def script(p: Peer, message_id: int) -> None:
        p.send(pdu(pdv(1, 0x03, response(message_id, 0xFF00, (5, 0, 0, 0)))))
        assert p.sock is not None
        p.sock.shutdown(socket.SHUT_RDWR)

    with peer(script) as (_, node), pytest.raises(DicomPeerError, match="did not answer the C-MOVE"):
        scu.move_study(node, "PASSERELLE", STUDY, "DEST", timeout=30)


def test_a_refused_move_context_is_a_peer_error() -> None:
    with peer(lambda p, m: None, accept=False) as (fake, node), pytest.raises(DicomPeerError, match="not C-MOVE"):
        with MoveAssociation(node, "PASSERELLE", scu.STUDY_MOVE):
            pass
    assert fake.released


def test_nobody_listening_reads_as_before() -> None:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    with pytest.raises(DicomPeerError, match=r"did not answer an association request \(is it running, right port\?\)"):
        scu.move_study(DicomNode("NOBODY", "127.0.0.1", port), "PASSERELLE", STUDY, "DEST")
