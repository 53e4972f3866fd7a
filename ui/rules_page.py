"""Routing rules: which studies of the PACS go to which hospital automatically; add, change, delete, switch off."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from appliance.service import rules_editor, sites
from appliance.service.rules_editor import RuleDraft
from ui.bridge import EngineBridge
from ui.errors import show_error
from ui.rule_dialog import RuleDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RulesPage(QWidget):
    """The rules table over `appliance.service.rules_editor`; every change is saved off the UI thread."""

    def __init__(self, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.rules: list[dict[str, Any]] = []
        self.peers: list[dict[str, Any]] = []
        self.last_dialog: RuleDialog | None = None
        self._filling = False
        title = QLabel(self.tr("Routing rules"), objectName="pageTitle")
        intro = QLabel(self.tr("Studies of the PACS that meet a rule are sent to its hospital automatically, once "
                               "each, as soon as they are complete. Every criterion given must hold."))
        intro.setWordWrap(True)
        settings = bridge.engine.settings
        self.no_pacs = QLabel(self.tr("No PACS is configured: the rules take effect once the PACS is set in "
                                      "Settings."), objectName="noPacs")
        self.no_pacs.setWordWrap(True)
        self.no_pacs.setStyleSheet("QLabel#noPacs { background: #fff4ce; border: 1px solid #e0c060; padding: 8px; }")
        self.no_pacs.setVisible(settings.pacs is None and not settings.pacs_dicomweb_url)
        self.table = QTableWidget(0, 4, objectName="rules")
        self.table.setAccessibleName(self.tr("Routing rules"))
        self.table.setHorizontalHeaderLabels([self.tr("Enabled"), self.tr("Destination"), self.tr("Name"),
                                              self.tr("Criteria")])
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableWidget#rules::item { padding: 5px 4px; }")
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_rule())
        self.empty = QLabel(self.tr("No rule yet: studies are only sent by hand."))
        self.message = QLabel(objectName="rulesMessage")
        self.add_button = QPushButton(self.tr("Add rule"))
        self.edit_button = QPushButton(self.tr("Change"))
        self.delete_button = QPushButton(self.tr("Delete"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button, action in ((self.add_button, self.add_rule), (self.edit_button, self.edit_rule),
                               (self.delete_button, self.delete_rule)):
            button.setAccessibleName(button.text())
            button.clicked.connect(action)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.no_pacs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- reading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        site = self.bridge.engine.site
        self.bridge.run_on_store(rules_editor.list_rules, site, on_done=self._on_rules)
        self.bridge.run(sites.peer_list, site, on_done=self._on_peers)

    def _on_peers(self, peers: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        self.peers = sorted(peers or [], key=lambda p: str(p.get("name", "")).casefold())
        self._update_buttons()

    def _on_rules(self, rules: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(self.tr("The rules could not be read."))
            return
        self.rules = rules or []
        self._filling = True
        self.table.setRowCount(len(self.rules))
        for row, rule in enumerate(self.rules):
            enabled = QTableWidgetItem()
            enabled.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            enabled.setCheckState(Qt.CheckState.Checked if rule.get("enabled", True) else Qt.CheckState.Unchecked)
            enabled.setData(ID_ROLE, int(rule["id"]))
            enabled.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("Enabled"))
            self.table.setItem(row, 0, enabled)
            values = (str(rule.get("site_name") or rule.get("site", "")), str(rule.get("name", "")),
                      self.criteria_text(rule))
            for column, value in enumerate(values, start=1):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._filling = False
        self.empty.setVisible(not self.rules)
        self._update_buttons()

    def criteria_text(self, rule: dict[str, Any]) -> str:
        """The criteria in words, one part per criterion given."""
        c: dict[str, Any] = rule.get("criteria", {})
        parts: list[str] = []
        if c.get("referring_from_directory"):
            parts.append(self.tr("referring physician on the hospital's list"))
        if c.get("referring"):
            names = [str(n).replace("^", " ").strip() for n in c["referring"]]
            parts.append(self.tr("referring physician: {names}").format(names=", ".join(names)))
        if c.get("modalities"):
            parts.append(self.tr("modality {list}").format(list="/".join(c["modalities"])))
        for key, template in (("description", self.tr("description {pattern}")),
                              ("institution", self.tr("institution {pattern}")),
                              ("station", self.tr("station {pattern}"))):
            if c.get(key):
                parts.append(template.format(pattern=c[key]))
        if c.get("max_age_days"):
            parts.append(self.tr("study at most {n} days old").format(n=c["max_age_days"]))
        return " · ".join(parts)

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rules[rows[0].row()] if rows and rows[0].row() < len(self.rules) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.add_button.setEnabled(bool(self.peers))
        self.add_button.setToolTip("" if self.peers else self.tr("Install the directory of the network first."))

    # -- changing ---------------------------------------------------------------------------------
    def add_rule(self) -> None:
        self._open(None)

    def edit_rule(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._open(rule)

    def _open(self, rule: dict[str, Any] | None) -> None:
        dialog = RuleDialog(self.peers, rule, self)
        dialog.accepted.connect(lambda: self.save(dialog.draft(), dialog.rule_id))
        self.last_dialog = dialog
        dialog.open()

    def save(self, draft: RuleDraft, replaces: int = 0) -> None:
        self.message.setText(self.tr("Saving..."))
        self.bridge.run_on_store(rules_editor.save_rule, self.bridge.engine.site, draft, replaces,
                                 on_done=self._on_saved)

    def _on_saved(self, rule: dict[str, Any] | None, error: BaseException | None) -> None:
        if error is not None or rule is None:
            self.message.setText(self.tr("The rule was not saved."))
            show_error(self, self.tr("Rule not saved"), error or RuntimeError("no rule"))
        else:
            self.message.setText(self.tr("Rule #{id} saved.").format(id=rule.get("id")))
        self.refresh()

    def delete_rule(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete the rule"),
                          self.tr("Delete the rule sending to {site}? Studies it already sent stay sent.").format(
                              site=rule.get("site_name") or rule.get("site")),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAccessibleName(self.tr("Delete the rule"))
        box.setObjectName("deleteRule")
        box.finished.connect(lambda _code: self.delete(int(rule["id"]))
                             if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes) else None)
        self.last_box = box
        box.open()

    def delete(self, rule_id: int) -> None:
        self.bridge.run_on_store(rules_editor.delete_rule, rule_id, on_done=self._on_changed)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        rule_id = int(item.data(ID_ROLE))
        enabled = item.checkState() == Qt.CheckState.Checked
        self.bridge.run_on_store(rules_editor.set_rule_enabled, rule_id, enabled, on_done=self._on_changed)

    def _on_changed(self, _result: object, error: BaseException | None) -> None:
        if error is not None:
            show_error(self, self.tr("Rule not changed"), error)
        self.refresh()
