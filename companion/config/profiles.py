"""Cue profiles: TOML files trainers toggle, validated all-or-nothing, layered with IT and user.

Where profiles come from, first match by name wins: the user's profiles folder
(`paths.profiles`), the team's shared folder (setting `profiles.shared_folder`), then the
built-ins in `resources/profiles/`. Each file starts with `format = 1`; older formats are
upgraded in memory by the functions in `UPGRADES` (the same code upgrades a copied or imported
profile), a newer format is refused with a message saying to update the app.

A profile is read all-or-nothing: any problem (syntax, unknown key, wrong type, out-of-range
value, bad checklist item) is reported with file, line and key, and the profile is not used —
`ProfileSwitcher` keeps the previous one. The effective values are layered as
built-in defaults < IT machine overrides < profile < the user's tweaks, using the same `Config`
as the app settings, so IT can lock a key and every value can say where it came from. The
override files sit next to the settings files: `profile-overrides.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from companion.config.checklist_item import ChecklistItem
from companion.config.cue_settings import CueSettings
from companion.config.layers import Config, Layer, read_layer
from companion.config.profile_keys import CHECKLIST_KEYS, PROFILE_FORMAT, PROFILE_KEYS
from companion.config.settings import SETTINGS
from companion.config.tomlfile import Problem, TomlError, key_line, read_toml
from companion.config.validation import UNKNOWN_KEY, check_format, check_values
from companion.errors import KnownError
from companion.paths import AppPaths, machine_config_path, resources_dir

OVERRIDES_FILE = "profile-overrides.toml"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")
_ITEM_FIELDS = {"id", "label", "phrases"}
_ITEM = TypeAdapter(ChecklistItem)

# Upgrade functions, keyed by the format they read; each returns the table in the next format.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class ProfileFile:
    name: str
    path: Path
    origin: str  # "user", "shared" or "built-in"


@dataclass(frozen=True)
class Profile:
    """A valid profile file: the values it sets (validated), not yet layered."""

    name: str
    path: Path
    values: Mapping[str, Any]
    format: int = PROFILE_FORMAT

    @property
    def description(self) -> str:
        return str(self.values.get("description", PROFILE_KEYS["description"].default))


class ProfileError(KnownError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _setting(config: Config | None, name: str) -> Any:
    """An app setting, or its declared default when no configuration was given."""
    return config.get(name) if config is not None else SETTINGS[name].default


def builtin_dir() -> Path:
    return resources_dir() / "profiles"


def profile_dirs(paths: AppPaths, config: Config | None = None) -> list[tuple[str, Path]]:
    """Folders in search order. Normally the agent's own copies come first; once IT locks the
    shared folder, the team's and built-in profiles come first, so an agent cannot shadow a
    managed profile with a file of the same name."""
    user = ("user", paths.profiles)
    dirs: list[tuple[str, Path]] = []
    shared = str(_setting(config, "profiles.shared_folder"))
    if shared:
        dirs.append(("shared", Path(shared).expanduser()))
    dirs.append(("built-in", builtin_dir()))
    managed = config is not None and config.locked_by("profiles.shared_folder") is not None
    return [*dirs, user] if managed else [user, *dirs]


def list_profiles(paths: AppPaths, config: Config | None = None) -> list[ProfileFile]:
    """Every profile by name, the first folder in `profile_dirs` order winning."""
    seen: dict[str, ProfileFile] = {}
    for origin, folder in profile_dirs(paths, config):
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            seen.setdefault(path.stem, ProfileFile(path.stem, path, origin))
    return sorted(seen.values(), key=lambda p: p.name)


def find_profile(name_or_path: str, paths: AppPaths, config: Config | None = None) -> Path | None:
    """A profile by name, or a path to a `.toml` file."""
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix == ".toml" or "/" in name_or_path or "\\" in name_or_path:
        return candidate
    for profile in list_profiles(paths, config):
        if profile.name == name_or_path:
            return profile.path
    return None


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


def _item_lines(text: str, dotted: str) -> list[int]:
    header = re.compile(rf"^\s*\[\[\s*{re.escape(dotted)}\s*\]\]")
    return [n for n, line in enumerate(text.splitlines(), start=1) if header.match(line)]


def _checklist(path: Path, text: str, dotted: str, raw: Any) -> tuple[Any, list[Problem]]:
    where = str(path)
    if not isinstance(raw, list):
        return None, [
            Problem(
                where,
                key_line(text, dotted),
                dotted,
                "must be a list of tables: [[" + dotted + "]] id, label, phrases",
            )
        ]
    lines = _item_lines(text, dotted)
    items: list[ChecklistItem] = []
    problems: list[Problem] = []
    for index, entry in enumerate(raw):
        line = lines[index] if index < len(lines) else key_line(text, dotted)
        key = f"{dotted}[{index + 1}]"
        if not isinstance(entry, dict):
            problems.append(Problem(where, line, key, "each item must be a table"))
            continue
        for extra in sorted(set(entry) - _ITEM_FIELDS):
            problems.append(
                Problem(where, line, f"{key}.{extra}", "unknown field (use id, label, phrases)")
            )
        missing = [f for f in ("id", "label") if not isinstance(entry.get(f), str) or not entry[f]]
        for name in missing:
            problems.append(Problem(where, line, f"{key}.{name}", "required text is missing"))
        if missing:
            continue
        phrases = entry.get("phrases", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            problems.append(
                Problem(where, line, f"{key}.phrases", 'must be a list of text: ["…", "…"]')
            )
            continue
        try:
            items.append(_ITEM.validate_python(entry, strict=False))
        except ValidationError as exc:
            reason = "; ".join(str(e.get("msg", "invalid")) for e in exc.errors())
            problems.append(Problem(where, line, key, reason))
    ids = [item.id for item in items]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(
            Problem(where, lines[0] if lines else None, dotted, f"item id '{dup}' is used twice")
        )
    return items, problems


def _upgrade(path: Path, text: str, table: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    version = table.get("format")
    line = key_line(text, "format")
    if version is None:
        return table, [
            Problem(
                str(path),
                None,
                "format",
                f"missing 'format = {PROFILE_FORMAT}' at the top of the file",
            )
        ]
    wrong_format = check_format(path, text, version, PROFILE_FORMAT)
    if wrong_format is not None:
        return table, [wrong_format]
    while version < PROFILE_FORMAT:
        step = UPGRADES.get(version)
        if step is None:
            return table, [
                Problem(
                    str(path),
                    line,
                    "format",
                    f"format {version} is too old to upgrade; copy a built-in profile and edit it",
                )
            ]
        table = step(dict(table))
        version += 1
        table["format"] = version
    return table, []


def read_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    """The profile at `path`, or None and every problem (file, line, key) if any."""
    try:
        table, text = read_toml(path)
    except TomlError as exc:
        return None, [exc.problem]
    table, problems = _upgrade(path, text, table)
    if problems:
        return None, problems
    body = {k: v for k, v in table.items() if k != "format"}
    checklist = body.pop("checklist", None)
    values, problems = check_values(body, PROFILE_KEYS, path, text)
    if checklist is not None:
        if not isinstance(checklist, dict):
            problems.append(
                Problem(
                    str(path), key_line(text, "checklist"), "checklist", "must be a table of lists"
                )
            )
        else:
            for name, raw in checklist.items():
                dotted = f"checklist.{name}"
                if dotted not in CHECKLIST_KEYS:
                    problems.append(
                        Problem(
                            str(path),
                            key_line(text, dotted) or next(iter(_item_lines(text, dotted)), None),
                            dotted,
                            UNKNOWN_KEY,
                        )
                    )
                    continue
                items, item_problems = _checklist(path, text, dotted, raw)
                problems += item_problems
                values[dotted] = items
    if problems:
        return None, problems
    return Profile(path.stem, path, values, PROFILE_FORMAT), []


def machine_overrides_path() -> Path:
    return machine_config_path().with_name(OVERRIDES_FILE)


def user_overrides_path(paths: AppPaths) -> Path:
    return paths.config / OVERRIDES_FILE


@dataclass
class EffectiveProfile:
    """A profile layered with IT's and the user's overrides; `config.lookup` says where from."""

    profile: Profile
    config: Config

    @property
    def name(self) -> str:
        return self.profile.name

    def get(self, name: str) -> Any:
        return self.config.get(name)

    def values(self) -> dict[str, Any]:
        return {key.name: self.config.get(key.name) for key in PROFILE_KEYS}

    def checklist(self, name: str) -> tuple[ChecklistItem, ...]:
        return tuple(self.config.get(f"checklist.{name}"))

    def cue_settings(self) -> CueSettings:
        return CueSettings.from_values(self.values())


def layer_profile(
    profile: Profile, machine: Path | None = None, user: Path | None = None
) -> EffectiveProfile:
    """Defaults < machine overrides (may lock) < profile < user tweaks."""
    layers: list[Layer] = []
    problems: list[Problem] = []
    if machine is not None:
        layer, found = read_layer("machine", machine, PROFILE_KEYS, may_lock=True)
        layers.append(layer)
        problems += found
    layers.append(Layer("profile", profile.path, dict(profile.values), loaded=True))
    if user is not None:
        layer, found = read_layer("user", user, PROFILE_KEYS, may_lock=False)
        layers.append(layer)
        problems += found
    return EffectiveProfile(profile, Config(PROFILE_KEYS, layers, problems))


def load_profile(
    name_or_path: str, paths: AppPaths, config: Config | None = None, *, overrides: bool = True
) -> EffectiveProfile:
    """The effective profile; raises `ProfileError` naming every problem."""
    path = find_profile(name_or_path, paths, config)
    if path is None:
        known = ", ".join(p.name for p in list_profiles(paths, config)) or "none"
        raise ProfileError([Problem(name_or_path, None, None, f"no such profile (known: {known})")])
    profile, problems = read_profile(path)
    if profile is None:
        raise ProfileError(problems)
    if not overrides:
        return layer_profile(profile)
    return layer_profile(profile, machine_overrides_path(), user_overrides_path(paths))


@dataclass
class ProfileSwitcher:
    """Holds the active profile; a switch to a broken or disallowed profile changes nothing."""

    paths: AppPaths
    config: Config | None = None
    current: EffectiveProfile | None = None
    problems: list[Problem] = field(default_factory=list)

    def switch(self, name_or_path: str) -> list[Problem]:
        allowed = list(_setting(self.config, "profiles.allowed"))
        if allowed and name_or_path not in allowed:
            self.problems = [
                Problem(
                    name_or_path,
                    None,
                    "profiles.allowed",
                    "this profile is not in the allowed list set by IT",
                )
            ]
            return self.problems
        try:
            self.current = load_profile(name_or_path, self.paths, self.config)
        except ProfileError as exc:
            self.problems = exc.problems
            return self.problems
        self.problems = list(self.current.config.problems)
        return []
