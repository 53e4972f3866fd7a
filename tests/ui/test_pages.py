"""Transfers, journal, settings and rules pages; accessible names; the window fits 1280x800."""

import csv

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
)

from appliance.errors import UnknownSite
from appliance.service import review
from appliance.service.site import open_site
from tests.ui import seed
from ui.errors import details, plain_sentence, show_error


def test_retry_and_cancel_a_transfer(qtbot, window, engine, tmp_path):
    seed.seed_transfers(engine, tmp_path / "studies")
    window.show_page("transfers")
    page = window.transfers
    qtbot.waitUntil(lambda: len(page.model.rows) == 3 and any(r["state"] == "failed" for r in page.model.rows),
                    timeout=5000)
    failed = next(n for n, r in enumerate(page.model.rows) if r["state"] == "failed")
    page.view.selectRow(failed)
    assert page.retry_button.isEnabled() and not page.cancel_button.isEnabled()
    transfer_id = page.model.rows[failed]["id"]
    page.retry_button.click()
    qtbot.waitUntil(lambda: next(t for t in engine.store.transfers() if t.id == transfer_id).state
                    in ("queued", "sending"), timeout=5000)
    qtbot.waitUntil(lambda: page.cancel_button.isEnabled(), timeout=5000)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: next(t for t in engine.store.transfers() if t.id == transfer_id).state == "failed",
                    timeout=5000)
    assert page.who in next(t for t in engine.store.transfers() if t.id == transfer_id).reason


def test_journal_filters_and_csv_export(qtbot, window, engine, tmp_path):
    cases = seed.seed_review(engine.store)
    review.decide(engine.store, cases[0], review.Choice.NEW, "sophie")
    out = tmp_path / "journal.csv"
    window.journal.choose_path = lambda _parent: str(out)
    window.show_page("journal")
    page = window.journal
    qtbot.waitUntil(lambda: page.table.rowCount() == 4 and page.who.findData("sophie") >= 0, timeout=5000)
    page.who.setCurrentIndex(page.who.findData("sophie"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert "new patient" in page.table.item(0, 4).text()
    page.export()
    qtbot.waitUntil(lambda: out.exists() and page.export_button.isEnabled(), timeout=5000)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["who"] for r in rows] == ["sophie"]


def test_settings_are_saved_off_the_ui_thread(qtbot, window, engine):
    page = window.settings
    page.pacs.aet.setText("PACS1")
    page.pacs.host.setText("10.0.0.5")
    page.pacs.port.setValue(4104)
    page.language.setCurrentIndex(page.language.findData("nl"))
    page.save()
    qtbot.waitUntil(lambda: page.save_button.isEnabled() and "Restart" in page.message.text(), timeout=5000)
    saved = open_site(engine.settings.home).settings
    assert str(saved.pacs) == "PACS1@10.0.0.5:4104" and saved.language == "nl"


def test_dicomweb_address_is_checked_and_saved(qtbot, window, engine):
    page = window.settings
    assert page.dicomweb_url.text() == "" and page.dicomweb_hint.isHidden()
    page.dicomweb_url.setText("pacs.example.be/dicom-web")  # no scheme
    assert not page.dicomweb_hint.isHidden() and "http" in page.dicomweb_hint.text()
    page.save()
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox, "errorBox")), timeout=5000)
    box = window.findChildren(QMessageBox, "errorBox")[-1]
    assert "DICOMweb" in box.detailedText()
    box.close()
    assert open_site(engine.settings.home).settings.pacs_dicomweb_url == ""  # nothing written
    page.dicomweb_url.setText("  https://pacs.example.be:8042/dicom-web  ")
    assert page.dicomweb_hint.isHidden()
    page.save()
    qtbot.waitUntil(lambda: page.save_button.isEnabled() and "Restart" in page.message.text(), timeout=5000)
    assert open_site(engine.settings.home).settings.pacs_dicomweb_url == "https://pacs.example.be:8042/dicom-web"


@pytest.mark.parametrize("text, ok", [
    ("", True), ("http://10.0.0.5/dcm4chee-arc/rs", True), ("https://pacs.example.be:8042/dicom-web", True),
    ("HTTPS://PACS/wado", True), ("ftp://pacs.example.be", False), ("https://", False), ("pacs:8042", False),
    ("https://pacs example.be", False), ("https://pacs.example.be:99999/", False), ("https://[::1/", False),
])
def test_dicomweb_address_check(text, ok):
    from appliance.errors import BadInput
    from ui.settings_page import check_web_url

    if ok:
        assert check_web_url(text) == text.strip()
    else:
        with pytest.raises(BadInput):
            check_web_url(text)


def test_error_is_a_plain_sentence_with_details_one_click_away(qtbot, window):
    error = UnknownSite("unknown site 'x': no directory is installed")
    box = show_error(window, "Not sent", error)
    assert "directory" in plain_sentence(error) and "x" not in plain_sentence(error).split()
    assert "UnknownSite" in box.detailedText() and "no directory" in details(error)
    box.close()


def internal(widget) -> bool:
    """Parts Qt builds inside a control (header, popup list, spin arrows) are named by their owner."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            return True
        if parent.objectName().startswith("qt_"):
            return True
        parent = parent.parent()
    return False


def test_every_control_has_an_accessible_name(qtbot, window):
    missing = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton):
        for widget in window.findChildren(kind):
            if internal(widget):
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text.replace("&", "").strip()):
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == [], missing


def test_window_fits_1280x800(qtbot, window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800
    for name in ("review", "transfers", "sites", "rules", "journal", "settings"):
        window.show_page(name)
        page = window.stack.currentWidget()
        assert page.minimumSizeHint().width() <= 1280 - window.nav.width()
        assert page.minimumSizeHint().height() <= 800 - window.statusBar().height()


def unnamed_controls(root) -> list[str]:
    missing = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton):
        for widget in root.findChildren(kind):
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not internal(widget) and not (widget.accessibleName() or text.replace("&", "").strip()):
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_wizard_and_dialogs_have_accessible_names(qtbot, window, engine, tmp_path):
    from ui.review_dialogs import RejectDialog, SearchDialog
    from ui.wizard import FirstRunWizard
    from ui.worker import ThreadWorker

    worker = ThreadWorker()
    wizard = FirstRunWizard(tmp_path / "new", worker)
    qtbot.addWidget(wizard)
    reject = RejectDialog(window)
    search = SearchDialog(window.bridge, seed.LOCAL[0], window)
    try:
        assert unnamed_controls(wizard) + unnamed_controls(reject) + unnamed_controls(search) == []
    finally:
        worker.shutdown()
