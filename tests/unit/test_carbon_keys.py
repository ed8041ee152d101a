"""macOS hotkeys, the pure part: combinations as Carbon key codes and modifier masks.

Runs on every OS; the registration itself is tested on macOS (tests/platform).
"""

from __future__ import annotations

import pytest

from companion.config.settings import SETTINGS
from companion.hotkeys.carbon import (
    ANSI_KEYS,
    KEYPAD_CODES,
    NAMED_KEYCODES,
    CarbonHotkey,
    carbon_hotkey,
    four_cc,
    layout_keys,
    map_bindings,
    refusal,
)
from companion.hotkeys.spec import ACTIONS, parse_combo, plan_hotkeys

CONTROL, SHIFT, OPTION, COMMAND = 0x1000, 0x0200, 0x0800, 0x0100


def _azerty(code: int) -> str:
    """What a French AZERTY keyboard types without modifiers, by key code (main block only)."""
    moved = {0x00: "q", 0x0C: "a", 0x06: "w", 0x0D: "z", 0x29: "m", 0x2E: ",", 0x2C: "!"}
    top_row = dict(zip((0x12, 0x13, 0x14, 0x15, 0x17, 0x16), "&é\"'(§", strict=True))
    ansi = {code: char for char, code in ANSI_KEYS.items()}
    return moved.get(code) or top_row.get(code) or ansi.get(code, "")


def test_the_default_plan_maps_on_a_us_keyboard() -> None:
    specs = {action: SETTINGS[f"hotkeys.{action}"].default for action in ACTIONS}
    mapped, problems = map_bindings(plan_hotkeys(specs).bindings)
    assert problems == []
    assert mapped["start"] == CarbonHotkey(0x01, CONTROL | SHIFT)  # kVK_ANSI_S
    assert mapped["end"] == CarbonHotkey(0x0E, CONTROL | SHIFT)  # kVK_ANSI_E
    assert mapped["mute"] == CarbonHotkey(0x2E, CONTROL | SHIFT)  # kVK_ANSI_M
    assert list(mapped) == list(ACTIONS)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("<cmd>+<alt>+p", CarbonHotkey(0x23, COMMAND | OPTION)),
        ("<ctrl>+1", CarbonHotkey(0x12, CONTROL)),
        ("<ctrl>+/", CarbonHotkey(0x2C, CONTROL)),
        ("<f9>", CarbonHotkey(0x65, 0)),
        ("<f1>", CarbonHotkey(0x7A, 0)),
        ("<f20>", CarbonHotkey(0x5A, 0)),
        ("<alt>+<page_down>", CarbonHotkey(0x79, OPTION)),
        ("<ctrl>+<esc>", CarbonHotkey(0x35, CONTROL)),
        ("<ctrl>+<enter>", CarbonHotkey(0x24, CONTROL)),
        ("<ctrl>+<delete>", CarbonHotkey(0x75, CONTROL)),  # forward delete, not backspace
        ("<ctrl>+<backspace>", CarbonHotkey(0x33, CONTROL)),
        ("<ctrl>+<shift>+<up>", CarbonHotkey(0x7E, CONTROL | SHIFT)),
    ],
)
def test_keys_and_modifiers_become_carbon_codes(spec: str, expected: CarbonHotkey) -> None:
    assert carbon_hotkey(parse_combo(spec)) == expected


def test_every_named_key_of_the_settings_has_a_code() -> None:
    from companion.hotkeys.spec import NAMED_KEYS

    assert set(NAMED_KEYCODES) == NAMED_KEYS
    codes = [*NAMED_KEYCODES.values(), *ANSI_KEYS.values()]
    assert len(codes) == len(set(codes))  # no two names share a key


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("<ctrl>++", "Ctrl++: no key types '+' without Shift on this keyboard layout"),
        ("<ctrl>+é", "Ctrl+É: no key types 'é' without Shift on this keyboard layout"),
        ("<alt>+:", "Alt+:: no key types ':' without Shift on this keyboard layout"),
    ],
)
def test_characters_the_layout_cannot_type_are_refused_in_one_line(spec: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        carbon_hotkey(parse_combo(spec))
    assert str(caught.value) == reason


def test_letters_follow_the_keyboard_layout() -> None:
    azerty = layout_keys(_azerty)
    # The key that types 'a' on AZERTY is where Q is on a US keyboard, and 'm' sits beside 'l'.
    assert carbon_hotkey(parse_combo("<ctrl>+<shift>+a"), azerty) == CarbonHotkey(0x0C, 0x1200)
    assert carbon_hotkey(parse_combo("<ctrl>+<shift>+m"), azerty).keycode == 0x29
    assert carbon_hotkey(parse_combo("<ctrl>+é"), azerty).keycode == 0x13
    # AZERTY types digits with Shift; the key labelled with the digit is still the one meant.
    assert carbon_hotkey(parse_combo("<ctrl>+1"), azerty).keycode == 0x12
    with pytest.raises(ValueError, match="no key types '/' without Shift"):
        carbon_hotkey(parse_combo("<ctrl>+/"), azerty)


def test_a_layout_is_read_from_the_main_keys_only() -> None:
    def typed(code: int) -> str:
        if code in KEYPAD_CODES:
            return "+" if code == 0x45 else "1"
        if code == 0x24:
            return "\r"
        if code == 0x31:
            return " "
        return {0x12: "1", 0x00: "A", 0x0A: "§"}.get(code, "")

    assert layout_keys(typed) == {"1": 0x12, "a": 0x00, "§": 0x0A}


def test_two_actions_on_one_key_bind_the_first_only() -> None:
    layout = layout_keys(_azerty)
    bindings = {"start": parse_combo("<ctrl>+&"), "end": parse_combo("<ctrl>+1")}
    mapped, problems = map_bindings(bindings, layout)
    assert mapped == {"start": CarbonHotkey(0x12, CONTROL)}
    assert problems == [
        "hotkeys.end: Ctrl+1 is the same key as hotkeys.start on this keyboard layout; not bound"
    ]


def test_an_unmappable_action_is_named_and_the_others_still_bind() -> None:
    bindings = {"start": parse_combo("<ctrl>+<shift>+s"), "mute": parse_combo("<ctrl>++")}
    mapped, problems = map_bindings(bindings)
    assert list(mapped) == ["start"]
    assert problems == [
        "hotkeys.mute: Ctrl++: no key types '+' without Shift on this keyboard layout"
    ]


def test_refusals_say_why() -> None:
    combo = parse_combo("<ctrl>+<shift>+s")
    assert refusal("start", combo, -9878) == (
        "hotkeys.start: Ctrl+Shift+S is not set: another app already holds it"
    )
    assert refusal("start", combo, -50).endswith("macOS refused it (error -50)")


def test_four_character_codes_are_big_endian() -> None:
    assert four_cc("keyb") == 0x6B657962
    assert four_cc("----") == 0x2D2D2D2D
