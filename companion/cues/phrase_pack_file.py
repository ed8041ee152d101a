"""One file of a phrase pack, read and checked, with the line of every problem.

tomllib gives the line of a syntax error but not of a value, and a pack's problems are about
values: a pattern's unknown fragment, a regex that does not compile, a duplicate id. So the raw
text is kept and each `[[pattern]]` table is found by its header line (the n-th header is the
n-th table), which also tells two patterns with the same id apart. Every problem is raised as a
`PhrasePackError`: one line with the file, the line and the fix, like a broken profile's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

from companion.config.tomlfile import Problem, TomlError, key_line, read_toml
from companion.config.validation import check_format

FORMAT = 1
FRAGMENTS_FILE = "fragments.toml"
# only {UPPER_CASE} names a fragment; any other brace is the regex's own ("{0,3}")
FRAGMENT_REF = re.compile(r"(?<!\\)\{([A-Z][A-Z0-9_]*)\}")
_PATTERN_HEADER = re.compile(r"^\s*\[\[\s*pattern\s*\]\]\s*(?:#.*)?$")


class PhrasePackError(TomlError):
    """A phrase pack file that cannot be used; the message names file, line and the fix."""


@dataclass(frozen=True)
class PackFile:
    """A parsed pack file and its text, so that a problem can name its line."""

    path: Path
    text: str
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> PackFile:
        if not path.is_file():
            raise PhrasePackError(
                Problem(str(path), None, None, "file missing; every phrase pack needs it")
            )
        try:
            data, text = read_toml(path)
        except TomlError as exc:
            raise PhrasePackError(exc.problem) from None
        return cls(path, text, data)

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, split once: every pattern's keys are looked up in them."""
        return self.text.splitlines()

    def fail(self, line: int | None, who: str | None, message: str) -> NoReturn:
        raise PhrasePackError(Problem(str(self.path), line, who, message))

    def line_of(self, dotted: str) -> int | None:
        return key_line(self.text, dotted)

    def check_header(self, language: str, allowed: frozenset[str]) -> str:
        """The file's version, once `format`, `language` and the top-level keys are sound."""
        for key in self.data:
            if key not in allowed:
                self.fail(self.line_of(key), None, f'unknown key "{key}"; ' + _expected(allowed))
        if "format" not in self.data:
            self.fail(None, None, f"missing `format = {FORMAT}` at the top")
        wrong = check_format(self.path, self.text, self.data["format"], FORMAT)
        if wrong is not None:
            raise PhrasePackError(wrong)
        found = self.data.get("language")
        if found != language:
            self.fail(
                self.line_of("language"),
                None,
                f'language is {_shown(found)} but the file is in the "{language}" folder; '
                f'write language = "{language}"',
            )
        version = self.data.get("version")
        if not isinstance(version, str) or not version.strip():
            self.fail(self.line_of("version"), None, 'missing version; write version = "…"')
        return version

    def pattern_tables(self) -> list[tuple[dict[str, Any], PatternLines]]:
        """Each `[[pattern]]` table with a way to find the lines of its keys."""
        tables = self.data.get("pattern", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            self.fail(self.line_of("pattern"), None, "write each pattern as a [[pattern]] table")
        lines = self.lines
        starts = [n for n, raw in enumerate(lines, start=1) if _PATTERN_HEADER.match(raw)]
        if len(starts) != len(tables):  # written some other way: no lines, still checked
            return [(t, PatternLines(self, 0, 0)) for t in tables]
        ends = [*starts[1:], len(lines) + 1]
        return [
            (t, PatternLines(self, start, end))
            for t, start, end in zip(tables, starts, ends, strict=True)
        ]

    def regex(
        self, raw: str, line: int | None, who: str, key: str, fragments: Mapping[str, str]
    ) -> str:
        """`raw` with its line breaks dropped and its {FRAGMENT}s filled in (not compiled).

        `key` names the value in messages ("regex", "unless_after"; "" for a fragment).
        """
        pieces = raw.split("\n")
        for piece in pieces[:-1]:
            if piece != piece.rstrip(" \t"):
                self.fail(
                    self.find(line, piece),
                    who,
                    f"{key or 'it'} has a space before a line break, where it is easy to lose; "
                    "put it at the start of the next line",
                )
        above = ", each using only those above it" if self.path.name == FRAGMENTS_FILE else ""

        def fill(ref: re.Match[str]) -> str:
            name = ref[1]
            if name not in fragments:
                close = difflib.get_close_matches(name, list(fragments), n=1)
                hint = f" (did you mean {{{close[0]}}}?)" if close else ""
                self.fail(
                    self.find(line, ref[0]),
                    who,
                    f"unknown fragment {ref[0]}{hint}{f' in {key}' if key else ''}; "
                    f"fragments are defined in {FRAGMENTS_FILE}{above}",
                )
            return fragments[name]

        return FRAGMENT_REF.sub(fill, "".join(pieces))

    def check_compiles(
        self, filled: str, line: int | None, who: str, key: str, *, has_fragments: bool
    ) -> None:
        """Raise the reason `filled` (a value as `regex` returned it) does not compile, if so."""
        try:
            re.compile(filled)
        except re.error as exc:
            where = f" at position {exc.pos}" if exc.pos is not None else ""
            filled_in = " (with its fragments filled in)" if has_fragments else ""
            what = f"{key} does not compile" if key else "does not compile"
            self.fail(line, who, f"{what}: {exc.msg}{where}{filled_in}")

    def find(self, line: int | None, needle: str) -> int | None:
        """The first line from `line` on that holds `needle` (a value may span lines)."""
        if line is None:
            return None
        for n, raw in enumerate(self.lines[line - 1 :], start=line):
            if needle in raw:
                return n
        return line


@dataclass(frozen=True)
class PatternLines:
    """Where one `[[pattern]]` table sits: header line `start`, keys before line `end`."""

    file: PackFile
    start: int
    end: int

    def key(self, key: str) -> int | None:
        if not self.start:
            return None
        assign = re.compile(rf"^\s*{re.escape(key)}\s*=")
        lines = self.file.lines
        for n in range(self.start + 1, self.end):
            if assign.match(lines[n - 1]):
                return n
        return None

    def best(self, key: str | None = None) -> int | None:
        """The line of `key`, else of the id, else of the `[[pattern]]` header."""
        return (self.key(key) if key else None) or self.key("id") or self.start or None


def _expected(allowed: frozenset[str]) -> str:
    return "the file has " + ", ".join(sorted(allowed))


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else "missing" if value is None else repr(value)
