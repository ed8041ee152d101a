"""The settings window, generated from the declared settings (`companion.config.settings`).

One field per declared key, grouped by its first part (audio, speech, profiles, privacy, notes,
breathing, ui), with the key's description as the tooltip and where its value comes from.
A key IT locked in the machine-wide config is shown disabled with the reason. Saving validates
each value through the declaration and writes the user config; a bad value is named, not saved.
"""

from __future__ import annotations

import typing
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.config.declare import Key
from companion.context import Context

TITLES = {
    "audio": "Devices",
    "speech": "Model",
    "profiles": "Profiles",
    "privacy": "Privacy",
    "notes": "Data and notes",
    "breathing": "Breathing",
    "ui": "Appearance",
}


def _bounds(tp: Any) -> tuple[float | None, float | None]:
    low = high = None
    for meta in getattr(tp, "__metadata__", ()):
        for item in getattr(meta, "metadata", [meta]):
            low = getattr(item, "ge", low)
            high = getattr(item, "le", high)
    return low, high


def _base(tp: Any) -> Any:
    return typing.get_args(tp)[0] if hasattr(tp, "__metadata__") else tp


def field_for(key: Key, value: Any) -> QWidget:
    tp = _base(key.type)
    if tp is bool:
        box = QCheckBox()
        box.setChecked(bool(value))
        return box
    if typing.get_origin(tp) is typing.Literal:
        combo = QComboBox()
        for choice in typing.get_args(tp):
            combo.addItem(str(choice), choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo
    if tp in (int, float):
        low, high = _bounds(key.type)
        spin: QSpinBox | QDoubleSpinBox = QSpinBox() if tp is int else QDoubleSpinBox()
        lo = low if low is not None else -1_000_000
        hi = high if high is not None else 1_000_000
        if isinstance(spin, QSpinBox):
            spin.setRange(int(lo), int(hi))
        else:
            spin.setRange(float(lo), float(hi))
        if isinstance(spin, QDoubleSpinBox):
            spin.setSingleStep(0.05 if (high or 10) <= 1 else 0.5)
        spin.setValue(value)
        return spin
    edit = QLineEdit(", ".join(value) if isinstance(value, list) else str(value))
    return edit


def value_of(widget: QWidget, key: Key) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    assert isinstance(widget, QLineEdit)
    text = widget.text().strip()
    if typing.get_origin(_base(key.type)) is list:
        return [p.strip() for p in text.split(",") if p.strip()]
    return text


class SettingsWindow(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settings")
        self.setWindowTitle("Call Companion — Settings")
        self.setAccessibleName("Settings")
        self.resize(560, 460)
        col = QVBoxLayout(self)
        tabs = QTabWidget()
        col.addWidget(tabs, 1)
        self.fields: dict[str, QWidget] = {}
        forms: dict[str, QFormLayout] = {}
        config = ctx.config
        for key in config.keys:
            group = key.name.split(".", 1)[0]
            if group not in forms:
                page = QWidget()
                forms[group] = QFormLayout(page)
                tabs.addTab(page, TITLES.get(group, group.capitalize()))
            value, source = config.lookup(key.name)
            widget = field_for(key, value)
            widget.setAccessibleName(key.name)
            widget.setToolTip(f"{key.description}\n(now from: {source})")
            locked = config.locked_by(key.name)
            label = QLabel(key.name.split(".", 1)[1].replace("_", " "))
            label.setToolTip(key.description)
            if locked is not None:
                widget.setEnabled(False)
                label.setText(label.text() + " 🔒")
                widget.setToolTip(f"Locked by IT in {locked.path}. {key.description}")
            forms[group].addRow(label, widget)
            self.fields[key.name] = widget
        self.status = QLabel("")
        self.status.setObjectName("error")
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        save = QPushButton("Save")
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        row.addWidget(close)
        row.addWidget(save)
        col.addLayout(row)

    def save(self) -> bool:
        problems: list[str] = []
        config = self.ctx.config
        for name, widget in self.fields.items():
            if not widget.isEnabled():
                continue
            key = config.keys[name]
            value = value_of(widget, key)
            if value == config.get(name):
                continue
            try:
                config.set_user(name, value)
            except (ValueError, PermissionError, OSError) as exc:
                problems.append(f"{name}: {exc}")
        self.status.setText(
            "\n".join(problems) or "Saved. Devices, model and theme apply at the next start."
        )
        return not problems
