"""Cue cards: icon, short message, suggested line; at most two; fade out; dismiss/not helpful.

The stack shows whatever the engine says is on screen (`sync(cues)`); it never decides itself
which cue wins. A card that leaves fades over `FADE_MS`. The buttons only report intent:
`dismissed(cue_id)` and `not_helpful(cue_id)`, which the app records for trainers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimeLine, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.cues.cue import Cue
from companion.ui.plain_text import PlainLabel
from companion.ui.theme import SEVERITY

FADE_MS = 450
FADE_FRAME_MS = 50  # 9 frames: a fade is seen, not studied, and each frame redraws the card
MAX_CARDS = 2
ICONS: dict[str, str] = {
    "empathy": "♥",
    "avoid-phrase": "✎",
    "callback": "☎",
    "safeguarding": "✚",
    "boundary": "⚠",
    "boundary-warning": "⚠",
    "boundary-end": "⛔",
    "escalation": "⇪",
    "clarify": "?",
    "monologue": "…",
    "pace": "»",
    "dead-air": "◌",
    "interruption": "⇄",
    "pause": "‖",
    "raised-voice": "♪",
}


class CueCard(QFrame):
    dismissed = Signal(str)
    not_helpful = Signal(str)

    def __init__(self, cue: Cue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cue = cue
        self.leaving = False
        self.setObjectName("cue")
        colour = SEVERITY.get(cue.severity, SEVERITY["info"])
        self.setStyleSheet(f"QFrame#cue {{ border-left: 5px solid {colour}; }}")
        self.setAccessibleName(f"{cue.severity} cue: {cue.message}")
        self.setAccessibleDescription(cue.line)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 4, 6)
        row.setSpacing(8)
        icon = PlainLabel(ICONS.get(cue.kind, "•"))
        icon.setObjectName("cueIcon")
        icon.setFixedWidth(22)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        icon.setStyleSheet(f"color: {colour}; font-size: 15pt; font-weight: 700;")
        icon.setAccessibleName(cue.kind)
        row.addWidget(icon)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message = PlainLabel(cue.message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-weight: 600;")
        text.addWidget(self.message)
        self.line = PlainLabel(f"“{cue.line}”" if cue.line else "")
        self.line.setWordWrap(True)
        self.line.setObjectName("muted")
        self.line.setVisible(bool(cue.line))
        text.addWidget(self.line)
        row.addLayout(text, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        close = QToolButton()
        close.setText("×")
        close.setToolTip("Dismiss this cue")
        close.setAccessibleName("Dismiss cue")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(lambda: self.dismissed.emit(self.cue.id))
        unhelpful = QToolButton()
        unhelpful.setText("✗?")
        unhelpful.setToolTip("Not helpful (recorded for your trainer)")
        unhelpful.setAccessibleName("Not helpful")
        unhelpful.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        unhelpful.clicked.connect(lambda: self.not_helpful.emit(self.cue.id))
        buttons.addWidget(close)
        buttons.addWidget(unhelpful)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self._fade: QTimeLine | None = None

    def fade_out(self) -> None:
        """Fade, then go. The effect is added only now: a card with an opacity effect is drawn
        through an offscreen pixmap at every repaint, for as long as it is on screen."""
        if self.leaving:
            return
        self.leaving = True
        effect = QGraphicsOpacityEffect(self)
        effect.setOpacity(1.0)
        self.setGraphicsEffect(effect)
        self._fade = QTimeLine(FADE_MS, self)
        self._fade.setUpdateInterval(FADE_FRAME_MS)
        self._fade.valueChanged.connect(lambda done: effect.setOpacity(1.0 - done))
        self._fade.finished.connect(self.deleteLater)
        self._fade.start()


class CueStack(QWidget):
    """The cards on screen, newest first, never more than `limit`."""

    dismissed = Signal(str)
    not_helpful = Signal(str)

    def __init__(self, parent: QWidget | None = None, limit: int = MAX_CARDS) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setAccessibleName("Cues")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._cards: dict[str, CueCard] = {}

    def shown_ids(self) -> list[str]:
        return [cid for cid, card in self._cards.items() if not card.leaving]

    def cards(self) -> list[CueCard]:
        return [card for card in self._cards.values() if not card.leaving]

    def sync(self, cues: Sequence[Cue]) -> None:
        wanted = sorted(cues, key=lambda c: c.t, reverse=True)[: self.limit]
        ids = {c.id for c in wanted}
        arriving = any(c.id not in self._cards for c in wanted)
        for cid in list(self._cards):
            if cid not in ids:
                card = self._cards.pop(cid)
                if arriving:  # make room at once: never more than `limit` cards, even fading
                    card.hide()
                    card.deleteLater()
                else:
                    card.fade_out()
        for cue in reversed(wanted):
            if cue.id in self._cards:
                continue
            card = CueCard(cue, self)
            card.dismissed.connect(self.dismissed)
            card.not_helpful.connect(self.not_helpful)
            self._layout.insertWidget(0, card)
            self._cards[cue.id] = card
