"""The overlay as a real process, shared by the tests that start, kill or quit it.

Each helper here starts Qt in a child process: a test module that uses one is marked `gui`
(tests/conftest.py), so `pytest -m "not gui"` runs on a machine without Qt's libraries.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

PY = sys.executable


def offscreen_env(home: Path) -> dict[str, str]:
    """A private COMPANION_HOME and the offscreen platform, so no display is touched."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COMPANION_HOME=str(home))
    env.pop("DISPLAY", None)
    return env


def start_overlay(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PY, "-m", "companion"],
        env=offscreen_env(home),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def ready_line_then_sigkill(home: Path, script: str) -> str:
    """Run `script`, read the "READY ..." line it prints once its state is written, SIGKILL it."""
    writer = subprocess.Popen(
        [PY, "-c", script],
        env=offscreen_env(home),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert writer.stdout is not None
        line = writer.stdout.readline()
        assert line.startswith("READY"), writer.stderr.read() if writer.stderr else ""
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    return line


def quit_or_kill(proc: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """SIGTERM (a normal quit); kill only if it has not gone within 30 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


QT_CHILD_HELPERS = (offscreen_env, start_overlay, ready_line_then_sigkill)
