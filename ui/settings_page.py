"""Settings: the site's DICOM node, PACS, network and language; saved off the UI thread, applied at restart."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from appliance.errors import BadInput
from appliance.service.settings import Settings, check_aet, save_settings
from ui.bridge import EngineBridge
from ui.errors import show_error
from ui.pacs_form import EchoFn, PacsForm
from ui.worker import ThreadWorker

LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}


def check_web_url(text: str) -> str:
    """An http(s) address such as https://pacs.example.be/dicom-web ('' when empty); BadInput otherwise."""
    url = text.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        good = (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
                and (parts.port is None or parts.port > 0) and not any(ch.isspace() for ch in url))
    except ValueError:  # a bad port or IPv6 literal
        good = False
    if not good:
        raise BadInput(f"the DICOMweb address must be an http:// or https:// address, got {url!r}")
    return url


class SettingsPage(QWidget):
    """A form over `Settings`; Save writes settings.toml (the engine reads it when it starts)."""

    def __init__(self, bridge: EngineBridge, worker: ThreadWorker, echo: EchoFn | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings: Settings = bridge.engine.settings
        s = self.settings
        title = QLabel(self.tr("Settings"), objectName="pageTitle")
        site_box = QGroupBox(self.tr("This appliance"))
        site_form = QFormLayout(site_box)
        self.name = QLineEdit(s.site_name, objectName="siteName")
        self.aet = QLineEdit(s.aet, objectName="ownAet")
        self.aet.setMaxLength(16)
        self.dicom_port = QSpinBox(objectName="dicomPort")
        self.http_port = QSpinBox(objectName="httpPort")
        for spin, value in ((self.dicom_port, s.dicom_port), (self.http_port, s.http_port)):
            spin.setRange(1, 65535)
            spin.setValue(value)
        self.language = QComboBox(objectName="language")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.policy = QComboBox(objectName="newPatientPolicy")
        self.policy.addItem(self.tr("A person confirms every new patient"), "review")
        self.policy.addItem(self.tr("Create new patients automatically"), "automatic")
        self.policy.setCurrentIndex(max(0, self.policy.findData(s.new_patient_policy)))
        for label, field in ((self.tr("Site name"), self.name), (self.tr("Our AE title"), self.aet),
                             (self.tr("DICOM port"), self.dicom_port), (self.tr("Peer port (HTTPS)"), self.http_port),
                             (self.tr("Language"), self.language), (self.tr("New patients"), self.policy)):
            field.setAccessibleName(label)
            site_form.addRow(label, field)
        pacs_box = QGroupBox(self.tr("PACS"))
        pacs_layout = QVBoxLayout(pacs_box)
        self.pacs = PacsForm(worker, echo, lambda: self.aet.text().strip(), pacs_box)
        self.pacs.set_node(s.pacs)
        pacs_layout.addWidget(self.pacs)
        self.dicomweb_url = QLineEdit(s.pacs_dicomweb_url, objectName="pacsDicomwebUrl")
        self.dicomweb_url.setPlaceholderText("https://pacs.example.be/dicom-web")
        self.dicomweb_url.setAccessibleName(self.tr("DICOMweb address"))
        self.dicomweb_url.setToolTip(self.tr("Optional. When set, received studies are stored in the PACS with "
                                             "DICOMweb (STOW-RS) instead of C-STORE, and the PACS is searched "
                                             "with QIDO-RS when no AE title and host are given."))
        self.dicomweb_hint = QLabel(objectName="pacsDicomwebHint")
        self.dicomweb_hint.setWordWrap(True)
        self.dicomweb_hint.setStyleSheet("color: #c62828;")
        self.dicomweb_url.textChanged.connect(self._check_dicomweb)
        self.pacs.form.addRow(self.tr("DICOMweb address"), self.dicomweb_url)  # aligned with the PACS fields
        self.pacs.form.addRow("", self.dicomweb_hint)
        self._check_dicomweb()
        net_box = QGroupBox(self.tr("Network"))
        net_form = QFormLayout(net_box)
        self.public_url = QLineEdit(s.public_url, objectName="publicUrl")
        self.proxy = QLineEdit(s.proxy_url, objectName="proxyUrl")
        self.directory_url = QLineEdit(s.directory_url, objectName="directoryUrl")
        self.bandwidth = QSpinBox(objectName="bandwidth")
        self.bandwidth.setRange(0, 10_000_000)
        self.bandwidth.setValue(s.bandwidth_limit_kbps)
        self.bandwidth.setSpecialValueText(self.tr("no limit"))
        self.bandwidth.setSuffix(" kbit/s")
        for label, field in ((self.tr("Public address"), self.public_url), (self.tr("Proxy"), self.proxy),
                             (self.tr("Directory address"), self.directory_url),
                             (self.tr("Bandwidth limit"), self.bandwidth)):
            field.setAccessibleName(label)
            net_form.addRow(label, field)
        self.message = QLabel(self.tr("Changes take effect when the appliance restarts."), objectName="settingsMessage")
        self.save_button = QPushButton(self.tr("&Save"), objectName="saveSettings")
        self.save_button.setAccessibleName(self.tr("Save the settings"))
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(site_box)
        left.addWidget(pacs_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(net_box)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def edited(self) -> Settings:
        return self.settings.with_changes(
            site_name=self.name.text().strip(), aet=check_aet(self.aet.text().strip()),
            dicom_port=self.dicom_port.value(), http_port=self.http_port.value(),
            language=str(self.language.currentData()), new_patient_policy=str(self.policy.currentData()),
            pacs=self.pacs.node(), pacs_dicomweb_url=check_web_url(self.dicomweb_url.text()),
            public_url=self.public_url.text().strip(), proxy_url=self.proxy.text().strip(),
            directory_url=self.directory_url.text().strip(), bandwidth_limit_kbps=self.bandwidth.value(),
        )

    def _check_dicomweb(self) -> bool:
        """Says under the field when the DICOMweb address is not an http(s) address; True when it is fine."""
        try:
            check_web_url(self.dicomweb_url.text())
        except BadInput:
            self.dicomweb_hint.setText(self.tr("Write a full address starting with http:// or https://."))
            self.pacs.form.setRowVisible(self.dicomweb_hint, True)
            return False
        self.dicomweb_hint.clear()
        self.pacs.form.setRowVisible(self.dicomweb_hint, False)  # no empty line under the field
        return True

    def save(self) -> None:
        if not self._check_dicomweb():
            self.dicomweb_url.setFocus()
        try:
            settings = self.edited()
        except Exception as exc:
            show_error(self, self.tr("Settings not saved"), exc)
            return
        self.save_button.setEnabled(False)
        self.bridge.run(save_settings, settings, on_done=lambda _r, e: self._on_saved(settings, e))

    def _on_saved(self, settings: Settings, error: BaseException | None) -> None:
        self.save_button.setEnabled(True)
        if error is not None:
            show_error(self, self.tr("Settings not saved"), error)
            return
        self.settings = settings
        self.message.setText(self.tr("Saved. Restart the appliance to apply the changes."))

    def apply_status(self, _status: dict[str, Any]) -> None:
        """Nothing live to show yet; kept for symmetry with the other pages."""
