"""DICOM Upper Layer framing (PS3.8 9.3): reading whole PDUs from a socket and splitting P-DATA into PDVs."""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterator

from appliance.dicom.sockets import quick_ack, recv_into_timed

ASSOCIATE_RQ, ASSOCIATE_AC, ASSOCIATE_RJ, P_DATA, RELEASE_RQ, RELEASE_RP, ABORT = 1, 2, 3, 4, 5, 6, 7
MAX_ASSOCIATE_PDU = 1 << 20


class PeerGone(Exception):
    """The peer closed, aborted or broke the association."""


def release_pdu(kind: int) -> bytes:
    """A-RELEASE-RQ or A-RELEASE-RP."""
    return struct.pack(">BBLL", kind, 0, 4, 0)


def abort_pdu(source: int = 0, reason: int = 0) -> bytes:
    return struct.pack(">BBLBBBB", ABORT, 0, 4, 0, 0, source, reason)


def pdata_pdu(context_id: int, control: int, data: bytes | memoryview) -> bytes:
    """A P-DATA-TF PDU carrying one PDV (control: bit 0 command, bit 1 last fragment)."""
    return struct.pack(">BBLLBB", P_DATA, 0, len(data) + 6, len(data) + 2, context_id, control) + bytes(data)


class PduStream:
    """Reads PDUs into one reusable buffer; a returned body is valid until the next read."""

    def __init__(self, sock: socket.socket, max_pdu: int) -> None:
        self.sock = sock
        self.buffer = bytearray(max(max_pdu, 1 << 16) + 6)
        self.view = memoryview(self.buffer)

    def _read_into(self, view: memoryview) -> None:
        got = 0
        while got < len(view):
            n = recv_into_timed(self.sock, view[got:])
            if n == 0:
                raise PeerGone("connection closed")
            got += n
            quick_ack(self.sock)

    def read(self) -> tuple[int, memoryview]:
        """The next PDU as (type, body)."""
        header = self.view[:6]
        self._read_into(header)
        kind, _, length = struct.unpack(">BBL", header)
        if kind in (ASSOCIATE_RQ, ASSOCIATE_AC) and length <= MAX_ASSOCIATE_PDU:
            body = memoryview(bytearray(length))
        elif length + 6 > len(self.buffer):
            raise PeerGone(f"PDU of {length} bytes exceeds the negotiated maximum")
        else:
            body = self.view[6 : 6 + length]
        self._read_into(body)
        return kind, body


def pdvs(body: memoryview) -> Iterator[tuple[int, int, memoryview]]:
    """(context id, control header, data) of each PDV in a P-DATA-TF body."""
    offset = 0
    while offset < len(body):
        (length,) = struct.unpack_from(">L", body, offset)
        if length < 2 or offset + 4 + length > len(body):
            raise PeerGone("malformed P-DATA-TF")
        yield body[offset + 4], body[offset + 5], body[offset + 6 : offset + 4 + length]
        offset += 4 + length
