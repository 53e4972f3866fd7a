"""The desktop application's entry point: translations, first-run wizard, engine, main window, tray."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from appliance.service.commands import echo_pacs
from appliance.service.directory_commands import install_from, pin_root_key
from appliance.service.logs import configure_logging
from appliance.service.settings import SETTINGS_FILE
from appliance.service.site import open_site
from ui.bridge import EngineBridge
from ui.errors import details, plain_sentence
from ui.i18n import choose_language, install_translators
from ui.icons import app_icon
from ui.main_window import MainWindow
from ui.pacs_form import EchoFn
from ui.wizard import FirstRunWizard, TrustFn
from ui.worker import ThreadWorker

if TYPE_CHECKING:
    from appliance.service.engine import Engine

log = logging.getLogger(__name__)


def service_echo() -> EchoFn | None:
    return echo_pacs


def service_trust() -> TrustFn | None:
    pin, install = pin_root_key, install_from

    def trust(home: Path, root_key: str, directory: Path | None) -> str:
        """Pin the operator root (if given), then verify and install the signed directory (if given)."""
        done = [str(pin(home, root_key))] if root_key else []
        if directory is not None:
            installed = install(home, str(directory))
            done.append(f"directory version {installed.version}: {len(installed.members)} sites")
        return "; ".join(done)

    return trust


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Passerelle")
    app.setOrganizationName("Passerelle")
    app.setWindowIcon(app_icon())
    return app


def main_window_for(engine: Engine, worker: ThreadWorker | None = None, echo: EchoFn | None = None) -> MainWindow:
    """A main window over a started engine (tests and screenshots build it this way)."""
    bridge = EngineBridge(engine)
    worker = worker or ThreadWorker(bridge)
    window = MainWindow(bridge, worker, echo if echo is not None else service_echo())
    bridge.setParent(window)
    return window


def run_gui(home: Path, verbose: bool) -> int:
    """Open (or create, with the wizard) the site at `home`, start its engine, show the window."""
    from appliance.service.engine import Engine  # imported here so the wizard shows even if DICOM parts fail

    home = Path(home).resolve()
    app = make_application()
    language = "fr"
    if (home / SETTINGS_FILE).exists():
        try:
            language = open_site(home).settings.language
        except Exception:
            log.warning("settings unreadable; the window opens in French")
    translators = install_translators(app, choose_language(language))
    worker = ThreadWorker()
    if not (home / SETTINGS_FILE).exists():
        wizard = FirstRunWizard(home, worker, service_echo(), service_trust())
        if wizard.exec() != FirstRunWizard.DialogCode.Accepted or not wizard.saved:
            worker.shutdown()
            return 1
    try:
        site = open_site(home)
        configure_logging(site.settings.log_dir, verbose)
        engine = Engine(site)
        engine.start()
    except Exception as exc:
        log.exception("engine failed to start")
        box = QMessageBox(QMessageBox.Icon.Critical, "Passerelle", plain_sentence(exc))
        box.setDetailedText(details(exc))
        box.exec()
        worker.shutdown()
        return 1
    window = main_window_for(engine, worker)
    app.setQuitOnLastWindowClosed(window.tray is None)
    window.show()
    try:
        code = app.exec()
    finally:
        window.bridge.close()
        worker.shutdown()
        engine.stop()
        for translator in translators:
            app.removeTranslator(translator)
    return int(code)


