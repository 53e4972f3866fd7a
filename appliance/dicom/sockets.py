"""Socket options for the appliance's own DICOM connections: Nagle's algorithm off on both ends we own.

DCMTK, Orthanc and pynetdicom leave Nagle's algorithm on; with delayed ACKs that costs about 40 ms per
DIMSE message on loopback. pynetdicom exposes the socket once connected (EVT_CONN_OPEN), for accepted
and for outgoing associations alike, so one handler covers both.
"""

from __future__ import annotations

import logging
import socket
import struct
import sys
from typing import Any

from pynetdicom import evt

log = logging.getLogger(__name__)


def set_nodelay(sock: socket.socket | None) -> bool:
    """Turn Nagle's algorithm off on a TCP socket. Returns False when it could not be done."""
    if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return False
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError as exc:
        log.warning("cannot set TCP_NODELAY: %s", exc)
        return False
    return True


def set_io_timeout(sock: socket.socket, seconds: float) -> None:
    """Fail a receive or send that waits longer than `seconds` with TimeoutError.

    On Linux the kernel enforces it (SO_RCVTIMEO/SO_SNDTIMEO on a blocking socket): Python's own timeout
    polls before every recv, a system call per read on the intake's hot path. A receive that times out
    then fails with EAGAIN, which `recv_into_timed` turns into TimeoutError. Elsewhere, settimeout.
    """
    if sys.platform.startswith("linux"):
        whole = int(seconds)
        value = struct.pack("ll", whole, int((seconds - whole) * 1e6))
        try:
            sock.settimeout(None)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, value)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, value)
            return
        except OSError as exc:
            log.debug("kernel socket timeouts unavailable (%s): using Python's", exc)
    sock.settimeout(seconds)


def recv_into_timed(sock: socket.socket, view: memoryview) -> int:
    """sock.recv_into, with a kernel receive timeout (set_io_timeout) raised as TimeoutError."""
    try:
        return sock.recv_into(view)
    except BlockingIOError as exc:  # EAGAIN from SO_RCVTIMEO on a blocking socket
        if sock.gettimeout() is None:
            raise TimeoutError("timed out") from exc
        raise


QUICKACK = getattr(socket, "TCP_QUICKACK", None)


def quick_ack(sock: socket.socket) -> None:
    """Acknowledge received data at once (Linux TCP_QUICKACK; the kernel clears it again by itself).

    A sender that leaves Nagle's algorithm on (DCMTK's storescu, many modalities) holds its last small
    segment until the previous one is acknowledged; our delayed ACK would make it wait about 40 ms.
    """
    if QUICKACK is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
        except OSError:
            pass


def association_socket(event: Any) -> socket.socket | None:
    """The raw socket of the association an event belongs to, if it still has one."""
    wrapper = getattr(getattr(event.assoc, "dul", None), "socket", None)
    sock = getattr(wrapper, "socket", None)
    return sock if isinstance(sock, socket.socket) else None


def on_connection_open(event: Any) -> None:
    """EVT_CONN_OPEN handler: TCP_NODELAY on the association's socket."""
    set_nodelay(association_socket(event))


NODELAY_HANDLERS: list[Any] = [(evt.EVT_CONN_OPEN, on_connection_open)]
