"""The appliance's DICOM node alone in its own process, for crash tests and benchmarks.

    python -m tests.integration.scp_process --home DIR --port N [--aet AET]

Builds Settings, Spool, StateStore and Ingest as the engine does, runs recovery, starts the StorageSCP and
prints one line `READY <port> <recovery>` once it listens. SIGTERM or SIGINT stops it cleanly.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from appliance.dicom.ingest import Ingest
from appliance.dicom.scp import StorageSCP
from appliance.service.settings import Settings
from appliance.store.spool import Spool
from appliance.store.state import StateStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--aet", default="PASSERELLE")
    parser.add_argument("--min-free-mb", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    settings = Settings(home=args.home, site_name="scp-process", aet=args.aet, dicom_port=args.port,
                        bind_host="127.0.0.1", min_free_mb=args.min_free_mb)
    store = StateStore(settings.db_path)
    spool = Spool(settings.spool_dir, settings.quarantine_dir, settings.min_free_mb << 20)
    ingest = Ingest(spool, store)
    recovery = ingest.recover()
    scp = StorageSCP(settings, ingest)
    scp.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"READY {scp.port} {recovery}", flush=True)
    stop.wait()
    scp.stop()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
