"""First-run wizard: name the site, create its keys, trust the operator and install the directory, set up the PACS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from appliance.service.settings import Settings, check_aet, save_settings
from appliance.service.site import Site, init_site
from ui.errors import details, plain_sentence, sentence_and_cause
from ui.icons import app_icon
from ui.pacs_form import EchoFn, PacsForm
from ui.reasons import reason_text
from ui.worker import ThreadWorker

TrustFn = Callable[[Path, str | Path, Path | None], str]
"""`trust(home, root, directory_file_or_None)` pins the operator's root (a base64 root key, or the Path of the
operator's root set ROOTS.json with its threshold; "" pins nothing) and installs the directory; returns a
summary ("; "-separated parts). `ui.app.service_trust` builds it on `directory_commands`; raises when refused."""


class SitePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Name this appliance"))
        self.setSubTitle(self.tr("The other hospitals see this name. The DICOM settings are those your PACS "
                                 "will use to send studies to Passerelle."))
        self.name = QLineEdit(objectName="wizardName")
        self.name.setPlaceholderText(self.tr("e.g. CHR Citadelle"))
        self.aet = QLineEdit("PASSERELLE", objectName="wizardAet")
        self.aet.setMaxLength(16)
        self.dicom_port = QSpinBox(objectName="wizardDicomPort")
        self.http_port = QSpinBox(objectName="wizardHttpPort")
        for spin, value in ((self.dicom_port, 11112), (self.http_port, 8443)):
            spin.setRange(1, 65535)
            spin.setValue(value)
        form = QFormLayout(self)
        for label, field in ((self.tr("Site name"), self.name), (self.tr("Our AE title"), self.aet),
                             (self.tr("DICOM port"), self.dicom_port), (self.tr("Peer port (HTTPS)"), self.http_port)):
            field.setAccessibleName(label)
            form.addRow(label, field)
        self.error = QLabel(objectName="wizardSiteError")
        form.addRow(self.error)
        self.name.textChanged.connect(self.completeChanged)
        self.aet.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        try:
            check_aet(self.aet.text().strip())
        except Exception:
            return False
        return bool(self.name.text().strip())


class KeysPage(QWizardPage):
    """Creates the site (settings + keys) off the UI thread as soon as it is shown."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Keys of this appliance"))
        self.setSubTitle(self.tr("Passerelle creates the keys that prove who this appliance is. They never leave it."))
        self.status = QLabel(objectName="wizardKeysStatus")
        self.status.setWordWrap(True)
        self.fingerprint = QLabel(objectName="wizardFingerprint")
        self.fingerprint.setStyleSheet("font-size: 16pt; font-family: monospace;")
        hint = QLabel(self.tr("Read this fingerprint aloud to the network operator when you register the site."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.fingerprint, hint):
            layout.addWidget(widget)
        layout.addStretch(1)

    def initializePage(self) -> None:
        if self.owner.site is not None:
            return
        self.status.setText(self.tr("Creating the keys..."))
        self.owner.create_site()

    def show_site(self, site: Site | None, error: BaseException | None) -> None:
        if error is not None or site is None:
            self.status.setText(plain_sentence(error or RuntimeError()) + "\n" + details(error or RuntimeError()))
        else:
            self.status.setText(self.tr("Keys created. Site id: {id}").format(id=site.site_id))
            self.fingerprint.setText(site.keys.fingerprint)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner.site is not None


class TrustPage(QWizardPage):
    """Pin the operator's root (one key, or the root set file ROOTS.json) and install the signed directory."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Trust the network"))
        self.setSubTitle(self.tr("Enter the operator's root key, or choose the root set file (ROOTS.json) if the "
                                 "operator gave you one, and choose the signed directory file you received. "
                                 "You can also do this later."))
        self.use_key = QRadioButton(self.tr("One root key"), objectName="wizardUseKey")
        self.use_roots = QRadioButton(self.tr("A root set file (ROOTS.json)"), objectName="wizardUseRoots")
        self.use_key.setChecked(True)
        self.root_choice = QButtonGroup(self)
        for button in (self.use_key, self.use_roots):
            self.root_choice.addButton(button)
            button.toggled.connect(self._show_root_choice)
        self.root_key = QLineEdit(objectName="wizardRootKey")
        self.root_key.setAccessibleName(self.tr("Operator root key"))
        self.root_key.setPlaceholderText(self.tr("the text the operator gave you (base64)"))
        self.roots_file = QLineEdit(objectName="wizardRootsFile")
        self.roots_file.setAccessibleName(self.tr("Root set file"))
        self.roots_file.setPlaceholderText("ROOTS.json")
        self.roots_browse = QPushButton(self.tr("Browse..."), objectName="wizardBrowseRoots")
        self.roots_browse.setAccessibleName(self.tr("Choose the root set file"))
        self.roots_browse.clicked.connect(self._browse_roots)
        roots_hint = QLabel(self.tr("The file lists the operator's root keys and how many of them must sign "
                                    "the directory together."), objectName="wizardRootsHint")
        roots_hint.setWordWrap(True)
        self.directory = QLineEdit(objectName="wizardDirectory")
        self.directory.setAccessibleName(self.tr("Directory file"))
        browse = QPushButton(self.tr("Browse..."), objectName="wizardBrowse")
        browse.setAccessibleName(self.tr("Choose the directory file"))
        browse.clicked.connect(self._browse)
        self.install_button = QPushButton(self.tr("Trust and install"), objectName="wizardInstall")
        self.install_button.clicked.connect(self.install)
        self.install_button.setEnabled(wizard.trust is not None)
        self.result = QLabel(objectName="wizardTrustResult")
        self.result.setWordWrap(True)
        if wizard.trust is None:
            self.result.setText(self.tr("Installing the directory from here is not available in this version; "
                                        "use `passerelle trust` and `passerelle directory install`."))
        roots_row = QHBoxLayout()
        roots_row.addWidget(self.roots_file, 1)
        roots_row.addWidget(self.roots_browse)
        row = QHBoxLayout()
        row.addWidget(self.directory, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Operator root"), self.use_key)
        form.addRow("", self.root_key)
        form.addRow("", self.use_roots)
        form.addRow("", roots_row)
        form.addRow("", roots_hint)
        form.addRow(self.tr("Directory file"), row)
        install_row = QHBoxLayout()
        install_row.addStretch(1)
        install_row.addWidget(self.install_button)
        form.addRow(install_row)
        form.addRow(self.result)
        self._show_root_choice()

    def _show_root_choice(self) -> None:
        by_file = self.use_roots.isChecked()
        self.root_key.setEnabled(not by_file)
        self.roots_file.setEnabled(by_file)
        self.roots_browse.setEnabled(by_file)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Signed directory"), "", "JSON (*.json)")
        if path:
            self.directory.setText(path)

    def _browse_roots(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Root set of the operator"), "", "JSON (*.json)")
        if path:
            self.roots_file.setText(path)

    def root(self) -> str | Path:
        """What to pin: the root key text, or the Path of the root set file ("" when nothing is given)."""
        if self.use_roots.isChecked():
            text = self.roots_file.text().strip()
            return Path(text) if text else ""
        return self.root_key.text().strip()

    def install(self) -> None:
        if self.owner.trust is None or self.owner.site is None:
            return
        directory = Path(self.directory.text().strip()) if self.directory.text().strip() else None
        self.install_button.setEnabled(False)
        self.result.setText(self.tr("Checking the signatures..."))
        self.owner.worker.run(self.owner.trust, self.owner.site.settings.home, self.root(), directory,
                              on_done=self._on_installed)

    def _on_installed(self, summary: Any, error: BaseException | None) -> None:
        self.install_button.setEnabled(True)
        if error is not None:
            self.result.setText(sentence_and_cause(error))
        else:
            parts = [reason_text(part) for part in str(summary).split("; ") if part]
            self.result.setText("✔ " + self.tr("The network is trusted.") + "\n" + "\n".join(parts))


class PacsPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, echo: EchoFn | None) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Your PACS"))
        self.setSubTitle(self.tr("Where Passerelle stores received studies and finds studies to send. "
                                 "Test the connection before you finish."))
        self.form = PacsForm(wizard.worker, echo, lambda: wizard.site_page.aet.text().strip(), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)


class FirstRunWizard(QWizard):
    """Creates a site home at `home`; `site` is set once the keys exist, settings are saved on finish."""

    def __init__(self, home: Path, worker: ThreadWorker, echo: EchoFn | None = None,
                 trust: TrustFn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.worker = worker
        self.trust = trust
        self.site: Site | None = None
        self.saved = False
        self.setWindowTitle(self.tr("Passerelle: first start"))
        self.setWindowIcon(app_icon())
        self.setObjectName("firstRunWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(64, 64))
        self.setMinimumSize(640, 460)
        self.site_page = SitePage(self)
        self.keys_page = KeysPage(self)
        self.trust_page = TrustPage(self)
        self.pacs_page = PacsPage(self, echo)
        for page in (self.site_page, self.keys_page, self.trust_page, self.pacs_page):
            self.addPage(page)

    def settings(self) -> Settings:
        page = self.site_page
        return Settings(home=self.home, site_name=page.name.text().strip(), aet=page.aet.text().strip(),
                        dicom_port=page.dicom_port.value(), http_port=page.http_port.value())

    def create_site(self) -> None:
        self.worker.run(init_site, self.settings(), on_done=self._on_site)

    def _on_site(self, site: Site | None, error: BaseException | None) -> None:
        self.site = site if error is None else None
        self.keys_page.show_site(site, error)
        if site is not None:
            self.site_page.setEnabled(False)  # the keys exist: name and ports are now set in Settings

    def accept(self) -> None:
        if self.site is None:
            return
        final = self.site.settings.with_changes(pacs=self.pacs_page.form.node())
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.worker.run(save_settings, final, on_done=self._on_saved)

    def _on_saved(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            self.pacs_page.form.result.setText(plain_sentence(error))
            return
        self.saved = True
        super().accept()
