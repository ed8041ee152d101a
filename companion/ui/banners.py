"""Banners: calm one-line notices at the top of the panel (no model, headset lost, …).

Each banner has a key, so "headset lost" is replaced by "headset restored" rather than stacked,
and a condition that is over takes its banner away (`clear(key)`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from companion.ui.plain_text import PlainLabel


class Banner(QFrame):
    closed = Signal(str)

    def __init__(self, key: str, text: str, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("banner")
        self.setProperty("level", level)
        self.setAccessibleName(f"{level}: {text}")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        self.label = PlainLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("×")
        close.setAccessibleName("Close notice")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(lambda: self.closed.emit(self.key))
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)


class BannerArea(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._banners: dict[str, Banner] = {}
        self.setVisible(False)

    def show_banner(self, key: str, text: str, level: str = "warning") -> None:
        self.clear(key)
        banner = Banner(key, text, level, self)
        banner.closed.connect(self.clear)
        self._layout.addWidget(banner)
        self._banners[key] = banner
        self.setVisible(True)

    def clear(self, key: str) -> None:
        banner = self._banners.pop(key, None)
        if banner is not None:
            banner.setParent(None)
            banner.deleteLater()
        self.setVisible(bool(self._banners))

    def texts(self) -> dict[str, str]:
        return {k: b.label.text() for k, b in self._banners.items()}
