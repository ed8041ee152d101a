"""`companion bench`: measured figures IT can trust on a workstation.

Each area of the app has one module here with `measure(ctx, report) -> dict[str, Figure]`.
A figure is a number with its unit; `companion bench --json` prints one object mapping
name → {"value": number, "unit": "…"}. Figures are measured on this machine when the command
runs, never copied from elsewhere; an area that cannot be measured (no model, no device) says
why in `notes` instead of inventing a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str


@dataclass
class BenchReport:
    """What the areas share: progress lines for humans, and notes on what was not measured."""

    say: Callable[[str], None] = print
    notes: list[str] = field(default_factory=list)


BENCH_MODULES: tuple[str, ...] = (
    "companion.bench.store",
    "companion.bench.cues",
    "companion.bench.packaging",
    "companion.bench.ui",
)
