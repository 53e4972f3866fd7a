"""The entry point: `run_gui` opens an existing site, starts its engine, shows the window, stops cleanly."""

import os
import subprocess
import sys
from pathlib import Path

from appliance.service.engine import running_pid
from appliance.service.settings import Settings
from appliance.service.site import init_site
from tests.ui.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
DRIVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from appliance.service.engine import running_pid
from ui.app import make_application, run_gui
from ui.main_window import MainWindow

home = Path(sys.argv[1])
app = make_application()

def look_and_quit():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(100, look_and_quit)
        return
    print("TITLE", windows[0].windowTitle(), flush=True)
    print("PID", running_pid(home), flush=True)
    windows[0].quit()

QTimer.singleShot(200, look_and_quit)
print("EXIT", run_gui(home, verbose=False), flush=True)
"""


def test_run_gui_opens_the_site_and_stops_the_engine_on_quit(tmp_path):
    home = tmp_path / "site"
    init_site(Settings(home=home, site_name="CHR Citadelle", aet="CITADELLE", dicom_port=free_port(),
                       http_port=free_port(), bind_host="127.0.0.1"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PASSERELLE_LANG": "fr"}
    result = subprocess.run([sys.executable, "-c", DRIVER, str(home)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "CHR Citadelle" in lines["TITLE"]
    assert lines["PID"] != "None" and lines["EXIT"] == "0"
    assert running_pid(home) is None


def test_close_goes_to_the_tray_while_the_engine_keeps_working(qtbot, engine, peers, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from ui.app import main_window_for

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    window = main_window_for(engine, echo=None)
    qtbot.addWidget(window)
    window.show()
    assert window.tray is not None
    window.close()
    assert not window.isVisible() and window.timer.isActive()
    assert str(engine.state) == "running"
    window.show_normal()
    assert window.isVisible()
    window.quit()
    assert not window.isVisible() and not window.timer.isActive()


FIRST_RUN = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.app import make_application, run_gui
from ui.main_window import MainWindow
from ui.wizard import FirstRunWizard

home, port = Path(sys.argv[1]), int(sys.argv[2])
app = make_application()
steps = []

def drive():
    wizards = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard) and w.isVisible()]
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if windows:
        print("WINDOW", windows[0].windowTitle(), flush=True)
        windows[0].quit()
        return
    if wizards:
        wizard = wizards[0]
        if wizard.currentPage() is wizard.site_page and "site" not in steps:
            wizard.site_page.name.setText("Hôpital de Jolimont")
            wizard.site_page.dicom_port.setValue(port)
            steps.append("site")
            wizard.next()
        elif wizard.currentPage() is wizard.keys_page and wizard.site is not None:
            print("FINGERPRINT", wizard.site.keys.fingerprint, flush=True)
            wizard.next()
            wizard.next()
        elif wizard.currentPage() is wizard.pacs_page and "finish" not in steps:
            steps.append("finish")
            wizard.accept()
    QTimer.singleShot(100, drive)

QTimer.singleShot(200, drive)
print("EXIT", run_gui(home, verbose=False), flush=True)
"""


def test_first_run_wizard_then_window(tmp_path):
    home = tmp_path / "new-site"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", FIRST_RUN, str(home), str(free_port())], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert result.returncode == 0, result.stderr[-2000:]
    assert lines["EXIT"] == "0" and "Jolimont" in lines["WINDOW"]
    assert (home / "settings.toml").exists() and lines["FINGERPRINT"]
