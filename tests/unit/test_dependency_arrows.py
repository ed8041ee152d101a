"""The arrows between packages run one way, read from the source with `ast` (nothing imported).

- `companion/calls` decides and asks the store: no SQL in it (no `.execute(`/`.query(` call, no
  `db[...]` table subscript, no SQL text).
- `companion/config` declares: it imports neither `companion.cues` nor `companion.calls`, not
  directly, not lazily inside a function, not under TYPE_CHECKING, and not through any other
  companion module it imports.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.config.cue_catalogue import CATALOGUE
from companion.cues.cue import KINDS

PACKAGE = Path(__file__).resolve().parents[2] / "companion"
SQL_CALLS = {"execute", "executemany", "executescript", "query"}
SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|ALTER|DROP|WITH)\b")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(package: str = "") -> dict[str, Path]:
    root = PACKAGE / package if package else PACKAGE
    return {_module_name(p): p for p in sorted(root.rglob("*.py"))}


def _sql_in(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', '?')}"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS
        ):
            yield f"{where}: .{node.func.attr}(…)"
        elif isinstance(node, ast.Subscript):
            target = node.value
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name == "db":
                yield f"{where}: db[…]"
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_TEXT.match(node.value)
        ):
            yield f"{where}: SQL text {node.value[:40]!r}"


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every companion module `path` imports, wherever the import statement sits."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        for name in names:
            if name.split(".")[0] != "companion":
                continue
            parts = name.split(".")
            # importing a.b.c also runs a and a.b
            found.update(".".join(parts[:n]) for n in range(2, len(parts) + 1))
    return found & known


def test_no_module_in_calls_runs_sql() -> None:
    modules = _modules("calls")
    assert modules, "no modules found in companion/calls"
    found = [hit for path in modules.values() for hit in _sql_in(path)]
    assert found == [], "SQL belongs in companion/store:\n" + "\n".join(found)


def test_the_sql_check_sees_sql() -> None:
    sample = PACKAGE / "store" / "notes.py"
    assert any(".execute(" in hit for hit in _sql_in(sample))
    assert any("SQL text" in hit for hit in _sql_in(sample))


def test_config_imports_neither_cues_nor_calls() -> None:
    every = _modules()
    graph = {name: _imports(path, set(every)) for name, path in every.items()}
    forbidden = ("companion.cues", "companion.calls")
    for start in (name for name in every if name.startswith("companion.config")):
        seen, todo, via = {start}, [start], {start: start}
        while todo:
            here = todo.pop()
            for there in graph[here] - seen:
                seen.add(there)
                via[there] = here
                todo.append(there)
        bad = sorted(m for m in seen if m.startswith(forbidden))
        if bad:
            chain = [bad[0]]
            while chain[-1] != start:
                chain.append(via[chain[-1]])
            pytest.fail(f"{start} reaches {bad[0]}: " + " ← ".join(chain))


def test_the_import_check_sees_imports() -> None:
    every = set(_modules())
    cues = _imports(PACKAGE / "cues" / "settings.py", every)
    assert "companion.config.cue_settings" in cues


def test_the_catalogue_declares_every_cue_kind() -> None:
    """The catalogue in `config` names kinds as text; `cues.cue.CueKind` is their typed list."""
    assert tuple(CATALOGUE) == KINDS
    assert all(info.kind == kind for kind, info in CATALOGUE.items())


def _runtime_imports(path: Path) -> set[str]:
    """The companion modules `path` imports when it runs (not under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    typing_only = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.startswith("companion.")}


def test_the_ui_only_shows_it_never_reaches_the_store() -> None:
    """Widgets ask the call session; only the composition root (app.py) wires the store in."""
    reaching = {
        f"{name} imports {target}"
        for name, path in _modules("ui").items()
        for target in _runtime_imports(path)
        if target.startswith("companion.store")
    }
    assert not reaching, sorted(reaching)


def test_the_call_session_has_no_qt() -> None:
    for name, path in _modules("calls").items():
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text, f"{name} imports Qt"
