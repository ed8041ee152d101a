"""The Cue: what the engine emits, what the overlay shows and what the store keeps.

Kind ids are stable: profiles, storage, analytics and replay refer to them. `id` is unique
within one call (the store keys feedback by call and cue id), `due` is the moment the cue became
due (end of the triggering word, or the moment a time threshold was crossed), so `t - due` is
the engine's own delay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, get_args

from companion.events import Channel

CueKind: TypeAlias = Literal[
    "safeguarding",
    "empathy",
    "avoid-phrase",
    "callback",
    "boundary",
    "boundary-warning",
    "boundary-end",
    "escalation",
    "clarify",
    "monologue",
    "pace",
    "dead-air",
    "interruption",
    "pause",
    "raised-voice",
]
KINDS: tuple[CueKind, ...] = get_args(CueKind)
# Cues about what someone said only ever fire on that person's channel.
AGENT_WORD_KINDS: frozenset[CueKind] = frozenset({"avoid-phrase"})
CALLER_WORD_KINDS: frozenset[CueKind] = frozenset(
    {
        "safeguarding",
        "empathy",
        "callback",
        "boundary",
        "boundary-warning",
        "boundary-end",
        "escalation",
        "clarify",
    }
)
# Abuse has a ladder: the first insult sets a boundary, the next (once that was shown) is a
# warning of what happens if it goes on, the next ends the call by the protocol.
ABUSE_LADDER: tuple[CueKind, ...] = ("boundary", "boundary-warning", "boundary-end")
# A risk to someone's life or safety is never held back by the call's budget, a full screen or
# another kind's cue (its own cooldown, per risk, still keeps it from repeating).
NEVER_HELD_BACK: frozenset[CueKind] = frozenset({"safeguarding"})
# Kinds that need the caller channel; quietly off without it.
NEEDS_CALLER: frozenset[CueKind] = frozenset({"dead-air", "interruption"})

Severity: TypeAlias = Literal["info", "warn", "high"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warn": 1, "high": 2}

Feedback: TypeAlias = Literal["dismissed", "not-helpful"]


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    kind: CueKind
    t: float
    channel: Channel
    severity: Severity
    message: str
    line: str = ""
    words: tuple[str, ...] = ()
    due: float = 0.0
    replaces: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used by `companion replay --json` and the store."""
        return {
            "t": round(self.t, 3),
            "cue": self.kind,
            "channel": self.channel,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "words": list(self.words),
            "id": self.id,
            "due": round(self.due, 3),
        }
