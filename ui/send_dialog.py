"""Confirmation before sending: patient, study, size and destination of what was dropped on a hospital."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.send_preview import SendPreview
from ui.text import dicom_date, human_size


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SendDialog(QDialog):
    """Shows what will be sent where; Send accepts, Cancel does nothing."""

    def __init__(self, preview: SendPreview, destination: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Send to {site}").format(site=destination))
        self.setObjectName("sendDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("Send to <b>{site}</b>:").format(site=html_escape(destination)))
        layout.addWidget(head)
        for study in preview.studies.values():
            name = study.patient_name.replace("^", " ").strip() or self.tr("(no name)")
            modalities = ", ".join(sorted(study.modalities))
            text = self.tr(
                "<b>{patient}</b> (born {birth})<br>{date} · {description} {modalities}<br>{files} files, {size}"
            ).format(patient=html_escape(name), birth=dicom_date(study.birth_date) or "?",
                     date=dicom_date(study.study_date) or "?", description=html_escape(study.description),
                     modalities=f"({modalities})" if modalities else "", files=study.files,
                     size=human_size(study.size))
            label = QLabel(text, objectName="sendStudy")
            label.setAccessibleName(name)
            layout.addWidget(label)
        total = QLabel(self.tr("In total: %n file(s)", "", preview.files) + f", {human_size(preview.size)}")
        layout.addWidget(total)
        if preview.not_dicom:
            warning = QLabel(self.tr("%n file(s) are not DICOM images and will be left out.", "", preview.not_dicom))
            warning.setObjectName("sendWarning")
            layout.addWidget(warning)
        if preview.truncated:
            layout.addWidget(QLabel(self.tr("Only the first files were read for this summary; all will be sent.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.setDefault(True)
        self.send_button.setEnabled(bool(preview.studies))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
