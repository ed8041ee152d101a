"""The overlay's AppKit settings, the pure part: which bits it asks for, and which it clears.

Runs on every OS; the real NSWindow is checked on macOS (tests/platform/test_macos_overlay.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from companion.ui.macos import (
    CAN_JOIN_ALL_SPACES,
    EXCLUSIVE_BEHAVIORS,
    FULL_SCREEN_AUXILIARY,
    FULL_SCREEN_PRIMARY,
    IGNORES_CYCLE,
    MOVE_TO_ACTIVE_SPACE,
    NONACTIVATING_PANEL,
    OVERLAY_BEHAVIOR,
    STATIONARY,
    TRANSIENT,
    apply_overlay_window,
    make_accessory_app,
    overlay_collection_behavior,
    overlay_style_mask,
)

FULL_SCREEN_ALLOWS_TILING = 1 << 11


def test_what_qt_sets_after_a_flag_change_is_replaced_by_the_overlay_bits() -> None:
    # A Qt panel starts with FullScreenAuxiliary | MoveToActiveSpace; every flag change then
    # swaps FullScreenAuxiliary for FullScreenPrimary (the defect seen after prep/wrap-up).
    after_flag_change = FULL_SCREEN_PRIMARY | MOVE_TO_ACTIVE_SPACE | TRANSIENT
    behavior = overlay_collection_behavior(after_flag_change)
    assert behavior == CAN_JOIN_ALL_SPACES | FULL_SCREEN_AUXILIARY | STATIONARY | IGNORES_CYCLE
    assert overlay_collection_behavior(behavior) == behavior  # applying twice changes nothing


def test_bits_the_overlay_does_not_decide_are_kept() -> None:
    behavior = overlay_collection_behavior(FULL_SCREEN_ALLOWS_TILING)
    assert behavior == OVERLAY_BEHAVIOR | FULL_SCREEN_ALLOWS_TILING


def test_the_result_never_holds_two_bits_appkit_forbids_together() -> None:
    for current in range(1 << 10):
        behavior = overlay_collection_behavior(current)
        for group in EXCLUSIVE_BEHAVIORS:
            assert (behavior & group).bit_count() <= 1, (current, group)


def test_only_panels_get_the_nonactivating_bit() -> None:
    assert overlay_style_mask(0b1000, is_panel=True) == 0b1000 | NONACTIVATING_PANEL
    assert overlay_style_mask(0b1000, is_panel=False) == 0b1000
    assert overlay_style_mask(NONACTIVATING_PANEL, is_panel=True) == NONACTIVATING_PANEL


def test_off_cocoa_the_native_calls_do_nothing() -> None:
    """Off macOS, or under the offscreen platform, `winId()` is no NSView: nothing may be sent."""
    if QGuiApplication.platformName() == "cocoa":
        pytest.skip("a real Cocoa session: tests/platform/test_macos_overlay.py covers it")
    assert make_accessory_app() is False
    assert apply_overlay_window(object()) is False  # type: ignore[arg-type]
