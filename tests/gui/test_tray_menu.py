"""The tray's menu, which is also the bar's ≡ menu: every action, triggered as a user would.

QSystemTrayIcon has no tray on the offscreen platform, so the tests drive the shared QMenu's
QActions; `make_tray` is checked to give the same menu to the icon when a tray exists.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from companion.calls.lifecycle import Phase
from companion.config.profiles import list_profiles
from companion.ui.settings_window import SettingsWindow
from companion.ui.tray import make_tray
from tests.gui.conftest import OFFSCREEN_LIMITS

DID_NOT_QUIT = 3


def _action(menu: QMenu, text: str):  # type: ignore[no-untyped-def]
    for action in menu.actions():
        if action.text().split("\t")[0] == text:
            return action
    raise AssertionError(f"no menu action {text!r} in {[a.text() for a in menu.actions()]}")


@pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS, "This plugin does not support grabbing the keyboard")
def test_the_bar_button_and_the_tray_share_one_menu(companion, qtbot) -> None:  # type: ignore[no-untyped-def]
    menu = companion.menu.menu
    assert menu is companion.window.menu
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Prepare next call",
        "Start call",
        "End call",
        "Mute cues",
        "Profile",
        "Settings…",
        "Quit Call Companion",
    ]
    companion.window.bar.menu.click()
    qtbot.waitUntil(menu.isVisible)
    menu.hide()
    tray = make_tray(menu)
    if QSystemTrayIcon.isSystemTrayAvailable():
        assert tray is not None and tray.contextMenu() is menu
    else:
        assert tray is None


def test_start_and_end_call_from_the_menu(companion) -> None:  # type: ignore[no-untyped-def]
    menu, c = companion.menu.menu, companion.controller
    start, end = _action(menu, "Start call"), _action(menu, "End call")
    assert start.isEnabled() and not end.isEnabled()
    start.trigger()
    assert c.phase is Phase.LIVE
    assert not start.isEnabled() and end.isEnabled()
    end.trigger()
    assert c.phase is Phase.WRAPUP
    assert companion.overlay.current_page() == "wrapup"


def test_mute_cues_from_the_menu_follows_the_bar(companion) -> None:  # type: ignore[no-untyped-def]
    mute = _action(companion.menu.menu, "Mute cues")
    mute.trigger()
    assert mute.isChecked() and companion.window.bar.muted and companion.controller.muted
    companion.window.bar.mute.click()  # unmute from the bar: the menu's tick follows
    assert not companion.window.bar.muted and not companion.controller.muted
    assert not mute.isChecked()


def test_profile_switch_from_the_menu(companion) -> None:  # type: ignore[no-untyped-def]
    profiles = companion.menu.profiles
    names = [a.text() for a in profiles.actions()]
    assert names == [p.name for p in list_profiles(companion.ctx.paths, companion.ctx.config)]
    veteran = next(a for a in profiles.actions() if a.text() == "veteran")
    veteran.trigger()
    assert veteran.isChecked()
    assert companion.controller.profile_name == "veteran"
    assert companion.ctx.config.get("profiles.active") == "veteran"
    assert companion.controller.cue_settings.min_severity == (
        companion.controller.profile_value("budget.min_severity")
    )
    checked = [a.text() for a in profiles.actions() if a.isChecked()]
    assert checked == ["veteran"]


def test_settings_from_the_menu_opens_the_settings_window(companion, qtbot) -> None:  # type: ignore[no-untyped-def]
    _action(companion.menu.menu, "Settings…").trigger()
    windows = companion.overlay.findChildren(SettingsWindow)
    assert len(windows) == 1
    qtbot.waitUntil(windows[0].isVisible)
    windows[0].close()
    assert not windows[0].devices.tester.running


def test_quit_from_the_menu_asks_the_application_to_quit(companion) -> None:  # type: ignore[no-untyped-def]
    """The action ends the running event loop with code 0, as `run_app`'s `exec()` would see it.
    (The whole process exiting cleanly from the menu is in test_clean_exit.)"""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    about_to_quit: list[bool] = []

    def noted() -> None:
        about_to_quit.append(True)

    app.aboutToQuit.connect(noted)
    never_quit = QTimer()  # a stop for the event loop if the action does not quit
    never_quit.setSingleShot(True)
    never_quit.timeout.connect(lambda: app.exit(DID_NOT_QUIT))
    QTimer.singleShot(0, _action(companion.menu.menu, "Quit Call Companion").trigger)
    never_quit.start(10_000)
    try:
        code = app.exec()
    finally:
        never_quit.stop()  # later tests' event loops must not be ended by it
        app.aboutToQuit.disconnect(noted)
    assert code == 0, "the Quit action did not end the event loop"
    assert about_to_quit == [True]
