"""`companion bench`: measured figures with units, for IT on a real workstation."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers

CORE_MODULES = ("companion.bench.speech",)


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("bench", help="measure speed and memory on this machine")
    parser.add_argument("--json", action="store_true", help="one JSON object: name → value, unit")
    parser.add_argument(
        "--only",
        action="append",
        metavar="AREA",
        help="measure only these areas (speech, store, cues, ui, packaging)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.bench import BENCH_MODULES, BenchReport, Figure

    def say(line: str) -> None:
        print(line, file=sys.stderr if args.json else sys.stdout, flush=True)

    report = BenchReport(say=say)
    figures: dict[str, Figure] = {}
    failed = False
    for name in CORE_MODULES + tuple(BENCH_MODULES):
        area = name.rsplit(".", 1)[-1]
        if args.only and area not in args.only:
            continue
        say(f"measuring {area}…")
        started = time.perf_counter()
        try:
            figures.update(importlib.import_module(name).measure(ctx, report))
        except Exception as exc:
            failed = True
            report.notes.append(f"{area}: not measured ({type(exc).__name__}: {exc})")
        say(f"  {area} took {time.perf_counter() - started:.1f} s")
    if args.json:
        payload: dict[str, Any] = {
            k: {"value": f.value, "unit": f.unit} for k, f in figures.items()
        }
        print(json.dumps(payload, indent=1))
    else:
        width = max((len(k) for k in figures), default=10)
        for key, fig in figures.items():
            print(f"{key:<{width}}  {fig.value:>10g}  {fig.unit}")
    for note in report.notes:
        say(f"note: {note}")
    return 1 if failed else 0
