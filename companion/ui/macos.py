"""macOS only: the overlay floats over every Space and never takes activation from the softphone.

A call-centre overlay must show over the softphone even when that (or the CRM) is full screen,
and clicking it must not activate Call Companion: the menu bar would switch and the softphone
would lose its active state. AppKit has three settings for that, none of them reachable from Qt,
so they are set through the Objective-C runtime with ctypes:

- the app is an *accessory* app (`LSUIElement` in the bundle; `make_accessory_app` when run
  from source, where Qt makes every process a regular Dock app while `QApplication` is built);
- the overlay's NSWindow — an NSPanel, because Qt makes `Qt.Tool` windows panels — gets the
  `NonactivatingPanel` style bit: clicking it, or typing into it during prep and wrap-up, leaves
  the frontmost app active;
- its collection behaviour is `CanJoinAllSpaces | FullScreenAuxiliary | Stationary |
  IgnoresCycle` and it does not hide when the app is inactive (it almost always is).

Qt rewrites the style mask and the collection behaviour whenever the window flags change (it
sets `FullScreenPrimary`, which excludes `FullScreenAuxiliary`), so `apply_overlay_window` is
called after every show of the overlay (see `Overlay.setVisible`). The decisions are plain
functions (`overlay_collection_behavior`, `overlay_style_mask`), tested on every OS; the calls
themselves only run on macOS, are logged and ignored when anything is unexpected, and are
checked by `tests/platform/test_macos_overlay.py` on the macOS CI runner.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# NSWindowCollectionBehavior (NSUInteger bits, AppKit NSWindow.h).
CAN_JOIN_ALL_SPACES = 1 << 0
MOVE_TO_ACTIVE_SPACE = 1 << 1
MANAGED = 1 << 2
TRANSIENT = 1 << 3
STATIONARY = 1 << 4
PARTICIPATES_IN_CYCLE = 1 << 5
IGNORES_CYCLE = 1 << 6
FULL_SCREEN_PRIMARY = 1 << 7
FULL_SCREEN_AUXILIARY = 1 << 8
FULL_SCREEN_NONE = 1 << 9
# On every Space and over other apps' full-screen windows; left where it is by Mission Control
# (a HUD, not a document window to arrange); skipped by Cmd-` so window cycling never lands on
# it and moves the keyboard away from the CRM.
OVERLAY_BEHAVIOR = CAN_JOIN_ALL_SPACES | FULL_SCREEN_AUXILIARY | STATIONARY | IGNORES_CYCLE
# At most one bit of each group may be set: AppKit raises an Objective-C exception otherwise,
# which ctypes cannot catch (the process would abort). Qt itself sets MoveToActiveSpace when it
# creates a panel and FullScreenPrimary on every flag change.
EXCLUSIVE_BEHAVIORS = (
    CAN_JOIN_ALL_SPACES | MOVE_TO_ACTIVE_SPACE,
    MANAGED | TRANSIENT | STATIONARY,
    PARTICIPATES_IN_CYCLE | IGNORES_CYCLE,
    FULL_SCREEN_PRIMARY | FULL_SCREEN_AUXILIARY | FULL_SCREEN_NONE,
)
NONACTIVATING_PANEL = 1 << 7  # NSWindowStyleMaskNonactivatingPanel; valid on NSPanel only
ACTIVATION_REGULAR = 0  # NSApplicationActivationPolicy
ACTIVATION_ACCESSORY = 1


def overlay_collection_behavior(current: int) -> int:
    """The overlay's behaviour bits added to `current`, after clearing every bit they exclude."""
    kept = current
    for group in EXCLUSIVE_BEHAVIORS:
        kept &= ~group
    return kept | OVERLAY_BEHAVIOR


def overlay_style_mask(current: int, *, is_panel: bool) -> int:
    """`current` plus NonactivatingPanel, which AppKit honours (and allows) on panels only."""
    return current | NONACTIVATING_PANEL if is_panel else current


@dataclass(frozen=True)
class WindowState:
    """What AppKit reports for the overlay's NSWindow (read back by the macOS tests)."""

    is_panel: bool
    style_mask: int
    collection_behavior: int
    hides_on_deactivate: bool


# -- the Objective-C runtime ---------------------------------------------------------------

UInt = ctypes.c_ulong  # NSUInteger: 64-bit on every Mac Qt 6 runs on
Int = ctypes.c_long  # NSInteger
Id = ctypes.c_void_p


class _ObjC:
    """`objc_msgSend`, cast once per signature: its arguments are not variadic in the arm64
    calling convention, so every selector is called through a prototype of its own types."""

    def __init__(self) -> None:
        lib = ctypes.CDLL(ctypes.util.find_library("objc") or "/usr/lib/libobjc.A.dylib")
        lib.sel_registerName.restype = ctypes.c_void_p
        lib.sel_registerName.argtypes = [ctypes.c_char_p]
        lib.objc_getClass.restype = ctypes.c_void_p
        lib.objc_getClass.argtypes = [ctypes.c_char_p]
        address = ctypes.cast(lib.objc_msgSend, ctypes.c_void_p).value
        if address is None:
            raise OSError("objc_msgSend not found")
        self._lib = lib
        self._address = address
        self._prototypes: dict[tuple[Any, ...], Any] = {}

    def cls(self, name: str) -> int | None:
        value: int | None = self._lib.objc_getClass(name.encode())
        return value

    def send(self, restype: Any, receiver: int, selector: str, *args: tuple[Any, Any]) -> Any:
        """`[receiver selector args…]`; each arg is `(ctypes type, value)`."""
        signature = (restype, *(kind for kind, _ in args))
        prototype = self._prototypes.get(signature)
        if prototype is None:
            kinds = [kind for kind, _ in args]
            prototype = ctypes.CFUNCTYPE(restype, Id, Id, *kinds)(self._address)
            self._prototypes[signature] = prototype
        sel = self._lib.sel_registerName(selector.encode())
        return prototype(receiver, sel, *(value for _, value in args))


@cache
def _objc() -> _ObjC:
    return _ObjC()


def _on_cocoa() -> bool:
    """Only the cocoa platform has NSViews behind `winId()`; under `offscreen` a message sent to
    that number would crash the process."""
    return sys.platform == "darwin" and QGuiApplication.platformName() == "cocoa"


def _ns_app(objc: _ObjC) -> int | None:
    app_class = objc.cls("NSApplication")
    if not app_class:
        return None
    app: int | None = objc.send(Id, app_class, "sharedApplication")
    return app


def _ns_window(objc: _ObjC, widget: QWidget) -> int | None:
    view = int(widget.winId())  # creates the native window if needed
    window: int | None = objc.send(Id, view, "window") if view else None
    return window


# -- the public calls ----------------------------------------------------------------------


def make_accessory_app() -> bool:
    """No Dock icon, no menu bar, never the active app by itself; True when AppKit agreed.

    Call once, after `QApplication` exists (it creates NSApp, and sets the regular policy while
    it is built when the bundle has no `LSUIElement`, as when running from source).
    """
    if not _on_cocoa():
        return False
    try:
        objc = _objc()
        app = _ns_app(objc)
        if not app:
            return False
        ok = bool(
            objc.send(ctypes.c_bool, app, "setActivationPolicy:", (Int, ACTIVATION_ACCESSORY))
        )
        if not ok:
            log.info("macOS refused the accessory activation policy")
        return ok
    except Exception as exc:
        log.info("could not make Call Companion an accessory app: %s", exc)
        return False


def activation_policy() -> int | None:
    """NSApp's activation policy (`ACTIVATION_ACCESSORY` once set), or None off macOS."""
    if not _on_cocoa():
        return None
    objc = _objc()
    app = _ns_app(objc)
    return int(objc.send(Int, app, "activationPolicy")) if app else None


def apply_overlay_window(widget: QWidget) -> bool:
    """Make the widget's NSWindow a non-activating panel on every Space; True when applied.

    Idempotent and cheap: it only writes what differs, so it can run after every show.
    """
    if not _on_cocoa():
        return False
    try:
        objc = _objc()
        window = _ns_window(objc, widget)
        if not window:
            return False
        state = _read(objc, window)
        mask = overlay_style_mask(state.style_mask, is_panel=state.is_panel)
        if mask != state.style_mask:
            objc.send(None, window, "setStyleMask:", (UInt, mask))
        behavior = overlay_collection_behavior(state.collection_behavior)
        if behavior != state.collection_behavior:
            objc.send(None, window, "setCollectionBehavior:", (UInt, behavior))
        if state.hides_on_deactivate:
            objc.send(None, window, "setHidesOnDeactivate:", (ctypes.c_bool, False))
        return True
    except Exception as exc:
        log.info("could not keep the overlay on every Space: %s", exc)
        return False


def overlay_window_state(widget: QWidget) -> WindowState | None:
    """The widget's NSWindow as AppKit sees it now, or None off macOS / without a window."""
    if not _on_cocoa():
        return None
    objc = _objc()
    window = _ns_window(objc, widget)
    return _read(objc, window) if window else None


def _read(objc: _ObjC, window: int) -> WindowState:
    panel_class = objc.cls("NSPanel")
    is_panel = bool(objc.send(ctypes.c_bool, window, "isKindOfClass:", (Id, panel_class)))
    return WindowState(
        is_panel=is_panel,
        style_mask=int(objc.send(UInt, window, "styleMask")),
        collection_behavior=int(objc.send(UInt, window, "collectionBehavior")),
        hides_on_deactivate=bool(objc.send(ctypes.c_bool, window, "hidesOnDeactivate")),
    )
