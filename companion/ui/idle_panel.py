"""Between calls: what to do next, and notes left unfinished."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.plain_text import PlainLabel


class IdlePanel(QWidget):
    prepare = Signal()
    start_now = Signal()
    breathe = Signal()
    open_draft = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Ready")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(8)
        title = PlainLabel("Ready for the next call")
        title.setObjectName("title")
        col.addWidget(title)
        self.status = PlainLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        for text, name, signal in (
            ("Prepare next call   Ctrl+Shift+P", "Prepare next call", self.prepare),
            ("Start call now   Ctrl+Shift+S", "Start call now", self.start_now),
            ("Breathe for a minute   Ctrl+Shift+B", "Breathe", self.breathe),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(signal)
            col.addWidget(button)
        self.drafts_label = PlainLabel("Unfinished notes")
        self.drafts_label.setObjectName("muted")
        col.addWidget(self.drafts_label)
        self.drafts = QListWidget()
        self.drafts.setAccessibleName("Unfinished notes")
        self.drafts.itemActivated.connect(self._open)
        self.drafts.itemDoubleClicked.connect(self._open)
        col.addWidget(self.drafts)
        col.addStretch(1)
        hint = PlainLabel("Softphone: companion call start / end · Ctrl+Shift+O hides this panel")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        col.addWidget(hint)
        self.set_drafts(())

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_drafts(self, drafts: Sequence[tuple[int, str]]) -> None:
        self.drafts.clear()
        for call_id, label in drafts:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, call_id)
            self.drafts.addItem(item)
        self.drafts.setVisible(bool(drafts))
        self.drafts_label.setVisible(bool(drafts))

    def _open(self, item: QListWidgetItem) -> None:
        self.open_draft.emit(int(item.data(Qt.ItemDataRole.UserRole)))
