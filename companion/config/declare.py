"""The shape of one declared key, shared by app settings and cue profiles.

A key is declared once — name, type, default, description — and everything else comes from
that declaration: validation (through pydantic, so ranges and choices are checked the same way
everywhere), the settings UI, `companion doctor`, and the generated reference for IT.

Validation is strict about kinds: a number key takes a TOML number (not `true`, not `"5"`), a
yes/no key takes `true` or `false`. Its reasons are plain words ("must be a number, not true"),
never pydantic's phrasing, because they are shown to agents and IT as they are.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import TypeAdapter, ValidationError


@dataclass(frozen=True)
class Key:
    """One declared key. `type` is any annotation pydantic understands (Annotated ranges too).

    `fail_closed` is the key's safest value, for privacy keys IT may lock: when the machine
    config exists but cannot be read, its locks are unknown, so the key is held at this value
    and the user cannot change it (`companion.config.layers`). `None`: not a fail-closed key.
    """

    name: str
    type: Any
    default: Any
    description: str
    lockable: bool = True
    in_profile: bool = False
    fail_closed: Any = None

    def __post_init__(self) -> None:
        if self.fail_closed is not None and not self.lockable:
            raise ValueError(f"{self.name}: only a lockable key can fail closed")
        if self.fail_closed is not None:
            self.validate(self.fail_closed)  # a typo in the safest value fails at import

    @cached_property
    def _adapter(self) -> TypeAdapter[Any]:
        return TypeAdapter(self.type)

    def validate(self, value: Any) -> Any:
        """The value converted to the declared type; raises `ValueError` with a short reason."""
        _refuse_other_kind(_base_type(self.type), value)
        try:
            return self._adapter.validate_python(value, strict=False)
        except ValidationError as exc:
            reasons = "; ".join(_short_reason(err) for err in exc.errors())
            raise ValueError(reasons) from None

    def validate_text(self, text: str) -> Any:
        """`validate` for a value typed as text (a settings field): a number key reads it first."""
        value: Any = text.strip()
        if _base_type(self.type) in (int, float):
            for convert in (int, float):
                try:
                    value = convert(value)
                    break
                except ValueError:
                    continue
        return self.validate(value)

    def type_name(self) -> str:
        return _describe_type(self.type)


def _base_type(tp: Any) -> Any:
    return typing.get_args(tp)[0] if hasattr(tp, "__metadata__") else tp


def _refuse_other_kind(base: Any, value: Any) -> None:
    """Lax pydantic would read `true` as 1 and `"5"` as 5; a setting file means what it says."""
    if base in (int, float) and (isinstance(value, bool) or not isinstance(value, int | float)):
        kind = "a whole number" if base is int else "a number"
        raise ValueError(f"must be {kind}, not {shown(value)}")
    if base is bool and not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {shown(value)}")


def shown(value: Any) -> str:
    """A value as TOML spells it, short: `true`, `"5"`, `1.5`, `a list`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:40] + "…", ensure_ascii=False)
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


_PLAIN = {
    "string_type": "must be text",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "float_parsing": "must be a number",
    "dataclass_type": "must be a table",
    "missing": "is missing",
}


def _plain_reason(err: Mapping[str, Any]) -> str:
    """One pydantic error in plain words, with the value that was given."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind in ("greater_than_equal", "greater_than"):
        reason = f"must be at least {shown(ctx.get('ge', ctx.get('gt')))}"
    elif kind in ("less_than_equal", "less_than"):
        reason = f"must be at most {shown(ctx.get('le', ctx.get('lt')))}"
    elif kind == "literal_error":
        reason = f"must be one of {ctx.get('expected', '')}"
    elif kind in _PLAIN:
        reason = _PLAIN[kind]
    else:
        message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        reason = message.replace("Input should be", "must be")
    if kind == "missing" or "input" not in err:
        return reason
    return f"{reason}, not {shown(err['input'])}"


def _short_reason(err: Mapping[str, Any]) -> str:
    message = _plain_reason(err)
    where = " ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in err.get("loc", ()))
    return f"{where}: {message}" if where else message


def _describe_type(tp: Any) -> str:
    name = getattr(tp, "__name__", None)
    return name if isinstance(name, str) else str(tp).replace("typing.", "")


@dataclass(frozen=True)
class KeySet:
    """An ordered, name-indexed group of declared keys."""

    keys: tuple[Key, ...]
    by_name: dict[str, Key] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {k.name: k for k in self.keys}
        if len(index) != len(self.keys):
            raise ValueError("a key is declared twice")
        object.__setattr__(self, "by_name", index)

    def __iter__(self) -> Iterator[Key]:
        return iter(self.keys)

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def __getitem__(self, name: str) -> Key:
        return self.by_name[name]

    def defaults(self) -> dict[str, Any]:
        return {k.name: k.default for k in self.keys}


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """`{"a": {"b": 1}}` → `{"a.b": 1}`; the dotted names are how keys are declared."""
    flat: dict[str, Any] = {}
    for name, value in table.items():
        dotted = f"{prefix}{name}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of `flatten`, for writing TOML back."""
    nested: dict[str, Any] = {}
    for dotted, value in flat.items():
        parts = dotted.split(".")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return nested
