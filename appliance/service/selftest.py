"""`passerelle --self-test`: build a throw-away site and check that every part of this install works.

Each check prints one line (`ok` or `FAIL`, its name, a short detail) and the exit code is 0 only when
all pass. Nothing here touches the technician's real site: the site lives in a temporary folder with
free ports and is deleted afterwards. The window check loads the UI dynamically (the engine never
imports Qt) and renders offscreen, so it works on a server without a display.
"""

from __future__ import annotations

import importlib
import logging
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appliance import __version__
from appliance.service.logs import configure_logging
from appliance.service.ports import free_ports

log = logging.getLogger(__name__)
RENDER_MODULE = "ui.selftest_render"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its name, whether it passed, and a line a technician can act on."""

    name: str
    passed: bool
    detail: str


class SelfTest:
    """Runs the checks in order; a check that needs an earlier one's result is skipped as failed."""

    def __init__(self, home: Path, verbose: bool) -> None:
        self.home = home
        self.verbose = verbose
        self.results: list[CheckResult] = []
        self.site: Any = None
        self.engine: Any = None

    def run(self, name: str, check: Callable[[], str]) -> bool:
        started = time.monotonic()
        try:
            detail = check()
            result = CheckResult(name, True, detail)
        except Exception as exc:  # every failure becomes one line, never a traceback
            log.debug("self-test check %s failed", name, exc_info=True)
            result = CheckResult(name, False, f"{type(exc).__name__}: {exc}")
        self.results.append(result)
        elapsed = time.monotonic() - started
        timing = f" ({elapsed:.2f} s)" if self.verbose else ""
        print(f"{'ok  ' if result.passed else 'FAIL'} {name:<10} {result.detail}{timing}", flush=True)
        return result.passed

    # -- checks -----------------------------------------------------------------------------------
    def check_site(self) -> str:
        from appliance.service.settings import Settings
        from appliance.service.site import init_site

        dicom_port, http_port = free_ports(2)
        settings = Settings(
            home=self.home, site_name="Self-test", aet="SELFTEST", dicom_port=dicom_port,
            http_port=http_port, bind_host="127.0.0.1",
        )
        self.site = init_site(settings)
        return f"site created (DICOM port {dicom_port}, HTTP port {http_port})"

    def check_keys(self) -> str:
        from appliance.service.site import open_site

        reopened = open_site(self.home)
        if reopened.site_id != self.site.site_id:
            raise RuntimeError("keys read back from disk give a different site id")
        message = b"passerelle self-test"
        signed = reopened.keys.signing.sign(message)
        self.site.keys.verify_key.verify(signed)
        self.site = reopened
        return f"keys reopened, signature verifies (site {reopened.site_id[:8]}...)"

    def check_database(self) -> str:
        from appliance.store.database import migrations
        from appliance.store.state import StateStore

        store = StateStore(self.site.settings.db_path)
        try:
            version = store.database.schema_version()
            latest = migrations()[-1][0]
            if version != latest:
                raise RuntimeError(f"schema version {version}, expected {latest}")
            store.audit("self-test", "self-test", detail={"version": __version__})
            if not store.audit_entries(limit=1):
                raise RuntimeError("an audit entry written was not read back")
        finally:
            store.close()
        return f"state database opened, schema version {version}, write and read back"

    def check_engine(self) -> str:
        from appliance.service.engine import Engine

        self.engine = Engine(self.site)
        self.engine.start()
        state = str(self.engine.state)
        if state != "running":
            raise RuntimeError(f"engine state is {state!r} after start")
        port = int(self.site.settings.dicom_port)
        wait_for_port("127.0.0.1", port, timeout=10.0)
        echo = c_echo("127.0.0.1", port, str(self.site.settings.aet))
        return f"engine running, DICOM listener on port {port} ({echo})"

    def check_window(self) -> str:
        render = importlib.import_module(RENDER_MODULE)
        detail: str = render.render_check(self.engine)
        return detail

    def stop_engine(self) -> None:
        if self.engine is not None:
            try:
                self.engine.stop()
            except Exception:
                log.debug("engine stop failed during self-test", exc_info=True)


def run_self_test(verbose: bool) -> int:
    """Run every check in a temporary site home; 0 when all pass, 1 otherwise."""
    configure_logging(None, verbose)
    print(f"passerelle {__version__} self-test (Python {sys.version.split()[0]}, {sys.platform})", flush=True)
    with ExitStack() as stack:
        home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="passerelle-selftest-")))
        test = SelfTest(home / "site", verbose)
        stack.callback(test.stop_engine)
        if test.run("site", test.check_site) and test.run("keys", test.check_keys):
            test.run("database", test.check_database)
            test.run("engine", test.check_engine)
            test.run("window", test.check_window)  # with engine None if it failed: still proves Qt loads
    failed = [r.name for r in test.results if not r.passed]
    if failed:
        print(f"self-test FAILED: {', '.join(failed)}", flush=True)
        return 1
    print(f"self-test passed ({len(test.results)} checks)", flush=True)
    return 0


def wait_for_port(host: str, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=1.0):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on {host}:{port} after {timeout:.0f} s") from None
            time.sleep(0.1)


def c_echo(host: str, port: int, called_aet: str) -> str:
    """A DICOM C-ECHO (verification) against the engine's own listener."""
    from pynetdicom import AE

    ae = AE(ae_title="SELFTEST-SCU")
    ae.add_requested_context("1.2.840.10008.1.1")
    ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = 10
    assoc = ae.associate(host, port, ae_title=called_aet)
    if not assoc.is_established:
        raise RuntimeError(f"association to {called_aet}@{host}:{port} refused or aborted")
    try:
        status = assoc.send_c_echo()
    finally:
        assoc.release()
    code = getattr(status, "Status", None)
    if code != 0:
        raise RuntimeError(f"C-ECHO answered status {code!r}")
    return "C-ECHO ok"
