"""Hotkey combinations from the settings: parsed, checked and compared without a display."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.config.layers import load_config
from companion.config.settings import SETTINGS
from companion.hotkeys.spec import (
    ACTIONS,
    Combo,
    check_hotkey,
    combo_from_qt,
    parse_combo,
    plan_hotkeys,
    unavailable_reason,
)


def test_combinations_parse_to_one_canonical_form() -> None:
    combo = parse_combo("<Shift>+<CTRL>+S")
    assert combo == Combo(frozenset({"ctrl", "shift"}), "s")
    assert combo.pynput() == "<ctrl>+<shift>+s"
    assert combo.label() == "Ctrl+Shift+S"
    assert parse_combo("<f9>").pynput() == "<f9>"
    assert parse_combo("<alt>+<page_down>").label() == "Alt+Page Down"
    assert parse_combo("<cmd>++").key == "+"
    assert check_hotkey("  ") == ""  # empty: no global hotkey for that action


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("ctrl+s", "'ctrl' is not a key"),
        ("<ctrl>+<hyper>+s", "unknown key <hyper>"),
        ("<ctrl>+<shift>", "exactly one key"),
        ("<ctrl>+a+b", "exactly one key"),
        ("<ctrl>+<ctrl>+s", "<ctrl> appears twice"),
        ("<shift>+s", "add <ctrl>, <alt> or <cmd>"),
        ("s", "add <ctrl>, <alt> or <cmd>"),
        ("<ctrl>+", "ends with '+'"),
    ],
)
def test_bad_combinations_say_why_in_one_line(spec: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_combo(spec)
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_every_action_has_a_declared_setting_with_the_in_app_default() -> None:
    for action in ACTIONS:
        key = SETTINGS[f"hotkeys.{action}"]
        assert parse_combo(key.default).mods == frozenset({"ctrl", "shift"})
    assert SETTINGS["hotkeys.enabled"].default is True
    assert SETTINGS["hotkeys.start"].validate("<CTRL>+<alt>+S") == "<ctrl>+<alt>+s"
    with pytest.raises(ValueError, match="is not a key"):
        SETTINGS["hotkeys.end"].validate("ctrl+e")


def test_a_bad_combination_in_the_user_file_is_a_one_line_problem(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('[hotkeys]\nstart = "<ctrl>+<alt>+x"\nend = "ctrl+e"\n', encoding="utf-8")
    config = load_config(tmp_path / "machine.toml", user)
    assert config.get("hotkeys.start") == "<ctrl>+<alt>+x"
    assert config.get("hotkeys.end") == "<ctrl>+<shift>+e"  # the default stays in force
    (problem,) = config.problems
    text = str(problem)
    assert "hotkeys.end" in text and "user.toml" in text and "\n" not in text


def test_qt_shortcut_text_maps_to_the_same_combo() -> None:
    global_start = parse_combo("<ctrl>+<shift>+s")
    assert combo_from_qt("Ctrl+Shift+S", platform="linux") == global_start
    assert combo_from_qt("Ctrl+Shift+S", platform="win32") == global_start
    # On macOS Qt's Ctrl is Command: the in-app Cmd+Shift+S is not the global Ctrl+Shift+S.
    assert combo_from_qt("Ctrl+Shift+S", platform="darwin") == parse_combo("<cmd>+<shift>+s")
    assert combo_from_qt("Meta+Shift+S", platform="darwin") == global_start
    assert combo_from_qt("Ctrl+,", platform="linux") == Combo(frozenset({"ctrl"}), ",")
    assert combo_from_qt("Ctrl++", platform="linux") == Combo(frozenset({"ctrl"}), "+")
    assert combo_from_qt("F9", platform="linux") == parse_combo("<f9>")
    assert combo_from_qt("Ctrl+K, Ctrl+S", platform="linux") is None  # two chords
    assert combo_from_qt("Hyper+S", platform="linux") is None


def test_plan_binds_each_combination_once() -> None:
    plan = plan_hotkeys(
        {"start": "<ctrl>+<shift>+s", "end": "<ctrl>+<shift>+s", "mute": "", "breathe": "x"}
    )
    assert plan.bindings == {"start": parse_combo("<ctrl>+<shift>+s")}
    assert plan.problems == [
        "hotkeys.end: Ctrl+Shift+S is already hotkeys.start; not bound",
        "hotkeys.breathe: 'x': add <ctrl>, <alt> or <cmd>, or typing would trigger it "
        "(F-keys may stand alone)",
    ]
    assert plan.covers(combo_from_qt("Ctrl+Shift+S", platform="linux"))
    assert not plan.covers(combo_from_qt("Ctrl+Shift+E", platform="linux"))
    assert not plan.covers(None)


def test_sessions_without_global_keys_are_named() -> None:
    assert unavailable_reason({"DISPLAY": ":0"}, "linux") is None
    assert unavailable_reason({}, "linux") == "no X display"
    wayland = unavailable_reason({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert wayland is not None and "Wayland" in wayland
    assert unavailable_reason({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "linux")
    assert unavailable_reason({}, "win32") is None
    assert unavailable_reason({}, "darwin") is None


def test_one_declaration_drives_the_in_app_shortcuts_and_the_hotkeys() -> None:
    """`[hotkeys] start` changes the in-app shortcut too; empty means none; bad falls back."""
    import sys

    from companion.config.settings import SETTINGS
    from companion.hotkeys.spec import combo_from_qt, in_app_shortcuts, parse_combo

    def shortcut_keys(setting: object) -> dict[str, str]:
        return in_app_shortcuts(setting, platform=sys.platform)  # type: ignore[arg-type]

    defaults = SETTINGS.defaults()
    keys = shortcut_keys(defaults.get)
    for action in ("prepare", "start", "end", "mute", "breathe", "expand"):
        declared = parse_combo(str(defaults[f"hotkeys.{action}"]))
        assert combo_from_qt(keys[action], platform=sys.platform) == declared
    assert keys["search"] == "Ctrl+F" and keys["settings"] == "Ctrl+,"
    changed = {**defaults, "hotkeys.start": "<f9>", "hotkeys.end": "", "hotkeys.mute": "<ctrl>+"}
    keys = shortcut_keys(changed.get)
    assert keys["start"] == "F9"
    assert "end" not in keys
    assert keys["mute"] == shortcut_keys(defaults.get)["mute"]  # unreadable: the default


def test_qt_spelling_round_trips_on_every_platform() -> None:
    from companion.hotkeys.spec import combo_from_qt, parse_combo

    for spec in ("<ctrl>+<shift>+s", "<f9>", "<ctrl>+<alt>+<page_down>", "<cmd>+<shift>+o"):
        combo = parse_combo(spec)
        for platform in ("linux", "win32", "darwin"):
            assert combo_from_qt(combo.qt(platform=platform), platform=platform) == combo
    assert parse_combo("<ctrl>+<shift>+s").qt(platform="darwin") == "Meta+Shift+S"
