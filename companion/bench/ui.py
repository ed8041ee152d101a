"""Overlay figures: `startup_ms` (launch → first paint) and `app_cpu_pct` (the whole app during
a live call, no Vosk decoding, % of one core).

Both run the real app as a child process on a throwaway data folder. `startup_ms` is wall time
from just before the launch to the overlay's first paint event (the app writes that moment to a
probe file). `app_cpu_pct` runs the demo call (audio through the voice detector, cue engine, UI
updates; no model, so no Vosk decoding) for `CALL_S` seconds and divides the process CPU time
over that span by the wall time. Without a display, Qt's offscreen platform is used, which
skips the window system's compositing and so reads a little low.

`call_state_ms` is what a softphone waits for on every call event: the wall time of a whole
`companion call state` process with no overlay running (it exits 3), the median of
`CALL_STATE_RUNS` runs after one run that creates the data folder.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from companion.bench import BenchReport, Figure
from companion.bench.probe import PROBE_CALL_S_ENV, PROBE_ENV
from companion.context import Context

CALL_S = 20.0
CALL_STATE_RUNS = 7


def _run(probe: Path, home: Path, extra: dict[str, str], args: list[str]) -> dict[str, float]:
    env = dict(os.environ, COMPANION_MODEL="none", **{PROBE_ENV: str(probe)}, **extra)
    if not env.get("DISPLAY") and sys.platform.startswith("linux"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    start = time.time()
    subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), *args],
        env=env,
        capture_output=True,
        timeout=CALL_S + 120,
        check=False,
    )
    data = json.loads(probe.read_text(encoding="utf-8"))
    data["launched"] = start
    return {k: float(v) for k, v in data.items()}


def _call_state_ms(home: Path) -> float:
    """Median wall time of `companion call state` as a process, no overlay to answer it."""
    command = [sys.executable, "-m", "companion", "--data-dir", str(home), "call", "state"]
    times: list[float] = []
    for run in range(CALL_STATE_RUNS + 1):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, timeout=60, check=False)
        if done.returncode != 3:
            raise ValueError(f"`call state` exited {done.returncode}, not 3 (no overlay)")
        if run:  # the first run also creates the data folder
            times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def measure(ctx: Context, report: BenchReport) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    with tempfile.TemporaryDirectory(prefix="companion-bench-ui-") as tmp:
        folder = Path(tmp)
        report.say("ui: launching the overlay to its first paint")
        try:
            first = _run(folder / "startup.json", folder / "home", {}, [])
            figures["startup_ms"] = Figure(
                round((first["first_paint"] - first["launched"]) * 1000, 1), "ms"
            )
        except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            report.notes.append(f"startup_ms not measured: {exc}")
        report.say(f"ui: `companion call state` with no overlay, {CALL_STATE_RUNS} runs")
        try:
            figures["call_state_ms"] = Figure(_call_state_ms(folder / "calls"), "ms")
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            report.notes.append(f"call_state_ms not measured: {exc}")
        report.say(f"ui: {CALL_S:g} s of the demo call to measure the app's CPU")
        try:
            call = _run(
                folder / "cpu.json",
                folder / "home2",
                {PROBE_CALL_S_ENV: str(CALL_S)},
                ["--demo"],
            )
            figures["app_cpu_pct"] = Figure(
                round(100 * call["cpu_s"] / call["wall_s"], 1), "% of one core"
            )
        except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            report.notes.append(f"app_cpu_pct not measured: {exc}")
    return figures
