"""The prep panel: who is calling (search as you type), the prep checklist with each item's
source, related notes, and the Start call button.

The panel asks (`identity_typed`, `identity_chosen`) and is told (`set_suggestions`,
`set_checklist`, `set_notes`); it does no lookups itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.plain_text import PlainLabel, plain_tooltip

SOURCE_NAMES = {
    "call": "last call",
    "follow_up": "follow-up",
    "contact": "contact",
    "note-file": "note",
    "profile": "profile",
    "history": "history",
}


def source_text(source: str) -> str:
    kind, _, ref = source.partition(":")
    name = SOURCE_NAMES.get(kind, kind)
    return (
        f"{name} {ref}"
        if kind in ("call", "follow_up")
        else name
        if kind != "note-file"
        else f"note {ref}"
    )


class PrepPanel(QWidget):
    identity_typed = Signal(str)
    identity_chosen = Signal(str, str)  # identity, direction
    start_call = Signal(str, str)
    cancel = Signal()
    check_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Prepare call")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        label = PlainLabel("Caller: phone, customer id or name")
        label.setObjectName("muted")
        col.addWidget(label)
        self.identity = QLineEdit()
        self.identity.setAccessibleName("Caller identity")
        self.identity.setPlaceholderText("e.g. +44 20 7946 0958, C-1042, Jane Morgan")
        self.identity.setClearButtonEnabled(True)
        label.setBuddy(self.identity)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self._chosen)
        self.identity.setCompleter(self.completer)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)
        self._typing.timeout.connect(lambda: self.identity_typed.emit(self.identity.text()))
        self.identity.textEdited.connect(lambda _t: self._typing.start())
        self.identity.returnPressed.connect(lambda: self._chosen(self.identity.text()))
        col.addWidget(self.identity)
        row = QHBoxLayout()
        self.inbound = QRadioButton("&Inbound")
        self.outbound = QRadioButton("&Outbound")
        self.inbound.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.inbound)
        group.addButton(self.outbound)
        self.inbound.toggled.connect(lambda _c: self._chosen(self.identity.text()))
        row.addWidget(self.inbound)
        row.addWidget(self.outbound)
        row.addStretch(1)
        col.addLayout(row)
        self.who = PlainLabel("")
        self.who.setObjectName("title")
        self.who.setWordWrap(True)
        col.addWidget(self.who)
        head = PlainLabel("Before you say hello")
        head.setObjectName("muted")
        col.addWidget(head)
        self.items = QListWidget()
        self.items.setAccessibleName("Prep checklist")
        self.items.setWordWrap(True)
        self.items.itemChanged.connect(self._item_changed)
        col.addWidget(self.items, 3)
        notes_head = PlainLabel("Related notes")
        notes_head.setObjectName("muted")
        col.addWidget(notes_head)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Related notes")
        self.notes.setWordWrap(True)
        self.notes.setMaximumHeight(80)
        col.addWidget(self.notes, 1)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel prep")
        self.cancel_button.clicked.connect(self.cancel)
        self.start_button = QPushButton("Start call  (Ctrl+Shift+S)")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start call")
        self.start_button.clicked.connect(
            lambda: self.start_call.emit(self.identity.text().strip(), self.direction())
        )
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        col.addLayout(buttons)
        self._updating = False

    def direction(self) -> str:
        return "outbound" if self.outbound.isChecked() else "inbound"

    def reset(self, identity: str = "", direction: str = "inbound") -> None:
        self.identity.setText(identity)
        (self.outbound if direction == "outbound" else self.inbound).setChecked(True)
        self.items.clear()
        self.notes.clear()
        self.who.setText("")

    def _chosen(self, text: str) -> None:
        self.identity_chosen.emit(text.strip(), self.direction())

    def set_suggestions(self, suggestions: Sequence[str]) -> None:
        self._model.setStringList(list(suggestions))

    def set_checklist(self, who: str, items: Sequence[tuple[str, str, str, bool]]) -> None:
        """Items are (id, label, source, checked)."""
        self._updating = True
        self.who.setText(who)
        self.items.clear()
        for item_id, label, source, checked in items:
            item = QListWidgetItem(f"{label}\n    from {source_text(source)}")
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setToolTip(plain_tooltip(source))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.items.addItem(item)
        self._updating = False

    def set_checklist_and_notes(
        self,
        who: str,
        items: Sequence[tuple[str, str, str, bool]],
        notes: Sequence[tuple[str, str]],
    ) -> None:
        self.set_checklist(who, items)
        self.set_notes(notes)

    def set_notes(self, notes: Sequence[tuple[str, str]]) -> None:
        self.notes.clear()
        for title, snippet in notes:
            item = QListWidgetItem(f"{title} — {snippet}" if snippet else title)
            self.notes.addItem(item)
        if not notes:
            self.notes.addItem("No notes for this caller")

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            self.check_toggled.emit(
                str(item.data(Qt.ItemDataRole.UserRole)), item.checkState() == Qt.CheckState.Checked
            )
