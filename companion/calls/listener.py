"""How a call session talks to whatever shows it: plain callbacks, every one optional.

The overlay's adapter turns them into Qt signals; a test or a replay keeps them in a list; a
practice call may listen to a few. The session never knows which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from companion.cues.cue import Cue
from companion.store.call_log import CheckState


def _ignore(*_args: object) -> None:
    return None


@dataclass
class SessionListener:
    """What the session tells the outside; every callback is optional."""

    phase_changed: Callable[[str, str], None] = _ignore  # phase, who
    caption: Callable[[str, str, bool], None] = _ignore  # channel, text, final
    level: Callable[[str, float, bool], None] = _ignore  # channel, dBFS, speech
    channel_present: Callable[[str, bool], None] = _ignore
    cues_changed: Callable[[tuple[Cue, ...]], None] = _ignore
    checklist_changed: Callable[[list[CheckState]], None] = _ignore
    timer: Callable[[float, float], None] = _ignore  # call seconds, target seconds
    prep_ready: Callable[[str, list[tuple[str, str, str, bool]], list[tuple[str, str]]], None] = (
        _ignore
    )
    suggestions: Callable[[list[str]], None] = _ignore
    note_hits: Callable[[list[tuple[str, str]]], None] = _ignore
    note_loaded: Callable[[dict[str, Any]], None] = _ignore
    breathing: Callable[[str, float, bool], None] = _ignore  # pattern, seconds, offer longer
    message: Callable[[str, str, str], None] = _ignore  # key, text, level
    drafts_changed: Callable[[list[tuple[int, str]]], None] = _ignore
    call_started: Callable[[int], None] = _ignore
    call_ended: Callable[[int], None] = _ignore


__all__ = ["CheckState", "SessionListener"]  # CheckState: what the checklist callbacks carry
