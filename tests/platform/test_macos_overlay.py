"""The overlay in a real Cocoa session: a non-activating panel on every Space, full-screen ones
included, in an accessory app — and still so after prep and wrap-up have toggled its focus flag,
which makes Qt re-style the NSWindow (it used to drop FullScreenAuxiliary there).

Needs `QT_QPA_PLATFORM=cocoa`: tests/conftest.py defaults to `offscreen`, where the native
window is not an NSWindow at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.ui import macos
from companion.ui.overlay import Overlay


@pytest.fixture
def overlay(cocoa: QApplication, qtbot: QtBot, tmp_path: Path) -> Overlay:
    """Built as the app builds it: accessory first, then placed and shown."""
    assert macos.make_accessory_app()
    widget = Overlay(tmp_path)
    qtbot.addWidget(widget)
    widget.place()
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def _assert_overlay_window(overlay: Overlay, when: str) -> None:
    state = macos.overlay_window_state(overlay)
    assert state is not None, f"{when}: no NSWindow"
    assert state.is_panel, f"{when}: Qt.Tool should make an NSPanel"
    assert state.style_mask & macos.NONACTIVATING_PANEL, f"{when}: style {state.style_mask:#x}"
    behavior = state.collection_behavior
    for name in ("CAN_JOIN_ALL_SPACES", "FULL_SCREEN_AUXILIARY", "STATIONARY", "IGNORES_CYCLE"):
        assert behavior & getattr(macos, name), f"{when}: {name} missing in {behavior:#x}"
    assert not behavior & macos.FULL_SCREEN_PRIMARY, f"{when}: FullScreenPrimary in {behavior:#x}"
    assert not behavior & macos.MOVE_TO_ACTIVE_SPACE, f"{when}: MoveToActiveSpace"
    assert not state.hides_on_deactivate, f"{when}: the panel would hide when another app is used"


def test_the_overlay_stays_a_nonactivating_panel_on_every_space(
    qtbot: QtBot, overlay: Overlay
) -> None:
    _assert_overlay_window(overlay, "after show")
    for focusable, when in ((True, "prep (typing)"), (False, "back to the live call")):
        overlay.set_focusable(focusable)
        qtbot.waitUntil(overlay.isVisible)
        refuses = bool(overlay.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus)
        assert refuses is not focusable
        _assert_overlay_window(overlay, when)
    overlay.hide()
    overlay.show()  # the tray's "show" and `companion call` take this path
    _assert_overlay_window(overlay, "hidden and shown again")
    assert macos.activation_policy() == macos.ACTIVATION_ACCESSORY


def test_the_accessory_policy_survives_the_event_loop(qtbot: QtBot, cocoa: QApplication) -> None:
    assert macos.make_accessory_app()
    qtbot.wait(300)  # let AppKit run: nothing in Qt's event loop may turn it back to regular
    assert macos.activation_policy() == macos.ACTIVATION_ACCESSORY
