"""Hotkey combinations as the settings spell them, checked without a keyboard or a display.

A combination is written the way pynput's `HotKey.parse` reads it: modifiers in angle brackets,
then one key, joined by `+` — `<ctrl>+<shift>+s`, `<alt>+<f9>`, `<f8>`. It is checked here,
not by importing pynput (pynput picks its OS backend at import and fails without a display), so
a bad value in a config file is a one-line settings problem like any other, and the listener
only ever receives combinations it can parse.

Rules: exactly one key besides the modifiers; no modifier twice; a letter, digit or punctuation
key needs Ctrl, Alt or Cmd, so an agent typing a capital letter in the CRM never starts a call
(function keys may stand alone). An empty string means "no global hotkey for this action".

`Combo` is the canonical form both sides compare: the global combination and Qt's in-app
`QKeySequence` text (`Ctrl+Shift+S`), so an in-app shortcut that the global hotkey already
covers can be switched off and the action runs once, not twice, while our window has focus.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator

MODIFIERS = ("ctrl", "alt", "shift", "cmd")  # pynput's names, in the order they are written
NAMED_KEYS = frozenset(
    {f"f{n}" for n in range(1, 21)}
    | {"space", "enter", "tab", "esc", "backspace", "delete", "home", "end"}
    | {"page_up", "page_down", "up", "down", "left", "right"}
)
# Qt's names (QKeySequence.toString) for the named keys that differ from pynput's.
_QT_KEYS = {
    "return": "enter",
    "escape": "esc",
    "del": "delete",
    "pgup": "page_up",
    "pgdown": "page_down",
    "backspace": "backspace",
}
_QT_NAMES = {"pgup": "PgUp", "pgdown": "PgDown"}  # Qt's own capitalisation
ACTIONS = ("prepare", "start", "end", "mute", "breathe", "expand")


@dataclass(frozen=True, order=True)
class Combo:
    """Modifiers plus one key, lower case: `Combo(frozenset({"ctrl", "shift"}), "s")`."""

    mods: frozenset[str]
    key: str

    def pynput(self) -> str:
        """The spelling `pynput.keyboard.HotKey.parse` accepts."""
        parts = [f"<{m}>" for m in MODIFIERS if m in self.mods]
        parts.append(f"<{self.key}>" if self.key in NAMED_KEYS else self.key)
        return "+".join(parts)

    def qt(self, *, platform: str) -> str:
        """Qt's portable text (`Ctrl+Shift+S`): the in-app shortcut for the same combination.

        The inverse of `combo_from_qt`: on macOS Qt's `Ctrl` is the Command key and `Meta` is
        Control."""
        names = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "cmd": "Meta"}
        if platform == "darwin":
            names.update(ctrl="Meta", cmd="Ctrl")
        qt_key = {v: k for k, v in _QT_KEYS.items()}.get(self.key, self.key)
        key = qt_key.upper() if len(qt_key) == 1 else _QT_NAMES.get(qt_key, qt_key.capitalize())
        return "+".join([*(names[m] for m in MODIFIERS if m in self.mods), key])

    def label(self) -> str:
        """What the agent reads: `Ctrl+Shift+S`."""
        names = [m.capitalize() for m in MODIFIERS if m in self.mods]
        key = self.key.upper() if len(self.key) == 1 else self.key.replace("_", " ").title()
        return "+".join([*names, key])


def parse_combo(text: str) -> Combo:
    """`<ctrl>+<shift>+s` → Combo; raises `ValueError` with one short reason."""
    spec = text.strip().lower()
    if not spec:
        raise ValueError("empty hotkey")
    parts = _split(spec)
    mods: set[str] = set()
    keys: list[str] = []
    for part in parts:
        if len(part) > 2 and part[0] == "<" and part[-1] == ">":
            name = part[1:-1]
            if name in MODIFIERS:
                if name in mods:
                    raise ValueError(f"{text!r}: <{name}> appears twice")
                mods.add(name)
            elif name in NAMED_KEYS:
                keys.append(name)
            else:
                raise ValueError(
                    f"{text!r}: unknown key <{name}> (modifiers: <ctrl> <alt> <shift> <cmd>; "
                    "keys: a letter, a digit, <f1>…<f20>, <space>, <enter>, <home>, …)"
                )
        elif len(part) == 1 and part.isprintable() and not part.isspace():
            keys.append(part)
        else:
            raise ValueError(f"{text!r}: {part!r} is not a key (write modifiers as <ctrl>)")
    if len(keys) != 1:
        raise ValueError(f"{text!r}: needs exactly one key besides the modifiers")
    key = keys[0]
    if not mods & {"ctrl", "alt", "cmd"} and not (key.startswith("f") and key in NAMED_KEYS):
        raise ValueError(
            f"{text!r}: add <ctrl>, <alt> or <cmd>, or typing would trigger it (F-keys may "
            "stand alone)"
        )
    return Combo(frozenset(mods), key)


def _split(spec: str) -> list[str]:
    """Split on `+`, keeping a `+` that is itself the key (`<ctrl>++`)."""
    parts: list[str] = []
    start = 0
    for i, char in enumerate(spec):
        if char == "+" and i != start:
            parts.append(spec[start:i])
            start = i + 1
    if start >= len(spec):
        raise ValueError(f"{spec!r}: ends with '+'")
    parts.append(spec[start:])
    return parts


def check_hotkey(text: str) -> str:
    """The pydantic validator of a hotkey setting: returns the canonical spelling, or ''."""
    if not text.strip():
        return ""
    return parse_combo(text).pynput()


HotkeySpec = Annotated[str, AfterValidator(check_hotkey)]


def combo_from_qt(sequence: str, *, platform: str) -> Combo | None:
    """Qt's portable text of a one-chord shortcut (`Ctrl+Shift+S`) as a Combo, or None.

    On macOS Qt's `Ctrl` is the Command key and `Meta` is Control.
    """
    names = {"ctrl": "ctrl", "alt": "alt", "shift": "shift", "meta": "cmd"}
    if platform == "darwin":
        names.update(ctrl="cmd", meta="ctrl")
    raw = sequence.strip().lower()
    if not raw or ", " in raw:
        return None
    if raw.endswith("++"):  # the '+' key itself: "Ctrl++"
        head, key = raw[:-2], "+"
        mod_parts = head.split("+") if head else []
    else:
        *mod_parts, key = raw.split("+")
    mods: set[str] = set()
    for part in mod_parts:
        if part not in names:
            return None
        mods.add(names[part])
    key = _QT_KEYS.get(key, key)
    if len(key) != 1 and key not in NAMED_KEYS:
        return None
    return Combo(frozenset(mods), key)


@dataclass(frozen=True)
class Plan:
    """What the listener binds (action → combination) and what could not be bound."""

    bindings: dict[str, Combo]
    problems: list[str]

    def covers(self, combo: Combo | None) -> bool:
        return combo is not None and combo in self.bindings.values()


def plan_hotkeys(specs: Mapping[str, str]) -> Plan:
    """Bind each action's combination; one used twice binds only its first action."""
    bindings: dict[str, Combo] = {}
    problems: list[str] = []
    owner: dict[Combo, str] = {}
    for action, text in specs.items():
        if not text.strip():
            continue
        try:
            combo = parse_combo(text)
        except ValueError as exc:
            problems.append(f"hotkeys.{action}: {exc}")
            continue
        if combo in owner:
            problems.append(
                f"hotkeys.{action}: {combo.label()} is already hotkeys.{owner[combo]}; not bound"
            )
            continue
        owner[combo] = action
        bindings[action] = combo
    return Plan(bindings, problems)


def unavailable_reason(env: Mapping[str, str], platform: str) -> str | None:
    """Why this session cannot have system-wide hotkeys (None: try).

    Wayland gives no app the keys pressed in other apps' windows (by design); under XWayland
    an X hook would only see X apps, which is worse than saying so. Linux without an X display
    has nothing to listen to.
    """
    if platform.startswith("linux"):
        if env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or env.get("WAYLAND_DISPLAY"):
            return "Wayland does not let an app see keys pressed in other windows"
        if not env.get("DISPLAY"):
            return "no X display"
    return None


def current_reason() -> str | None:
    return unavailable_reason(os.environ, sys.platform)


IN_APP_ONLY = {"search": "Ctrl+F", "settings": "Ctrl+,"}  # window-only; the call actions: [hotkeys]


def in_app_shortcuts(setting: Callable[[str], object], *, platform: str) -> dict[str, str]:
    """The in-app shortcuts in Qt's spelling: the call actions from the `[hotkeys]` settings (the
    same combinations the system-wide hotkeys use; empty: none), then the window-only ones."""
    keys: dict[str, str] = {}
    for action in ACTIONS:
        spec = str(setting(f"hotkeys.{action}") or "")
        try:
            combo = parse_combo(spec) if spec else None
        except ValueError:  # reported as a settings problem by the hotkeys; keep the default
            from companion.config.settings import SETTINGS  # declared there, with this parser

            combo = parse_combo(str(SETTINGS[f"hotkeys.{action}"].default))
        if combo is not None:
            keys[action] = combo.qt(platform=platform)
    return {**keys, **IN_APP_ONLY}
