"""One check for every file of declared keys: the app's config layers, profile overrides, profiles.

`check_values` validates each dotted key of a parsed TOML table against its declaration and
reports what is wrong as `Problem`s naming file, line and key; `check_format` refuses a format
version this app cannot read. The config layers (`layers.read_layer`) and the profiles
(`profiles.read_profile`) both use them, so the same mistake reads the same wherever it is made.
What each caller does with the problems differs: a config layer keeps its sound values, a
profile is refused whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from companion.config.declare import KeySet, flatten
from companion.config.tomlfile import Problem, key_line

UNKNOWN_KEY = "unknown key"


def check_values(
    table: Mapping[str, Any], keys: KeySet, path: Path, text: str
) -> tuple[dict[str, Any], list[Problem]]:
    """The valid values of `table` by dotted name, and a problem for every other key."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for dotted, raw in flatten(table).items():
        if dotted not in keys:
            problems.append(Problem(str(path), key_line(text, dotted), dotted, UNKNOWN_KEY))
            continue
        try:
            values[dotted] = keys[dotted].validate(raw)
        except ValueError as exc:
            problems.append(Problem(str(path), key_line(text, dotted), dotted, str(exc)))
    return values, problems


def check_format(path: Path, text: str, version: Any, current: int) -> Problem | None:
    """None if a file of format `version` can be read by an app that writes `current`."""
    line = key_line(text, "format")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        return Problem(str(path), line, "format", "must be a whole number")
    if version > current:
        return Problem(
            str(path),
            line,
            "format",
            f"format {version} is newer than this app understands ({current}); "
            "update Call Companion",
        )
    return None
