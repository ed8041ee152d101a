"""kill -9 during a storm of call starts and ends never leaves a call without an end.

A child process runs a `CallSession` that starts and ends calls as fast as it can (a softphone
sending start/end, a live tick, a note skipped); the test SIGKILLs it at a random moment, twenty
times, and after each kill a new session on the same files restores: every call in the history
then has an end, and the history passes SQLite's integrity check.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from companion.store import call_log
from tests.unit.session_kit import Clock, Heard, make_session

ROOT = Path(__file__).resolve().parents[2]
# One process imports everything once, then forks a fresh storm for each round (a kill must hit
# a real process, and importing the app twenty times would take most of a minute).
STORM = """
import os, signal, sys
from pathlib import Path
from companion.calls.lifecycle import CallInfo
from tests.unit.session_kit import Clock, Heard, make_session

def storm(folder):
    clock = Clock()
    s = make_session(folder, clock, Heard())
    s.restore()
    if s.phase.value == "wrapup":
        s.skip_note()
    n = 0
    while True:
        n += 1
        number = f"0207946{n:04d}"
        s.start_call(CallInfo(identity=number, number=number), source="softphone")
        clock.t += 0.05
        s.tick()
        s.end_call(source="softphone")
        s.skip_note()
        s.finish_breathing()

signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed storms are reaped at once
for _line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        storm(Path(sys.argv[1]))
    print(pid, flush=True)
"""
KILLS = 20


def _wait_gone(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} still runs after SIGKILL")


def test_kill_9_during_a_start_end_storm_leaves_no_call_without_an_end(tmp_path: Path) -> None:
    rng = random.Random(7)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    restored_notes = 0
    zygote = subprocess.Popen(
        [sys.executable, "-c", STORM, str(tmp_path)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    try:
        for _ in range(KILLS):
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            time.sleep(rng.uniform(0.05, 0.4))
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
            heard = Heard()
            session = make_session(tmp_path, Clock(), heard)
            session.restore()
            assert not call_log.unended_calls(session.db)
            restored_notes += "note_loaded" in heard.calls
            session.db.close()
    finally:
        zygote.kill()
        zygote.wait(timeout=30)
    with sqlite3.connect(tmp_path / "companion.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        calls = db.execute("SELECT count(*) FROM calls").fetchone()[0]
    print(f"\n{KILLS} kills over {calls} calls; {restored_notes} restores reopened a note")
    assert calls > KILLS  # the storm really ran between the kills
