"""The main window: left navigation (with the waiting-patients badge), one page per screen, tray icon."""

from __future__ import annotations

import getpass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QSystemTrayIcon,
    QWidget,
)

from appliance.domain import EngineEvent
from ui.bridge import EngineBridge
from ui.icons import app_icon, icon
from ui.journal_page import JournalPage
from ui.pacs_form import EchoFn
from ui.pacs_search_page import PacsSearchPage
from ui.review_page import ReviewPage
from ui.rules_page import RulesPage
from ui.settings_page import SettingsPage
from ui.sites_page import SitesPage
from ui.transfers_page import TransfersPage
from ui.worker import ThreadWorker

BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_INTERVAL_MS = 1000
STYLE = """
QListWidget#navigation { background: #1f3550; color: white; border: none; font-size: 11pt; }
QListWidget#navigation::item { padding: 10px 6px; }
QListWidget#navigation::item:selected { background: #2f5d8a; color: white; border-left: 4px solid #9fd3ff; }
QListWidget#navigation:focus { outline: none; }
QLabel#pageTitle { font-size: 15pt; font-weight: bold; padding: 4px 0 8px 0; }
"""


class BadgeDelegate(QStyledItemDelegate):
    """Paints a navigation item with a round count badge on its right when the count is positive."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        count = int(index.data(BADGE_ROLE) or 0)
        if count <= 0:
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        text = str(count) if count < 100 else "99+"
        width = max(24, 10 + 9 * len(text))
        badge = QRect(rect.right() - width - 8, rect.center().y() - 11, width, 22)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#d9822b"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 11, 11)
        painter.setPen(QColor("white"))
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class MainWindow(QMainWindow):
    """One window for secretaries and technicians; polls `status()` and listens to engine events."""

    def __init__(self, bridge: EngineBridge, worker: ThreadWorker, echo: EchoFn | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.worker = worker
        self.who = getpass.getuser()
        self.quitting = False
        self.site_names: dict[str, str] = {}
        self.last_status: dict[str, Any] = {}
        self._status_pending = False
        self._failed_seen: set[str] = set()
        self._waiting = -1
        self.setWindowTitle(self.tr("Passerelle — {site}").format(site=bridge.site_name))
        self.setWindowIcon(app_icon())
        self.setStyleSheet(STYLE)
        self.resize(1280, 800)
        self.setMinimumSize(1024, 640)

        self.review = ReviewPage(bridge, self.who)
        self.transfers = TransfersPage(bridge)
        self.transfers.who = self.who
        self.sites = SitesPage(bridge)
        self.pacs = PacsSearchPage(bridge)
        self.rules = RulesPage(bridge)
        self.journal = JournalPage(bridge)
        self.settings = SettingsPage(bridge, worker, echo)
        self.pages: list[tuple[str, str, QWidget]] = [
            ("review", self.tr("Reconciliation"), self.review),
            ("transfers", self.tr("Transfers"), self.transfers),
            ("sites", self.tr("Sites"), self.sites),
            ("pacs", self.tr("PACS search"), self.pacs),
            ("rules", self.tr("Rules"), self.rules),
            ("journal", self.tr("Journal"), self.journal),
            ("settings", self.tr("Settings"), self.settings),
        ]
        self.nav = QListWidget(objectName="navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(210)
        self.nav.setItemDelegate(BadgeDelegate(self.nav))
        self.stack = QStackedWidget()
        for name, label, page in self.pages:
            item = QListWidgetItem(icon(f"nav-{name}"), label)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.nav.addItem(item)
            page.setObjectName(f"page_{name}")
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        body = QWidget()
        body_layout = QHBoxLayout(body)
        body_layout.addWidget(self.stack)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.engine_state = QLabel(objectName="engineState")
        self.statusBar().addPermanentWidget(self.engine_state)

        self.review.count_changed.connect(self.set_waiting)
        self.review.decided.connect(lambda _d: self.journal.refresh())
        bridge.event.connect(self.on_event)
        self.tray = self._make_tray()
        self.timer = QTimer(self)
        self.timer.setInterval(STATUS_INTERVAL_MS)
        self.timer.timeout.connect(self.poll_status)
        self.timer.start()
        self.nav.setCurrentRow(0)
        self.poll_status()
        self.review.refresh()

    # -- navigation -------------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        names = [n for n, _, _ in self.pages]
        self.nav.setCurrentRow(names.index(name))

    def open_review(self, transfer_id: str) -> None:
        """Show the reconciliation page with the case of `transfer_id` selected as soon as the list holds it."""
        self._review_wanted = transfer_id
        self.review.count_changed.connect(self._select_wanted_case)
        self.show_page("review")
        self.review.refresh()

    def _select_wanted_case(self, _count: int) -> None:
        ids = [case.transfer_id for case in self.review.cases]
        if self._review_wanted in ids:
            self.review.queue.setCurrentRow(ids.index(self._review_wanted))
            self.review.count_changed.disconnect(self._select_wanted_case)

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.pages[row][2]
        if page is self.journal:
            self.journal.refresh()
        elif page is self.rules:
            self.rules.refresh()
        elif page is self.review:
            self.review.refresh()

    def set_waiting(self, count: int) -> None:
        item = self.nav.item(0)
        item.setData(BADGE_ROLE, count)
        label = self.pages[0][1]
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     label + (" " + self.tr("(%n waiting)", "", count) if count else ""))
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Passerelle: %n patient(s) waiting", "", count))
            if count > max(self._waiting, 0) and self._waiting >= 0:
                self.tray.showMessage(self.tr("Patients to confirm"),
                                      self.tr("%n patient(s) wait for confirmation.", "", count))
        self._waiting = count

    # -- engine status and events -----------------------------------------------------------------
    def poll_status(self) -> None:
        if self._status_pending:
            return
        self._status_pending = True
        self.bridge.call(self.bridge.engine.status(), on_done=self._on_status)

    def _on_status(self, status: dict[str, Any] | None, error: BaseException | None) -> None:
        self._status_pending = False
        if error is not None or status is None:
            self.engine_state.setText(self.tr("Engine not answering"))
            return
        self.last_status = status
        peers = list(status.get("peers", []))
        self.site_names = {str(p.get("id", "")): str(p.get("name", "")) for p in peers}
        self.review.set_site_names(self.site_names)
        self.journal.site_names = self.site_names
        self.transfers.show_transfers(list(status.get("transfers", [])), self.site_names)
        self.sites.show_status(status)
        engine_state = str(status.get("engine", {}).get("state", ""))
        self.engine_state.setText(self.tr("Engine: {state}").format(
            state=self.tr("running") if engine_state == "running" else engine_state))
        waiting = int(status.get("review_queue", 0))
        if waiting != self._waiting:
            self.review.refresh()
        self._notify_failures(list(status.get("transfers", [])))

    def _notify_failures(self, transfers: list[dict[str, Any]]) -> None:
        failed = {str(t["id"]) for t in transfers if t.get("state") == "failed"}
        new = failed - self._failed_seen
        if new and self._failed_seen is not None and self.tray is not None and self._waiting >= 0:
            self.tray.showMessage(self.tr("Transfer failed"), self.tr("%n transfer(s) failed.", "", len(new)),
                                  QSystemTrayIcon.MessageIcon.Warning)
        self._failed_seen |= failed

    def on_event(self, event: EngineEvent) -> None:
        if event.kind in ("review_changed", "decision", "review", "transfer_received"):
            self.review.refresh()
            if self.stack.currentWidget() is self.journal:
                self.journal.refresh()
        if event.kind.startswith("transfer") or event.kind == "review_changed":
            self.poll_status()  # at most one status request in flight: bursts of progress events coalesce

    # -- tray and closing -------------------------------------------------------------------------
    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(app_icon(), self)
        menu = QMenu(self)
        menu.addAction(self.tr("Open Passerelle"), self.show_normal)
        menu.addAction(self.tr("Quit"), self.quit)
        tray.setContextMenu(menu)
        tray.activated.connect(lambda _reason: self.show_normal())
        tray.show()
        return tray

    def show_normal(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        self.quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None and not self.quitting:
            event.ignore()
            self.hide()
            self.tray.showMessage(self.tr("Passerelle keeps working"),
                                  self.tr("Transfers continue in the background. Open from the tray icon."))
            return
        self.timer.stop()
        self.bridge.close()
        event.accept()
