"""The PACS fields (AET, host, port) with a C-ECHO test button that runs off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from appliance.domain import DicomNode
from ui.errors import plain_sentence
from ui.worker import ThreadWorker

EchoFn = Callable[[DicomNode, str], Any]
"""`echo(node, calling_aet)`: raises on failure (the engine's C-ECHO SCU)."""


class PacsForm(QWidget):
    """Edits a `DicomNode`; `test()` sends a C-ECHO with `calling_aet()` as our AE title."""

    def __init__(self, worker: ThreadWorker, echo: EchoFn | None, calling_aet: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.echo = echo
        self.calling_aet = calling_aet
        self.aet = QLineEdit(objectName="pacsAet")
        self.aet.setMaxLength(16)
        self.host = QLineEdit(objectName="pacsHost")
        self.port = QSpinBox(objectName="pacsPort")
        self.port.setRange(1, 65535)
        self.port.setValue(104)
        self.test_button = QPushButton(self.tr("Test the connection (C-ECHO)"), objectName="echoTest")
        self.test_button.setAccessibleName(self.tr("Test the connection to the PACS"))
        self.test_button.clicked.connect(self.test)
        self.test_button.setEnabled(echo is not None)
        self.result = QLabel(objectName="echoResult")
        self.result.setWordWrap(True)
        if echo is None:
            self.result.setText(self.tr("The connection test is not available in this version."))
        self.last_ok: bool | None = None
        self.form = form = QFormLayout(self)  # pages may add rows of their own (settings: the DICOMweb address)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field in ((self.tr("PACS AE title"), self.aet), (self.tr("PACS host name or address"), self.host),
                             (self.tr("PACS port"), self.port)):
            field.setAccessibleName(label)
            form.addRow(label, field)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form.addRow(row)

    def node(self) -> DicomNode | None:
        aet, host = self.aet.text().strip(), self.host.text().strip()
        return DicomNode(aet, host, self.port.value()) if aet and host else None

    def set_node(self, node: DicomNode | None) -> None:
        if node is not None:
            self.aet.setText(node.aet)
            self.host.setText(node.host)
            self.port.setValue(node.port)

    def test(self) -> None:
        node = self.node()
        if node is None or self.echo is None:
            self.result.setText(self.tr("Fill in the AE title and the host first."))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Testing..."))
        self.worker.run(self.echo, node, self.calling_aet(), on_done=self._on_echo)

    def _on_echo(self, _result: Any, error: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        self.last_ok = error is None
        if error is None:
            self.result.setText('<span style="color:#2e7d32">✔ ' + self.tr("The PACS answered.") + "</span>")
        else:
            self.result.setText('<span style="color:#c62828">✘ ' + plain_sentence(error) + "</span>")
            self.result.setToolTip(f"{type(error).__name__}: {error}")
