"""`passerelle demo`: a site on embedded defaults, started and shown (window, or terminal when headless)."""

from __future__ import annotations

import importlib
import socket
import time
from pathlib import Path

from appliance.dicom import scu
from appliance.domain import DicomNode
from appliance.errors import ConfigError
from appliance.service.engine import Engine
from appliance.service.logs import configure_logging
from appliance.service.settings import SETTINGS_FILE, Settings
from appliance.service.site import Site, init_site, open_site

DEMO_SITE = "CHR Citadelle"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def demo_site(home: Path) -> Site:
    """Open the demo site, creating it on first use with free local ports."""
    if (home / SETTINGS_FILE).exists():
        return open_site(home)
    settings = Settings(home=home, site_name=DEMO_SITE, aet="CITADELLE", dicom_port=free_port(),
                        http_port=free_port(), bind_host="127.0.0.1")
    return init_site(settings)


def run_demo(home: Path, headless: bool, verbose: bool = False) -> int:
    home = home.resolve()
    site = demo_site(home)
    configure_logging(site.settings.log_dir, verbose)
    if not headless:
        try:
            app = importlib.import_module("ui.app")
        except ImportError as exc:
            raise ConfigError(f"the desktop application is not installed ({exc.name}); use --headless") from exc
        result: int = app.run_gui(home, verbose)
        return result
    engine = Engine(site)
    engine.start()
    try:
        started = time.monotonic()
        scu.echo(DicomNode(site.settings.aet, "127.0.0.1", engine.scp.port), "DEMO")
        print(f"[demo] {site.settings.site_name} ({site.site_id}) answers C-ECHO on port {engine.scp.port} "
              f"in {1000 * (time.monotonic() - started):.0f} ms")
        status = engine.call(engine.status()).result(timeout=30)
        engine_state = status["engine"]["state"]  # type: ignore[index]
        print(f"[demo] engine {engine_state}; transfers: {len(status['transfers'])}; "  # type: ignore[arg-type]
              f"review queue: {status['review_queue']}")
        print(f"[demo] site folder: {home}")
    finally:
        engine.stop()
    return 0
