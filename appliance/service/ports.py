"""Free loopback TCP ports for demo, self-test and test sites, chosen outside the kernel's ephemeral range.

A port found by binding to port 0 comes from the ephemeral range, the same range the kernel uses for
outgoing connections: between the moment it is chosen and the moment a site binds it, an outgoing socket
(an HTTP request, a C-MOVE association) can take it, and the site fails with "address already in use".
Ports below the ephemeral range are never handed to outgoing sockets, and this process never hands out
the same port twice.
"""

from __future__ import annotations

import random
import socket
import threading
from pathlib import Path

WELL_KNOWN = frozenset({104, 4242, 8042, 11112})
LOWEST = 20000
_handed: set[int] = set()
_lock = threading.Lock()


def ephemeral_floor() -> int:
    """The lowest port of the kernel's ephemeral range (32768 when it cannot be read)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port free on loopback now, below the ephemeral range, never handed out before by this process."""
    high = ephemeral_floor()
    with _lock:
        if high - LOWEST >= 1000:
            for _ in range(500):
                port = random.randrange(LOWEST, high)
                if port not in _handed and port not in WELL_KNOWN and _bindable(port):
                    _handed.add(port)
                    return port
        while True:  # an unusual range: fall back to the kernel's choice
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                probe.bind(("127.0.0.1", 0))
                port = int(probe.getsockname()[1])
            if port not in _handed and port not in WELL_KNOWN:
                _handed.add(port)
                return port


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports."""
    return [free_port() for _ in range(count)]
