"""The shape of one declared key, shared by app settings and cue profiles.

A key is declared once — name, type, default, description — and everything else comes from
that declaration: validation (through pydantic, so ranges and choices are checked the same way
everywhere), the settings UI, `companion doctor`, and the generated reference for IT.
"""

from __future__ import annotations

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
        try:
            return self._adapter.validate_python(value, strict=False)
        except ValidationError as exc:
            reasons = "; ".join(_short_reason(err) for err in exc.errors())
            raise ValueError(reasons) from None

    def type_name(self) -> str:
        return _describe_type(self.type)


def _short_reason(err: Mapping[str, Any]) -> str:
    message = str(err.get("msg", "invalid value"))
    where = ".".join(str(p) for p in err.get("loc", ()) if p != "")
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
