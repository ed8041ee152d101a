"""Cues that drop out of the bar while the panel is collapsed, so a cue is never hidden.

Most calls start from the softphone straight into "live", often with the panel collapsed: the
agent keeps the overlay small beside the CRM. A cue shown only inside the collapsed panel is a cue
never seen. The peek sits right under the bar, where the agent's eye already is: while the panel
is collapsed, the same cards as the panel (same dismiss and "not helpful"); on every call, the
call-start notices for a few seconds. It shows only what is on screen now; when the last card
fades and the notice has had its time, it tucks back into the bar.

It only shows; `MainWindow` decides when it is visible (collapsed panel, live call).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from companion.cues.cue import Cue
from companion.ui.cue_cards import FADE_MS, CueStack
from companion.ui.plain_text import PlainLabel


class CuePeek(QFrame):
    dismissed = Signal(str)
    not_helpful = Signal(str)
    changed = Signal()  # what it holds changed: its visibility and height may need to follow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peek")
        self.setAccessibleName("Cues")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        self.notice = PlainLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Call notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setVisible(False)
        col.addWidget(self.notice)
        self.cues = CueStack(self)
        self.cues.dismissed.connect(self.dismissed)
        self.cues.not_helpful.connect(self.not_helpful)
        col.addWidget(self.cues)
        col.addStretch(1)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.clear_notice)
        self._faded = QTimer(self)  # a card that leaves fades first, then the peek tucks in
        self._faded.setSingleShot(True)
        self._faded.setInterval(FADE_MS + 50)
        self._faded.timeout.connect(self.changed)

    def set_cues(self, cues: Sequence[Cue]) -> None:
        before = len(self.cues.cards())
        self.cues.sync(cues)
        if len(self.cues.cards()) < before:
            self._faded.start()
        self.changed.emit()

    def show_notice(self, text: str, seconds: float) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self._notice_timer.start(int(seconds * 1000))
        self.changed.emit()

    def clear_notice(self) -> None:
        self._notice_timer.stop()
        self.notice.setText("")
        self.notice.setVisible(False)
        self.changed.emit()

    def show_cards(self, on: bool) -> None:
        """Cards only while the panel is collapsed (open, the panel shows them); notices always."""
        self.cues.setVisible(on)

    def has_content(self) -> bool:
        cards = not self.cues.isHidden() and (bool(self.cues.shown_ids()) or self._faded.isActive())
        return cards or not self.notice.isHidden()
