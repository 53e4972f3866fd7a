"""Journal: the audit journal (who did what, when, why) with filters and CSV export."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from appliance.service import review
from appliance.service.review import JournalEntry, JournalFilter
from ui.bridge import EngineBridge
from ui.errors import show_error

ACTIONS = {
    "decision": QT_TRANSLATE_NOOP("Actions", "Patient decision"),
    "undo": QT_TRANSLATE_NOOP("Actions", "Decision undone"),
    "queue": QT_TRANSLATE_NOOP("Actions", "Study queued for sending"),
    "rule-add": QT_TRANSLATE_NOOP("Actions", "Routing rule added"),
    "rule-remove": QT_TRANSLATE_NOOP("Actions", "Routing rule deleted"),
    "rule-enable": QT_TRANSLATE_NOOP("Actions", "Routing rule switched on"),
    "rule-disable": QT_TRANSLATE_NOOP("Actions", "Routing rule switched off"),
    "pacs-stored": QT_TRANSLATE_NOOP("Actions", "Study stored in the PACS"),
}
KINDS = {
    "link": QT_TRANSLATE_NOOP("Actions", "linked to {id}"),
    "new": QT_TRANSLATE_NOOP("Actions", "new patient"),
    "review": QT_TRANSLATE_NOOP("Actions", "waiting for a person"),
    "reject": QT_TRANSLATE_NOOP("Actions", "rejected"),
}
PathChooser = Callable[[QWidget], str]


ENGINE = QT_TRANSLATE_NOOP("Actions", "Passerelle (automatic)")
OPERATOR = QT_TRANSLATE_NOOP("Actions", "Technician (rules)")


def who_text(who: str) -> str:
    if who == "engine":
        return QCoreApplication.translate("Actions", ENGINE)
    return QCoreApplication.translate("Actions", OPERATOR) if who == "operator" else who


def action_text(action: str) -> str:
    return QCoreApplication.translate("Actions", ACTIONS[action]) if action in ACTIONS else action


def detail_text(entry: JournalEntry, site_names: dict[str, str]) -> str:
    """A short readable summary of the JSON detail."""
    try:
        detail = json.loads(entry.detail or "{}")
    except ValueError:
        return entry.detail
    if not isinstance(detail, dict):
        return entry.detail
    if entry.action.startswith("rule-"):
        site = str(detail.get("site", ""))
        return QCoreApplication.translate("Actions", "rule #{id}").format(id=entry.subject) + (
            " → " + site_names.get(site, site) if site else "")
    if entry.action == "queue" and "peer" in detail:
        peer = str(detail["peer"])
        return QCoreApplication.translate("Actions", "{files} files to {site}").format(
            files=detail.get("files", "?"), site=site_names.get(peer, peer))
    kind = str(detail.get("kind", ""))
    if kind in KINDS:
        text = QCoreApplication.translate("Actions", KINDS[kind]).format(id=detail.get("matched_id", ""))
        reasons = [str(r) for r in detail.get("reasons", []) if r != "manual decision"]
        return text + (f" — {'; '.join(reasons)}" if reasons else "")
    return ", ".join(f"{k}: {v}" for k, v in sorted(detail.items()))


def ask_csv_path(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("JournalPage", "Export the journal"),
                                          "journal.csv", "CSV (*.csv)")
    return path


class JournalPage(QWidget):
    """Filters on top, entries (newest first) below, export at the bottom."""

    def __init__(self, bridge: EngineBridge, choose_path: PathChooser = ask_csv_path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.choose_path = choose_path
        self.entries: list[JournalEntry] = []
        self.site_names: dict[str, str] = {}
        title = QLabel(self.tr("Journal"), objectName="pageTitle")
        self.since = QDateEdit(QDate.currentDate().addDays(-30), objectName="journalSince")
        self.until = QDateEdit(QDate.currentDate(), objectName="journalUntil")
        for edit, name in ((self.since, self.tr("From")), (self.until, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.refresh)
        self.who = QComboBox(objectName="journalWho")
        self.who.setAccessibleName(self.tr("Person"))
        self.action = QComboBox(objectName="journalAction")
        self.action.setAccessibleName(self.tr("Action"))
        for combo in (self.who, self.action):
            combo.addItem(self.tr("All"), "")
            combo.currentIndexChanged.connect(self.refresh)
        self.text = QLineEdit(objectName="journalText")
        self.text.setPlaceholderText(self.tr("Search (study, transfer, patient id)"))
        self.text.setAccessibleName(self.tr("Search"))
        self.text.returnPressed.connect(self.refresh)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.since), (self.tr("To"), self.until),
                              (self.tr("Person"), self.who), (self.tr("Action"), self.action)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)
        self.table = QTableWidget(0, 5, objectName="journal")
        self.table.setAccessibleName(self.tr("Journal entries"))
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Action"),
                                              self.tr("Subject"), self.tr("Details")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel(objectName="journalCount")
        self.export_button = QPushButton(self.tr("&Export to CSV..."), objectName="exportCsv")
        self.export_button.setAccessibleName(self.tr("Export to CSV"))
        self.export_button.clicked.connect(self.export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def filters(self) -> JournalFilter:
        return JournalFilter(
            since=self.since.date().toString("yyyy-MM-dd"),
            until=self.until.date().addDays(1).toString("yyyy-MM-dd"),
            who=str(self.who.currentData() or ""), action=str(self.action.currentData() or ""),
            text=self.text.text().strip(),
        )

    def refresh(self) -> None:
        self.bridge.run_on_store(review.journal, self.filters(), on_done=self._on_entries)
        self.bridge.run_on_store(review.journal_choices, on_done=self._on_choices)

    def _on_choices(self, choices: tuple[list[str], list[str]] | None, error: BaseException | None) -> None:
        if not choices:
            return
        for combo, values, show in ((self.who, choices[0], who_text), (self.action, choices[1], action_text)):
            known = {combo.itemData(i) for i in range(combo.count())}
            for value in values:
                if value not in known:
                    combo.addItem(show(value), value)

    def _on_entries(self, entries: list[JournalEntry] | None, error: BaseException | None) -> None:
        if error is not None:
            self.count.setText(self.tr("The journal could not be read."))
            return
        self.entries = entries or []
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            values = (e.at[:19].replace("T", " "), who_text(e.who), action_text(e.action), e.subject[:16],
                      detail_text(e, self.site_names))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setToolTip(e.subject)
                self.table.setItem(row, column, item)
        self.count.setText(self.tr("%n entries", "", len(self.entries)))

    def export(self) -> None:
        path = self.choose_path(self)
        if not path:
            return
        self.export_button.setEnabled(False)
        self.bridge.run_on_store(review.export_journal, self.filters(), Path(path), on_done=self._on_exported)

    def _on_exported(self, count: Any, error: BaseException | None) -> None:
        self.export_button.setEnabled(True)
        if error is not None:
            show_error(self, self.tr("Export failed"), error)
        else:
            self.count.setText(self.tr("%n entries exported", "", int(count or 0)))
