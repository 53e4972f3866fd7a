"""PACS search: find a study in the local PACS (name, id, dates, modality, accession) and send it to a hospital.

The search and the send run in the engine (`Engine.search_pacs`, `Engine.send_from_pacs`: C-FIND or QIDO-RS,
then retrieve into the appliance and queue, like a drag and drop). A result row can be dragged onto a
hospital button, or a hospital button clicked with a row selected; a confirmation comes first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
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

from appliance.service import sites
from appliance.service.pacs_search import PacsQuery, PacsStudy
from ui.bridge import EngineBridge
from ui.errors import show_error
from ui.send_dialog import html_escape
from ui.text import dicom_date, sex_label

if TYPE_CHECKING:
    from appliance.service.pacs_search import PacsSendReport

STUDY_MIME = "application/x-passerelle-study-uid"
MODALITIES = ("CT", "MR", "US", "CR", "DX", "MG", "NM", "PT", "XA", "RF", "OT")


def patient_text(study: PacsStudy) -> str:
    return study.patient_name.replace("^", " ").strip()


class ResultsTable(QTableWidget):
    """The studies found; a row can be dragged (its Study Instance UID travels in the drag)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setObjectName("pacsResults")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.studies: list[PacsStudy] = []

    def mimeData(self, items: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({item.row() for item in items})
        if rows and rows[0] < len(self.studies):
            data.setData(STUDY_MIME, self.studies[rows[0]].study_uid.encode("ascii"))
        return data

    def mimeTypes(self) -> list[str]:
        return [STUDY_MIME]


class HospitalTarget(QPushButton):
    """A hospital to send to: click with a study selected, or drop a study on it."""

    dropped = Signal(str, str)  # site id, study uid

    def __init__(self, peer: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(str(peer.get("name") or peer.get("id")), parent)
        self.site_id = str(peer.get("id"))
        self.setObjectName("hospitalTarget")
        self.setAcceptDrops(True)
        self.setMinimumHeight(40)
        self.setAccessibleName(self.tr("Send the selected study to {name}").format(name=self.text()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(STUDY_MIME):
            self.setDown(True)
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: Any) -> None:
        self.setDown(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self.setDown(False)
        uid = bytes(event.mimeData().data(STUDY_MIME).data()).decode("ascii", "replace")
        if uid:
            event.acceptProposedAction()
            self.dropped.emit(self.site_id, uid)


class PacsSendDialog(QDialog):
    """Patient, study, images and destination before a study leaves for another hospital."""

    def __init__(self, study: PacsStudy, destination: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pacsSendDialog")
        self.setWindowTitle(self.tr("Send to {site}").format(site=destination))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Send to <b>{site}</b>:").format(site=html_escape(destination))))
        name = patient_text(study) or self.tr("(no name)")
        modalities = ", ".join(study.modalities)
        text = self.tr(
            "<b>{patient}</b> (born {birth}, id {pid})<br>{date} · {description} {modalities}<br>"
            "{series} series, {images} images, accession {accession}"
        ).format(patient=html_escape(name), birth=dicom_date(study.birth_date) or "?",
                 pid=html_escape(study.patient_id) or "?", date=dicom_date(study.study_date) or "?",
                 description=html_escape(study.description), modalities=f"({modalities})" if modalities else "",
                 series=study.series or "?", images=study.instances or "?",
                 accession=html_escape(study.accession) or "—")
        summary = QLabel(text, objectName="pacsSendStudy")
        summary.setAccessibleName(name)
        layout.addWidget(summary)
        note = QLabel(self.tr("The appliance first retrieves the study from the PACS, then sends it. "
                              "Follow it on the Transfers page."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class PacsSearchPage(QWidget):
    """Search form, results, and the hospitals to send the chosen study to."""

    def __init__(self, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.confirm = True
        self.last_dialog: PacsSendDialog | None = None
        self.targets: dict[str, HospitalTarget] = {}
        self._peers_key: tuple[tuple[str, str], ...] = ()
        title = QLabel(self.tr("Search the PACS"), objectName="pageTitle")
        settings = bridge.engine.settings
        self.no_pacs = QLabel(self.tr("No PACS is configured: set it in Settings to search it from here."),
                              objectName="noPacs")
        self.no_pacs.setStyleSheet("QLabel#noPacs { background: #fff4ce; border: 1px solid #e0c060; padding: 8px; }")
        self.no_pacs.setWordWrap(True)
        self.no_pacs.setVisible(settings.pacs is None and not settings.pacs_dicomweb_url)
        box = QGroupBox(self.tr("Find a study"))
        grid = QGridLayout(box)
        self.name = QLineEdit(objectName="pacsName")
        self.name.setPlaceholderText(self.tr("e.g. Dupont or DUPONT^Marie"))
        self.patient_id = QLineEdit(objectName="pacsPatientId")
        self.accession = QLineEdit(objectName="pacsAccession")
        self.modality = QComboBox(objectName="pacsModality")
        self.modality.addItem(self.tr("Any"), "")
        for code in MODALITIES:
            self.modality.addItem(code, code)
        self.use_dates = QCheckBox(self.tr("Study between"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), objectName="pacsFrom")
        self.date_to = QDateEdit(today, objectName="pacsTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        for edit in (self.name, self.patient_id, self.accession):
            edit.returnPressed.connect(self.search)
        labels = {self.name: self.tr("Patient name"), self.patient_id: self.tr("Patient ID"),
                  self.accession: self.tr("Accession number"), self.modality: self.tr("Modality"),
                  self.date_from: self.tr("From"), self.date_to: self.tr("To"), self.use_dates: self.use_dates.text(),
                  self.search_button: self.search_button.text()}
        for widget, label in labels.items():
            widget.setAccessibleName(label)
        grid.addWidget(QLabel(labels[self.name]), 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(QLabel(labels[self.patient_id]), 0, 2)
        grid.addWidget(self.patient_id, 0, 3)
        grid.addWidget(QLabel(labels[self.accession]), 0, 4)
        grid.addWidget(self.accession, 0, 5)
        grid.addWidget(self.use_dates, 1, 0)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("and")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 1)
        grid.addWidget(QLabel(labels[self.modality]), 1, 2)
        grid.addWidget(self.modality, 1, 3)
        grid.addWidget(self.search_button, 1, 5)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        self.table = ResultsTable()
        self.table.setAccessibleName(self.tr("Studies found in the PACS"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Patient"), self.tr("Patient ID"), self.tr("Born"), self.tr("Study date"), self.tr("Modality"),
            self.tr("Description"), self.tr("Accession"), self.tr("Images")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_targets)
        self.message = QLabel(objectName="pacsMessage")
        self.message.setWordWrap(True)
        send_box = QGroupBox(self.tr("Send the selected study to (click, or drag the study onto a hospital)"))
        self.targets_layout = QHBoxLayout(send_box)
        self.no_targets = QLabel(self.tr("No hospital is listed yet: install the directory of the network."))
        self.targets_layout.addWidget(self.no_targets)
        self.targets_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.no_pacs)
        layout.addWidget(box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(send_box)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_peers()

    # -- hospitals --------------------------------------------------------------------------------
    def refresh_peers(self) -> None:
        self.bridge.run(sites.peer_list, self.bridge.engine.site, on_done=self._on_peers)

    def _on_peers(self, peers: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        peers = sorted(peers or [], key=lambda p: str(p.get("name", "")).casefold())
        key = tuple((str(p.get("id")), str(p.get("name"))) for p in peers)
        if key == self._peers_key:
            return
        self._peers_key = key
        for target in self.targets.values():
            target.deleteLater()
        self.targets.clear()
        for n, peer in enumerate(peers):
            target = HospitalTarget(peer)
            target.clicked.connect(lambda _checked=False, t=target: self.send_selected(t.site_id))
            target.dropped.connect(self.ask_send)
            self.targets_layout.insertWidget(n, target)
            self.targets[target.site_id] = target
        self.no_targets.setVisible(not peers)
        self._update_targets()

    def _update_targets(self) -> None:
        chosen = self.selected() is not None
        for target in self.targets.values():
            target.setEnabled(chosen)

    # -- search -----------------------------------------------------------------------------------
    def query(self) -> PacsQuery:
        dates = ("", "")
        if self.use_dates.isChecked():
            dates = (self.date_from.date().toString("yyyyMMdd"), self.date_to.date().toString("yyyyMMdd"))
        return PacsQuery(patient_name=self.name.text().strip(), patient_id=self.patient_id.text().strip(),
                         date_from=dates[0], date_to=dates[1], modality=str(self.modality.currentData() or ""),
                         accession=self.accession.text().strip())

    def search(self) -> None:
        self.search_button.setEnabled(False)
        self.message.setText(self.tr("Searching the PACS..."))
        self.bridge.call(self.bridge.engine.search_pacs(self.query()), on_done=self._on_found)

    def _on_found(self, studies: list[PacsStudy] | None, error: BaseException | None) -> None:
        self.search_button.setEnabled(True)
        if error is not None or studies is None:
            self.message.setText(self.tr("The search did not work."))
            show_error(self, self.tr("PACS search"), error or RuntimeError("no answer"))
            return
        self.show_studies(studies)
        self.message.setText(self.tr("%n study(ies) found.", "", len(studies)) if studies
                             else self.tr("No study matches. Check the spelling or widen the dates."))

    def show_studies(self, studies: list[PacsStudy]) -> None:
        self.table.studies = list(studies)
        self.table.setRowCount(len(studies))
        for row, study in enumerate(studies):
            values = (patient_text(study), study.patient_id,
                      f"{dicom_date(study.birth_date)} {sex_label(study.sex)[:1] if study.sex else ''}".strip(),
                      dicom_date(study.study_date), ", ".join(study.modalities), study.description, study.accession,
                      str(study.instances or ""))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 7:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if studies:
            self.table.selectRow(0)
        self._update_targets()

    def selected(self) -> PacsStudy | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.studies[rows[0].row()] if rows and rows[0].row() < len(self.table.studies) else None

    # -- sending ----------------------------------------------------------------------------------
    def send_selected(self, site_id: str) -> None:
        study = self.selected()
        if study is not None:
            self.ask_send(site_id, study.study_uid)

    def ask_send(self, site_id: str, study_uid: str) -> None:
        study = next((s for s in self.table.studies if s.study_uid == study_uid), None)
        target = self.targets.get(site_id)
        if study is None or target is None:
            return
        if not self.confirm:
            self.send(site_id, study)
            return
        dialog = PacsSendDialog(study, target.text(), self)
        dialog.accepted.connect(lambda: self.send(site_id, study))
        self.last_dialog = dialog
        dialog.open()

    def send(self, site_id: str, study: PacsStudy) -> None:
        name = self.targets[site_id].text() if site_id in self.targets else site_id
        self.message.setText(self.tr("Retrieving the study of {patient} from the PACS for {site}...").format(
            patient=patient_text(study), site=name))
        self.bridge.call(self.bridge.engine.send_from_pacs(study.study_uid, site_id),
                         on_done=lambda report, error: self._on_sent(name, report, error))

    def _on_sent(self, name: str, report: PacsSendReport | None, error: BaseException | None) -> None:
        if error is not None or report is None:
            self.message.setText(self.tr("Not sent."))
            show_error(self, self.tr("Study not sent"), error or RuntimeError("no report"))
            return
        if report.already_queued:
            self.message.setText(self.tr("This study was already sent to {site}.").format(site=name))
        else:
            self.message.setText(self.tr("Queued for {site}: %n image(s). Follow it on the Transfers page.", "",
                                         report.instances).format(site=name))
