"""What a rule hands the engine: a cue that has become due, before the gate decides."""

from __future__ import annotations

from dataclasses import dataclass

from companion.cues.cue import CueKind
from companion.events import Channel


@dataclass(frozen=True, slots=True)
class Due:
    kind: CueKind
    channel: Channel
    due: float
    category: str
    words: tuple[str, ...] = ()
