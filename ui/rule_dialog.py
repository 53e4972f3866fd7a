"""The dialog that adds or changes one routing rule: a destination hospital and the criteria a study must meet."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from appliance.service.rules_editor import RuleDraft


def split_list(text: str, separators: str = ",;\n") -> list[str]:
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return [part.strip() for part in text.split(separators[0]) if part.strip()]


class RuleDialog(QDialog):
    """Destination and criteria; OK only once a destination and at least one criterion are given."""

    def __init__(self, peers: list[dict[str, Any]], rule: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule_id = int(rule.get("id", 0)) if rule else 0
        self.setObjectName("ruleDialog")
        self.setWindowTitle(self.tr("Change rule #{id}").format(id=self.rule_id) if rule else self.tr("New rule"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(560)
        criteria: dict[str, Any] = dict(rule.get("criteria", {})) if rule else {}
        self.site = QComboBox(objectName="ruleSite")
        for peer in peers:
            self.site.addItem(str(peer.get("name") or peer.get("id")), str(peer.get("id")))
        if rule:
            index = self.site.findData(str(rule.get("site", "")))
            if index < 0:  # a site that left the directory: keep it visible so the rule can be changed
                self.site.addItem(str(rule.get("site_name") or rule.get("site")), str(rule.get("site")))
                index = self.site.count() - 1
            self.site.setCurrentIndex(index)
        self.name = QLineEdit(str(rule.get("name", "")) if rule else "", objectName="ruleName")
        self.name.setPlaceholderText(self.tr("e.g. Thorax CT for the pneumologists"))
        self.from_directory = QCheckBox(self.tr("The referring physician is on this hospital's list in the directory"))
        self.from_directory.setChecked(bool(criteria.get("referring_from_directory")))
        self.referring = QPlainTextEdit(objectName="ruleReferring")
        self.referring.setPlainText("\n".join(str(n) for n in criteria.get("referring", [])))
        self.referring.setPlaceholderText(self.tr("One name per line, e.g. DUPONT^Jean"))
        self.referring.setFixedHeight(64)
        self.modalities = QLineEdit(", ".join(criteria.get("modalities", [])), objectName="ruleModalities")
        self.modalities.setPlaceholderText(self.tr("e.g. CT, MR (empty: any)"))
        self.description = QLineEdit(str(criteria.get("description", "")), objectName="ruleDescription")
        self.description.setPlaceholderText(self.tr("e.g. CT THORAX* (* matches anything)"))
        self.institution = QLineEdit(str(criteria.get("institution", "")), objectName="ruleInstitution")
        self.station = QLineEdit(str(criteria.get("station", "")), objectName="ruleStation")
        self.max_age = QSpinBox(objectName="ruleMaxAge")
        self.max_age.setRange(0, 3650)
        self.max_age.setSuffix(self.tr(" days"))
        self.max_age.setSpecialValueText(self.tr("no limit"))
        self.max_age.setValue(int(criteria.get("max_age_days", 0) or 0))
        self.enabled = QCheckBox(self.tr("Rule enabled"))
        self.enabled.setChecked(bool(rule.get("enabled", True)) if rule else True)
        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("Send to"), self.site), (self.tr("Name of the rule"), self.name),
            (self.tr("Referring physician"), self.from_directory),
            (self.tr("Or one of these physicians"), self.referring),
            (self.tr("Modalities"), self.modalities), (self.tr("Study description"), self.description),
            (self.tr("Institution"), self.institution), (self.tr("Station"), self.station),
            (self.tr("Maximum age of the study"), self.max_age), ("", self.enabled),
        )
        for label, widget in rows:
            widget.setAccessibleName(label or self.enabled.text())
            form.addRow(label, widget)
        hint = QLabel(self.tr("A study is sent when it meets every criterion given. Empty criteria match any "
                              "study, but a rule needs at least one."))
        hint.setWordWrap(True)
        self.problem = QLabel(objectName="ruleProblem")
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(self.tr("Save the rule"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(self.tr("Save the rule"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def draft(self) -> RuleDraft:
        return RuleDraft(
            site=str(self.site.currentData() or ""), name=self.name.text().strip(),
            referring_from_directory=self.from_directory.isChecked(),
            referring=tuple(split_list(self.referring.toPlainText(), "\n;")),
            modalities=tuple(m.upper() for m in split_list(self.modalities.text(), ", ;")),
            description=self.description.text().strip(), institution=self.institution.text().strip(),
            station=self.station.text().strip(), max_age_days=self.max_age.value(), enabled=self.enabled.isChecked(),
        )

    def check(self) -> str:
        """Why the rule cannot be saved as it stands ('' when it can)."""
        draft = self.draft()
        if not draft.site:
            return self.tr("Choose the hospital the studies go to.")
        if not (draft.referring_from_directory or draft.referring or draft.modalities or draft.description
                or draft.institution or draft.station or draft.max_age_days):
            return self.tr("Give at least one criterion: a rule never sends every study.")
        if any(not m.isalnum() or len(m) > 16 for m in draft.modalities):
            return self.tr("Modalities are DICOM codes such as CT, MR, US, separated by commas.")
        return ""

    def accept(self) -> None:
        problem = self.check()
        self.problem.setText(problem)
        if not problem:
            super().accept()
