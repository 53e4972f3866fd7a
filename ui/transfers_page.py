"""Transfers: direction, hospital, patient initials, progress, speed, time left, state; retry and cancel."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Coroutine
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from appliance.service import review
from appliance.service.disk_alarm import PAUSED_REASON
from appliance.service.transfer_receiver import ABANDONED_REASON
from ui.bridge import EngineBridge
from ui.errors import as_sentence, show_error
from ui.icons import icon
from ui.reasons import reason_text
from ui.refusals import NEVER_ARRIVED_WHOLE, refusal_text
from ui.text import human_duration, human_size, human_speed

if TYPE_CHECKING:
    from appliance.service.engine import Engine

Index = QModelIndex | QPersistentModelIndex
STATES = {
    "queued": QT_TRANSLATE_NOOP("TransferStates", "Waiting to send"),
    "sending": QT_TRANSLATE_NOOP("TransferStates", "Sending"),
    "receiving": QT_TRANSLATE_NOOP("TransferStates", "Receiving"),
    "review": QT_TRANSLATE_NOOP("TransferStates", "Waiting for patient confirmation"),
    "storing": QT_TRANSLATE_NOOP("TransferStates", "Storing in the PACS"),
    "done": QT_TRANSLATE_NOOP("TransferStates", "Done"),
    "failed": QT_TRANSLATE_NOOP("TransferStates", "Failed"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("TransfersModel", "Direction"), QT_TRANSLATE_NOOP("TransfersModel", "Hospital"),
    QT_TRANSLATE_NOOP("TransfersModel", "Patient"), QT_TRANSLATE_NOOP("TransfersModel", "Progress"),
    QT_TRANSLATE_NOOP("TransfersModel", "Speed"), QT_TRANSLATE_NOOP("TransfersModel", "Time left"),
    QT_TRANSLATE_NOOP("TransfersModel", "State"),
)
PROGRESS_COLUMN = 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


RETRYING = QT_TRANSLATE_NOOP("TransferStates", "Waiting to try again")
PAUSED_FULL = QT_TRANSLATE_NOOP("TransferStates", "Receiving paused: storage full")


NEVER_WHOLE_REASONS = (
    re.compile(rf"^{re.escape(ABANDONED_REASON)}$"),  # the sending site cancelled it (transfer_receiver)
    re.compile(r"^abandoned: no data from the sending site for [\d.]+ days$"),  # spool_retention.stale_reason
)
"""Why the engine fails an incoming transfer before it is whole; its partial files are deleted at once."""


def never_arrived_whole(row: dict[str, Any]) -> bool:
    """A failed incoming transfer that never arrived whole: nothing to store, so the engine refuses to retry
    it (only the sending site can offer it again)."""
    reason = str(row.get("reason", "")).strip()
    return (row.get("direction") == "in" and row.get("state") == "failed"
            and any(p.match(reason) for p in NEVER_WHOLE_REASONS))


async def retry_transfer(engine: Engine, transfer_id: str, who: str) -> bool:
    """The engine's retry: BadInput (`NEVER_ARRIVED_WHOLE`, translated where it is shown) for an incoming
    transfer that never arrived whole; False when the transfer had already changed state elsewhere (the next
    status refresh shows it)."""
    return await engine.retry_transfer(transfer_id, who)


def state_text(state: str, reason: str, site_names: dict[str, str] | None = None) -> str:
    """The state in words; the reason (translated) is only appended for failures (it is in the tooltip)."""
    if state in ("queued", "sending") and reason:
        return QCoreApplication.translate("TransferStates", RETRYING)
    if state == "receiving" and reason == PAUSED_REASON:
        return QCoreApplication.translate("TransferStates", PAUSED_FULL)
    text = QCoreApplication.translate("TransferStates", STATES.get(state, state))
    return f"{text} — {reason_text(reason, site_names)}" if reason and state == "failed" else text


class TransfersModel(QAbstractTableModel):
    """Rows from `status()["transfers"]`, with speeds measured between refreshes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.site_names: dict[str, str] = {}
        self.initials: dict[str, str] = {}
        self._samples: dict[str, tuple[float, int, float]] = {}  # id -> (time, bytes_done, speed)

    def update(self, transfers: list[dict[str, Any]], now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for t in transfers:
            done = int(t.get("bytes_done", 0))
            last = self._samples.get(str(t["id"]))
            speed = 0.0
            if last and now > last[0] and t.get("state") in ("sending", "receiving"):
                instant = max(0.0, (done - last[1]) / (now - last[0]))
                speed = instant if last[2] == 0 else 0.7 * last[2] + 0.3 * instant
            self._samples[str(t["id"])] = (now, done, speed)
        self.beginResetModel()
        self.rows = transfers
        self.endResetModel()

    def speed(self, row: dict[str, Any]) -> float:
        return self._samples.get(str(row["id"]), (0.0, 0, 0.0))[2]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TransfersModel", HEADERS[section])
        return None

    def fraction(self, row: dict[str, Any]) -> float:
        total = int(row.get("bytes_total", 0)) or int(row.get("files_total", 0))
        done = int(row.get("bytes_done", 0)) if row.get("bytes_total") else int(row.get("files_done", 0))
        if row.get("state") == "done":
            return 1.0
        return done / total if total else 0.0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon("outgoing" if row.get("direction") == "out" else "incoming")
        if role == Qt.ItemDataRole.UserRole:
            return self.fraction(row)
        if role == STATE_ROLE:
            return str(row.get("state", ""))
        if role == Qt.ItemDataRole.ToolTipRole and column == len(HEADERS) - 1 and row.get("reason"):
            return reason_text(str(row.get("reason")), self.site_names)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._text(row, column)

    def _text(self, row: dict[str, Any], column: int) -> str:
        speed = self.speed(row)
        if column == 0:
            if row.get("direction") == "out":
                return QCoreApplication.translate("TransfersModel", "Outbound")
            return QCoreApplication.translate("TransfersModel", "Inbound")
        if column == 1:
            peer = str(row.get("peer", ""))
            return self.site_names.get(peer, peer[:12])
        if column == 2:
            return self.initials.get(str(row.get("study_uid", "")), "")
        if column == 3:
            if not int(row.get("bytes_total", 0)):
                return ""
            return QCoreApplication.translate("TransfersModel", "{done} of {total}").format(
                done=human_size(int(row.get("bytes_done", 0))), total=human_size(int(row.get("bytes_total", 0))))
        if column == 4:
            return human_speed(speed)
        if column == 5:
            left = int(row.get("bytes_total", 0)) - int(row.get("bytes_done", 0))
            return human_duration(left / speed) if speed > 0 and left > 0 else ""
        return state_text(str(row.get("state", "")), str(row.get("reason", "")), self.site_names)


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a flat bar (same look on every platform style) with its text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        fraction = min(1.0, max(0.0, float(index.data(Qt.ItemDataRole.UserRole) or 0.0)))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text and fraction == 0:
            return
        failed = index.data(STATE_ROLE) == "failed"
        rect = QRectF(option.rect.adjusted(6, 7, -6, -7))  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#9aa9b9"), 1))
        painter.setBrush(QColor("#eef2f6"))
        painter.drawRoundedRect(rect, 4, 4)
        if fraction > 0:
            filled = QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e9a3a3") if failed else QColor("#8cc4ec") if fraction < 1 else QColor("#9fd49a"))
            painter.drawRoundedRect(filled, 4, 4)
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class TransfersPage(QWidget):
    """The technician's view of every transfer, both directions."""

    def __init__(self, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = TransfersModel(self)
        self.view = QTableView(objectName="transfers")
        self.view.setAccessibleName(self.tr("Transfers"))
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 170, 80, 220, 100, 100)):
            self.view.setColumnWidth(column, width)
        self.retry_button = QPushButton(self.tr("&Retry"), objectName="retry")
        self.cancel_button = QPushButton(self.tr("&Cancel transfer"), objectName="cancelTransfer")
        for button in (self.retry_button, self.cancel_button):
            button.setAccessibleName(button.text().replace("&", ""))
            button.setEnabled(False)
        self.retry_button.clicked.connect(lambda: self._act(partial(retry_transfer, self.bridge.engine)))
        self.cancel_button.clicked.connect(lambda: self._act(self.bridge.engine.cancel_transfer))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.summary = QLabel(objectName="transfersSummary")
        self.who = "user"
        title = QLabel(self.tr("Transfers"), objectName="pageTitle")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_transfers(self, transfers: list[dict[str, Any]], site_names: dict[str, str]) -> None:
        self.model.site_names = site_names
        self._reload(transfers)
        missing = [str(t["study_uid"]) for t in transfers if str(t["study_uid"]) not in self.model.initials]
        if missing:
            self.bridge.run_on_store(review.study_initials, missing, on_done=self._on_initials)
        active = sum(1 for t in transfers if t.get("state") not in ("done", "failed"))
        failed = sum(1 for t in transfers if t.get("state") == "failed")
        self.summary.setText(self.tr("{active} in progress, {failed} failed").format(active=active, failed=failed))

    def _reload(self, transfers: list[dict[str, Any]]) -> None:
        """Refresh the rows, keeping the selected transfer selected."""
        selected = self.selected()
        self.model.update(transfers)
        ids = [str(t["id"]) for t in transfers]
        if selected in ids:
            self.view.selectRow(ids.index(selected))
        self._update_buttons()

    def _on_initials(self, found: dict[str, str] | None, error: BaseException | None) -> None:
        if found:
            self.model.initials.update(found)
            self._reload(self.model.rows)

    def selected(self) -> str:
        row = self.selected_row()
        return str(row["id"]) if row is not None else ""

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        """Retry for a failed transfer, except an incoming one that never arrived whole (the button says why);
        cancel for an outgoing one on its way."""
        row = self.selected_row() or {}
        state = str(row.get("state", ""))
        refused = never_arrived_whole(row)
        self.retry_button.setEnabled(state == "failed" and not refused)
        self.retry_button.setToolTip(as_sentence(refusal_text(NEVER_ARRIVED_WHOLE) or "") if refused else "")
        self.cancel_button.setEnabled(state in ("queued", "sending"))

    def _act(self, command: Callable[[str, str], Coroutine[Any, Any, bool]]) -> None:
        """Retry or cancel the selected transfer through the engine (a cancel stops a running attempt at once).
        When it had already changed state elsewhere nothing happens; the next status refresh shows it. A refusal
        (a retry of an incoming transfer that never arrived whole) is shown, translated."""
        transfer_id = self.selected()
        if transfer_id:
            self.bridge.call(command(transfer_id, self.who), on_done=self._on_acted)

    def _on_acted(self, _changed: Any, error: BaseException | None) -> None:
        if error is not None:
            show_error(self, self.tr("Transfer not changed"), error)
