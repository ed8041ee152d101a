"""Carbon hot keys in a real macOS session: the default plan registers (noErr for each), a hot
key event reaches the installed handler and becomes `activated(action)` on the GUI thread, and
stopping releases everything.

The event is a real Carbon event (`CreateEvent` + `SetEventParameter`) sent to the event
dispatcher, the path the window server's hot key takes once matched; that needs no permission.
A key press synthesised through the window server (`CGEventPost`) needs the Accessibility
grant, which hosted runners may not give: that test runs only where it is granted.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.config.settings import SETTINGS
from companion.hotkeys import carbon
from companion.hotkeys.spec import ACTIONS, Plan, parse_combo, plan_hotkeys
from companion.ui.global_hotkeys import GlobalHotkeys

FRAMEWORKS = "/System/Library/Frameworks"
APP_SERVICES = f"{FRAMEWORKS}/ApplicationServices.framework/ApplicationServices"
CORE_GRAPHICS = f"{FRAMEWORKS}/CoreGraphics.framework/CoreGraphics"


def _default_plan() -> Plan:
    return plan_hotkeys({action: SETTINGS[f"hotkeys.{action}"].default for action in ACTIONS})


@pytest.fixture
def hotkeys(cocoa: QApplication) -> Iterator[GlobalHotkeys]:
    hotkeys = GlobalHotkeys(_default_plan())
    yield hotkeys
    hotkeys.stop()


def _send_hotkey_event(hotkey_id: int, signature: int = carbon.SIGNATURE) -> int:
    """Send a kEventHotKeyPressed carrying this EventHotKeyID; the dispatcher's OSStatus."""
    lib = ctypes.CDLL(carbon.CARBON_PATH)  # a separate handle: its own prototypes
    ptr, u32 = ctypes.c_void_p, ctypes.c_uint32
    lib.GetCurrentEventTime.restype = ctypes.c_double
    lib.CreateEvent.restype = ctypes.c_int32
    lib.CreateEvent.argtypes = [ptr, u32, u32, ctypes.c_double, u32, ctypes.POINTER(ptr)]
    lib.SetEventParameter.restype = ctypes.c_int32
    lib.SetEventParameter.argtypes = [ptr, u32, u32, ctypes.c_ulong, ptr]
    lib.SendEventToEventTarget.restype = ctypes.c_int32
    lib.SendEventToEventTarget.argtypes = [ptr, ptr]
    lib.GetEventDispatcherTarget.restype = ptr
    lib.ReleaseEvent.argtypes = [ptr]
    event = ptr()
    status = lib.CreateEvent(
        None,
        carbon.KEYBOARD_CLASS,
        carbon.HOTKEY_PRESSED,
        lib.GetCurrentEventTime(),
        0,
        ctypes.byref(event),
    )
    assert status == carbon.NO_ERR, f"CreateEvent: {status}"
    try:
        payload = carbon.EventHotKeyID(signature, hotkey_id)
        status = lib.SetEventParameter(
            event,
            carbon.DIRECT_OBJECT,
            carbon.HOTKEY_ID_TYPE,
            ctypes.sizeof(payload),
            ctypes.byref(payload),
        )
        assert status == carbon.NO_ERR, f"SetEventParameter: {status}"
        return int(lib.SendEventToEventTarget(event, lib.GetEventDispatcherTarget()))
    finally:
        lib.ReleaseEvent(event)


def test_the_default_plan_registers_and_unregisters(cocoa: QApplication) -> None:
    layout = carbon.keyboard_layout()
    assert layout, "the current keyboard layout could not be read"
    assert set("abcdefghijklmnopqrstuvwxyz0123456789") <= set(layout)
    mapped, problems = carbon.map_bindings(_default_plan().bindings, layout)
    assert problems == []
    backend = carbon.CarbonHotkeys(lambda action: None)
    assert backend.start(mapped) == {}  # RegisterEventHotKey returned noErr for every one
    assert set(backend.registered) == set(ACTIONS)
    rival = carbon.CarbonHotkeys(lambda action: None)
    try:  # held for real: the same combination a second time is refused (eventHotKeyExistsErr)
        assert rival.start({"start": mapped["start"]}) == {"start": -9878}
    finally:
        rival.stop()
    assert backend.stop() == []  # UnregisterEventHotKey and RemoveEventHandler: noErr
    assert backend.registered == {}
    again = carbon.CarbonHotkeys(lambda action: None)
    assert again.start(mapped) == {}  # released, so they can be taken again
    assert again.stop() == []


def test_a_hotkey_event_runs_its_action_on_the_gui_thread(
    qtbot: QtBot, hotkeys: GlobalHotkeys
) -> None:
    assert hotkeys.start() is None
    assert hotkeys.running
    assert hotkeys.problems == []
    assert hotkeys.bound == hotkeys.plan.bindings
    start_id = list(hotkeys.plan.bindings).index("start") + 1  # CarbonHotkeys.ids' contract
    with qtbot.waitSignal(hotkeys.activated, timeout=5000) as blocker:
        assert _send_hotkey_event(start_id) == carbon.NO_ERR
    assert blocker.args == ["start"]
    # Someone else's hot key (another signature) is left to the next handler.
    with qtbot.assertNotEmitted(hotkeys.activated, wait=300):
        _send_hotkey_event(1, carbon.four_cc("XXXX"))
    hotkeys.stop()
    assert not hotkeys.running


def _accessibility_granted() -> bool:
    services = ctypes.CDLL(APP_SERVICES)
    services.AXIsProcessTrusted.restype = ctypes.c_bool
    return bool(services.AXIsProcessTrusted())


def _press(keycode: int, flags: int) -> None:
    """A key press and release through the window server (kCGHIDEventTap)."""
    graphics = ctypes.CDLL(CORE_GRAPHICS)
    foundation = ctypes.CDLL(carbon.CORE_FOUNDATION_PATH)
    ptr = ctypes.c_void_p
    graphics.CGEventCreateKeyboardEvent.restype = ptr
    graphics.CGEventCreateKeyboardEvent.argtypes = [ptr, ctypes.c_uint16, ctypes.c_bool]
    graphics.CGEventSetFlags.argtypes = [ptr, ctypes.c_uint64]
    graphics.CGEventPost.argtypes = [ctypes.c_uint32, ptr]
    foundation.CFRelease.argtypes = [ptr]
    for down in (True, False):
        event = graphics.CGEventCreateKeyboardEvent(None, keycode, down)
        graphics.CGEventSetFlags(event, flags)
        graphics.CGEventPost(0, event)
        foundation.CFRelease(event)


def test_a_real_key_press_reaches_the_hotkey(qtbot: QtBot, cocoa: QApplication) -> None:
    if not _accessibility_granted():
        pytest.skip("posting key events needs the Accessibility grant, not given on this runner")
    combo = parse_combo("<ctrl>+<alt>+<shift>+j")  # nothing else on a runner uses it
    layout = carbon.keyboard_layout() or carbon.ANSI_KEYS
    hotkey = carbon.carbon_hotkey(combo, layout)
    hotkeys = GlobalHotkeys(Plan({"breathe": combo}, []))
    assert hotkeys.start() is None
    try:
        control, option, shift = 1 << 18, 1 << 19, 1 << 17  # kCGEventFlagMask*
        with qtbot.waitSignal(hotkeys.activated, timeout=5000) as blocker:
            _press(hotkey.keycode, control | option | shift)
        assert blocker.args == ["breathe"]
    finally:
        hotkeys.stop()
