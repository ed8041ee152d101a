"""Cue profiles: built-ins valid, broken files named by file+line+key and never half-loaded,
format versions, layering with IT locks and user tweaks, checklist items."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.calls.checklist_item import ChecklistItem
from companion.config import profiles as profiles_module
from companion.config.profiles import (
    ProfileSwitcher,
    builtin_dir,
    layer_profile,
    list_profiles,
    read_profile,
)
from companion.paths import resolve_paths

GOOD = """format = 1
description = "test"

[cues.pace]
wpm = 170.0
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["standard", "new-hire", "veteran", "outbound-collections"])
def test_builtin_profiles_are_valid(name: str) -> None:
    profile, problems = read_profile(builtin_dir() / f"{name}.toml")
    assert problems == [] and profile is not None
    effective = layer_profile(profile)
    assert effective.cue_settings().max_on_screen <= 2


def test_standard_defaults_match_the_brief() -> None:
    profile, _ = read_profile(builtin_dir() / "standard.toml")
    assert profile is not None
    s = layer_profile(profile).cue_settings()
    assert s.threshold("monologue", "after_s") == 30.0
    assert s.threshold("pace", "wpm") == 180.0 and s.threshold("pace", "window_s") == 20.0
    assert s.threshold("dead-air", "after_s") == 10.0
    assert s.threshold("interruption", "overlap_s") == 0.5
    assert s.threshold("pause", "min_gap_s") == 0.3
    assert s.threshold("raised-voice", "db_over") == 8.0


def test_checklists_parse_into_checklist_items() -> None:
    profile, _ = read_profile(builtin_dir() / "outbound-collections.toml")
    assert profile is not None
    effective = layer_profile(profile)
    in_call = effective.checklist("in_call")
    assert all(isinstance(item, ChecklistItem) for item in in_call)
    assert "good-time" in [item.id for item in in_call]
    assert any("good time" in item.label for item in effective.checklist("prep_outbound"))
    assert effective.get("note.reasons") and effective.get("call.target_handle_time_s") == 420


def test_veteran_shows_only_high_severity() -> None:
    profile, _ = read_profile(builtin_dir() / "veteran.toml")
    assert profile is not None
    assert layer_profile(profile).cue_settings().min_severity == "high"


BROKEN = {
    "syntax": ("format = 1\n[cues.pace\nwpm = 1\n", 2, None, "TOML syntax error"),
    "unknown-key": ("format = 1\n\n[cues.pace]\nwmp = 170.0\n", 4, "cues.pace.wmp", "unknown key"),
    "wrong-type": (
        'format = 1\n[budget]\nmax_per_call = "lots"\n',
        3,
        "budget.max_per_call",
        'must be a whole number, not "lots"',
    ),
    "true-for-a-number": (
        "format = 1\n[budget]\nshow_s = true\n",
        3,
        "budget.show_s",
        "must be a number, not true",
    ),
    "quoted-number": (
        'format = 1\n[budget]\nmax_per_call = "5"\n',
        3,
        "budget.max_per_call",
        'must be a whole number, not "5"',
    ),
    "number-for-true-or-false": (
        "format = 1\n[cues]\nshow_lines = 1\n",
        3,
        "cues.show_lines",
        "must be true or false, not 1",
    ),
    "out-of-range": (
        "format = 1\n[cues.dead-air]\nafter_s = 0.5\n",
        3,
        "cues.dead-air.after_s",
        "must be at least",
    ),
    "two-on-screen": (
        "format = 1\n[budget]\nmax_on_screen = 5\n",
        3,
        "budget.max_on_screen",
        "must be at most 2, not 5",
    ),
    "newer-format": ("format = 7\n[cues.pace]\nwpm = 170.0\n", 1, "format", "newer"),
    "no-format": ("[cues.pace]\nwpm = 170.0\n", None, "format", "missing"),
    "checklist-item": (
        'format = 1\n\n[[checklist.in_call]]\nid = "a"\nlabel = "A"\n\n'
        '[[checklist.in_call]]\nid = "b"\nlable = "B"\n',
        7,
        "checklist.in_call[2].lable",
        "unknown field",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_profile_names_file_line_and_key_and_keeps_the_previous(
    case: str, tmp_path: Path
) -> None:
    text, line, key, words = BROKEN[case]
    paths = resolve_paths(tmp_path / "home")
    write(paths.profiles, "good", GOOD)
    bad = write(paths.profiles, "bad", text)
    switcher = ProfileSwitcher(paths)
    assert switcher.switch("good") == []
    previous = switcher.current
    problems = switcher.switch("bad")
    assert problems, case
    first = problems[0]
    assert first.file == str(bad) and first.line == line and first.key == key
    assert words in first.message
    assert "Input should" not in first.message and "Value error" not in first.message
    assert switcher.current is previous  # nothing half-loaded
    assert previous is not None and previous.get("cues.pace.wpm") == 170.0


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many",
        'format = 1\n[budget]\nmax_per_call = -1\nshow_s = "x"\n[cues.nope]\nenabled = true\n',
    )
    profile, problems = read_profile(path)
    assert profile is None
    assert [(p.line, p.key) for p in problems] == [
        (3, "budget.max_per_call"),
        (4, "budget.show_s"),
        (6, "cues.nope.enabled"),
    ]


def test_older_format_is_upgraded_by_the_registered_functions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profiles_module, "PROFILE_FORMAT", 2)

    def rename_pace(table: dict[str, object]) -> dict[str, object]:
        table["cues"] = {"pace": {"wpm": table.pop("pace_wpm")}}
        return table

    monkeypatch.setitem(profiles_module.UPGRADES, 1, rename_pace)
    profile, problems = read_profile(write(tmp_path, "old", "format = 1\npace_wpm = 150.0\n"))
    assert problems == [] and profile is not None
    assert profile.values["cues.pace.wpm"] == 150.0 and profile.format == 2
    _, refused = read_profile(write(tmp_path, "older", "format = 0\n"))
    assert "too old" in refused[0].message


def test_layers_machine_lock_beats_user_and_profile(tmp_path: Path) -> None:
    profile, _ = read_profile(write(tmp_path, "p", GOOD))
    assert profile is not None
    machine = write(
        tmp_path / "etc",
        "machine",
        'format = 1\nlocked = ["cues.pace.wpm"]\n[cues.pace]\nwpm = 200.0\n'
        "[cues.dead-air]\nafter_s = 20.0\n",
    )
    user = write(
        tmp_path / "user",
        "user",
        "format = 1\n[cues.pace]\nwpm = 150.0\n[cues.dead-air]\nafter_s = 15.0\n"
        '[budget]\nmax_per_call = "x"\n',
    )
    effective = layer_profile(profile, machine, user)
    assert effective.config.lookup("cues.pace.wpm")[0] == 200.0
    assert "locked" in effective.config.lookup("cues.pace.wpm")[1]
    assert effective.config.lookup("cues.dead-air.after_s") == (15.0, f"user {user}")
    assert effective.config.lookup("cues.monologue.after_s") == (30.0, "default")
    assert [p.key for p in effective.config.problems] == ["budget.max_per_call"]


def test_user_and_shared_folders_come_before_builtins(tmp_path: Path) -> None:
    from companion.config.layers import Config, Layer
    from companion.config.settings import SETTINGS

    paths = resolve_paths(tmp_path / "home")
    shared = tmp_path / "share"
    write(shared, "team", GOOD)
    write(paths.profiles, "standard", GOOD)
    config = Config(SETTINGS, [Layer("user", None, {"profiles.shared_folder": str(shared)})])
    found = {p.name: p.origin for p in list_profiles(paths, config)}
    assert found["team"] == "shared" and found["standard"] == "user"
    assert found["veteran"] == "built-in"
    # once IT locks the shared folder, an agent's file cannot shadow a managed profile
    managed = Config(
        SETTINGS,
        [
            Layer(
                "machine",
                None,
                {"profiles.shared_folder": str(shared)},
                locked=frozenset({"profiles.shared_folder"}),
            )
        ],
    )
    found = {p.name: p.origin for p in list_profiles(paths, managed)}
    assert found["team"] == "shared" and found["standard"] == "built-in"


def test_disallowed_profile_is_refused(tmp_path: Path) -> None:
    from companion.config.layers import Config, Layer
    from companion.config.settings import SETTINGS

    config = Config(SETTINGS, [Layer("machine", None, {"profiles.allowed": ["standard"]})])
    switcher = ProfileSwitcher(resolve_paths(tmp_path / "home"), config)
    assert switcher.switch("standard") == []
    assert switcher.switch("veteran")[0].key == "profiles.allowed"
    assert switcher.current is not None and switcher.current.name == "standard"
