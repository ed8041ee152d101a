"""The app leaves with exit code 0 and no abort: the screenshot demo, a quit over IPC after a
call, and the menu's Quit action — each in a real process, as an agent or a script runs it.

(PySide6 6.12.0 aborted these with "bool_dealloc": its Signal.emit() returned True without a
reference, so every emit drained True's refcount. pyproject excludes that release; these tests
catch it, or any teardown-order crash, coming back.)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from companion.ipc.channel import send, server_name
from companion.paths import resolve_paths
from tests.gui.app_procs import offscreen_env

PY = sys.executable
BAD = ("Fatal", "abort", "Aborted", "Segmentation", "Traceback")

QUIT_FROM_MENU = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu
from companion.context import build_context
from companion.launch import run_app

def press_quit():
    for menu in QApplication.allWidgets():
        if isinstance(menu, QMenu):
            for action in menu.actions():
                if action.text() == "Quit Call Companion":
                    print("pressing Quit", flush=True)
                    action.trigger()
                    return
    QTimer.singleShot(100, press_quit)

app = QApplication(sys.argv[:1])
QTimer.singleShot(1500, press_quit)
sys.exit(run_app(build_context(None)))
"""


def _clean(stderr: str) -> None:
    for word in BAD:
        assert word not in stderr, stderr[-2000:]


def test_demo_screenshots_exit_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    done = subprocess.run(
        [PY, "-m", "companion", "demo", "--screenshots", str(out)],
        env=offscreen_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    _clean(done.stderr)
    names = sorted(p.name for p in out.glob("*.png"))
    assert names == ["breathing.png", "idle.png", "live.png", "peek.png", "prep.png", "wrapup.png"]
    assert done.stdout.count(".png") == 6


def test_overlay_quits_cleanly_over_ipc_after_a_call(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    # `qapp` first: otherwise `send` makes a bare QCoreApplication that later widget tests get.
    home = tmp_path / "home"
    name = server_name(resolve_paths(home).data)
    proc = subprocess.Popen(
        [PY, "-m", "companion"], env=offscreen_env(home), text=True, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while send(name, {"cmd": "state"}) is None:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the overlay never answered"
            time.sleep(0.2)
        assert send(name, {"cmd": "start", "number": "+44 20 7946 0958"})["phase"] == "live"
        time.sleep(3)  # the live panel ticks (timer, levels, cues): thousands of signal emits
        assert send(name, {"cmd": "end"})["phase"] == "wrapup"
        assert send(name, {"cmd": "quit"})["ok"]
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err[-2000:]
    _clean(err)


def test_quit_from_the_menu_exits_cleanly(tmp_path: Path) -> None:
    done = subprocess.run(
        [PY, "-c", QUIT_FROM_MENU],
        env=offscreen_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "pressing Quit" in done.stdout, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    _clean(done.stderr)
