"""A `CallSession` on real files with a fake clock, and a listener that keeps what it heard:
shared by the headless call tests and the kill-storm test's child process."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.calls.session import CallSession, SessionListener
from companion.config.profiles import layer_profile, read_profile
from companion.config.settings import SETTINGS
from companion.paths import resources_dir
from companion.store.database import open_store


@dataclass
class Clock:
    """Monotonic seconds and the wall time, moved by the test."""

    t: float = 1000.0
    start: dt.datetime = dt.datetime(2026, 11, 30, 9, 0, 0)

    def __call__(self) -> float:
        return self.t

    def wall(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.t - 1000.0)


@dataclass
class Heard:
    """Everything the session told its listener, by callback name."""

    calls: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def listener(self) -> SessionListener:
        def keep(name: str) -> Any:
            return lambda *args: self.calls.setdefault(name, []).append(args)

        return SessionListener(**{n: keep(n) for n in SessionListener.__dataclass_fields__})

    def last(self, name: str) -> tuple[Any, ...]:
        return self.calls[name][-1]


def make_session(folder: Path, clock: Clock, heard: Heard) -> CallSession:
    profile, problems = read_profile(resources_dir() / "profiles" / "standard.toml")
    assert profile is not None, problems
    effective = layer_profile(profile)
    db = open_store(folder / "companion.db").db
    defaults = SETTINGS.defaults()
    return CallSession(
        db,
        folder,
        settings=defaults.get,
        cue_settings=effective.cue_settings(),
        profile_values=effective.get,
        profile_name="standard",
        notes=None,
        channels=frozenset(("agent", "caller")),
        listener=heard.listener(),
        clock=clock,
        wall=clock.wall,
    )
