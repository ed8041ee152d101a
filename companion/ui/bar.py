"""The compact bar: phase, caller and timer, and the buttons an agent needs without looking.

During a call it also says that cues are waiting (a count in the highest severity's colour), and
it gives the caller's name the room: on a call the green dot, the timer and "End" already say
"on call", so the word itself gives way to the name.

It is also the drag handle of the frameless overlay (the window does the moving).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from companion.ui.plain_text import PlainLabel, SteadyLabel
from companion.ui.theme import SEVERITY

PHASE_TEXT = {
    "idle": "Ready",
    "prep": "Prep",
    "live": "On call",
    "wrapup": "Note",
    "breathing": "Breathe",
}
PHASE_COLOUR = {
    "idle": "#9aa3ad",
    "prep": "#5aa2ff",
    "live": "#4caf7a",
    "wrapup": "#f59e0b",
    "breathing": "#c084fc",
}


class ElidedLabel(PlainLabel):
    """A label that shows "Jane Mo…" rather than cutting a name off mid-letter."""

    def __init__(self) -> None:
        super().__init__("")
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text or "No caller")
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        super().setText(
            metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width()))
        )


def _button(text: str, name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class Bar(QFrame):
    call_button = Signal()
    mute_toggled = Signal(bool)
    expand_toggled = Signal(bool)
    menu_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bar")
        self.setAccessibleName("Call Companion bar")
        self.setFixedHeight(40)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(4)
        self.dot = PlainLabel("●")
        self.dot.setAccessibleName("Phase colour")
        row.addWidget(self.dot)
        self.phase = PlainLabel("Ready")
        self.phase.setObjectName("phase")
        self.phase.setAccessibleName("Call phase")
        row.addWidget(self.phase)
        self.detail = ElidedLabel()
        self.detail.setObjectName("muted")
        self.detail.setAccessibleName("Caller")
        self.detail.setMinimumWidth(20)
        row.addWidget(self.detail, 1)
        self.badge = PlainLabel("")
        self.badge.setObjectName("badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setVisible(False)
        row.addWidget(self.badge)
        self.timer = SteadyLabel("")
        self.timer.setObjectName("timer")
        self.timer.setAccessibleName("Call time")
        row.addWidget(self.timer)
        self.call = _button("Prep", "Start or end call", "Prepare / start / end the call")
        self.call.clicked.connect(self.call_button)
        row.addWidget(self.call)
        self._muted = False
        self.mute = _button("🔔", "Mute cues", "Mute cues (Ctrl+Shift+M)")
        self.mute.setText("Cues")
        self.mute.setCheckable(False)
        self.mute.clicked.connect(lambda: self.set_muted(not self._muted, emit=True))
        row.addWidget(self.mute)
        self.expand = _button("▾", "Show panel", "Show or hide the panel (Ctrl+Shift+O)")
        self.expand.setCheckable(True)
        self.expand.toggled.connect(self._expand)
        row.addWidget(self.expand)
        self.menu = _button("≡", "Menu", "Menu: profile, settings, quit")
        self.menu.clicked.connect(self.menu_requested)
        row.addWidget(self.menu)
        self.set_phase("idle", "")

    def set_phase(self, phase: str, detail: str) -> None:
        self.phase.setText(PHASE_TEXT.get(phase, phase))
        self.phase.setVisible(not (phase == "live" and detail))
        self.dot.setStyleSheet(f"color: {PHASE_COLOUR.get(phase, '#9aa3ad')};")
        self.dot.setToolTip(PHASE_TEXT.get(phase, phase))
        self.detail.setText(detail)
        if phase != "live":
            self.set_cues(0, "")
        label = {
            "idle": "Prep",
            "prep": "Start",
            "live": "End",
            "wrapup": "Save",
            "breathing": "Prep",
        }[phase]
        self.call.setText(label)
        self.call.setAccessibleName(
            {
                "Prep": "Prepare next call",
                "Start": "Start call",
                "End": "End call",
                "Save": "Save note",
            }[label]
        )
        self.timer.setVisible(phase == "live")

    def set_cues(self, count: int, severity: str) -> None:
        """How many cues are on screen, in the colour of the most severe one."""
        self.badge.setVisible(count > 0)
        if count <= 0:
            return
        colour = SEVERITY.get(severity, SEVERITY["info"])
        self.badge.setText(str(count))
        self.badge.setStyleSheet(f"background: {colour};")
        self.badge.setAccessibleName(f"{count} {severity} cue{'s' if count > 1 else ''} waiting")

    def set_timer(self, text: str) -> None:
        self.timer.setText(text)

    def set_muted(self, muted: bool, emit: bool = False) -> None:
        self._muted = muted
        self.mute.setText("Muted" if muted else "Cues")
        self.mute.setAccessibleName("Unmute cues" if muted else "Mute cues")
        self.mute.setStyleSheet("color: #f59e0b;" if muted else "")
        if emit:
            self.mute_toggled.emit(muted)

    @property
    def muted(self) -> bool:
        return self._muted

    def _expand(self, on: bool) -> None:
        self.expand.setText("▴" if on else "▾")
        self.expand.setAccessibleName("Hide panel" if on else "Show panel")
        self.expand_toggled.emit(on)
