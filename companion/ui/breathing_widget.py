"""The breathing timer between calls: an animated circle, the phase text and a countdown.

The maths is `companion.calls.breathing.view`; this widget only paints it every frame. A private
stress check-in (1–5, optional) can be given before and after; it is never shown to anyone else.
`finished` fires when the time is up, `skipped` when the agent ends it early.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.calls.breathing import LABELS, PATTERNS, PatternName, View, view
from companion.ui.plain_text import PlainLabel
from companion.ui.theme import palette

FRAME_MS = 40


class BreathingCircle(QWidget):
    def __init__(self, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.current: View | None = None
        self.setMinimumSize(180, 180)
        self.setAccessibleName("Breathing circle")

    def show_view(self, v: View) -> None:
        self.current = v
        self.setAccessibleDescription(v.text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette(self.theme)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8
        centre = QPointF(self.width() / 2, self.height() / 2)
        outer = side / 2
        painter.setPen(QPen(QColor(p.border), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, outer, outer)
        scale = self.current.scale if self.current is not None else 0.0
        radius = outer * (0.3 + 0.7 * scale)
        fill = QColor(p.accent)
        fill.setAlpha(150)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        if self.current is not None and not self.current.done:
            painter.setPen(QColor(p.text))
            font = painter.font()
            font.setPointSize(22)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                str(max(1, int(self.current.step_left_s + 0.999))),
            )
        painter.end()


class BreathingPanel(QWidget):
    finished = Signal()
    skipped = Signal()
    pattern_changed = Signal(str)
    checkin = Signal(str, int)  # "before"/"after", 1–5
    longer = Signal()

    def __init__(self, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Breathing timer")
        self.pattern: PatternName = "box"
        self.total_s = 60.0
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        top = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setAccessibleName("Breathing pattern")
        for name in PATTERNS:
            self.picker.addItem(LABELS[name], name)
        self.picker.currentIndexChanged.connect(self._picked)
        top.addWidget(self.picker, 1)
        self.remaining = PlainLabel("1:00")
        self.remaining.setObjectName("timer")
        self.remaining.setAccessibleName("Time left")
        top.addWidget(self.remaining)
        col.addLayout(top)
        self.circle = BreathingCircle(theme)
        col.addWidget(self.circle, 1)
        self.phase_text = PlainLabel("Breathe in")
        self.phase_text.setObjectName("phaseText")
        self.phase_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_text.setAccessibleName("Breathing phase")
        col.addWidget(self.phase_text)
        self.offer = QPushButton("That was a hard call — take a 3-minute reset")
        self.offer.setAccessibleName("Take a longer reset")
        self.offer.clicked.connect(self.longer)
        self.offer.setVisible(False)
        col.addWidget(self.offer)
        check = QHBoxLayout()
        self.check_label = PlainLabel("Stress now (private):")
        self.check_label.setObjectName("muted")
        check.addWidget(self.check_label)
        self.check = QSpinBox()
        self.check.setRange(0, 5)
        self.check.setSpecialValueText("skip")
        self.check.setAccessibleName("Stress check-in, 1 to 5, private")
        self.check.valueChanged.connect(self._checked_in)
        check.addWidget(self.check)
        check.addStretch(1)
        skip = QPushButton("Done")
        skip.setAccessibleName("End breathing")
        skip.clicked.connect(self._skip)
        check.addWidget(skip)
        col.addLayout(check)
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._frame)
        self._when = "before"
        self.before_value: int | None = None  # shown beside the "after" question

    def start(
        self, pattern: str, seconds: float, *, offer_longer: bool, fresh: bool = True
    ) -> None:
        """A session; `fresh=False` (the longer reset) keeps the "before" answer given."""
        self.pattern = pattern if pattern in PATTERNS else "box"
        index = self.picker.findData(self.pattern)
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(max(0, index))
        self.picker.blockSignals(False)
        self.total_s = float(seconds)
        self.offer.setVisible(offer_longer)
        self._when = "before"
        self.check_label.setText("Stress now (private):")
        if fresh:
            self.before_value = None
        self.check.blockSignals(True)
        self.check.setValue(self.before_value or 0)
        self.check.blockSignals(False)
        self._clock.start()
        self._timer.start()
        self._frame()

    def stop(self) -> None:
        self._timer.stop()

    def running(self) -> bool:
        return self._timer.isActive()

    def elapsed_s(self) -> float:
        return self._clock.elapsed() / 1000.0 if self._clock.isValid() else 0.0

    def show_at(self, elapsed: float) -> View:
        """Paint the session `elapsed` seconds in (screenshots and tests use this directly)."""
        v = view(self.pattern, elapsed, self.total_s)
        self.circle.show_view(v)
        self.phase_text.setText(v.text)
        left = int(v.remaining_s + 0.999)
        self.remaining.setText(f"{left // 60}:{left % 60:02d}")
        return v

    def _frame(self) -> None:
        v = self.show_at(self.elapsed_s())
        if v.done:
            self._timer.stop()
            self._when = "after"
            before = f", before: {self.before_value}" if self.before_value else ""
            self.check_label.setText(f"Stress after (private{before}):")
            self.check.blockSignals(True)
            self.check.setValue(0)
            self.check.blockSignals(False)
            self.finished.emit()

    def _picked(self, _index: int) -> None:
        name = self.picker.currentData()
        if name in PATTERNS:
            self.pattern = name
            self.pattern_changed.emit(name)
            if self._timer.isActive():
                self._clock.restart()

    def _checked_in(self, value: int) -> None:
        if value:
            if self._when == "before":
                self.before_value = value
            self.checkin.emit(self._when, value)

    def _skip(self) -> None:
        self._timer.stop()
        self.skipped.emit()
