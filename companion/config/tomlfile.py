"""Reading TOML files with problems that name the file, the key and the line.

tomllib reports the line of a syntax error but not where a key sits, so a wrong value would
otherwise be reported without a line. `key_line` finds it by walking table headers, which is
enough for the flat, hand-edited files trainers and IT write.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.errors import KnownError

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-\.\"']+)\s*=")
_SYNTAX_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, phrased for the person who has to fix it."""

    file: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" {self.key}:" if self.key else ""
        return f"{where}:{what} {self.message}"


class TomlError(KnownError):
    """A file could not be read or parsed; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed table and the raw text (kept so later problems can name a line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TomlError(Problem(str(path), None, None, "file not found")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TomlError(Problem(str(path), None, None, f"cannot read: {exc}")) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _SYNTAX_LINE.sub("", str(exc)).strip()
        raise TomlError(Problem(str(path), line, None, f"TOML syntax error: {reason}")) from None


def key_line(text: str, dotted: str) -> int | None:
    """The 1-based line where `dotted` (e.g. `cues.pace.wpm`) is assigned, if it can be found."""
    table = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            table = header.group(1).replace('"', "").replace("'", "")
            continue
        assign = _ASSIGN.match(raw)
        if not assign:
            continue
        name = assign.group(1).replace('"', "").replace("'", "")
        full = f"{table}.{name}" if table else name
        if full == dotted or dotted.startswith(full + "."):
            return number
    return None
