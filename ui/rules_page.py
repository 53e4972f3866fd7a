"""Routing rules: a read-only table for now. NOT DONE: the editor comes with the routing engine (issue 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.bridge import EngineBridge

RuleLister = Callable[[Any], list[dict[str, Any]]]


def no_rules_yet(_store: Any) -> list[dict[str, Any]]:
    """Stand-in until appliance.service offers the routing rules (NOT DONE)."""
    return []


class RulesPage(QWidget):
    """Which studies go to which site automatically."""

    def __init__(self, bridge: EngineBridge, list_rules: RuleLister = no_rules_yet,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.list_rules = list_rules
        title = QLabel(self.tr("Routing rules"), objectName="pageTitle")
        notice = QLabel(self.tr("Automatic routing is not available yet in this version. Studies can be sent "
                                "by hand from the Sites page."), objectName="notDone")
        notice.setWordWrap(True)
        notice.setStyleSheet("QLabel#notDone { background: #fff4ce; border: 1px solid #e0c060; padding: 8px; }")
        self.table = QTableWidget(0, 4, objectName="rules")
        self.table.setAccessibleName(self.tr("Routing rules"))
        self.table.setHorizontalHeaderLabels([self.tr("Destination"), self.tr("Name"), self.tr("Criteria"),
                                              self.tr("Enabled")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for text in (self.tr("Add rule"), self.tr("Edit"), self.tr("Delete")):
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.setEnabled(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.bridge.run_on_store(self.list_rules, on_done=self._on_rules)

    def _on_rules(self, rules: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        rules = rules or []
        self.table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            values = (rule.get("site", ""), rule.get("name", ""), json.dumps(rule.get("criteria", {})),
                      self.tr("yes") if rule.get("enabled", True) else self.tr("no"))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
