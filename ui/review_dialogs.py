"""Dialogs of the reconciliation window: reject with a reason, search the local index by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from appliance.domain import PatientRecord
from appliance.service import review
from ui.bridge import EngineBridge
from ui.errors import sentence_and_cause
from ui.text import dicom_date, niss_label, sex_label


class RejectDialog(QDialog):
    """Ask why a study is rejected (a reason is required)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reject the study"))
        self.setMinimumWidth(460)
        self.choice = QComboBox(objectName="rejectReason")
        self.choice.setAccessibleName(self.tr("Reason"))
        self.choice.addItems([
            self.tr("Study sent to the wrong hospital"), self.tr("Patient unknown here"),
            self.tr("Duplicate of a study already received"), self.tr("Other reason (write it below)"),
        ])
        self.other = QLineEdit(objectName="rejectOther")
        self.other.setAccessibleName(self.tr("Other reason"))
        self.other.setPlaceholderText(self.tr("Write the reason"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QFormLayout(self)
        question = QLabel(self.tr("Why is this study rejected? The sending hospital is not told automatically."))
        question.setWordWrap(True)
        layout.addRow(question)
        layout.addRow(self.tr("Reason"), self.choice)
        layout.addRow(self.tr("Details"), self.other)
        layout.addRow(buttons)

    def reason(self) -> str:
        other = self.other.text().strip()
        if self.choice.currentIndex() == self.choice.count() - 1:
            return other
        return f"{self.choice.currentText()}: {other}" if other else self.choice.currentText()

    def _accept(self) -> None:
        if not self.reason():
            self.other.setFocus()
            return
        self.accept()


class SearchDialog(QDialog):
    """Search the local patient index by name, birth date or NISS; emits `chosen(PatientRecord)`."""

    chosen = Signal(object)

    def __init__(self, bridge: EngineBridge, incoming: PatientRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.results: list[PatientRecord] = []
        self.setWindowTitle(self.tr("Search the local patients"))
        self.resize(760, 480)
        self.family = QLineEdit(incoming.family_name, objectName="searchFamily")
        self.given = QLineEdit(objectName="searchGiven")
        self.birth = QLineEdit(objectName="searchBirth")
        self.birth.setPlaceholderText(self.tr("YYYYMMDD"))
        self.niss = QLineEdit(objectName="searchNiss")
        form = QFormLayout()
        for label, field in ((self.tr("Family name"), self.family), (self.tr("Given name"), self.given),
                             (self.tr("Birth date"), self.birth), (self.tr("NISS"), self.niss)):
            field.setAccessibleName(label)
            field.returnPressed.connect(self.search)
            form.addRow(label, field)
        self.search_button = QPushButton(self.tr("Search"), objectName="searchGo")
        self.search_button.clicked.connect(self.search)
        self.message = QLabel()
        self.table = QTableWidget(0, 6, objectName="searchResults")
        self.table.setAccessibleName(self.tr("Patients found"))
        self.table.setHorizontalHeaderLabels([self.tr("Family name"), self.tr("Given name"), self.tr("Birth date"),
                                              self.tr("Sex"), self.tr("NISS"), self.tr("Local id")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemDoubleClicked.connect(lambda _item: self._choose())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.link_button = buttons.addButton(self.tr("Link to this patient"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.link_button.setEnabled(False)
        self.link_button.clicked.connect(self._choose)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.link_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def search(self) -> None:
        self.message.setText(self.tr("Searching..."))
        self.bridge.run_on_store(review.search_patients, self.family.text(), self.given.text(), self.birth.text(),
                                 self.niss.text(), on_done=self._on_results)

    def _on_results(self, found: list[PatientRecord] | None, error: BaseException | None) -> None:
        if error is not None:
            self.message.setText(sentence_and_cause(error))
            return
        self.results = found or []
        self.message.setText(self.tr("%n patient(s) found", "", len(self.results)))
        self.table.setRowCount(len(self.results))
        for row, p in enumerate(self.results):
            values = (p.family_name, p.given_name, dicom_date(p.birth_date), sex_label(p.sex), niss_label(p.niss), p.id)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.results:
            self.table.selectRow(0)

    def _choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen.emit(self.results[rows[0].row()])
            self.accept()
