"""Layered configuration: built-in defaults < IT machine config < user config.

The machine config may list `locked` keys; a locked key keeps the machine's value whatever the
user file or the settings window says. Every value can say where it came from, which is what
`companion doctor` prints and what the settings window shows next to a disabled field.

A broken file never stops the app: its problems are collected (file, line, key, reason) and the
layer is skipped, so the app starts on the layers that are sound. The machine config fails
closed, though: when it exists but cannot be read, the keys it would lock are unknown, so every
key declared with a `fail_closed` value (the privacy keys) is held at that value and locked, and
the problem says so in one line (shown in the overlay's banner and by `companion doctor`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from companion.config.declare import KeySet, unflatten
from companion.config.settings import SETTINGS
from companion.config.tomlfile import Problem, TomlError, key_line, read_toml
from companion.config.validation import UNKNOWN_KEY, check_format, check_values
from companion.errors import KnownError

CONFIG_FORMAT = 1
_META_KEYS = {"format", "locked"}


class LockedError(KnownError, PermissionError):
    """The key is locked by the machine-wide configuration."""


@dataclass
class Layer:
    name: str
    path: Path | None
    values: dict[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    loaded: bool = False
    unreadable: bool = False  # the file exists but could not be read, decoded or parsed


@dataclass
class Config:
    """The effective settings of one run."""

    keys: KeySet
    layers: list[Layer]
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> Any:
        return self.lookup(name)[0]

    def source(self, name: str) -> str:
        return self.lookup(name)[1]

    def lookup(self, name: str) -> tuple[Any, str]:
        """The effective value and a description of the layer it came from."""
        key = self.keys[name]
        for layer in self.layers:
            if name in layer.locked and layer.unreadable:
                return layer.values[name], f"{layer.name} (unreadable: safest value) {layer.path}"
            if name in layer.locked:  # locked without a value: the default is what IT fixed
                return layer.values.get(name, key.default), f"{layer.name} (locked) {layer.path}"
        for layer in reversed(self.layers):
            if name in layer.values:
                return layer.values[name], f"{layer.name} {layer.path}"
        return key.default, "default"

    def locked_by(self, name: str) -> Layer | None:
        for layer in self.layers:
            if name in layer.locked:
                return layer
        return None

    def files_in_effect(self) -> list[tuple[str, Path | None, bool]]:
        return [(layer.name, layer.path, layer.loaded) for layer in self.layers]

    def set_user(self, name: str, value: Any) -> None:
        """Change a user setting and write the user file; refuses locked keys."""
        holder = self.locked_by(name)
        if holder is not None and holder.unreadable:
            raise LockedError(
                f"{name} stays at its safest value while IT's config {holder.path} cannot be read"
            )
        if holder is not None:
            raise LockedError(f"{name} is locked by IT in {holder.path}")
        user = self.layers[-1]
        user.values[name] = self.keys[name].validate(value)
        if user.path is not None:
            write_config(user.path, user.values)
            user.loaded = True


def read_layer(
    name: str, path: Path, keys: KeySet, *, may_lock: bool
) -> tuple[Layer, list[Problem]]:
    """Read one config file; values that fail validation are dropped and reported."""
    layer = Layer(name, path)
    if not path.exists():
        return layer, []
    try:
        table, text = read_toml(path)
    except TomlError as exc:
        return _unreadable(layer, exc.problem, keys, may_lock)
    wrong_format = check_format(path, text, table.get("format", CONFIG_FORMAT), CONFIG_FORMAT)
    if wrong_format is not None:
        return _unreadable(layer, wrong_format, keys, may_lock)
    problems: list[Problem] = []
    locked_raw = table.get("locked", [])
    if locked_raw and not may_lock:
        problems.append(
            Problem(
                str(path),
                key_line(text, "locked"),
                "locked",
                "only the machine-wide config may lock keys; ignored",
            )
        )
    elif may_lock:
        if not isinstance(locked_raw, list) or not all(isinstance(k, str) for k in locked_raw):
            problem = Problem(
                str(path), key_line(text, "locked"), "locked", "must be a list of key names"
            )
            problems.append(_fail_closed(layer, problem, keys))
        else:
            unknown = [k for k in locked_raw if k not in keys]
            for k in unknown:
                problems.append(
                    Problem(str(path), key_line(text, "locked"), k, f"{UNKNOWN_KEY} in 'locked'")
                )
            layer.locked = frozenset(k for k in locked_raw if k in keys and keys[k].lockable)
    body = {k: v for k, v in table.items() if k not in _META_KEYS}
    values, value_problems = check_values(body, keys, path, text)
    layer.values = {**values, **layer.values}  # a value held by failing closed stays held
    problems += value_problems
    layer.loaded = True
    return layer, problems


def _unreadable(
    layer: Layer, problem: Problem, keys: KeySet, may_lock: bool
) -> tuple[Layer, list[Problem]]:
    layer.unreadable = True
    return layer, [_fail_closed(layer, problem, keys) if may_lock else problem]


def _fail_closed(layer: Layer, problem: Problem, keys: KeySet) -> Problem:
    """Hold and lock every fail-closed key; `problem` with what that means appended."""
    held = {key.name: key.fail_closed for key in keys if key.fail_closed is not None}
    if not held:
        return problem
    layer.values.update(held)
    layer.locked = layer.locked | held.keys()
    shown = ", ".join(f"{name} = {_toml_value(v)}" for name, v in held.items())
    note = (
        "; until IT fixes it (`companion config check` shows how), privacy settings stay at "
        f"their safest and cannot be changed: {shown}"
    )
    return replace(problem, message=problem.message + note)


def _toml_value(value: Any) -> str:
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def load_config(machine: Path, user: Path, keys: KeySet = SETTINGS) -> Config:
    machine_layer, problems = read_layer("machine", machine, keys, may_lock=True)
    user_layer, user_problems = read_layer("user", user, keys, may_lock=False)
    return Config(keys, [machine_layer, user_layer], problems + user_problems)


def write_config(path: Path, values: Mapping[str, Any]) -> None:
    """Write a user config atomically, so a crash mid-write never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    payload = {"format": CONFIG_FORMAT, **unflatten(dict(values))}
    tmp.write_text(tomli_w.dumps(payload), encoding="utf-8")
    tmp.replace(path)
