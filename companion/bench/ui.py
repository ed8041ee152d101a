"""Overlay figures: how fast the overlay paints, how light a live call is, how cheap the hook is.

Everything runs as child processes on a throwaway data folder, and every time is the median of
`RUNS` runs after one warm-up run (which also creates the data folder).

- `startup_ms`: wall time from just before the launch to the overlay's first paint event (the
  app writes that moment to a probe file). `bare_qt_ms` is the same for a bare PySide6 window
  (one label, the overlay's window flags), launched alternately with the app so both see the
  same machine; `startup_vs_bare_qt` is their ratio. The overlay paints its bar first and
  builds the rest behind it: `ready_ms` is the same span to the moment the overlay is built and
  wired (history open, call session, pages, softphone link answering).
- `app_cpu_pct`: the demo call (audio through the voice detector, cue engine, UI updates with
  the panel open; no model, so no Vosk decoding) for `CALL_S` seconds, started once the overlay
  has settled (2 s after it is ready); the process CPU time over that span, call start
  included, divided by the wall time. The median of `CPU_RUNS` calls.
- `call_command_ms`: what a softphone waits for on every call event, a whole `companion call
  state` process with no overlay running (it exits 3); `python_ms` is `python -c pass`, and
  `call_command_vs_python` their ratio.

Every child runs with Python's bytecode cache on, as an installed app does (the bundle ships
its bytecode; a wheel install compiles it): with PYTHONDONTWRITEBYTECODE set, each launch would
compile the whole app from source again, and the figures would time the compiler. The warm-up
run writes the cache.

Without a display Qt's offscreen platform is used, which skips the window system's compositing
and so reads a little low.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from companion.bench import BenchReport, Figure
from companion.bench.probe import PROBE_CALL_S_ENV, PROBE_ENV
from companion.context import Context

CALL_S = 20.0
CPU_RUNS = 3
RUNS = 5
BARE_QT = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
app = QApplication(sys.argv[:1])
flags = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
window = QWidget(None, flags | Qt.WindowType.WindowDoesNotAcceptFocus)
window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
QVBoxLayout(window).addWidget(QLabel("Call Companion"))
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            with open(sys.argv[1], "w", encoding="utf-8") as out:
                json.dump({"first_paint": time.time()}, out)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ, COMPANION_MODEL="none", **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY") and sys.platform.startswith("linux"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _first_paint_s(command: list[str], probe: Path, env: dict[str, str]) -> dict[str, float]:
    """Launch `command`, wait for it, and read its probe: seconds from launch to first paint
    (and to ready, when the app wrote that)."""
    probe.unlink(missing_ok=True)
    start = time.time()
    subprocess.run(command, env=env, capture_output=True, timeout=CALL_S + 120, check=False)
    data = {k: float(v) for k, v in json.loads(probe.read_text(encoding="utf-8")).items()}
    data["seconds"] = data["first_paint"] - start
    if "ready" in data:
        data["ready_seconds"] = data["ready"] - start
    return data


def _app(probe: Path, home: Path, extra: dict[str, str], args: list[str]) -> dict[str, float]:
    command = [sys.executable, "-m", "companion", "--data-dir", str(home), *args]
    return _first_paint_s(command, probe, _env({PROBE_ENV: str(probe), **extra}))


def _bare_qt(probe: Path) -> dict[str, float]:
    return _first_paint_s([sys.executable, "-c", BARE_QT, str(probe)], probe, _env({}))


def _process_ms(command: list[str], expect: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=_env({}), capture_output=True, timeout=60, check=False)
    if done.returncode != expect:
        raise ValueError(f"{' '.join(command[2:]) or 'python'} exited {done.returncode}")
    return (time.perf_counter() - start) * 1000


def _paired_ms(
    first: Callable[[], float], second: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """`RUNS` timings of each, taken alternately so both see the same machine, after one
    warm-up run of each (which also creates the data folder)."""
    firsts, seconds = [], []
    for run in range(RUNS + 1):
        a, b = first(), second()
        if run:
            firsts.append(a)
            seconds.append(b)
    return firsts, seconds


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples), 1)


def measure(ctx: Context, report: BenchReport) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    with tempfile.TemporaryDirectory(prefix="companion-bench-ui-") as tmp:
        folder = Path(tmp)
        report.say(f"ui: the overlay and a bare Qt window to their first paint, {RUNS} runs each")
        ready_ms: list[float] = []

        def app_start() -> float:
            probe = _app(folder / "startup.json", folder / "home", {}, [])
            ready_ms.append(probe["ready_seconds"] * 1000)
            return probe["seconds"] * 1000

        try:
            app_ms, bare_ms = _paired_ms(
                app_start, lambda: _bare_qt(folder / "bare.json")["seconds"] * 1000
            )
            figures["startup_ms"] = Figure(_median_ms(app_ms), "ms")
            figures["ready_ms"] = Figure(_median_ms(ready_ms[1:]), "ms")  # not the warm-up
            figures["bare_qt_ms"] = Figure(_median_ms(bare_ms), "ms")
            ratio = statistics.median(app_ms) / statistics.median(bare_ms)
            figures["startup_vs_bare_qt"] = Figure(round(ratio, 2), "x")
        except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            report.notes.append(f"startup_ms not measured: {exc}")
        report.say(f"ui: `companion call state` with no overlay, and `python -c pass`, {RUNS} runs")
        try:
            hook = [sys.executable, "-m", "companion", "--data-dir", str(folder / "calls")]
            call_ms, python_ms = _paired_ms(
                lambda: _process_ms([*hook, "call", "state"], 3),
                lambda: _process_ms([sys.executable, "-c", "pass"], 0),
            )
            figures["call_command_ms"] = Figure(_median_ms(call_ms), "ms")
            figures["python_ms"] = Figure(_median_ms(python_ms), "ms")
            ratio = statistics.median(call_ms) / statistics.median(python_ms)
            figures["call_command_vs_python"] = Figure(round(ratio, 2), "x")
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            report.notes.append(f"call_command_ms not measured: {exc}")
        report.say(f"ui: {CPU_RUNS} demo calls of {CALL_S:g} s to measure the app's CPU")
        try:
            shares = []
            for _ in range(CPU_RUNS):
                env = {PROBE_CALL_S_ENV: str(CALL_S)}
                demo = _app(folder / "cpu.json", folder / "home2", env, ["--demo"])
                shares.append(100 * demo["cpu_s"] / demo["wall_s"])
            figures["app_cpu_pct"] = Figure(round(statistics.median(shares), 1), "% of one core")
        except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            report.notes.append(f"app_cpu_pct not measured: {exc}")
    return figures
