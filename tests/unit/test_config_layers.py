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


# --- IT's locks fail closed when the machine config exists but cannot be read ---------------

USER_WANTS_TRANSCRIPTS = "format = 1\nprivacy.store_transcripts = true\nbreathing.seconds = 90\n"
BROKEN_MACHINE = {
    "syntax": b'format = 1\nlocked = ["privacy.store_transcripts"\n',
    "ansi": "# équipe\nformat = 1\n".encode("cp1252"),
    "newer": b'format = 9\nlocked = ["privacy.store_transcripts"]\n',
    "locked-not-a-list": b'format = 1\nlocked = "privacy.store_transcripts"\n',
}


@pytest.mark.parametrize("raw", BROKEN_MACHINE.values(), ids=BROKEN_MACHINE.keys())
def test_an_unreadable_machine_config_holds_privacy_keys_at_their_safest(tmp_path, raw):
    machine = tmp_path / "machine.toml"
    machine.write_bytes(raw)
    user = write(tmp_path / "user.toml", USER_WANTS_TRANSCRIPTS)
    config = load_config(machine, user)
    assert config.get("privacy.store_transcripts") is False
    assert config.locked_by("privacy.store_transcripts") is config.layers[0]
    with pytest.raises(LockedError, match=r"stays at its safest value|locked by IT"):
        config.set_user("privacy.store_transcripts", True)
    assert config.get("breathing.seconds") == 90  # keys that are not privacy keys: the user's
    problem = str(config.problems[0])
    assert problem.startswith(str(machine)) and "\n" not in problem
    assert "privacy settings stay at their safest" in problem
    assert "privacy.store_transcripts = false" in problem


def test_the_held_value_says_why_and_the_user_file_is_untouched(tmp_path):
    machine = tmp_path / "machine.toml"
    machine.write_bytes(b"[privacy\n")
    user = write(tmp_path / "user.toml", USER_WANTS_TRANSCRIPTS)
    config = load_config(machine, user)
    assert len(config.problems) == 1
    assert (
        config.source("privacy.store_transcripts")
        == f"machine (unreadable: safest value) {machine}"
    )
    assert config.layers[0].unreadable and not config.layers[0].loaded
    with pytest.raises(LockedError, match=f"while IT's config {machine} cannot be read"):
        config.set_user("privacy.store_transcripts", True)
    assert user.read_text(encoding="utf-8") == USER_WANTS_TRANSCRIPTS


def test_a_folder_where_the_machine_config_should_be_fails_closed(tmp_path):
    machine = tmp_path / "machine.toml"
    machine.mkdir()
    config = load_config(machine, write(tmp_path / "user.toml", USER_WANTS_TRANSCRIPTS))
    assert config.get("privacy.store_transcripts") is False
    assert str(config.problems[0]).startswith(f"{machine}: cannot read: Is a directory;")


def test_a_broken_user_file_does_not_fail_closed(tmp_path):
    user = write(tmp_path / "user.toml", "[privacy\n")
    config = load_config(tmp_path / "none.toml", user)
    assert config.locked_by("privacy.store_transcripts") is None
    assert "safest" not in str(config.problems[0])


def test_every_privacy_key_declares_its_safest_value():
    from companion.config.settings import SETTINGS

    privacy = [key for key in SETTINGS if key.name.startswith("privacy.")]
    assert privacy
    for key in privacy:
        assert key.lockable and key.fail_closed is not None, key.name


def test_only_a_lockable_key_may_fail_closed():
    from companion.config.declare import Key

    with pytest.raises(ValueError, match="only a lockable key"):
        Key("privacy.x", bool, False, "x", lockable=False, fail_closed=False)
    with pytest.raises(ValueError):
        Key("privacy.y", int, 0, "y", fail_closed="never")
