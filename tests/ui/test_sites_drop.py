"""Sites: dropping file URLs on a hospital card shows a confirmation, then queues a transfer to that site."""

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui import seed
from tests.ui.dnd import drop_on

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_drop_queues_a_transfer_to_the_card_site(qtbot, window, engine, tmp_path):
    study_uid = seed.write_study(tmp_path / "cd" / "SERIES1", count=4)
    window.show_page("sites")
    page = window.sites
    target = seed.PEERS[1]
    qtbot.waitUntil(lambda: target["id"] in page.cards, timeout=5000)
    drop_on(page.cards[target["id"]], [tmp_path / "cd"])
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=10000)
    dialog = page.last_dialog
    assert target["name"] in dialog.windowTitle()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "DUBOIS Anne" in texts and "CT THORAX" in texts and "4" in texts
    dialog.accept()

    def queued():
        return [t for t in engine.store.transfers() if t.study_uid == study_uid]

    qtbot.waitUntil(lambda: len(queued()) == 1, timeout=10000)
    [transfer] = queued()
    assert transfer.peer == target["id"] and transfer.files_total == 4
    assert str(transfer.state) in ("queued", "sending")  # AZ Sint-Jan is not reachable from here: it waits
    qtbot.waitUntil(lambda: "1" in page.cards[target["id"]].feedback.text(), timeout=5000)
    window.show_page("transfers")
    qtbot.waitUntil(lambda: any(r["study_uid"] == study_uid for r in window.transfers.model.rows), timeout=5000)
    row = next(r for r in window.transfers.model.rows if r["study_uid"] == study_uid)
    qtbot.waitUntil(lambda: window.transfers.model.initials.get(study_uid) == "D. A.", timeout=5000)
    assert window.transfers.model._text(row, 1) == target["name"]


def test_cancelled_confirmation_sends_nothing(qtbot, window, engine, tmp_path):
    seed.write_study(tmp_path / "cd", count=2)
    window.show_page("sites")
    page = window.sites
    target = seed.PEERS[0]["id"]
    qtbot.waitUntil(lambda: target in page.cards, timeout=5000)
    drop_on(page.cards[target], sorted((tmp_path / "cd").iterdir()))
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=10000)
    page.last_dialog.reject()
    qtbot.wait(300)
    assert engine.store.transfers() == []


def test_no_patient_data_in_logs(qtbot, window, engine, tmp_path, caplog):
    caplog.set_level("DEBUG")
    seed.write_study(tmp_path / "cd", count=2, patient="ZYGOMATIQUE^Hortense")
    seed.seed_review(engine.store)
    window.review.refresh()
    qtbot.waitUntil(lambda: len(window.review.cases) == 3, timeout=5000)
    window.review.confirm()
    qtbot.waitUntil(lambda: len(window.review.cases) == 2, timeout=5000)
    page = window.sites
    page.confirm = False
    target = seed.PEERS[0]["id"]
    qtbot.waitUntil(lambda: target in page.cards, timeout=5000)
    drop_on(page.cards[target], [tmp_path / "cd"])
    qtbot.waitUntil(lambda: len(engine.store.transfers()) == 4, timeout=10000)
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("ZYGOMATIQUE", "Hortense", "DUPONT", "Dupont", "19800314", "80031412345", "L100234"):
        assert secret not in text
