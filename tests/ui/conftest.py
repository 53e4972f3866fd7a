"""UI test fixtures: a real engine on a temporary site home (free ports, real SQLite), and its main window."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from appliance.service import ports
from appliance.service.engine import Engine
from appliance.service.settings import Settings
from appliance.service.site import init_site
from tests.ui import seed


def free_port() -> int:
    return ports.free_port()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    settings = Settings(home=tmp_path / "site", site_name="CHR Citadelle", aet="CITADELLE",
                        dicom_port=free_port(), http_port=free_port(), bind_host="127.0.0.1")
    site = init_site(settings)
    running = Engine(site)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def peers(engine: Engine, tmp_path: Path) -> list[dict[str, object]]:
    """Three peer hospitals in a real signed directory installed on the engine's site."""
    return seed.install_directory(engine.site, tmp_path / "network")


@pytest.fixture
def window(qtbot, engine: Engine, peers):
    from ui.app import main_window_for

    win = main_window_for(engine, echo=None)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.quitting = True
    win.close()


@pytest.fixture
def live_peer(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """The directory with CHU de Liège as a real appliance on loopback (its own engine), started."""
    from appliance.service.site import open_site

    seed.install_directory(engine.site, tmp_path / "network", live_ports=(free_port(), free_port()))
    peer = Engine(open_site(tmp_path / "network" / "peer0"))
    peer.start()
    yield peer
    peer.stop()


@pytest.fixture
def live_window(qtbot, engine: Engine, live_peer: Engine):
    from ui.app import main_window_for

    win = main_window_for(engine, echo=None)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.quitting = True
    win.close()
