"""TEST-ONLY: `passerelle serve` that cuts its own power at one exact call, for test_kill_phases.py.

    python -m tests.faults.kill_between CUT --home HOME

runs the real engine (`appliance.cli serve`) after wrapping one function so that the process ends with
`os._exit(137)` (no clean-up, no flush: what SQLite committed is all that survives, as after SIGKILL) at
that point. These are windows of microseconds between two transactions that should arguably be one; no
outside observer can time a kill into them, and the engine has no PASSERELLE_FAULT hook there.

    review-recorded        the pipeline committed a review case (review.record_review_case), the transfer's
                           state does not say 'review' yet
    stored-before-journal  PacsPusher verified the study in the PACS and is about to record it: state 'done'
                           and the 'pacs-stored' journal entry (one transaction since the fix; the cut
                           lands just before it, where the two separate writes used to leave a gap)
    queued-before-routed   the scheduler committed the outgoing transfer (queue_outgoing), not yet the
                           `routed` rows (RoutingStore.record_routed)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

CUTS = ("review-recorded", "stored-before-journal", "queued-before-routed")


def power_cut() -> None:
    os._exit(137)


def after(original: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        original(*args, **kwargs)
        power_cut()

    return wrapped


def arm(cut: str) -> None:
    if cut == "review-recorded":
        from appliance.service import review

        review.record_review_case = after(review.record_review_case)
    elif cut == "stored-before-journal":
        from appliance.store.state import StateStore

        def stored(*_args: Any, **_kwargs: Any) -> None:
            power_cut()

        StateStore.mark_stored = stored  # type: ignore[method-assign]
    elif cut == "queued-before-routed":
        from appliance.store.routing import RoutingStore

        def routed(*_args: Any, **_kwargs: Any) -> int:
            power_cut()
            return 0

        RoutingStore.record_routed = routed  # type: ignore[method-assign,assignment]
    else:
        raise SystemExit(f"unknown cut {cut!r}: one of {', '.join(CUTS)}")


def main() -> int:
    cut, rest = sys.argv[1], sys.argv[2:]
    arm(cut)
    from appliance.cli import main as cli_main

    return cli_main(["serve", *rest])


if __name__ == "__main__":
    sys.exit(main())
