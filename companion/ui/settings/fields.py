"""One input widget per declared key, and reading the value back: the generated part of settings.

A bool is a check box, a `Literal` a drop-down, a bounded int/float a spin box limited to the
declared range, a list a comma-separated line, anything else a line of text. `lock` shows a key
IT locked in the machine-wide config as disabled, with the file that locked it as the reason.
"""

from __future__ import annotations

import typing
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from companion.config.declare import Key
from companion.config.layers import Config
from companion.ui.plain_text import PlainLabel


def bounds(tp: Any) -> tuple[float | None, float | None]:
    """The `ge`/`le` limits of an `Annotated[..., Field(ge=, le=)]` type, else None."""
    low = high = None
    for meta in getattr(tp, "__metadata__", ()):
        for item in getattr(meta, "metadata", [meta]):
            low = getattr(item, "ge", low)
            high = getattr(item, "le", high)
    return low, high


def base_type(tp: Any) -> Any:
    return typing.get_args(tp)[0] if hasattr(tp, "__metadata__") else tp


def field_for(key: Key, value: Any) -> QWidget:
    tp = base_type(key.type)
    if tp is bool:
        box = QCheckBox()
        box.setChecked(bool(value))
        return box
    if typing.get_origin(tp) is typing.Literal:
        combo = QComboBox()
        for choice in typing.get_args(tp):
            combo.addItem(str(choice), str(choice))
        combo.setCurrentIndex(max(0, combo.findData(str(value))))
        return combo
    if tp in (int, float):
        low, high = bounds(key.type)
        lo = low if low is not None else -1_000_000
        hi = high if high is not None else 1_000_000
        if tp is int:
            spin = QSpinBox()
            spin.setRange(int(lo), int(hi))
            spin.setValue(int(value))
            return spin
        dspin = QDoubleSpinBox()
        dspin.setRange(float(lo), float(hi))
        dspin.setSingleStep(0.05 if (high or 10) <= 1 else 0.5)
        dspin.setValue(float(value))
        return dspin
    return QLineEdit(", ".join(value) if isinstance(value, list) else str(value))


def value_of(widget: QWidget, key: Key) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    assert isinstance(widget, QLineEdit)
    text = widget.text().strip()
    if typing.get_origin(base_type(key.type)) is list:
        return [p.strip() for p in text.split(",") if p.strip()]
    return text


def label_for(name: str) -> QLabel:
    """The key's last part(s) as words: `audio.vad_aggressiveness` → "vad aggressiveness"."""
    group, _, leaf = name.partition(".")
    words = (leaf or group).replace("_", " ").replace(".", " ")
    return PlainLabel(f"{group} {words}" if words == "folder" else words)


def describe(widget: QWidget, label: QLabel | None, key: Key, config: Config) -> bool:
    """Tooltip, accessible name and lock state of one field; True when IT locked the key."""
    _value, source = config.lookup(key.name)
    widget.setAccessibleName(key.name)
    widget.setToolTip(f"{key.description}\n(now from: {source})")
    if label is not None:
        label.setToolTip(key.description)
    locked = config.locked_by(key.name)
    if locked is None:
        return False
    widget.setEnabled(False)
    widget.setToolTip(f"Locked by IT in {locked.path}. {key.description}")
    if label is not None:
        label.setText(label.text() + " 🔒")
        label.setToolTip(widget.toolTip())
    return True
