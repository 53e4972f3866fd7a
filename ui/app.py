"""The desktop application's entry point: translations, first-run wizard, engine, main window, tray."""

from __future__ import annotations

import logging
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from appliance.errors import BadInput
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

    def trust(home: Path, root: str | Path, directory: Path | None) -> str:
        """Pin the operator root (a key, or a root set file) if given, then verify and install the signed
        directory (if given)."""
        if isinstance(root, Path) and not root.is_file():
            raise BadInput(f"root set file {root} not found")
        done = [str(pin(home, str(root)))] if root else []
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


def _demo_window(engine: Engine, review_transfer: str, stand_in_pacs: bool) -> MainWindow:
    window = main_window_for(engine, ThreadWorker())
    window.quitting = True  # closing the demo window ends the demo (no tray)
    note = (QCoreApplication.translate("demo", "demo — its PACS is a stand-in archive, not a PACS") if stand_in_pacs
            else QCoreApplication.translate("demo", "demo"))
    window.setWindowTitle(f"{window.windowTitle()} ({note})")
    if review_transfer:
        window.open_review(review_transfer)
    return window


def show_demo_window(engine: Engine, review_transfer: str = "", stand_in_pacs: bool = False) -> int:
    """`passerelle demo`: the window over the receiving site's started engine, on the waiting case."""
    app = make_application()
    translators = install_translators(app, choose_language(engine.settings.language))
    window = _demo_window(engine, review_transfer, stand_in_pacs)
    stop_signals = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    previous = {signum: signal.getsignal(signum) for signum in stop_signals}
    for signum in stop_signals:
        signal.signal(signum, lambda *_: window.close())  # runs at the next status poll; the demo then stops
    app.setQuitOnLastWindowClosed(True)
    window.show()
    try:
        code = app.exec()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        window.bridge.close()
        window.worker.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
    return int(code)


def snapshot_demo_window(engine: Engine, review_transfer: str, png: Path, stand_in_pacs: bool = False,
                         timeout_s: float = 20.0) -> bool:
    """`passerelle demo --headless`: render the window on the waiting case (offscreen) into `png` as proof."""
    app = make_application()
    translators = install_translators(app, choose_language(engine.settings.language))
    window = _demo_window(engine, review_transfer, stand_in_pacs)
    window.resize(1280, 800)
    window.show()
    deadline = time.monotonic() + timeout_s
    shown = False
    try:
        while not shown and time.monotonic() < deadline:
            app.processEvents()
            case = window.review.current_case()
            shown = case is not None and case.transfer_id == review_transfer and window.review.table.rowCount() > 1
            time.sleep(0.02)
        app.processEvents()
        return shown and window.grab().save(str(png))
    finally:
        window.close()
        window.bridge.close()
        window.worker.shutdown()
        for translator in translators:
            app.removeTranslator(translator)


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


