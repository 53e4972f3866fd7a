"""TEST-ONLY fault injection: kill this process at an exact point of a transfer.

    PASSERELLE_FAULT="ROLE:POINT:N[,ROLE:POINT:N...]"

kills the process (SIGKILL to itself, no clean-up, like a power cut) the N-th time the code passes
`fault_point(ROLE, POINT)`. Roles and points used by the peer transfer code:

    receiver:mid_chunk                  half of a chunk's bytes written, nothing fsynced or recorded
    receiver:after_fsync_before_record  a batch of chunks durable on disk, not yet in the journal
    receiver:after_move_before_record   verified files moved into the spool, study not yet recorded
    receiver:after_commit_before_reply  study and receipt recorded, the answer not yet sent
    sender:after_chunk_sent             the peer acknowledged a chunk, before the next one goes
    sender:receipt_before_store         a valid receipt arrived, not yet stored

Never set it on a production appliance. Unset (the normal case), `fault_point` is a dictionary lookup.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

log = logging.getLogger(__name__)
ENVIRONMENT = "PASSERELLE_FAULT"


class FaultPlan:
    """The parsed environment variable and the hit counters."""

    def __init__(self, spec: str) -> None:
        self._targets: dict[tuple[str, str], int] = {}
        self._hits: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        for item in filter(None, (part.strip() for part in spec.split(","))):
            role, point, count = item.split(":")
            self._targets[(role, point)] = int(count)

    def hit(self, role: str, point: str) -> bool:
        key = (role, point)
        if key not in self._targets:
            return False
        with self._lock:
            self._hits[key] = self._hits.get(key, 0) + 1
            return self._hits[key] == self._targets[key]


_PLAN = FaultPlan(os.environ.get(ENVIRONMENT, ""))


def fault_point(role: str, point: str) -> None:
    """Die here if the test asked for it (see the module docstring)."""
    if _PLAN.hit(role, point):
        log.warning("fault injection: killing the process at %s:%s", role, point)
        os.kill(os.getpid(), signal.SIGKILL)
