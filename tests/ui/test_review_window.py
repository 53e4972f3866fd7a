"""Reconciliation window: why a case waits, whose id the incoming row shows, keyboard confirm, journal entry, undo,
reject, search by hand, new patient."""

from PySide6.QtCore import Qt

from appliance.service import review
from tests.ui import seed


def open_review(qtbot, window, engine):
    seed.seed_review(engine.store)
    window.show_page("review")
    window.review.refresh()
    page = window.review
    qtbot.waitUntil(lambda: len(page.cases) == 3 and page.table.rowCount() > 1, timeout=5000)
    return page


def test_badge_counts_waiting_patients(qtbot, window, engine):
    open_review(qtbot, window, engine)
    qtbot.waitUntil(lambda: window.nav.item(0).data(Qt.ItemDataRole.UserRole + 1) == 3, timeout=5000)


def test_enter_confirms_the_selected_candidate_and_journal_records_it(qtbot, window, engine):
    page = open_review(qtbot, window, engine)
    first = page.current_case()
    assert first.incoming.family_name == "DUPONT"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # second candidate
    assert page.selected_candidate().id == first.candidates[1].record.id
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.selected_candidate().id == "L100234"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.cases) == 2, timeout=5000)
    entries = review.journal(engine.store, review.JournalFilter(who=page.who, action="decision"))
    assert len(entries) == 1
    assert '"manual": true' in entries[0].detail and '"L100234"' in entries[0].detail
    assert '"kind": "link"' in entries[0].detail
    qtbot.waitUntil(lambda: page.undo_button.isEnabled(), timeout=5000)


def test_undo_puts_the_patient_back(qtbot, window, engine):
    page = open_review(qtbot, window, engine)
    page.create_new()
    qtbot.waitUntil(lambda: len(page.cases) == 2 and page.undo_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.cases) == 3, timeout=5000)
    actions = [e.action for e in review.journal(engine.store, review.JournalFilter(who=page.who))]
    assert actions == ["undo", "decision"]


def test_reject_needs_a_reason(qtbot, window, engine):
    page = open_review(qtbot, window, engine)
    page.reject()
    from ui.review_dialogs import RejectDialog

    dialog = page.findChildren(RejectDialog)[-1]
    dialog.choice.setCurrentIndex(dialog.choice.count() - 1)
    dialog._accept()
    assert dialog.isVisible()  # no reason written: stays open
    dialog.other.setText("Examen demandé pour un autre patient")
    dialog._accept()
    qtbot.waitUntil(lambda: len(page.cases) == 2, timeout=5000)
    [entry] = review.journal(engine.store, review.JournalFilter(who=page.who))
    assert "autre patient" in entry.detail and '"kind": "reject"' in entry.detail


def test_search_by_hand_links_the_chosen_patient(qtbot, window, engine):
    page = open_review(qtbot, window, engine)
    page.queue.setCurrentRow(1)  # VAN DEN BROECK
    page.search_by_hand()
    from ui.review_dialogs import SearchDialog

    dialog = page.findChildren(SearchDialog)[-1]
    dialog.family.setText("Vanden")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    dialog._choose()
    qtbot.waitUntil(lambda: len(page.cases) == 2, timeout=5000)
    [decision] = review.undoable(engine.store)
    assert decision.matched_id == "L204552"


def test_the_reason_the_case_waits_is_shown_above_the_candidates(qtbot, window, engine):
    page = open_review(qtbot, window, engine)
    assert page.current_case().why == seed.WHY[0]
    assert page.why_box.isVisible()
    layout = page.why_box.parentWidget().layout()
    assert layout.indexOf(page.why_box) < layout.indexOf(page.table)
    assert "possible twin" in page.why.text()
    page.queue.setCurrentRow(1)
    lines = page.why.text().splitlines()
    assert lines == ["• another local record has the same name and birth date", "• the next candidate scores too close"]


def test_a_case_without_a_reason_hides_the_box(qtbot, window, engine):
    from appliance.domain import TransferState

    page = open_review(qtbot, window, engine)
    engine.store.set_transfer_state("in-0", TransferState.REVIEW, "")
    page.refresh()
    qtbot.waitUntil(lambda: page.current_case().why == (), timeout=5000)
    assert not page.why_box.isVisible()


def test_the_incoming_id_is_labelled_as_the_sending_hospitals(qtbot, window, engine):
    page = open_review(qtbot, window, engine)
    page.set_site_names({str(seed.PEERS[0]["id"]): "CHU de Liège"})
    qtbot.waitUntil(lambda: "CHU de Liège" in page.table.item(0, 6).toolTip(), timeout=5000)
    sent = page.table.item(0, 6)
    assert sent.text() == "CHU-55321 (sender's id)"
    assert "sending hospital" in sent.toolTip() and "CHU de Liège" in sent.toolTip()
    assert page.table.horizontalHeaderItem(6).text() == "Patient id"
    assert page.table.item(1, 6).text() == "L100234" and "our patient index" in page.table.item(1, 6).toolTip()
