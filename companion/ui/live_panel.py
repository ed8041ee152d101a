"""The live panel: captions, level meters, cue cards, the self-ticking checklist, the call timer
against the target handle time, and a quick search of local notes.

Everything arrives through slots (`caption`, `level`, `set_cues`, `set_checklist`, `set_timer`,
`set_note_hits`); the panel emits only what the agent did (`check_toggled`, `search`, cue
`dismissed`/`not_helpful`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.calls.listener import CheckState
from companion.cues.cue import Cue
from companion.ui.cue_cards import CueStack
from companion.ui.plain_text import PlainLabel, SteadyLabel, plain_tooltip
from companion.ui.theme import CHANNEL, SEVERITY, palette

FLOOR_DB = -60.0
MAX_CHARS = 110  # about two lines: the latest words matter, not the whole call
CHANNEL_LABEL = {"agent": "You", "caller": "Caller"}


def clock(seconds: float) -> str:
    s = max(0, int(seconds))
    if s < 3600:
        return f"{s // 60:02d}:{s % 60:02d}"
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class LevelMeter(QWidget):
    """A thin bar for one channel's input level (dBFS); grey when the channel is absent."""

    def __init__(self, channel: str, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.theme = theme
        self.level = FLOOR_DB
        self.speech = False
        self.present = True
        self.setFixedHeight(6)
        self.setMinimumWidth(60)
        self.setAccessibleName(f"{CHANNEL_LABEL[channel]} level")
        # it paints every pixel it owns, so Qt need not repaint the panel behind it
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def _bar(self) -> tuple[int, bool]:
        frac = min(1.0, max(0.0, (self.level - FLOOR_DB) / -FLOOR_DB))
        return int(self.width() * frac), self.speech

    def set_level(self, level: float, speech: bool) -> None:
        before = self._bar()
        self.level, self.speech = level, speech
        if self._bar() != before:  # ten levels a second; most move the bar by no pixel at all
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        p = palette(self.theme)
        painter.fillRect(self.rect(), QColor(p.raised))
        if self.present:
            width, speech = self._bar()
            colour = QColor(CHANNEL[self.channel])
            if not speech:
                colour.setAlpha(110)
            painter.fillRect(QRect(0, 0, width, self.height()), colour)
        painter.end()


class CaptionBox(QWidget):
    """Two lines of one channel's captions, always the latest words: recent finals solid, the
    utterance in progress grey and italic.

    Captions change several times a second, so the box lays out and paints its text itself (one
    `QTextLayout`) with a fixed height and no layout of its own: a new word repaints this box
    only, never re-lays out the window, and costs no rich-text parsing. Words beyond two lines
    scroll off the top, as on a teleprompter."""

    LINES = 2

    def __init__(self, theme: str) -> None:
        super().__init__()
        p = palette(theme)
        self.background = QColor(p.surface)  # the caption frame's own colour
        self._solid, self._muted = QColor(p.text), QColor(p.muted)
        # it paints its background itself, so new words repaint this box and not the window
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._finals = ""
        self._partial = ""
        self._layout = QTextLayout()
        self._top = 0.0  # how far the text is scrolled up: whole lines, none cut
        self._laid_out_for = -1

    @property
    def text(self) -> str:
        """What the box shows, as plain text (finals, then the words in progress)."""
        return " ".join(t for t in (self._finals, self._partial) if t) or "…"

    @property
    def partial(self) -> str:
        return self._partial

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        return QSize(120, self.LINES * self.fontMetrics().lineSpacing() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def show_text(self, finals: str, partial: str) -> None:
        if (finals, partial) == (self._finals, self._partial):
            return
        self._finals, self._partial = finals, partial
        self.setAccessibleDescription(self.text)
        self._laid_out_for = -1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._laid_out_for != self.width():
            self._lay_out()
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.background)
        painter.setPen(self._solid)
        self._layout.draw(painter, QPointF(0, -self._top))
        painter.end()

    def _lay_out(self) -> None:
        finals, partial = self._finals, self._partial
        text = f"{finals} {partial}" if finals and partial else finals or partial or "…"
        solid = QTextCharFormat()
        solid.setForeground(self._solid)
        grey = QTextCharFormat()
        grey.setForeground(self._muted)
        if partial:
            grey.setFontItalic(True)
        ranges = []
        cut = len(finals) + 1 if finals and partial else len(finals)
        for fmt, begin, length in ((solid, 0, cut), (grey, cut, len(text) - cut)):
            if length > 0:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = begin, length, fmt
                ranges.append(r)
        layout = self._layout
        layout.setFont(self.font())
        layout.setText(text)
        layout.setFormats(ranges)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        lines = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(self.width())
            line.setPosition(QPointF(0, y))
            y += line.height()
            lines.append(line)
        layout.endLayout()
        self._top = lines[-self.LINES].y() if len(lines) > self.LINES else 0.0
        self._laid_out_for = self.width()


class Captions(QFrame):
    """Both channels: recent finals solid, the utterance in progress grey."""

    def __init__(self, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captions")
        self.theme = theme
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.boxes: dict[str, CaptionBox] = {}
        self.meters: dict[str, LevelMeter] = {}
        self._finals: dict[str, deque[str]] = {"agent": deque(maxlen=2), "caller": deque(maxlen=2)}
        self._partial: dict[str, str] = {"agent": "", "caller": ""}
        for row, channel in enumerate(("caller", "agent")):
            name = PlainLabel(CHANNEL_LABEL[channel])
            name.setStyleSheet(f"color: {CHANNEL[channel]}; font-weight: 600;")
            name.setAlignment(Qt.AlignmentFlag.AlignTop)
            head = QVBoxLayout()
            head.setSpacing(3)
            head.addWidget(name)
            meter = LevelMeter(channel, theme)
            meter.setFixedWidth(48)
            head.addWidget(meter)
            head.addStretch(1)
            grid.addLayout(head, row, 0)
            box = CaptionBox(theme)
            box.setAccessibleName(f"{CHANNEL_LABEL[channel]} captions")
            grid.addWidget(box, row, 1)
            self.boxes[channel], self.meters[channel] = box, meter
        grid.setColumnStretch(1, 1)
        self._render_all()

    def caption(self, channel: str, text: str, final: bool) -> None:
        if final:
            if text.strip():
                self._finals[channel].append(text.strip())
            self._partial[channel] = ""
        else:
            self._partial[channel] = text
        self._render(channel)

    def clear(self) -> None:
        for ch in self._finals:
            self._finals[ch].clear()
            self._partial[ch] = ""
        self._render_all()

    def _render_all(self) -> None:
        for ch in self.boxes:
            self._render(ch)

    def _render(self, channel: str) -> None:
        finals_text = " ".join(self._finals[channel])
        partial_text = self._partial[channel][-MAX_CHARS:]
        room = max(0, MAX_CHARS - len(partial_text))
        if len(finals_text) > room:
            finals_text = "…" + finals_text[len(finals_text) - room :].split(" ", 1)[-1]
        self.boxes[channel].show_text(finals_text, partial_text)

    def partial_text(self, channel: str) -> str:
        return self._partial[channel]

    def final_texts(self, channel: str) -> list[str]:
        return list(self._finals[channel])


class LivePanel(QWidget):
    check_toggled = Signal(str, bool)
    search = Signal(str)
    dismissed = Signal(str)
    not_helpful = Signal(str)

    def __init__(self, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Live call")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        top = QHBoxLayout()
        self.who = PlainLabel("")
        self.who.setObjectName("title")
        top.addWidget(self.who, 1)
        self.timer = SteadyLabel("00:00 / 06:00")
        self.timer.setObjectName("timer")
        self.timer.setAccessibleName("Call time against target")
        self._over = False
        top.addWidget(self.timer)
        col.addLayout(top)
        self.captions = Captions(theme)
        col.addWidget(self.captions)
        self.cues = CueStack(self)
        self.cues.dismissed.connect(self.dismissed)
        self.cues.not_helpful.connect(self.not_helpful)
        col.addWidget(self.cues)
        self.muted_label = PlainLabel("Cues muted — Ctrl+Shift+M to unmute")
        self.muted_label.setObjectName("hint")
        self.muted_label.setVisible(False)
        col.addWidget(self.muted_label)
        head = PlainLabel("Checklist")
        head.setObjectName("muted")
        col.addWidget(head)
        self.checklist = QListWidget()
        self.checklist.setAccessibleName("In-call checklist")
        self.checklist.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checklist.itemChanged.connect(self._item_changed)
        self.checklist.setMinimumHeight(60)
        col.addWidget(self.checklist, 1)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search my notes…  (Ctrl+F)")
        self.search_box.setAccessibleName("Search local notes")
        self.search_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.search.emit(self.search_box.text()))
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        col.addWidget(self.search_box)
        self.hits = QListWidget()
        self.hits.setAccessibleName("Matching notes")
        self.hits.setWordWrap(True)
        self.hits.setVisible(False)
        self.hits.setMaximumHeight(110)
        col.addWidget(self.hits)
        self._updating = False

    def reset(self, who: str) -> None:
        self.who.setText(who or "Call")
        self.captions.clear()
        self.cues.sync(())
        self.search_box.clear()
        self.hits.clear()
        self.hits.setVisible(False)

    def caption(self, channel: str, text: str, final: bool) -> None:
        self.captions.caption(channel, text, final)

    def level(self, channel: str, level: float, speech: bool) -> None:
        meter = self.captions.meters.get(channel)
        if meter is not None:
            meter.set_level(level, speech)

    def set_channel_present(self, channel: str, present: bool) -> None:
        meter = self.captions.meters.get(channel)
        if meter is None:
            return
        meter.present = present
        if not present:
            meter.set_level(-100.0, False)  # no input: no level, not the last one heard
        meter.update()

    def set_cues(self, cues: Sequence[Cue]) -> None:
        self.cues.sync(cues)

    def set_muted(self, muted: bool) -> None:
        self.muted_label.setVisible(muted)
        if muted:
            self.cues.sync(())

    def set_timer(self, seconds: float, target_s: float) -> None:
        self.timer.setText(f"{clock(seconds)} / {clock(target_s)}")
        over = seconds > target_s
        if over != self._over:  # not `style().polish()`: PySide builds QStyle's enums at once
            self._over = over  # the first time, ~40 ms on the GUI thread as a call starts
            self.timer.setStyleSheet(f"color: {SEVERITY['warn']};" if over else "")

    def set_checklist(self, states: Sequence[CheckState]) -> None:
        self._updating = True
        self.checklist.clear()
        for state in states:
            suffix = "  (heard)" if state.checked and state.how == "phrase" else ""
            item = QListWidgetItem(state.label + suffix)
            item.setData(Qt.ItemDataRole.UserRole, state.item_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if state.checked else Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self._updating = False

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            self.check_toggled.emit(
                str(item.data(Qt.ItemDataRole.UserRole)), item.checkState() == Qt.CheckState.Checked
            )

    def set_note_hits(self, hits: Sequence[tuple[str, str]]) -> None:
        self.hits.clear()
        for title, snippet in hits:
            item = QListWidgetItem(f"{title}\n{snippet}")
            item.setToolTip(plain_tooltip(snippet))
            self.hits.addItem(item)
        self.hits.setVisible(bool(hits) or bool(self.search_box.text().strip()))
        if not hits and self.search_box.text().strip():
            self.hits.addItem("No matching notes")
