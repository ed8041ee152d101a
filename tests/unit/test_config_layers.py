"""Layered settings: defaults < machine (IT, may lock) < user; problems name file, line, key."""

from __future__ import annotations

import pytest

from companion.config.layers import LockedError, load_config


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_files(tmp_path):
    config = load_config(tmp_path / "machine.toml", tmp_path / "user.toml")
    assert config.get("breathing.seconds") == 60
    assert config.source("breathing.seconds") == "default"
    assert config.problems == []


def test_user_beats_machine_unless_the_key_is_locked(tmp_path):
    machine = write(
        tmp_path / "machine.toml",
        'locked = ["privacy.store_transcripts"]\n'
        "[privacy]\nstore_transcripts = false\n[breathing]\nseconds = 90\n",
    )
    user = write(
        tmp_path / "user.toml", "[privacy]\nstore_transcripts = true\n[breathing]\nseconds = 120\n"
    )
    config = load_config(machine, user)
    assert config.get("breathing.seconds") == 120
    assert config.source("breathing.seconds").startswith("user")
    assert config.get("privacy.store_transcripts") is False
    assert config.source("privacy.store_transcripts").startswith("machine (locked)")
    with pytest.raises(LockedError, match="locked by IT"):
        config.set_user("privacy.store_transcripts", True)


def test_set_user_writes_the_file_and_validates(tmp_path):
    config = load_config(tmp_path / "m.toml", tmp_path / "cfg" / "user.toml")
    config.set_user("ui.opacity", 0.8)
    assert "opacity = 0.8" in (tmp_path / "cfg" / "user.toml").read_text()
    with pytest.raises(ValueError):
        config.set_user("ui.opacity", 3.0)
    assert load_config(tmp_path / "m.toml", tmp_path / "cfg" / "user.toml").get("ui.opacity") == 0.8


def test_problems_name_the_file_the_line_and_the_key(tmp_path):
    user = write(
        tmp_path / "user.toml", "[breathing]\nseconds = 5\n\n[ui]\ntheme = 'purple'\ncolour = 'x'\n"
    )
    config = load_config(tmp_path / "m.toml", user)
    messages = [str(p) for p in config.problems]
    assert any(m.startswith(f"{user}:2: breathing.seconds:") for m in messages), messages
    assert any(m.startswith(f"{user}:5: ui.theme:") for m in messages), messages
    assert any(f"{user}:6: ui.colour: unknown key" in m for m in messages), messages
    assert config.get("breathing.seconds") == 60  # the bad value is dropped, the default stays


def test_a_syntax_error_skips_the_file_and_says_where(tmp_path):
    user = write(tmp_path / "user.toml", "[ui]\ntheme = \n")
    config = load_config(tmp_path / "m.toml", user)
    assert len(config.problems) == 1
    assert config.problems[0].line == 2 and "TOML syntax error" in config.problems[0].message
    assert config.get("ui.theme") == "dark"


def test_a_file_from_a_newer_app_is_not_half_read(tmp_path):
    user = write(tmp_path / "user.toml", "format = 7\n[ui]\ntheme = 'light'\n")
    config = load_config(tmp_path / "m.toml", user)
    assert "newer" in config.problems[0].message
    assert config.get("ui.theme") == "dark"


def test_only_the_machine_config_may_lock(tmp_path):
    user = write(tmp_path / "user.toml", 'locked = ["ui.theme"]\n')
    config = load_config(tmp_path / "m.toml", user)
    assert config.locked_by("ui.theme") is None
    assert "only the machine-wide config may lock" in config.problems[0].message
