"""System-wide hotkeys on a real X server: the keys are pressed (xdotool, XTEST) while another
X client has the focus, and the running app's call moves, read back over its IPC channel.
A second test focuses our own window and checks the action runs once, not twice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.app_procs import quit_or_kill

PY = sys.executable
ROOT = Path(__file__).resolve().parents[2]


def _env(display: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
    for name in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "COMPANION_HOME"):
        env.pop(name, None)
    return env


def _x(display: str, *args: str) -> str:
    for tool in ("xdotool", "xterm"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed: run tests/run.sh (it installs it)")
    done = subprocess.run(
        list(args), env=_env(display), capture_output=True, text=True, timeout=30, check=True
    )
    return done.stdout.strip()


def _wait(what: str, check, limit_s: float = 60):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def other_window(xvfb_display: str) -> Iterator[str]:
    """Another X client (xterm) holding the keyboard focus, as the softphone or CRM would."""
    title = f"crm-{os.getpid()}"
    proc = subprocess.Popen(
        ["xterm", "-title", title, "-geometry", "60x10+600+400"],
        env=_env(xvfb_display),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wid = _x(xvfb_display, "xdotool", "search", "--sync", "--name", title).split()[0]
        yield wid
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _cli(data: Path, display: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PY, "-m", "companion", "--data-dir", str(data), *args],
        env=_env(display),
        capture_output=True,
        text=True,
        timeout=60,
    )


def _phase(data: Path, display: str) -> str:
    state = _cli(data, display, "call", "state")
    assert state.returncode == 0, state.stderr
    return state.stdout.strip()


def test_hotkeys_drive_the_call_while_another_app_has_focus(
    tmp_path: Path, xvfb_display: str, other_window: str
) -> None:
    data = tmp_path / "data"
    app = subprocess.Popen(
        [PY, "-m", "companion", "--data-dir", str(data)],
        env=_env(xvfb_display),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    log = data / "logs" / "companion.log"
    try:
        _wait(
            "the hotkey listener",
            lambda: log.exists() and "global hotkeys listening" in log.read_text("utf-8"),
        )
        assert "start Ctrl+Shift+S" in log.read_text("utf-8")
        assert _phase(data, xvfb_display) == "companion: idle"
        _x(xvfb_display, "xdotool", "windowfocus", "--sync", other_window)
        assert _x(xvfb_display, "xdotool", "getwindowfocus") == other_window

        _x(xvfb_display, "xdotool", "key", "ctrl+shift+s")
        assert _wait("live", lambda: _phase(data, xvfb_display) == "companion: live (call 1)")
        # The overlay took nothing: the other app still has the keyboard.
        assert _x(xvfb_display, "xdotool", "getwindowfocus") == other_window

        _x(xvfb_display, "xdotool", "key", "ctrl+shift+e")
        assert _wait("wrap-up", lambda: _phase(data, xvfb_display) == "companion: wrapup (call 1)")
        assert app.poll() is None
    finally:
        quit_or_kill(app)


# Our own window focused (prep accepts focus for typing): press Ctrl+Shift+M once, then
# Ctrl+Shift+O as a barrier, and count how often each action's handler ran.
FOCUSED_DRIVER = r"""
import json, subprocess, sys
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication
from companion.app import build
from companion.context import build_context
from companion.ui.global_hotkeys import start_global_hotkeys

keep_in_app = sys.argv[1] == "keep-in-app"
qapp = QApplication([])
app = build(build_context(sys.argv[2]))
app.show()
shortcuts = app.window.shortcuts
hotkeys = start_global_hotkeys(app.ctx.config.get, shortcuts, app.messages.post)
assert hotkeys is not None, app.messages.held
disabled = sorted(n for n, s in shortcuts.items() if not s.isEnabled())
if keep_in_app:  # the control: what happens without the de-duplication
    for s in shortcuts.values():
        s.setEnabled(True)
runs = {"mute": 0, "expand": 0}
heard = set()
reached = set()
for name in runs:
    shortcuts[name].activated.connect(lambda n=name: runs.__setitem__(n, runs[n] + 1))
hotkeys.activated.connect(heard.add)

class Keys(QObject):
    def eventFilter(self, obj, event):
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            if event.key() in (Qt.Key.Key_M, Qt.Key.Key_O):
                reached.add(chr(event.key()).lower())
        return False

keys = Keys()
qapp.installEventFilter(keys)
app.controller.prepare()
wid = str(int(app.overlay.winId()))
steps = iter(["focus", "m", "o", "settle", "report"])
step = next(steps)

def poll():
    global step
    if step == "focus":
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=True, timeout=30)
        step = next(steps)
    elif step == "m" and qapp.focusWindow() is not None:
        subprocess.run(["xdotool", "key", "ctrl+shift+m"], check=True, timeout=30)
        step = next(steps)
    elif step == "o" and runs["mute"] >= 1 and "mute" in heard:
        subprocess.run(["xdotool", "key", "ctrl+shift+o"], check=True, timeout=30)
        step = next(steps)
    elif step == "settle" and "expand" in heard and "o" in reached:
        step = next(steps)  # one more turn of the loop for a shortcut fired by that key
    elif step == "report":
        print(json.dumps({"runs": runs, "reached": sorted(reached), "disabled": disabled,
                          "muted": app.window.bar.muted}), flush=True)
        hotkeys.stop()
        app.shutdown()
        qapp.quit()

timer = QTimer()
timer.timeout.connect(poll)
timer.start(100)
qapp.exec()
"""


def _focused_run(tmp_path: Path, display: str, mode: str) -> dict[str, object]:
    done = subprocess.run(
        [PY, "-c", FOCUSED_DRIVER, mode, str(tmp_path / mode)],
        env=_env(display),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_our_window_focused_runs_the_action_once(tmp_path: Path, xvfb_display: str) -> None:
    result = _focused_run(tmp_path, xvfb_display, "dedup")
    assert result["reached"] == ["m", "o"]  # the keys did reach our focused window
    assert result["runs"] == {"mute": 1, "expand": 1}
    assert result["muted"] is True
    assert result["disabled"] == ["breathe", "end", "expand", "mute", "prepare", "start"]
    # The control: with the in-app shortcuts left on, the same key press runs twice.
    control = _focused_run(tmp_path, xvfb_display, "keep-in-app")
    assert control["reached"] == ["m", "o"]
    assert control["runs"] == {"mute": 2, "expand": 2}
    assert control["muted"] is False
