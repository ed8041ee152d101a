"""The app as real processes: IPC from a second process, single instance, and a note that
survives SIGKILL in the middle of the wrap-up."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from companion.calls.lifecycle import Phase
from companion.paths import resolve_paths
from tests.gui.app_procs import PY, offscreen_env, ready_line_then_sigkill, start_overlay


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PY, "-m", "companion", *args],
        env=offscreen_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )


def _wait_for_overlay(home: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        if _cli(home, "call", "state").returncode == 0:
            return
        time.sleep(0.3)
    raise AssertionError("the overlay never answered on its IPC channel")


def test_call_commands_from_a_second_process(tmp_path: Path) -> None:
    home = tmp_path / "home"
    none = _cli(home, "call", "start", "--number", "+44 20 7946 0958")
    assert none.returncode == 3 and "not running" in none.stderr
    app = start_overlay(home)
    try:
        _wait_for_overlay(home, app)
        started = _cli(
            home,
            "call",
            "start",
            "--number",
            "+44 20 7946 0958",
            "--name",
            "Jane",
            "--direction",
            "inbound",
        )
        assert started.returncode == 0, started.stderr
        assert started.stdout.strip() == "companion: live (call 1)"
        again = _cli(home, "call", "start", "--number", "+44 20 7946 0958")
        assert again.stdout.strip() == "companion: live (call 1)"  # repeated event ignored
        ended = _cli(home, "call", "end")
        assert ended.stdout.strip() == "companion: wrapup (call 1)"
        second = _cli(home)  # a second overlay defers to the first
        assert second.returncode == 0 and "already running" in second.stderr
        _second_start_leaves_the_database_alone(home, tmp_path / "second.trace")
        state = _cli(home, "call", "state")
        assert state.stdout.strip() == "companion: wrapup (call 1)"
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)


def _second_start_leaves_the_database_alone(home: Path, trace: Path) -> None:
    """It must not open (so never migrate or move aside) the running overlay's database: a
    newer version started while an older one runs would otherwise change it underneath."""
    database = resolve_paths(home).database
    second = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=open,openat", "-o", str(trace), PY, "-m", "companion"],
        env=offscreen_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0 and "already running" in second.stderr, second.stderr
    opened = trace.read_text(encoding="utf-8", errors="replace")
    assert "companion" in opened and database.exists()  # the trace saw the app start
    assert str(database) not in opened, "the second start opened the database"


KILLED_WRITER = """
import sys, time
from PySide6.QtWidgets import QApplication
qapp = QApplication([])
from companion.app import build
from companion.context import build_context
from companion.calls.lifecycle import CallInfo
app = build(build_context(None))
app.show()
c = app.controller
c.start_call(CallInfo(identity="C-77"))
c.end_call()
app.window.note.caller_needed.setPlainText("Card blocked abroad; needs it unblocked today")
app.window.note.difficulty.setValue(3)  # within 2 s of the first write: pending
from PySide6.QtTest import QTest
QTest.qWait(3500)  # the form's autosave timer writes the pending change
print("READY", c.call_id, flush=True)
time.sleep(120)
"""


def test_draft_note_comes_back_after_sigkill(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    call_id = int(ready_line_then_sigkill(home, KILLED_WRITER).split()[1])

    os.environ["COMPANION_HOME"] = str(home)  # app_home's monkeypatch is not used here
    try:
        from companion.app import build
        from companion.context import build_context

        app = build(build_context(None))
        qtbot.addWidget(app.overlay)
        app.show()
        c, form = app.controller, app.window.note
        assert c.phase is Phase.WRAPUP and c.call_id == call_id
        assert app.overlay.current_page() == "wrapup"
        assert form.caller_needed.toPlainText() == "Card blocked abroad; needs it unblocked today"
        assert form.difficulty.value() == 3
        assert "restored draft" in form.title.text()
        assert "unfinished note is back" in app.overlay.banners.texts().get("restored", "")
        app.shutdown()
    finally:
        os.environ.pop("COMPANION_HOME", None)


def test_sigterm_mid_call_quits_cleanly_and_the_note_is_waiting_at_restart(tmp_path: Path) -> None:
    """A logout or `kill` is a normal quit: the live call is ended and kept for its note."""
    home = tmp_path / "home"
    app = start_overlay(home)
    try:
        _wait_for_overlay(home, app)
        started = _cli(home, "call", "start", "--number", "020 7946 0958")
        assert started.stdout.strip() == "companion: live (call 1)"
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=30)
    assert app.returncode == 0, err
    log = (home / "logs" / "companion.log").read_text(encoding="utf-8")
    assert log.rstrip().endswith("overlay stopped"), log[-500:]  # the quit is in the log
    wal = home / "data" / "companion.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # folded back into the history file
    again = start_overlay(home)
    try:
        _wait_for_overlay(home, again)
        assert _cli(home, "call", "state").stdout.strip() == "companion: wrapup (call 1)"
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=60)
    assert again.returncode == 0


def test_call_state_names_the_caller_and_a_repeated_start_is_said(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = start_overlay(home)
    try:
        _wait_for_overlay(home, app)
        _cli(home, "call", "start", "--number", "020 7946 0958", "--name", "Jane Morgan")
        again = _cli(home, "call", "start", "--number", "020 7946 0958")
        assert again.returncode == 0 and again.stdout.strip() == "companion: live (call 1)"
        assert again.stderr.strip() == (
            "companion: a call is already live (call 1); this start was ignored"
        )
        state = _cli(home, "call", "state", "--json")
        assert json.loads(state.stdout) == {
            "phase": "live",
            "call_id": 1,
            "caller": "Jane Morgan",
        }
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=60)
