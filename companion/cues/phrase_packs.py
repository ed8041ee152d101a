"""Phrase packs: the patterns that trigger cues, as data files per language.

The patterns are what a trainer needs to read and argue about ("does this catch 'I'm at my wit's
end'? why not 'given up smoking'?"), so they live in `resources/phrases/<language>/`, not in
code; the matcher stays in `patterns.py`. A pack is one folder: `fragments.toml` holds shared
named pieces of regex (`[fragments]`, each may use those above it), and one file per cue kind
with phrases (`empathy.toml`, `avoid-phrase.toml`, …) holds its `[[pattern]]` tables with the
keys of `patterns.Pattern`. Every file starts `format = 1`, `language`, `version`; a pack has one
version, the same in every file. In a regex, `{NAME}` (upper case) is a fragment and any other
brace is the regex's own (`{0,3}`); line breaks are dropped, so a long regex can be laid out
over lines. `safeguarding.toml` also names each risk category (`[risk_names]`), and
`empathy.toml` holds `figures_of_speech`, the loaded words that carry no feeling ("this app is
killing me"), taken out of caller text before its sentiment is scored.

A pack is read all-or-nothing and once per process (the app starts many calls): any problem
raises `PhrasePackError`, one line naming the file, the line and the fix. Profiles then trim
and extend the built-in patterns (`add_phrases`, `remove_phrases`, see `phrase_rules.py`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.config.tomlfile import Problem
from companion.cues.cue import CueKind
from companion.cues.patterns import Pattern, PatternSet
from companion.cues.phrase_pack_file import (
    FRAGMENTS_FILE,
    PackFile,
    PatternLines,
    PhrasePackError,
)
from companion.paths import resources_dir

__all__ = ["PhrasePack", "PhrasePackError", "languages", "load_pack", "phrases_dir"]

# the cue kinds whose patterns come from a pack, one file each, in the order they are built
KIND_FILES: tuple[CueKind, ...] = (
    "safeguarding",
    "avoid-phrase",
    "empathy",
    "callback",
    "boundary",
    "escalation",
    "clarify",
)
HEADER_KEYS = frozenset({"format", "language", "version"})
PATTERN_KEYS = (
    "id",
    "category",
    "regex",
    "lookahead",
    "unless_before",
    "unless_after",
    "wait_for_final",
    "example",
)
REGEX_KEYS = ("regex", "unless_before", "unless_after", "wait_for_final")
# top-level keys some kinds' files have besides their patterns
EXTRA_KEYS: dict[CueKind, tuple[str, ...]] = {
    "safeguarding": ("risk_names",),
    "empathy": ("figures_of_speech",),
}
_FRAGMENT_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")


@dataclass(frozen=True)
class PhrasePack:
    """The built-in patterns of one language, by cue kind, and the names of the risks."""

    language: str
    version: str
    kinds: dict[CueKind, PatternSet]
    risk_names: dict[str, str]
    figures_of_speech: re.Pattern[str]


def phrases_dir() -> Path:
    """`resources/phrases`, in a source tree or a PyInstaller bundle."""
    return resources_dir() / "phrases"


def pack_folders(root: Path | None = None) -> list[Path]:
    """Every language folder under `root` (`phrases_dir()`), valid or not."""
    base = root or phrases_dir()
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def languages(root: Path | None = None) -> frozenset[str]:
    """The languages with a valid pack: the folders of `root` (`phrases_dir()`) that load."""
    found: set[str] = set()
    for folder in pack_folders(root):
        try:
            load_pack(folder.name, folder.parent)
        except PhrasePackError:
            continue
        found.add(folder.name)
    return frozenset(found)


def load_pack(language: str = "en", root: Path | None = None) -> PhrasePack:
    """The pack of `language` under `root` (`phrases_dir()`), read once; `PhrasePackError`."""
    return _load(language, root or phrases_dir())


@functools.cache
def _load(language: str, root: Path) -> PhrasePack:
    folder = root / language
    if not folder.is_dir():
        raise PhrasePackError(Problem(str(folder), None, None, "no phrase pack: folder missing"))
    first = PackFile.read(folder / FRAGMENTS_FILE)
    version = first.check_header(language, HEADER_KEYS | {"fragments"})
    fragments = _fragments(first)
    kinds: dict[CueKind, PatternSet] = {}
    risk_names: dict[str, str] = {}
    figures = re.compile("(?!)")
    for kind in KIND_FILES:
        file = PackFile.read(folder / f"{kind}.toml")
        extra = {"pattern", *EXTRA_KEYS.get(kind, ())}
        if file.check_header(language, HEADER_KEYS | extra) != version:
            file.fail(
                file.line_of("version"),
                None,
                f'version "{file.data["version"]}" differs from {FRAGMENTS_FILE} '
                f'("{version}"); a pack has one version: give every file the same',
            )
        if kind == "safeguarding":
            risk_names = _risk_names(file)
        if kind == "empathy" and "figures_of_speech" in file.data:
            figures = _figures(file, fragments)
        patterns = _patterns(file, fragments)
        if kind == "safeguarding":
            _check_risk_names(file, patterns, risk_names)
        kinds[kind] = PatternSet(p for p, _ in patterns)
    return PhrasePack(language, version, kinds, risk_names, figures)


def _figures(file: PackFile, fragments: dict[str, str]) -> re.Pattern[str]:
    raw = file.data["figures_of_speech"]
    line = file.line_of("figures_of_speech")
    if not isinstance(raw, str) or not raw.strip():
        file.fail(line, None, "figures_of_speech must be a regex in quotes ('''…''')")
    filled = file.regex(raw, line, "figures_of_speech", "", fragments)
    file.check_compiles(filled, line, "figures_of_speech", "", has_fragments=False)
    return re.compile(filled)


def _fragments(file: PackFile) -> dict[str, str]:
    """The fragments by name, filled in: each may use the ones defined above it."""
    table = file.data.get("fragments", {})
    if not isinstance(table, dict):
        file.fail(file.line_of("fragments"), None, "write the fragments under [fragments]")
    out: dict[str, str] = {}
    for name, raw in table.items():
        line = file.line_of(f"fragments.{name}")
        who = f"fragment {name}"
        if not _FRAGMENT_NAME.fullmatch(name):
            file.fail(line, None, f'fragment name "{name}": use upper case, digits and _ only')
        if not isinstance(raw, str):
            file.fail(line, who, "must be a regex in quotes ('…' or '''…''')")
        out[name] = file.regex(raw, line, who, "", out)
        used = out[name] != raw.replace("\n", "")
        file.check_compiles(out[name], line, who, "", has_fragments=used)
    return out


def _patterns(file: PackFile, fragments: dict[str, str]) -> list[tuple[Pattern, PatternLines]]:
    seen: dict[str, int | None] = {}
    out: list[tuple[Pattern, PatternLines]] = []
    for table, lines in file.pattern_tables():
        pattern = _pattern(file, table, lines, fragments)
        if pattern.id in seen:
            first = seen[pattern.id]
            also = f" (also on line {first})" if first else ""
            file.fail(
                lines.best("id"),
                None,
                f'duplicate id "{pattern.id}"{also}; give each pattern its own id',
            )
        seen[pattern.id] = lines.best("id")
        out.append((pattern, lines))
    return out


def _pattern(
    file: PackFile, table: dict[str, Any], lines: PatternLines, fragments: dict[str, str]
) -> Pattern:
    pid = table.get("id")
    if not isinstance(pid, str) or not _ID.fullmatch(pid):
        what = "has no id" if pid is None else f"id {pid!r} is not a plain name"
        file.fail(lines.best("id"), None, f'a pattern {what}; write id = "some-name"')
    who = f'pattern "{pid}"'
    for key in table:
        if key not in PATTERN_KEYS:
            file.fail(
                lines.best(key),
                who,
                f'unknown key "{key}"; a pattern has ' + ", ".join(PATTERN_KEYS),
            )
    for key in ("category", "regex"):
        if key not in table:
            file.fail(lines.best(), who, f"missing {key}; every pattern needs id, category, regex")
    values: dict[str, Any] = {"id": pid}
    for key, value in table.items():
        line = lines.best(key)
        if key == "lookahead":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                file.fail(line, who, "lookahead must be a whole number of words (0 or more)")
        elif not isinstance(value, str) or (key in ("category", "regex") and not value.strip()):
            file.fail(line, who, f"{key} must be text in quotes")
        elif key in REGEX_KEYS:
            value = file.regex(value, line, who, key, fragments)
        values[key] = value
    try:
        return Pattern(**values)  # compiles each regex once, as the matcher uses it
    except re.error as exc:
        for key in REGEX_KEYS:  # which one, and where in it
            if key in values:
                has_fragments = values[key] != table[key].replace("\n", "")
                file.check_compiles(
                    values[key], lines.best(key), who, key, has_fragments=has_fragments
                )
        file.fail(lines.best("regex"), who, f"regex does not compile in the matcher: {exc}")


def _risk_names(file: PackFile) -> dict[str, str]:
    table = file.data.get("risk_names", {})
    if not isinstance(table, dict) or not all(
        isinstance(v, str) and v.strip() for v in table.values()
    ):
        file.fail(
            file.line_of("risk_names"),
            None,
            'write [risk_names] as category = "name shown in the cue"',
        )
    return dict(table)


def _check_risk_names(
    file: PackFile, patterns: list[tuple[Pattern, PatternLines]], names: dict[str, str]
) -> None:
    """Every safeguarding category needs the name its cue shows ("threat of violence")."""
    for pattern, lines in patterns:
        if pattern.category not in names:
            file.fail(
                lines.best("category"),
                f'pattern "{pattern.id}"',
                f'category "{pattern.category}" has no name in [risk_names]; add '
                f'{pattern.category} = "…" there',
            )
