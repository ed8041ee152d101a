"""The overlay window: small, frameless, always on top, never taking focus from the softphone.

Flags: `FramelessWindowHint | WindowStaysOnTopHint | Tool | WindowDoesNotAcceptFocus` and
`WA_ShowWithoutActivating`, so showing it or a cue never moves the keyboard away from the
softphone or the CRM. While the agent types (prep, wrap-up) it accepts focus: `set_focusable`.
On macOS `WA_MacAlwaysShowToolWindow` keeps it visible when another app is active, and
`macos.apply_overlay_window` makes it a non-activating panel on every Space, full-screen ones
too, after every show (Qt resets those settings whenever the window flags change).

It is dragged by the bar, snaps to screen edges (`placement.snap`) and remembers one position
per screen layout. The compact bar expands into the panel (`set_expanded`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QFrame, QStackedWidget, QVBoxLayout, QWidget

from companion.ui.banners import BannerArea
from companion.ui.bar import Bar
from companion.ui.placement import Rect, SavedPositions, default_position, snap
from companion.ui.theme import style_sheet
from companion.ui.tray import app_icon

WIDTH = 380
PANEL_HEIGHT = 560
BASE_FLAGS = (
    Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
)


def _rect(g: QRect) -> Rect:
    return (g.x(), g.y(), g.width(), g.height())


class Overlay(QWidget):
    closing = Signal()

    def __init__(self, config_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, BASE_FLAGS | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("overlay")
        self.setWindowTitle("Call Companion")
        self.setAccessibleName("Call Companion")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow, True)
        self.positions = SavedPositions(config_dir)
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.setSpacing(4)
        self.bar = Bar(self)
        col.addWidget(self.bar)
        self._col = col
        self.peek: QWidget | None = None
        self.panel = QFrame(self)
        self.panel.setObjectName("panel")
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(8, 8, 8, 8)
        inner.setSpacing(6)
        self.banners = BannerArea(self.panel)
        inner.addWidget(self.banners)
        self.stack = QStackedWidget(self.panel)
        inner.addWidget(self.stack, 1)
        col.addWidget(self.panel, 1)
        self.pages: dict[str, QWidget] = {}
        self._drag: QPoint | None = None
        self._on_quit: Callable[[], None] | None = None
        self.bar.expand_toggled.connect(self.choose_expanded)
        self.setFixedWidth(WIDTH)
        self.panel.setVisible(False)
        self._fit()

    # -- pages ---------------------------------------------------------------------------

    def add_page(self, name: str, page: QWidget) -> None:
        self.pages[name] = page
        self.stack.addWidget(page)

    def show_page(self, name: str) -> None:
        self.stack.setCurrentWidget(self.pages[name])

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next((n for n, w in self.pages.items() if w is widget), "")

    # -- size, focus, position -----------------------------------------------------------

    @property
    def expanded(self) -> bool:
        return not self.panel.isHidden()

    def add_peek(self, widget: QWidget) -> None:
        """The strip under the bar that shows cues while the panel is collapsed."""
        self.peek = widget
        self._col.insertWidget(1, widget)
        widget.setVisible(False)
        widget.installEventFilter(self)  # its layout changes (a card in or out): fit to it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.peek and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self._fit)
        return super().eventFilter(watched, event)

    @property
    def agent_wants_panel(self) -> bool:
        """The agent's own choice (▾ or Ctrl+Shift+O), remembered across restarts."""
        return bool(self.positions.panel_open())

    def choose_expanded(self, on: bool) -> None:
        """The agent opened or collapsed the panel: do it and remember the choice."""
        self.positions.put_panel_open(on)
        self.set_expanded(on)

    def set_expanded(self, on: bool) -> None:
        if on == self.expanded:
            return
        self.panel.setVisible(on)
        if self.bar.expand.isChecked() != on:
            self.bar.expand.blockSignals(True)
            self.bar.expand.setChecked(on)
            self.bar.expand.setText("▴" if on else "▾")
            self.bar.expand.blockSignals(False)
        self._fit()

    def _fit(self) -> None:
        height = 48 + (PANEL_HEIGHT if self.expanded else 0) + self._peek_height()
        self.setFixedHeight(height)
        if self.isVisible():
            self._keep_on_screen()

    def refit(self) -> None:
        """The peek's content changed: grow or shrink to it."""
        self._fit()

    def _peek_height(self) -> int:
        if self.peek is None or self.peek.isHidden():
            return 0
        width = WIDTH - 8
        if self.peek.hasHeightForWidth():
            return self.peek.heightForWidth(width) + self._col.spacing()
        return self.peek.sizeHint().height() + self._col.spacing()

    def setVisible(self, visible: bool) -> None:
        """Shows end here whatever started them (`show`, `set_focusable`, the tray, `companion
        call`), after Qt has re-styled the native window: the one place to restore the macOS
        panel settings. (Not `showEvent`, which runs before the window is ordered on screen,
        nor `WinIdChange`, which a flag change does not send: the NSView stays the same.)"""
        super().setVisible(visible)
        if visible and sys.platform == "darwin":
            from companion.ui.macos import apply_overlay_window

            apply_overlay_window(self)

    def set_focusable(self, on: bool) -> None:
        """Let the window take keyboard focus (typing a note) or never take it (live call)."""
        refuses = bool(self.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus)
        if refuses != on:
            return
        visible = self.isVisible()
        pos = self.pos()
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, not on)
        if visible:
            self.move(pos)
            self.show()

    def place(self) -> None:
        screens = [_rect(s.geometry()) for s in QGuiApplication.screens()]
        saved = self.positions.get(screens)
        screen = QGuiApplication.primaryScreen()
        avail = _rect(screen.availableGeometry()) if screen is not None else (0, 0, 1280, 800)
        x, y = saved if saved is not None else default_position((self.width(), 48), avail)
        self.move(x, y)

    def _screen_rect(self) -> Rect:
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        return _rect(screen.availableGeometry())

    def _keep_on_screen(self) -> None:
        x, y, _w, _h = snap(_rect(self.frameGeometry()), self._screen_rect())
        self.move(x, y)

    # -- dragging by the bar -------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and event.position().y() < 48:
            self._drag = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self.move(event.globalPosition().toPoint() - self._drag)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = None
            self.finish_move()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def finish_move(self) -> None:
        """Snap to the nearest edges and remember the spot for this screen layout."""
        self._keep_on_screen()
        screens = [_rect(s.geometry()) for s in QGuiApplication.screens()]
        self.positions.put(screens, (self.x(), self.y()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)


def themed_overlay(config_dir: Path, theme: str, opacity: float) -> Overlay:
    """The overlay window in the agent's theme and opacity, not yet shown."""
    overlay = Overlay(config_dir)
    overlay.setStyleSheet(style_sheet(theme))
    overlay.setWindowOpacity(opacity)
    overlay.setWindowIcon(app_icon())
    return overlay
