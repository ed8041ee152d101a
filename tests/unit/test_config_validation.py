"""Config layers and profiles are checked by one loop, so a mistake reads the same in both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion.config.layers import read_layer
from companion.config.profile_keys import PROFILE_KEYS
from companion.config.profiles import read_profile

CASES = {
    "unknown key": ("[budget]\nmax_per_cal = 3\n", "budget.max_per_cal"),
    "bad value": ("[budget]\nmax_on_screen = 5\n", "budget.max_on_screen"),
    "newer format": ("", "format"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_layer_and_a_profile_word_the_same_problem_the_same_way(
    case: str, tmp_path: Path
) -> None:
    body, key = CASES[case]
    head = "format = 9\n" if case == "newer format" else "format = 1\n"
    layer_file = tmp_path / "profile-overrides.toml"
    profile_file = tmp_path / "team.toml"
    for path in (layer_file, profile_file):
        path.write_text(head + body, encoding="utf-8")

    _, layer_problems = read_layer("user", layer_file, PROFILE_KEYS, may_lock=False)
    profile, profile_problems = read_profile(profile_file)

    assert profile is None
    assert [(p.line, p.key, p.message) for p in layer_problems] == [
        (p.line, p.key, p.message) for p in profile_problems
    ]
    assert [p.key for p in layer_problems] == [key]


def test_a_format_that_is_not_a_whole_number_is_refused_by_both(tmp_path: Path) -> None:
    layer_file = tmp_path / "user.toml"
    profile_file = tmp_path / "team.toml"
    for path in (layer_file, profile_file):
        path.write_text('format = "one"\n', encoding="utf-8")
    _, layer_problems = read_layer("user", layer_file, PROFILE_KEYS, may_lock=False)
    _, profile_problems = read_profile(profile_file)
    assert [p.message for p in layer_problems] == ["must be a whole number"]
    assert [p.message for p in profile_problems] == ["must be a whole number"]


STRICT = {
    "ui.opacity = true": "ui.opacity: must be a number, not true",
    'breathing.seconds = "60"': 'breathing.seconds: must be a whole number, not "60"',
    "breathing.autostart = 1": "breathing.autostart: must be true or false, not 1",
    'ui.theme = "dim"': "ui.theme: must be one of 'dark' or 'light', not \"dim\"",
    "audio.vad_aggressiveness = 7": "audio.vad_aggressiveness: must be at most 3, not 7",
}


def test_config_check_refuses_the_wrong_kind_of_value_in_plain_words(tmp_path: Path) -> None:
    """`true` is not a number and `"60"` is text: both refused, said without pydantic's words."""
    machine = tmp_path / "config.toml"
    machine.write_text("format = 1\n" + "\n".join(STRICT) + "\n", encoding="utf-8")
    data = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", data, "config", "check", str(machine)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    for line, (setting, reason) in enumerate(STRICT.items(), start=2):
        assert f"{machine}:{line}: {reason}" in done.stdout, (setting, done.stdout)
    assert "Input should" not in done.stdout and "Value error" not in done.stdout
