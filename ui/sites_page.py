"""Sites: the signed directory, this site's identity, and hospital cards that accept drops of studies."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.bridge import EngineBridge
from ui.errors import show_error
from ui.reasons import reason_text
from ui.send_dialog import SendDialog
from ui.send_preview import SendPreview, preview_paths
from ui.text import human_size

if TYPE_CHECKING:
    from appliance.service.commands import SendReport

CARD_STYLE = """
QFrame#hospitalCard { background: palette(base); border: 1px solid #b8c4d2; border-radius: 8px; }
QFrame#hospitalCard[dropping="true"] { border: 2px dashed #1f4e79; background: #e3ecf7; }
"""


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]


FRESHNESS = {
    "valid": QT_TRANSLATE_NOOP("SitesPage", "valid"),
    "in_grace": QT_TRANSLATE_NOOP("SitesPage", "expired, grace period: install a fresh directory"),
    "expired": QT_TRANSLATE_NOOP("SitesPage", "expired: outgoing transfers are stopped"),
}


def expiry_text(directory: dict[str, Any]) -> str:
    expires = directory.get("expires")
    when = (QDateTime.fromSecsSinceEpoch(int(expires)).toString("dd/MM/yyyy HH:mm")
            if isinstance(expires, int | float) else str(expires or ""))
    state = str(directory.get("freshness", ""))
    return f"{when} ({QCoreApplication.translate('SitesPage', FRESHNESS[state])})" if state in FRESHNESS else when


YESTERDAY = QT_TRANSLATE_NOOP("SitesPage", "yesterday at {time}")


def when_text(seconds: object) -> str:
    """A time the engine gave (seconds since the epoch) as the user reads it: HH:mm today, else the date too."""
    if not isinstance(seconds, int | float) or seconds <= 0:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(seconds))
    if moment.date() == QDate.currentDate():
        return moment.toString("HH:mm")
    if moment.date() == QDate.currentDate().addDays(-1):
        return QCoreApplication.translate("SitesPage", YESTERDAY).format(time=moment.toString("HH:mm"))
    return moment.toString("dd/MM/yyyy HH:mm")


class HospitalCard(QFrame):
    """One peer site; drop files, folders or a DICOMDIR on it to send them there."""

    dropped = Signal(str, list)

    def __init__(self, peer: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site_id = str(peer.get("id") or peer.get("site_id") or "")
        self.name = str(peer.get("name") or self.site_id)
        self.setObjectName("hospitalCard")
        self.setAcceptDrops(True)
        self.setMinimumSize(300, 150)
        self.setAccessibleName(self.tr("Hospital {name}: drop studies here to send them").format(name=self.name))
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{self.name}</b>")
        title.setWordWrap(True)
        self.status = QLabel(objectName="reachability")
        self.status.setWordWrap(True)
        self.show_reachability(peer)
        fingerprint = QLabel(self.tr("Fingerprint: {fp}").format(fp=peer.get("fingerprint", "")))
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        endpoints = [str(e) for e in peer.get("endpoints", []) or []]
        address = QLabel(f'<span style="color:#6b7785">{endpoints[0]}</span>' if endpoints else "")
        self.feedback = QLabel(self.tr("Drop studies here"), objectName="cardFeedback")
        self.feedback.setWordWrap(True)
        for widget in (title, self.status, fingerprint, address, self.feedback):
            layout.addWidget(widget)

    def show_reachability(self, peer: dict[str, Any]) -> None:
        """Reachable / not reachable with when it was last seen; the probe's reason in the tooltip."""
        reachable = peer.get("reachable")
        seen = when_text(peer.get("last_seen"))
        if reachable:
            state, colour = self.tr("● reachable (checked {when})").format(when=when_text(peer.get("checked_at"))), \
                "#2e7d32"
        elif reachable is None:
            state, colour = self.tr("● not checked yet"), "#6b7785"
            if seen:
                state += " · " + self.tr("last seen {when}").format(when=seen)
        else:
            state, colour = self.tr("● not reachable"), "#c62828"
            state += " · " + (self.tr("last seen {when}").format(when=seen) if seen else self.tr("never seen"))
        self.reachable = reachable
        self.status.setText(f'<span style="color:{colour}">{state}</span>')
        error = str(peer.get("probe_error") or "")
        self.status.setToolTip(reason_text(error) if error else "")
        self.status.setAccessibleName(self.status.text().split(">", 1)[-1].rsplit("<", 1)[0])

    def _set_dropping(self, on: bool) -> None:
        self.setProperty("dropping", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            self._set_dropping(True)
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: Any) -> None:
        self._set_dropping(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dropping(False)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(self.site_id, paths)


class SitesPage(QWidget):
    """Directory facts on top, one card per hospital below."""

    def __init__(self, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.cards: dict[str, HospitalCard] = {}
        self._peers_key: tuple[tuple[str, str], ...] = ()
        self.confirm = True
        self.last_dialog: SendDialog | None = None
        self.setStyleSheet(CARD_STYLE)
        title = QLabel(self.tr("Sites"), objectName="pageTitle")
        box = QGroupBox(self.tr("Directory of the network"))
        form = QFormLayout(box)
        self.facts: dict[str, QLabel] = {}
        for key, label in (("site", self.tr("This site")), ("fingerprint", self.tr("Our fingerprint")),
                           ("version", self.tr("Directory version")), ("expires", self.tr("Valid until")),
                           ("operator", self.tr("Operator fingerprint")), ("alarms", self.tr("Warnings"))):
            value = QLabel(objectName=f"directory_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.facts[key] = value
        hint = QLabel(self.tr("To send a study, drag its files, its folder or its DICOMDIR onto a hospital."))
        hint.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check the connections now"))
        self.check_button.setAccessibleName(self.check_button.text())
        self.check_button.clicked.connect(self.check_now)
        hint_row = QHBoxLayout()
        hint_row.addWidget(hint, 1)
        hint_row.addWidget(self.check_button)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty = QLabel(self.tr("No hospital is listed yet: install the directory of the network."))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(box)
        layout.addLayout(hint_row)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)

    def show_status(self, status: dict[str, Any]) -> None:
        site = status.get("site", {})
        directory = status.get("directory", {}) or {}
        self.facts["site"].setText(str(site.get("name", "")))
        self.facts["fingerprint"].setText(str(site.get("fingerprint", "")))
        installed = bool(directory.get("installed"))
        self.facts["version"].setText(str(directory.get("version", "")) if installed else self.tr("not installed"))
        self.facts["expires"].setText(expiry_text(directory) if installed else "")
        self.facts["operator"].setText(str(directory.get("operator_fingerprint", "")) or "—")
        alarms = [str(a) for a in status.get("alarms", [])]
        self.facts["alarms"].setText("\n".join(reason_text(a) for a in alarms) if alarms else self.tr("none"))
        self.show_peers(sorted(status.get("peers", []), key=lambda p: str(p.get("name", "")).casefold()))

    def show_peers(self, peers: list[dict[str, Any]]) -> None:
        key = tuple((str(p.get("id", "")), str(p.get("name", ""))) for p in peers)
        if key == self._peers_key:
            for peer in peers:
                card = self.cards.get(str(peer.get("id", "")))
                if card is not None:
                    card.show_reachability(peer)
            return
        self._peers_key = key
        for card in self.cards.values():
            card.deleteLater()
        self.cards.clear()
        for n, peer in enumerate(peers):
            card = HospitalCard(peer, self.grid_host)
            card.dropped.connect(self.on_drop)
            self.grid.addWidget(card, n // 3, n % 3)
            self.cards[card.site_id] = card
        self.empty.setVisible(not peers)

    def check_now(self) -> None:
        """Probe every hospital's appliance now (in the engine); the cards follow with the next status."""
        self.check_button.setEnabled(False)
        self.bridge.call(self.bridge.engine.probe_peers(), on_done=self._on_checked)

    def _on_checked(self, _seen: object, error: BaseException | None) -> None:
        self.check_button.setEnabled(True)
        if error is not None:
            show_error(self, self.tr("Connections not checked"), error)

    def on_drop(self, site_id: str, paths: list[Path]) -> None:
        card = self.cards.get(site_id)
        if card is None:
            return
        card.feedback.setText(self.tr("Reading the files..."))
        self.bridge.run(preview_paths, list(paths),
                        on_done=lambda preview, error: self._on_preview(site_id, preview, error))

    def _on_preview(self, site_id: str, preview: SendPreview | None, error: BaseException | None) -> None:
        card = self.cards.get(site_id)
        if card is None:
            return
        if error is not None or preview is None:
            card.feedback.setText(self.tr("The files could not be read."))
            show_error(self, self.tr("Files not sent"), error or RuntimeError("no preview"))
            return
        card.feedback.setText(self.tr("{n} studies, {size}").format(n=len(preview.studies),
                                                                    size=human_size(preview.size)))
        if not self.confirm:
            self.send(site_id, preview.paths)
            return
        dialog = SendDialog(preview, card.name, self)
        dialog.accepted.connect(lambda: self.send(site_id, preview.paths))
        self.last_dialog = dialog
        dialog.open()

    def send(self, site_id: str, paths: list[Path]) -> None:
        card = self.cards.get(site_id)
        if card is not None:
            card.feedback.setText(self.tr("Queuing..."))
        engine = self.bridge.engine
        self.bridge.call(engine.send(list(paths), site_id),
                         on_done=lambda report, error: self._on_sent(site_id, report, error))

    def _on_sent(self, site_id: str, report: SendReport | None, error: BaseException | None) -> None:
        card = self.cards.get(site_id)
        if error is not None or report is None:
            if card is not None:
                card.feedback.setText(self.tr("Not sent."))
            show_error(self, self.tr("Study not sent"), error or RuntimeError("no report"))
            return
        if card is not None:
            queued, already = len(report.transfer_ids), len(report.already_queued)
            text = self.tr("%n study(ies) queued", "", queued)
            if already:
                text += " · " + self.tr("%n already sent", "", already)
            card.feedback.setText(text)
