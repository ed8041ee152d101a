"""The wrap-up note form: prefilled, keyboard-first, autosave indicator, pivotal-moment picker.

`load(facts, state)` fills it (facts from `prefill_note`, state from a draft when one exists);
every edit emits `changed(state)` with the raw form state (what the draft stores), and the app
answers with `set_saved(text)` once the autosaver wrote it. `save_requested(state)` is
Ctrl+Enter or the Save button; the app validates and calls `show_errors` or moves on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.calls.note import CALLER_TYPES, OUTCOMES
from companion.calls.note_fields import TEXT_FIELDS
from companion.ui.plain_text import PlainLabel


def _box(lines: int, name: str, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 24)
    box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return box


class NoteForm(QWidget):
    changed = Signal(dict)
    save_requested = Signal(dict)
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("After-call note")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        top = QHBoxLayout()
        self.title = PlainLabel("After-call note")
        self.title.setObjectName("title")
        top.addWidget(self.title, 1)
        self.saved = PlainLabel("")
        self.saved.setObjectName("saved")
        self.saved.setAccessibleName("Autosave status")
        top.addWidget(self.saved)
        outer.addLayout(top)
        self.facts = PlainLabel("")
        self.facts.setObjectName("muted")
        self.facts.setWordWrap(True)
        outer.addWidget(self.facts)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 6, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(3)
        self.fields: dict[str, QWidget] = {}
        self.reason = QComboBox()
        self.reason.setAccessibleName("Reason")
        self.reason_text = QLineEdit()
        self.reason_text.setAccessibleName("Reason in your words")
        self.reason_text.setPlaceholderText("in your words (optional)")
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason)
        reason_row.addWidget(self.reason_text, 1)
        form.addRow("Reason", reason_row)
        self.fields["reason_category"] = self.reason
        self.fields["reason_text"] = self.reason_text
        self.caller_needed = _box(2, "What the caller needed")
        form.addRow("What the caller &needed *", self.caller_needed)
        self.what_was_done = _box(2, "What was done")
        form.addRow("What was &done *", self.what_was_done)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome")
        self.outcome.addItem("— pick —", "")
        for name in OUTCOMES:
            self.outcome.addItem(name, name)
        self.difficulty = QSpinBox()
        self.difficulty.setRange(0, 5)
        self.difficulty.setSpecialValueText("–")
        self.difficulty.setAccessibleName("Difficulty from 1 to 5")
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.outcome, 1)
        diff_label = PlainLabel("Difficulty *")
        diff_label.setBuddy(self.difficulty)
        outcome_row.addWidget(diff_label)
        outcome_row.addWidget(self.difficulty)
        form.addRow("Outcome *", outcome_row)
        self.fields["outcome"] = self.outcome
        self.fields["difficulty"] = self.difficulty
        self.follow_ups = _box(
            2,
            "Follow-ups, one per line",
            "one per line: send refund confirmation by 2024-06-03 @billing",
        )
        form.addRow("&Follow-ups", self.follow_ups)
        types = QWidget()
        grid = QGridLayout(types)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        self.caller_types: dict[str, QCheckBox] = {}
        for i, name in enumerate(CALLER_TYPES):
            box = QCheckBox(name)
            box.toggled.connect(self._emit_changed)
            grid.addWidget(box, i // 3, i % 3)
            self.caller_types[name] = box
        form.addRow("Caller type", types)
        self.repeat = QCheckBox("The caller had to repeat their story")
        form.addRow(self.repeat)
        self.pivotal = QListWidget()
        self.pivotal.setAccessibleName("Pivotal moment: pick one from the call's timeline")
        self.pivotal.setFixedHeight(84)
        form.addRow("&Pivotal moment", self.pivotal)
        self.what_worked = _box(1, "What worked")
        form.addRow("What &worked", self.what_worked)
        self.preferences = QLineEdit()
        self.preferences.setAccessibleName("Caller preferences")
        self.preferences.setPlaceholderText("prefers email; calls after 5pm")
        form.addRow("Caller &preferences", self.preferences)
        self.overtime_label = PlainLabel("Why it ran past the target *")
        self.overtime_reason = _box(1, "Why the call ran past the target")
        form.addRow(self.overtime_label, self.overtime_reason)
        self.abuse_label = PlainLabel("Report for your manager (edit, then copy)")
        self.abuse_report = _box(5, "Report for your manager")
        form.addRow(self.abuse_label, self.abuse_report)
        self.stress = QSpinBox()
        self.stress.setRange(0, 5)
        self.stress.setSpecialValueText("private, optional")
        self.stress.setAccessibleName("How stressed you feel, 1 to 5, private")
        form.addRow("My stress (1–5)", self.stress)
        self.felt = _box(1, "How it felt (private)")
        form.addRow("How it felt", self.felt)
        self.do_differently = _box(1, "What I'd do differently")
        form.addRow("What I'd do &differently", self.do_differently)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.errors = PlainLabel("")
        self.errors.setObjectName("error")
        self.errors.setWordWrap(True)
        self.errors.setVisible(False)
        outer.addWidget(self.errors)
        buttons = QHBoxLayout()
        skip = QPushButton("Later")
        skip.setToolTip("Keep the draft and close the note")
        skip.setAccessibleName("Finish the note later")
        skip.clicked.connect(self.skip_requested)
        save = QPushButton("Save note  (Ctrl+Enter)")
        save.setObjectName("primary")
        save.setAccessibleName("Save note")
        save.clicked.connect(self._save)
        buttons.addWidget(skip)
        buttons.addStretch(1)
        buttons.addWidget(save)
        outer.addLayout(buttons)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._save)
        for name in TEXT_FIELDS:
            widget = getattr(self, name, None)
            if isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._emit_changed)
                self.fields[name] = widget
        for edit in (self.reason_text, self.preferences):
            edit.textEdited.connect(self._emit_changed)
        self.fields["preferences"] = self.preferences
        self.reason.currentIndexChanged.connect(self._emit_changed)
        self.outcome.currentIndexChanged.connect(self._emit_changed)
        self.difficulty.valueChanged.connect(self._emit_changed)
        self.stress.valueChanged.connect(self._emit_changed)
        self.repeat.toggled.connect(self._emit_changed)
        self.pivotal.currentRowChanged.connect(self._emit_changed)
        self._loading = False

    # -- filling -------------------------------------------------------------------------

    def load(
        self,
        *,
        title: str,
        facts: str,
        reasons: Sequence[str],
        timeline: Sequence[tuple[float, str]],
        ran_over: bool,
        state: Mapping[str, Any],
    ) -> None:
        self._loading = True
        self.title.setText(title)
        self.facts.setText(facts)
        self.reason.clear()
        self.reason.addItem("— pick —", "")
        for r in reasons:
            self.reason.addItem(r, r)
        self.pivotal.clear()
        none = QListWidgetItem("(no pivotal moment)")
        none.setData(Qt.ItemDataRole.UserRole, None)
        self.pivotal.addItem(none)
        for t, label in timeline:
            item = QListWidgetItem(f"{int(t) // 60:02d}:{int(t) % 60:02d}  {label}")
            item.setData(Qt.ItemDataRole.UserRole, {"t": float(t), "label": label})
            self.pivotal.addItem(item)
        self.overtime_label.setVisible(ran_over)
        self.overtime_reason.setVisible(ran_over)
        has_report = bool(state.get("abuse_report"))
        self.abuse_label.setVisible(has_report)
        self.abuse_report.setVisible(has_report)
        self.set_state(state)
        self.errors.setVisible(False)
        self._loading = False
        self.caller_needed.setFocus()

    def set_state(self, state: Mapping[str, Any]) -> None:
        loading, self._loading = self._loading, True
        for name in TEXT_FIELDS:
            widget = self.fields.get(name)
            value = str(state.get(name, "") or "")
            if isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                widget.setPlainText(value)
        self.reason_text.setText(str(state.get("reason_text", "")))
        self.preferences.setText(str(state.get("preferences", "")))
        index = self.reason.findData(state.get("reason_category", ""))
        self.reason.setCurrentIndex(max(0, index))
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(state.get("outcome", ""))))
        self.difficulty.setValue(int(state.get("difficulty") or 0))
        self.stress.setValue(int(state.get("stress") or 0))
        self.repeat.setChecked(bool(state.get("caller_had_to_repeat")))
        chosen = set(state.get("caller_type", []))
        for name, box in self.caller_types.items():
            box.setChecked(name in chosen)
        pivotal = state.get("pivotal")
        self.pivotal.setCurrentRow(0)
        if isinstance(pivotal, dict):
            for row in range(self.pivotal.count()):
                data = self.pivotal.item(row).data(Qt.ItemDataRole.UserRole)
                if isinstance(data, dict) and data.get("t") == pivotal.get("t"):
                    self.pivotal.setCurrentRow(row)
        self._loading = loading

    # -- reading -------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            widget = self.fields.get(name)
            if isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
        out["reason_text"] = self.reason_text.text()
        out["preferences"] = self.preferences.text()
        out["reason_category"] = self.reason.currentData() or ""
        out["outcome"] = self.outcome.currentData() or ""
        out["difficulty"] = self.difficulty.value() or None
        out["stress"] = self.stress.value() or None
        out["caller_had_to_repeat"] = self.repeat.isChecked()
        out["caller_type"] = [n for n, b in self.caller_types.items() if b.isChecked()]
        item = self.pivotal.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        out["pivotal"] = data if isinstance(data, dict) else None
        return out

    def _emit_changed(self, *_args: object) -> None:
        if not self._loading:
            self.saved.setText("Unsaved changes")
            self.changed.emit(self.state())

    def _save(self) -> None:
        self.save_requested.emit(self.state())

    def set_saved(self, text: str) -> None:
        self.saved.setText(text)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        lines = [f"{name.replace('_', ' ')}: {msg}" for name, msg in errors.items()]
        self.errors.setText("\n".join(lines))
        self.errors.setVisible(bool(lines))
        for name in errors:
            widget = self.fields.get(name.split(".")[0])
            if widget is not None and widget.isVisible():
                widget.setFocus()
                break
