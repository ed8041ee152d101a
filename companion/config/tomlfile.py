"""Reading TOML files with problems that name the file, the key and the line.

tomllib reports the line of a syntax error but not where a key sits, so a wrong value would
otherwise be reported without a line. `key_line` finds it by walking table headers, which is
enough for the flat, hand-edited files trainers and IT write.

IT's files come from Windows tools, so reading decodes by byte-order mark: UTF-8 with a BOM
(Notepad, PowerShell 7 `utf8BOM`), UTF-16 LE/BE with a BOM (PowerShell 5 `Out-File`), UTF-32
with a BOM, or plain UTF-8. Anything else (an ANSI code page, BOM-less UTF-16) is refused with
the fix, never guessed. Files this app writes are plain UTF-8.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.errors import KnownError

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-\.\"']+)\s*=")
_SYNTAX_LINE = re.compile(r"\(at line (\d+), column \d+\)")
# longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAVE_AS_UTF8 = "save it as UTF-8 (Notepad: File > Save as > Encoding: UTF-8)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, phrased for the person who has to fix it."""

    file: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" {_printable(self.key)}:" if self.key else ""
        return f"{where}:{what} {_printable(self.message)}"


def _printable(text: str) -> str:
    """`text` with control characters escaped: a key or id typed as `"a\\nb"` stays on one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class TomlError(KnownError):
    """A file could not be read or parsed; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed table and the raw text (kept so later problems can name a line)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TomlError(Problem(str(path), None, None, "file not found")) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, PermissionError):
            reason += "; make it readable by every user of this computer"
        raise TomlError(Problem(str(path), None, None, f"cannot read: {reason}")) from None
    text = decode(raw, path)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _SYNTAX_LINE.sub("", str(exc)).strip()
        raise TomlError(Problem(str(path), line, None, f"TOML syntax error: {reason}")) from None


def decode(raw: bytes, path: Path) -> str:
    """The text of a file by its byte-order mark, else strict UTF-8; `TomlError` otherwise."""
    encoding, body = "utf-8", raw
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding, body = name, raw[len(bom) :]
            break
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1 if encoding == "utf-8" else None
        label = "UTF-8" if encoding == "utf-8" else f"{encoding.upper()} (by its byte-order mark)"
        what = f"not valid {label} (byte 0x{body[exc.start]:02x})"
        raise TomlError(Problem(str(path), line, None, f"{what}; {SAVE_AS_UTF8}")) from None
    if "\x00" in text:  # ASCII saved as UTF-16 without a mark decodes as "UTF-8" full of NULs
        line = text[: text.index("\x00")].count("\n") + 1
        what = "not UTF-8 (NUL bytes: UTF-16 without a byte-order mark?)"
        raise TomlError(Problem(str(path), line, None, f"{what}; {SAVE_AS_UTF8}"))
    return text


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
