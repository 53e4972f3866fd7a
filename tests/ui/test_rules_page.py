"""The rules editor: add, change, switch off and delete a routing rule; every change reaches the database."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from appliance.service import rules_editor
from tests.ui import seed


def stored(engine):
    return rules_editor.list_rules(engine.store, engine.site)


def test_adding_a_rule_persists_and_it_can_be_changed_and_deleted(qtbot, window, engine):
    window.show_page("rules")
    page = window.rules
    qtbot.waitUntil(lambda: page.add_button.isEnabled(), timeout=5000)
    assert not page.no_pacs.isHidden()  # this test site has no PACS: the page says rules wait for one

    page.add_button.click()
    dialog = page.last_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.accept()  # nothing given yet: refused in the dialog itself
    assert dialog.isVisible() and "criterion" in dialog.problem.text()
    dialog.site.setCurrentIndex(dialog.site.findData(str(seed.PEERS[1]["id"])))
    dialog.name.setText("Thorax CT")
    dialog.modalities.setText("ct, CR")
    dialog.description.setText("CT THORAX*")
    dialog.referring.setPlainText("DUPONT^Jean\nPEETERS^An")
    dialog.max_age.setValue(7)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(stored(engine)) == 1 and page.table.rowCount() == 1, timeout=5000)
    rule = stored(engine)[0]
    assert rule["site"] == seed.PEERS[1]["id"] and rule["name"] == "Thorax CT" and rule["enabled"]
    assert rule["criteria"]["modalities"] == ["CT", "CR"]
    assert rule["criteria"]["referring"] == ["DUPONT^Jean", "PEETERS^An"]
    assert rule["criteria"]["description"] == "CT THORAX*" and rule["criteria"]["max_age_days"] == 7
    assert page.table.item(0, 1).text() == "AZ Sint-Jan Brugge"
    assert "CT/CR" in page.table.item(0, 3).text()

    page.table.selectRow(0)
    page.edit_button.click()
    dialog = page.last_dialog
    assert dialog.modalities.text() == "CT, CR" and dialog.max_age.value() == 7
    dialog.modalities.setText("MR")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: [r["criteria"]["modalities"] for r in stored(engine)] == [["MR"]], timeout=5000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and "MR" in page.table.item(0, 3).text(), timeout=5000)

    page.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: not stored(engine)[0]["enabled"], timeout=5000)

    page.table.selectRow(0)
    page.delete_button.click()
    page.last_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: stored(engine) == [] and page.table.rowCount() == 0, timeout=5000)
    assert page.empty.isVisibleTo(page)


def test_an_unknown_site_is_refused_in_plain_words(qtbot, window, engine):
    from appliance.service.rules_editor import RuleDraft

    window.show_page("rules")
    page = window.rules
    page.save(RuleDraft(site="no-such-site", modalities=("CT",)))
    qtbot.waitUntil(lambda: "not saved" in page.message.text(), timeout=5000)
    assert stored(engine) == []
