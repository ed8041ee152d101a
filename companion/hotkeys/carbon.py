"""macOS system-wide hotkeys through Carbon's `RegisterEventHotKey`.

pynput's macOS listener is an event tap on its own thread that calls the keyboard-layout APIs
(TIS*) off the main thread, which kills the process on macOS 14 and later, and it needs the
Accessibility / Input Monitoring grant. A registered hot key needs no grant: the window server
matches the key and modifiers and sends one Carbon event to the app, which AppKit dispatches on
the main thread while Qt's Cocoa event loop runs. The handler only reports the action.

The pure part comes first and is tested on every OS (`tests/unit/test_carbon_keys.py`): a
`Combo` becomes a virtual key code plus a Carbon modifier mask. Key codes are key positions,
so the character a combination names is looked up in the current keyboard layout (`<ctrl>+m`
is a different key on AZERTY); a character the layout cannot type without Shift is refused with
a one-line reason. The ctypes part runs only on macOS and only on the main thread (the layout
APIs must), and is checked by `tests/platform/test_macos_hotkeys.py` on the macOS CI runner.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from companion.hotkeys.spec import Combo

log = logging.getLogger(__name__)

# Carbon modifier masks (HIToolbox Events.h).
MODIFIER_MASKS = {"cmd": 0x0100, "shift": 0x0200, "alt": 0x0800, "ctrl": 0x1000}
# kVK_ANSI_*: the character each key types on the US layout, the fallback layout.
ANSI_KEYS: dict[str, int] = {
    **dict(zip("asdfhgzxcv", range(0x00, 0x0A), strict=True)),
    **dict(zip("bqweryt123465=97-80]ou[ip", range(0x0B, 0x24), strict=True)),
    **dict(zip("lj'k;\\,/nm.", range(0x25, 0x30), strict=True)),
    "`": 0x32,
}
# Keys that type no character, by the names `companion.hotkeys.spec` accepts.
# fmt: off
NAMED_KEYCODES: dict[str, int] = {
    "enter": 0x24, "tab": 0x30, "space": 0x31, "backspace": 0x33, "esc": 0x35,
    "home": 0x73, "page_up": 0x74, "delete": 0x75, "end": 0x77, "page_down": 0x79,
    "left": 0x7B, "right": 0x7C, "down": 0x7D, "up": 0x7E,
    "f1": 0x7A, "f2": 0x78, "f3": 0x63, "f4": 0x76, "f5": 0x60, "f6": 0x61, "f7": 0x62,
    "f8": 0x64, "f9": 0x65, "f10": 0x6D, "f11": 0x67, "f12": 0x6F, "f13": 0x69, "f14": 0x6B,
    "f15": 0x71, "f16": 0x6A, "f17": 0x40, "f18": 0x4F, "f19": 0x50, "f20": 0x5A,
}
# fmt: on
# Keypad keys type digits and operators too, but a combination names the main keys.
KEYPAD_CODES = frozenset({0x41, 0x43, 0x45, 0x47, 0x4B, 0x4C, 0x4E, 0x51, *range(0x52, 0x5D)})


@dataclass(frozen=True)
class CarbonHotkey:
    """What `RegisterEventHotKey` takes: a virtual key code and a modifier mask."""

    keycode: int
    modifiers: int


def layout_keys(typed: Callable[[int], str]) -> dict[str, int]:
    """Character → key code for a keyboard layout, from what each key types without modifiers.

    `typed(code)` is the text key `code` produces (empty for none). Keypad and named keys are
    skipped; when two keys type the same character, the lower code (the main block) wins.
    """
    skip = KEYPAD_CODES | set(NAMED_KEYCODES.values())
    keys: dict[str, int] = {}
    for code in range(128):
        if code in skip:
            continue
        text = typed(code)
        if len(text) == 1 and text.isprintable() and not text.isspace():
            keys.setdefault(text.lower(), code)
    return keys


def carbon_hotkey(combo: Combo, layout: Mapping[str, int] = ANSI_KEYS) -> CarbonHotkey:
    """The key code and modifiers for `combo` on `layout`; ValueError with a one-line reason.

    Digits fall back to the top row when the layout types them with Shift (AZERTY): that key
    is still the one labelled with the digit.
    """
    modifiers = sum(MODIFIER_MASKS[m] for m in combo.mods)
    code = NAMED_KEYCODES.get(combo.key)
    if code is None:
        code = layout.get(combo.key)
    if code is None and combo.key.isdigit():
        code = ANSI_KEYS[combo.key]
    if code is None:
        raise ValueError(
            f"{combo.label()}: no key types {combo.key!r} without Shift on this keyboard layout"
        )
    return CarbonHotkey(code, modifiers)


def map_bindings(
    bindings: Mapping[str, Combo], layout: Mapping[str, int] = ANSI_KEYS
) -> tuple[dict[str, CarbonHotkey], list[str]]:
    """Each action's hotkey, and one problem line per action that cannot be bound."""
    mapped: dict[str, CarbonHotkey] = {}
    problems: list[str] = []
    for action, combo in bindings.items():
        try:
            hotkey = carbon_hotkey(combo, layout)
        except ValueError as exc:
            problems.append(f"hotkeys.{action}: {exc}")
            continue
        twin = next((a for a, h in mapped.items() if h == hotkey), None)
        if twin is not None:
            problems.append(
                f"hotkeys.{action}: {combo.label()} is the same key as hotkeys.{twin} on this "
                "keyboard layout; not bound"
            )
            continue
        mapped[action] = hotkey
    return mapped, problems


def refusal(action: str, combo: Combo, status: int) -> str:
    """The problem line for a combination `RegisterEventHotKey` refused with `status`."""
    why = {
        -9878: "another app already holds it",  # eventHotKeyExistsErr
        -9879: "macOS does not allow it",  # eventHotKeyInvalidErr
    }.get(status, f"macOS refused it (error {status})")
    return f"hotkeys.{action}: {combo.label()} is not set: {why}"


def four_cc(code: str) -> int:
    """An OSType: four ASCII characters read as one big-endian 32-bit number."""
    return int.from_bytes(code.encode("ascii"), "big")


# -- Carbon through ctypes (macOS only) --------------------------------------------------

CARBON_PATH = "/System/Library/Frameworks/Carbon.framework/Carbon"
CORE_FOUNDATION_PATH = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
NO_ERR = 0
EVENT_NOT_HANDLED = -9874  # eventNotHandledErr: let the next handler see the event
KEYBOARD_CLASS = four_cc("keyb")  # kEventClassKeyboard
HOTKEY_PRESSED = 5  # kEventHotKeyPressed
DIRECT_OBJECT = four_cc("----")  # kEventParamDirectObject
HOTKEY_ID_TYPE = four_cc("hkid")  # typeEventHotKeyID
SIGNATURE = four_cc("CCmp")  # marks our EventHotKeyIDs among any others in the process


class EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


class EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


# OSStatus (*EventHandlerProcPtr)(EventHandlerCallRef, EventRef, void *userData)
EventHandlerProc = ctypes.CFUNCTYPE(
    ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)


@cache
def carbon() -> Any:
    """Carbon.framework with the prototypes used here (HIToolbox and CarbonCore symbols)."""
    lib = ctypes.CDLL(CARBON_PATH)
    ptr, ulong = ctypes.c_void_p, ctypes.c_ulong
    u8, u16, u32 = ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
    status, out = ctypes.c_int32, ctypes.POINTER  # OSStatus; an out-parameter
    spec_list = ctypes.POINTER(EventTypeSpec)
    prototypes: dict[str, tuple[Any, list[Any]]] = {
        "GetEventDispatcherTarget": (ptr, []),
        "InstallEventHandler": (status, [ptr, EventHandlerProc, ulong, spec_list, ptr, out(ptr)]),
        "RemoveEventHandler": (status, [ptr]),
        "RegisterEventHotKey": (status, [u32, u32, EventHotKeyID, ptr, u32, out(ptr)]),
        "UnregisterEventHotKey": (status, [ptr]),
        "GetEventParameter": (status, [ptr, u32, u32, out(u32), ulong, out(ulong), ptr]),
        "TISCopyCurrentKeyboardLayoutInputSource": (ptr, []),
        "TISCopyCurrentASCIICapableKeyboardLayoutInputSource": (ptr, []),
        "TISGetInputSourceProperty": (ptr, [ptr, ptr]),
        "LMGetKbdType": (u8, []),
        "UCKeyTranslate": (
            status,
            [ptr, u16, u16, u32, u32, u32, out(u32), ulong, out(ulong), out(u16)],
        ),
    }
    for name, (restype, argtypes) in prototypes.items():
        try:
            function = getattr(lib, name)
        except AttributeError as exc:  # a macOS that dropped a Carbon call
            raise OSError(f"Carbon has no {name}") from exc
        function.restype, function.argtypes = restype, argtypes
    return lib


def keyboard_layout() -> dict[str, int] | None:
    """Character → key code for the current keyboard layout, or None (then use ANSI_KEYS).

    Main thread only. Input methods without key data (Japanese, Chinese) fall back to the
    ASCII-capable layout the user types Latin letters with.
    """
    try:
        return _read_layout()
    except Exception as exc:  # only the mapping's accuracy depends on it
        log.info("could not read the keyboard layout, assuming US: %s", exc)
        return None


def _read_layout() -> dict[str, int] | None:
    lib = carbon()
    cf = ctypes.CDLL(CORE_FOUNDATION_PATH)
    cf.CFDataGetBytePtr.restype, cf.CFDataGetBytePtr.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
    cf.CFRelease.restype, cf.CFRelease.argtypes = None, [ctypes.c_void_p]
    data_key = ctypes.c_void_p.in_dll(lib, "kTISPropertyUnicodeKeyLayoutData")
    for copy in (
        lib.TISCopyCurrentKeyboardLayoutInputSource,
        lib.TISCopyCurrentASCIICapableKeyboardLayoutInputSource,
    ):
        source = copy()
        if not source:
            continue
        try:
            data = lib.TISGetInputSourceProperty(source, data_key)
            layout = cf.CFDataGetBytePtr(data) if data else None
            if layout:
                return layout_keys(_translator(lib, layout))
        finally:
            cf.CFRelease(source)
    return None


def _translator(lib: Any, layout: int) -> Callable[[int], str]:
    kbd_type = lib.LMGetKbdType()

    def typed(code: int) -> str:
        dead = ctypes.c_uint32(0)
        length = ctypes.c_ulong(0)
        chars = (ctypes.c_uint16 * 4)()
        status = lib.UCKeyTranslate(
            layout, code, 3, 0, kbd_type, 1, ctypes.byref(dead), 4, ctypes.byref(length), chars
        )  # kUCKeyActionDisplay, no modifiers, kUCKeyTranslateNoDeadKeysMask
        if status != NO_ERR:
            return ""
        return bytes(chars)[: 2 * length.value].decode("utf-16-le", "replace")

    return typed


class CarbonHotkeys:
    """Registered hot keys and the one event handler that reports them as actions.

    `on_action(action)` runs on the main thread inside AppKit's event dispatch; keep it as
    small as emitting a signal. Handler and hot keys target the event dispatcher, which sees
    hot keys whether or not the app is active (an accessory app rarely is).
    """

    def __init__(self, on_action: Callable[[str], None]) -> None:
        self._on_action = on_action
        self._actions: dict[int, str] = {}
        self._refs: dict[str, ctypes.c_void_p] = {}
        self.registered: dict[str, CarbonHotkey] = {}
        self._handler_ref = ctypes.c_void_p()
        # Carbon keeps only the function pointer: this object must outlive the handler.
        self._callback = EventHandlerProc(self._handle)

    @property
    def ids(self) -> dict[str, int]:
        """The `EventHotKeyID.id` of each registered action: its position in `start`'s
        mapping, from 1 (the signature is `SIGNATURE`)."""
        return {action: number for number, action in self._actions.items()}

    def start(self, hotkeys: Mapping[str, CarbonHotkey]) -> dict[str, int]:
        """Install the handler and register each hot key; the refused ones' OSStatus by action.

        Call once. Raises OSError when the handler itself cannot be installed.
        """
        lib = carbon()
        target = lib.GetEventDispatcherTarget()
        spec = EventTypeSpec(KEYBOARD_CLASS, HOTKEY_PRESSED)
        status = lib.InstallEventHandler(
            target, self._callback, 1, ctypes.byref(spec), None, ctypes.byref(self._handler_ref)
        )
        if status != NO_ERR:
            raise OSError(f"InstallEventHandler failed (OSStatus {status})")
        refused: dict[str, int] = {}
        for number, (action, hotkey) in enumerate(hotkeys.items(), start=1):
            ref = ctypes.c_void_p()
            status = lib.RegisterEventHotKey(
                hotkey.keycode,
                hotkey.modifiers,
                EventHotKeyID(SIGNATURE, number),
                target,
                0,
                ctypes.byref(ref),
            )
            if status != NO_ERR:
                refused[action] = status
                continue
            self._actions[number] = action
            self._refs[action] = ref
            self.registered[action] = hotkey
        return refused

    def stop(self) -> list[int]:
        """Unregister every hot key and remove the handler; the non-zero OSStatus codes."""
        lib = carbon()
        failures = [s for s in map(lib.UnregisterEventHotKey, self._refs.values()) if s != NO_ERR]
        self._refs.clear()
        self._actions.clear()
        self.registered.clear()
        if self._handler_ref:
            status = lib.RemoveEventHandler(self._handler_ref)
            if status != NO_ERR:
                failures.append(status)
            self._handler_ref = ctypes.c_void_p()
        return failures

    def _handle(self, _call: int | None, event: int | None, _data: int | None) -> int:
        try:
            hotkey_id = EventHotKeyID()
            status = carbon().GetEventParameter(
                event,
                DIRECT_OBJECT,
                HOTKEY_ID_TYPE,
                None,
                ctypes.sizeof(hotkey_id),
                None,
                ctypes.byref(hotkey_id),
            )
            action = self._actions.get(hotkey_id.id)
            if status != NO_ERR or hotkey_id.signature != SIGNATURE or action is None:
                return EVENT_NOT_HANDLED
            self._on_action(action)
            return NO_ERR
        except Exception:  # an exception must not unwind through AppKit's C frames
            log.exception("the hot key handler failed")
            return EVENT_NOT_HANDLED
