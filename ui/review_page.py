"""The reconciliation window: the incoming patient side by side with ranked local candidates; decide, undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from appliance.domain import PatientRecord
from appliance.service import review
from appliance.service.review import Choice, ManualDecision, ReviewCase
from ui.bridge import EngineBridge
from ui.compare import FIELDS, Agreement, agreement
from ui.errors import show_error
from ui.reasons import reason_text
from ui.review_dialogs import RejectDialog, SearchDialog
from ui.text import dicom_date, niss_label, person_name, sex_label

ID_COLUMN = 6
DIFFERENT_BG = QColor("#fbd9b5")
SAME_BG = QColor("#dcefd9")
INCOMING_BG = QColor("#e3ecf7")
WHY_STYLE = ("QFrame#waitingReason { background: #fff3dc; border: 1px solid #e0a040; border-left: 5px solid #d9822b;"
             " border-radius: 3px; } QLabel { background: transparent; border: none; }")


def show_value(field: str, record: PatientRecord) -> str:
    value = str(getattr(record, field)).strip()
    if field == "sex":
        return sex_label(value)
    if not value:
        return "—"  # missing, not an empty cell that reads as a glitch
    if field == "birth_date":
        return dicom_date(value)
    if field == "niss":
        return niss_label(value)
    return value


class SelectionFrameDelegate(QStyledItemDelegate):
    """Shows the selected candidate with a frame, keeping the same/different colours visible."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]
        super().paint(painter, plain, index)
        if selected:
            rect = option.rect  # type: ignore[attr-defined]
            painter.save()
            painter.setPen(QPen(QColor("#1f4e79"), 3))
            painter.drawLine(rect.left(), rect.top() + 1, rect.right(), rect.top() + 1)
            painter.drawLine(rect.left(), rect.bottom() - 1, rect.right(), rect.bottom() - 1)
            painter.restore()


class ReviewPage(QWidget):
    """Queue of waiting patients on the left; the chosen one compared with its candidates on the right."""

    count_changed = Signal(int)
    decided = Signal(object)

    def __init__(self, bridge: EngineBridge, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.who = who
        self.cases: list[ReviewCase] = []
        self.site_names: dict[str, str] = {}
        self.last_decision: ManualDecision | None = None
        self._build()

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.queue = QListWidget(objectName="reviewQueue")
        self.queue.setAccessibleName(self.tr("Patients waiting for confirmation"))
        self.queue.currentRowChanged.connect(self._show_case)
        self.queue.setSpacing(3)
        self.queue.itemActivated.connect(lambda _item: self.table.setFocus())  # Enter: on to the candidates
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.queue_title = QLabel(objectName="pageTitle")
        left_layout.addWidget(self.queue_title)
        left_layout.addWidget(self.queue)

        self.incoming_box = QGroupBox(self.tr("Incoming study"))
        form = QFormLayout(self.incoming_box)
        self.incoming_labels: dict[str, QLabel] = {}
        for key, label in (
            ("hospital", self.tr("Sending hospital")), ("study_date", self.tr("Study date")),
            ("description", self.tr("Description")),
        ):
            value = QLabel(objectName=f"incoming_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.incoming_labels[key] = value

        self.why_box = QFrame(objectName="waitingReason")
        self.why_box.setStyleSheet(WHY_STYLE)
        self.why_title = QLabel(self.tr("Why Passerelle asks you to decide:"), objectName="waitingReasonTitle")
        title_font = QFont(self.why_title.font())
        title_font.setBold(True)
        self.why_title.setFont(title_font)
        self.why = QLabel(objectName="waitingReasonText")
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why.setAccessibleName(self.tr("Why this patient waits for a person"))
        why_layout = QVBoxLayout(self.why_box)
        why_layout.setContentsMargins(10, 6, 10, 6)
        why_layout.setSpacing(2)
        why_layout.addWidget(self.why_title)
        why_layout.addWidget(self.why)
        self.why_box.hide()

        self.table = QTableWidget(0, 7, objectName="candidates")
        self.table.setAccessibleName(self.tr("Incoming patient and local candidates"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Score"), self.tr("Family name"), self.tr("Given name"), self.tr("Birth date"),
            self.tr("Sex"), self.tr("NISS"), self.tr("Patient id"),
        ])
        id_header = self.table.horizontalHeaderItem(ID_COLUMN)
        if id_header is not None:
            id_header.setToolTip(self.tr("Incoming row: the id given by the sending hospital. "
                                         "Candidates: the id in this hospital's patient index."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per patient; a long cell is elided, its tooltip has it all
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegate(SelectionFrameDelegate(self.table))
        self.table.itemSelectionChanged.connect(self._show_reasons)
        self.table.itemDoubleClicked.connect(lambda _item: self.confirm())

        self.reasons_box = QGroupBox(self.tr("Why this score:"))
        self.reasons = QLabel(objectName="reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName(self.tr("Reasons for the score"))
        self.reasons.setMinimumHeight(72)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.confirm_button = QPushButton(self.tr("&Confirm this patient"), objectName="confirm")
        self.confirm_button.setToolTip(self.tr("Link the incoming study to the selected local patient (Enter)"))
        self.search_button = QPushButton(self.tr("&Search by hand..."), objectName="search")
        self.new_button = QPushButton(self.tr("&New patient"), objectName="newPatient")
        self.reject_button = QPushButton(self.tr("&Reject..."), objectName="reject")
        self.undo_button = QPushButton(self.tr("&Undo last decision"), objectName="undo")
        for button in (self.confirm_button, self.search_button, self.new_button, self.reject_button,
                       self.undo_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("."))
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        self.search_button.clicked.connect(self.search_by_hand)
        self.new_button.clicked.connect(self.create_new)
        self.reject_button.clicked.connect(self.reject)
        self.undo_button.clicked.connect(self.undo_last)
        buttons = QHBoxLayout()
        for button in (self.confirm_button, self.search_button, self.new_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)

        self.feedback = QLabel(objectName="feedback")
        self.feedback.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.incoming_box)
        right_layout.addWidget(self.why_box)
        right_layout.addWidget(self.table)
        reasons_layout = QVBoxLayout(self.reasons_box)
        reasons_layout.addWidget(self.reasons)
        right_layout.addWidget(self.reasons_box)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.feedback)
        right_layout.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(enter), self.table, self.confirm, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo_last,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._set_enabled(False)
        self._update_title()

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.bridge.run_on_store(review.pending_cases, on_done=self._on_cases)
        self.bridge.run_on_store(review.undoable, 1, on_done=self._on_undoable)

    def _on_cases(self, cases: list[ReviewCase] | None, error: BaseException | None) -> None:
        if error is not None:
            self.feedback.setText(self.tr("The waiting list could not be read."))
            return
        current = self.current_case()
        self.cases = cases or []
        self.queue.blockSignals(True)
        self.queue.clear()
        for case in self.cases:
            who = person_name(case.incoming.family_name, case.incoming.given_name)
            item = QListWidgetItem(f"{who}\n{self._hospital(case.sending_site)} · {dicom_date(case.study_date)}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, who)
            self.queue.addItem(item)
        self.queue.blockSignals(False)
        ids = [c.case_id for c in self.cases]
        row = ids.index(current.case_id) if current and current.case_id in ids else (0 if ids else -1)
        self.queue.setCurrentRow(row)
        self._show_case(row)
        self._update_title()
        self.count_changed.emit(len(self.cases))

    def _on_undoable(self, found: list[ManualDecision] | None, error: BaseException | None) -> None:
        self.last_decision = found[0] if found else None
        self.undo_button.setEnabled(self.last_decision is not None)

    def set_site_names(self, names: dict[str, str]) -> None:
        if names != self.site_names:
            self.site_names = names
            self._on_cases(list(self.cases), None)

    def _update_title(self) -> None:
        n = len(self.cases)
        self.queue_title.setText(self.tr("%n patient(s) waiting", "", n) if n else self.tr("Nobody is waiting"))

    def _hospital(self, site_id: str) -> str:
        return self.site_names.get(site_id, site_id[:12])

    def current_case(self) -> ReviewCase | None:
        row = self.queue.currentRow()
        return self.cases[row] if 0 <= row < len(self.cases) else None

    def _set_enabled(self, on: bool) -> None:
        for button in (self.confirm_button, self.search_button, self.new_button, self.reject_button):
            button.setEnabled(on)

    def _show_case(self, row: int) -> None:
        case = self.cases[row] if 0 <= row < len(self.cases) else None
        self.table.setRowCount(0)
        self.reasons.clear()
        self._set_enabled(case is not None)
        self._show_why(case)
        if case is None:
            for label in self.incoming_labels.values():
                label.clear()
            return
        self.incoming_labels["hospital"].setText(self._hospital(case.sending_site))
        self.incoming_labels["study_date"].setText(dicom_date(case.study_date))
        self.incoming_labels["description"].setText(case.description)
        self.confirm_button.setEnabled(bool(case.candidates))
        self.table.setRowCount(1 + len(case.candidates))
        self._fill_row(0, self.tr("Incoming"), case.incoming, None)
        self._label_sender_id(case)
        for n, candidate in enumerate(case.candidates, start=1):
            self._fill_row(n, f"{round(candidate.score * 100)} %", candidate.record, case.incoming)
            id_item = self.table.item(n, ID_COLUMN)
            if id_item is not None:
                id_item.setToolTip(self.tr("Id of this patient in our patient index"))
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows_height + 4)
        if case.candidates:
            self.table.selectRow(1)

    def _show_why(self, case: ReviewCase | None) -> None:
        """The engine's reasons for asking a person (vetoes, link rules that failed), above the candidates."""
        why = case.why if case is not None else ()
        self.why.setText("\n".join(f"• {reason_text(r, self.site_names)}" for r in why))
        self.why_box.setVisible(bool(why))

    def _label_sender_id(self, case: ReviewCase) -> None:
        """The incoming row's id is the sending hospital's, not ours: say so in the cell and its tooltip."""
        item = self.table.item(0, ID_COLUMN)
        if item is None:
            return
        hospital = self._hospital(case.sending_site)
        sent_id = case.incoming.id
        item.setText(self.tr("{id} (sender's id)").format(id=sent_id) if sent_id else self.tr("(no id sent)"))
        item.setToolTip(self.tr("The patient's id at the sending hospital ({hospital}), "
                                "not an id of this hospital").format(hospital=hospital))

    def _fill_row(self, row: int, first: str, record: PatientRecord, incoming: PatientRecord | None) -> None:
        values = [first, *(show_value(f, record) for f in FIELDS), record.id]
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            if incoming is None:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setBackground(QBrush(INCOMING_BG))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif 1 <= column <= len(FIELDS):
                self._mark(item, agreement(FIELDS[column - 1], incoming, record))
            else:
                item.setBackground(QBrush(QColor("white")))
            self.table.setItem(row, column, item)

    def _mark(self, item: QTableWidgetItem, match: Agreement) -> None:
        if match is Agreement.DIFFERENT:
            item.setBackground(QBrush(DIFFERENT_BG))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(self.tr("Differs from the incoming patient"))
            item.setText("≠ " + item.text())
        elif match is Agreement.SAME:
            item.setBackground(QBrush(SAME_BG))
            item.setToolTip(self.tr("Same as the incoming patient"))
        else:
            item.setBackground(QBrush(QColor("white")))  # not the selection colour under the frame
            item.setToolTip(self.tr("Missing on one side"))

    def selected_candidate(self) -> PatientRecord | None:
        case = self.current_case()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if case is None or not rows or rows[0].row() < 1:
            return None
        return case.candidates[rows[0].row() - 1].record

    def _show_reasons(self) -> None:
        case = self.current_case()
        rows = self.table.selectionModel().selectedRows()
        if case is None or not rows or rows[0].row() < 1:
            self.reasons.clear()
            return
        candidate = case.candidates[rows[0].row() - 1]
        who = person_name(candidate.record.family_name, candidate.record.given_name)
        self.reasons_box.setTitle(self.tr("Why {name} scores {score} %:").format(
            name=who, score=round(candidate.score * 100)))
        lines = [f"• {reason_text(r)}" for r in candidate.reasons] or [self.tr("No reasons given.")]
        self.reasons.setText("\n".join(lines))

    # -- decisions --------------------------------------------------------------------------------
    def confirm(self) -> None:
        case, record = self.current_case(), self.selected_candidate()
        if case is not None and record is not None:
            self._decide(case, Choice.LINK, record.id, "")

    def create_new(self) -> None:
        case = self.current_case()
        if case is not None:
            self._decide(case, Choice.NEW, "", "")

    def reject(self) -> None:
        case = self.current_case()
        if case is None:
            return
        dialog = RejectDialog(self)
        dialog.accepted.connect(lambda: self._decide(case, Choice.REJECT, "", dialog.reason()))
        dialog.open()

    def search_by_hand(self) -> None:
        case = self.current_case()
        if case is None:
            return
        dialog = SearchDialog(self.bridge, case.incoming, self)
        dialog.chosen.connect(lambda record: self._decide(case, Choice.LINK, record.id, ""))
        dialog.open()

    def _decide(self, case: ReviewCase, choice: Choice, patient_id: str, reason: str) -> None:
        self._set_enabled(False)
        self.feedback.setText(self.tr("Saving..."))
        self.bridge.run_on_store(review.decide, case.case_id, choice, self.who, patient_id, reason,
                                 notify="review_changed", on_done=self._on_decided)

    def _on_decided(self, decision: ManualDecision | None, error: BaseException | None) -> None:
        if error is not None or decision is None:
            self.feedback.setText(self.tr("The decision was not saved."))
            show_error(self, self.tr("Decision not saved"), error or RuntimeError("no decision"))
            self.refresh()
            return
        text = {
            Choice.LINK: self.tr("Linked to the local patient {id}. You can undo until the study is sent to the PACS."),
            Choice.NEW: self.tr("A new patient will be created. You can undo until the study is sent to the PACS."),
            Choice.REJECT: self.tr("The study is rejected. You can still undo this."),
        }[decision.kind]
        self.feedback.setText(text.format(id=decision.matched_id))
        self.last_decision = decision
        self.decided.emit(decision)
        self.refresh()

    def undo_last(self) -> None:
        if self.last_decision is None:
            return
        self.undo_button.setEnabled(False)
        self.bridge.run_on_store(review.undo, self.last_decision.decision_id, self.who,
                                 notify="review_changed", on_done=self._on_undone)

    def _on_undone(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:
            show_error(self, self.tr("Undo not possible"), error)
        else:
            self.feedback.setText(self.tr("Decision undone: the patient is back in the waiting list."))
        self.refresh()
