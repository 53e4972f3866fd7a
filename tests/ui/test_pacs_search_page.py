"""PACS search page against a real Orthanc: search by name, drag a study onto a hospital, confirm, and the
study is retrieved into the appliance and queued to that hospital (the drag-and-drop queue)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from appliance.domain import DicomNode, Direction
from appliance.service.engine import Engine
from appliance.service.settings import Settings
from appliance.service.site import init_site
from tests.integration import peers
from tests.ui import seed
from ui.pacs_search_page import STUDY_MIME

pytestmark = [pytest.mark.skipif(not peers.have_orthanc(), reason="Orthanc is installed by `make test`"),
              pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def pacs_window(qtbot, tmp_path: Path) -> Iterator[tuple[object, Engine]]:
    from ui.app import main_window_for

    port = peers.free_port()
    dupont = tmp_path / "dupont"
    seed.write_study(dupont, count=6, patient="DUPONT^Marie")
    seed.write_study(tmp_path / "dubois", count=3, patient="DUBOIS^Anne")
    with peers.start_orthanc(tmp_path, aet="PACSUI", modalities={"p": ("CITADELLE", "127.0.0.1", port)}) as pacs:
        pacs.upload(sorted(dupont.glob("*.dcm")) + sorted((tmp_path / "dubois").glob("*.dcm")))
        site = init_site(Settings(home=tmp_path / "site", site_name="CHR Citadelle", aet="CITADELLE", dicom_port=port,
                                  http_port=peers.free_port(), bind_host="127.0.0.1", min_free_mb=0,
                                  routing_interval_s=3600, pacs=DicomNode("PACSUI", "127.0.0.1", pacs.dicom_port)))
        seed.install_directory(site, tmp_path / "network")
        engine = Engine(site)
        engine.start()
        win = main_window_for(engine, echo=None)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        try:
            yield win, engine
        finally:
            win.quitting = True
            win.close()
            engine.stop()


def drop_study(widget, study_uid: str) -> None:
    mime = QMimeData()
    mime.setData(STUDY_MIME, study_uid.encode())
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_search_then_drop_on_a_hospital_queues_the_study(qtbot, pacs_window):
    window, engine = pacs_window
    window.show_page("pacs")
    page = window.pacs
    assert page.no_pacs.isHidden()
    target = seed.PEERS[2]
    qtbot.waitUntil(lambda: target["id"] in page.targets, timeout=5000)
    page.name.setText("dupont")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 0).text() == "DUPONT Marie" and page.table.item(0, 7).text() == "6"
    assert page.targets[target["id"]].isEnabled()
    study = page.table.studies[0]
    mime = page.table.mimeData([page.table.item(0, 0)])
    assert bytes(mime.data(STUDY_MIME).data()).decode() == study.study_uid

    drop_study(page.targets[target["id"]], study.study_uid)
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=5000)
    texts = " ".join(label.text() for label in page.last_dialog.findChildren(QLabel))
    assert target["name"] in page.last_dialog.windowTitle() and "DUPONT Marie" in texts and "CT THORAX" in texts
    page.last_dialog.send_button.click()

    def queued():
        return [t for t in engine.store.transfers() if t.direction is Direction.OUT]

    qtbot.waitUntil(lambda: len(queued()) == 1, timeout=30000)
    [transfer] = queued()
    assert transfer.peer == target["id"] and transfer.study_uid == study.study_uid and transfer.files_total == 6
    qtbot.waitUntil(lambda: "6" in page.message.text(), timeout=5000)

    page.targets[target["id"]].click()  # the same study again, by click: nothing new is queued
    qtbot.waitUntil(lambda: page.last_dialog.isVisible(), timeout=5000)
    page.last_dialog.send_button.click()
    qtbot.waitUntil(lambda: target["name"] in page.message.text() and "already" in page.message.text(),
                    timeout=10000)
    assert len(queued()) == 1


def test_a_search_without_criteria_is_explained(qtbot, pacs_window):
    window, _engine = pacs_window
    window.show_page("pacs")
    page = window.pacs
    page.search()
    qtbot.waitUntil(lambda: page.search_button.isEnabled() and "did not work" in page.message.text(), timeout=5000)
