"""The tray (menu-bar on macOS) icon and the overlay's menu: the same actions in both.

Start/end call, profile switch, mute cues, settings, quit. The actions only emit; the app
connects them. Where the desktop has no tray (some Linux sessions), the bar's ≡ button opens the
same menu.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from companion.paths import resources_dir


def app_icon() -> QIcon:
    path = resources_dir() / "icons" / "companion.svg"
    if path.is_file():
        return QIcon(str(path))
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setBrush(QColor("#5aa2ff"))
    painter.drawEllipse(4, 4, 56, 56)
    painter.end()
    return QIcon(pixmap)


class AppMenu(QObject):
    start_call = Signal()
    end_call = Signal()
    prepare = Signal()
    mute = Signal(bool)
    profile = Signal(str)
    settings = Signal()
    quit = Signal()

    def __init__(self, menu: QMenu) -> None:
        super().__init__(menu)
        self.menu = menu
        self.prepare_action = menu.addAction("Prepare next call\tCtrl+Shift+P")
        self.prepare_action.triggered.connect(self.prepare)
        self.start_action = menu.addAction("Start call\tCtrl+Shift+S")
        self.start_action.triggered.connect(self.start_call)
        self.end_action = menu.addAction("End call\tCtrl+Shift+E")
        self.end_action.triggered.connect(self.end_call)
        menu.addSeparator()
        self.mute_action = menu.addAction("Mute cues\tCtrl+Shift+M")
        self.mute_action.setCheckable(True)
        self.mute_action.toggled.connect(self.mute)
        self.profiles = menu.addMenu("Profile")
        self._group = QActionGroup(self.profiles)
        menu.addSeparator()
        settings = menu.addAction("Settings…\tCtrl+,")
        settings.triggered.connect(self.settings)
        quit_action = menu.addAction("Quit Call Companion")
        quit_action.triggered.connect(self.quit)

    def set_profiles(self, names: Sequence[str], active: str) -> None:
        self.profiles.clear()
        for name in names:
            action = QAction(name, self.profiles)
            action.setCheckable(True)
            action.setChecked(name == active)
            action.triggered.connect(lambda _c=False, n=name: self.profile.emit(n))
            self._group.addAction(action)
            self.profiles.addAction(action)

    def set_phase(self, phase: str) -> None:
        self.start_action.setEnabled(phase != "live")
        self.end_action.setEnabled(phase in ("live", "prep"))
        self.prepare_action.setEnabled(phase in ("idle", "breathing", "prep"))

    def set_muted(self, muted: bool) -> None:
        self.mute_action.blockSignals(True)
        self.mute_action.setChecked(muted)
        self.mute_action.blockSignals(False)


def make_tray(menu: QMenu) -> QSystemTrayIcon | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(app_icon(), menu)  # owned by the menu: deleted with the widgets
    tray.setToolTip("Call Companion")
    tray.setContextMenu(menu)
    tray.show()
    return tray
