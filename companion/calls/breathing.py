"""Breathing patterns between calls, as phases over time: what the circle and the text show.

Why it is here and not in the widget: the pattern maths (which phase, how far through it, how big
the circle is) is tested without a display, and the widget only paints `view(elapsed)`.

Patterns (seconds):
- `box`: in 4, hold 4, out 4, hold 4;
- `4-7-8`: in 4, hold 7, out 8;
- `sigh` (physiological sigh): a deep breath in 2, a short second sip of air 1, a long sigh out 6;
- `coherent`: 5.5 breaths a minute, in and out 60 / 5.5 / 2 ≈ 5.45 s each.

`scale` is the circle's size between 0 (empty lungs) and 1 (full); it eases in and out, holds
stay still. A session lasts `total_s` (60 by default); a difficult call (see
`companion.calls.lifecycle.is_difficult`) is offered `long_reset_s`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeAlias

Action: TypeAlias = Literal["in", "hold", "out"]
PatternName: TypeAlias = Literal["box", "4-7-8", "sigh", "coherent"]
DEFAULT_SECONDS = 60
LONG_RESET_FACTOR = 3
MAX_SECONDS = 600


@dataclass(frozen=True)
class Step:
    action: Action
    seconds: float
    text: str
    start_scale: float
    end_scale: float


def _in(seconds: float, text: str = "Breathe in", frm: float = 0.0, to: float = 1.0) -> Step:
    return Step("in", seconds, text, frm, to)


def _hold(seconds: float, at: float) -> Step:
    return Step("hold", seconds, "Hold", at, at)


def _out(seconds: float, text: str = "Breathe out", frm: float = 1.0) -> Step:
    return Step("out", seconds, text, frm, 0.0)


_COHERENT = 60.0 / 5.5 / 2

PATTERNS: dict[PatternName, tuple[Step, ...]] = {
    "box": (_in(4), _hold(4, 1.0), _out(4), _hold(4, 0.0)),
    "4-7-8": (_in(4), _hold(7, 1.0), _out(8)),
    "sigh": (
        _in(2, "Deep breath in", 0.0, 0.8),
        _in(1, "A little more", 0.8, 1.0),
        _out(6, "Long sigh out"),
    ),
    "coherent": (_in(_COHERENT), _out(_COHERENT)),
}
LABELS: dict[PatternName, str] = {
    "box": "Box breathing 4-4-4-4",
    "4-7-8": "4-7-8 breathing",
    "sigh": "Physiological sigh",
    "coherent": "Coherent breathing (5.5 a minute)",
}


def cycle_seconds(pattern: PatternName) -> float:
    return sum(step.seconds for step in PATTERNS[pattern])


def _ease(x: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, x)))


@dataclass(frozen=True)
class View:
    """What to show `elapsed` seconds into a session."""

    text: str
    action: Action
    step_left_s: float  # seconds left in this step, for the countdown digit
    scale: float
    remaining_s: float
    done: bool
    cycle: int


def view(pattern: PatternName, elapsed: float, total_s: float = DEFAULT_SECONDS) -> View:
    steps = PATTERNS[pattern]
    elapsed = max(0.0, elapsed)
    remaining = max(0.0, total_s - elapsed)
    if remaining <= 0.0:
        return View(
            "Done — well done", "out", 0.0, 0.0, 0.0, True, int(total_s // cycle_seconds(pattern))
        )
    cycle_len = cycle_seconds(pattern)
    cycle, into = divmod(elapsed, cycle_len)
    for step in steps:
        if into < step.seconds:
            frac = into / step.seconds
            scale = step.start_scale + (step.end_scale - step.start_scale) * _ease(frac)
            return View(
                step.text, step.action, step.seconds - into, scale, remaining, False, int(cycle)
            )
        into -= step.seconds
    last = steps[-1]  # float rounding at the very end of a cycle
    return View(last.text, last.action, 0.0, last.end_scale, remaining, False, int(cycle))


def session_seconds(base_s: int, *, difficult: bool) -> int:
    """The length to offer: the configured one, or the longer reset after a difficult call."""
    base = max(10, min(MAX_SECONDS, base_s))
    return min(MAX_SECONDS, base * LONG_RESET_FACTOR) if difficult else base
