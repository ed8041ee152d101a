"""The self-test's proof that the overlay itself opens and handles a call, not only its parts.

A bundle can pass every check of its parts and still not open: a Qt module the app imports but
the bundle left out fails only when the overlay is built. So this check does what an agent's
first call does, offscreen and in a temporary folder:

1. imports and builds the real app (`companion.app.build`) on the demo history;
2. opens the real IPC endpoint, and a second process (this same executable, `call start`) asks
   it to start a call, as a softphone hook would;
3. lets a few seconds of the demo call run through the real pipeline (WAV blocks, resampler,
   voice detector, captions, cue engine) and checks that both sides arrived;
4. ends the call from a second process again and checks the call is in the history file.

Any step that fails is a `CheckFailed` naming it, so the verdict says the app cannot open.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from companion.app import Companion
    from companion.ipc.server import InstanceServer

CALL_SECONDS = 3.0
CLIENT_TIMEOUT_S = 60.0
SELF_TEST_NUMBER = "+44 20 7946 0000"


class AppCheckFailed(Exception):
    """One step of the overlay check failed; the message names the step and what was seen."""


def companion_command(*args: str) -> list[str]:
    """This same program as a second process: the bundle's executable, or `python -m companion`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "companion", *args]


@contextmanager
def qt_warnings() -> Iterator[list[str]]:
    """Qt's warnings while the block runs, kept instead of printed."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    warnings: list[str] = []

    def keep(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            warnings.append(message)

    previous = qInstallMessageHandler(keep)
    try:
        yield warnings
    finally:
        qInstallMessageHandler(previous)


def load_failures(warnings: list[str]) -> list[str]:
    """The warnings that mean a part of Qt is missing ("could not load the Qt platform plugin")."""
    return [w for w in warnings if "could not" in w.lower() or "cannot" in w.lower()]


def check_app(folder: Path | None = None) -> str:
    """Build the overlay, drive one call through IPC from a second process; the one-line result."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="companion-selftest-app-") as tmp:
            return check_app(Path(tmp))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from companion.app import build
    from companion.context import build_context
    from companion.events import Partial, VoiceFrame
    from companion.ipc.channel import server_name
    from companion.ipc.server import InstanceServer

    qapp = QApplication.instance() or QApplication(["companion-self-test"])
    assert isinstance(qapp, QApplication)
    ctx = build_context(str(folder))
    companion = build(ctx, demo=True)
    server = InstanceServer(server_name(ctx.paths.data, create=True), companion.handle)
    seen: Counter[str] = Counter()

    def count(event: object) -> None:
        if isinstance(event, VoiceFrame):
            seen[f"{event.channel} frames"] += 1
            seen[f"{event.channel} speech"] += int(event.speech)
        elif isinstance(event, Partial):
            seen["captions"] += 1

    companion.bridge.add_receiver(count)
    with qt_warnings() as warnings:
        try:
            stored = _drive_one_call(qapp, companion, server, folder)
        finally:
            companion.shutdown()
            companion.overlay.close()
            companion.store.db.close()
    # the offscreen platform's "does not support raise()" notices are expected; a missing part
    # of Qt is not
    broken = load_failures(warnings)
    if broken:
        raise AppCheckFailed(broken[0])
    missing = [k for k in ("agent frames", "caller frames", "caller speech") if not seen[k]]
    if missing:
        raise AppCheckFailed(f"{CALL_SECONDS:.0f} s of the demo call gave no {missing[0]}")
    return (
        f"overlay built; a second process started and ended a call over IPC; "
        f"{CALL_SECONDS:.0f} s of the demo call gave {seen['agent frames']} agent and "
        f"{seen['caller frames']} caller frames, {seen['captions']} captions; {stored}"
    )


def _drive_one_call(
    qapp: QApplication, companion: Companion, server: InstanceServer, folder: Path
) -> str:
    """Open IPC, start a call from a second process, let the demo run, end it, read it back."""
    if not server.listen():
        raise AppCheckFailed(f"the IPC endpoint did not open: {server.server.errorString()}")
    companion.server = server
    companion.show()
    companion.start_audio()  # the demo call is the audio feed
    _pump(qapp, lambda: False, 0.2)
    start = _client(qapp, folder, "start", "--number", SELF_TEST_NUMBER, "--name", "Self Test")
    if companion.controller.phase.value != "live":
        raise AppCheckFailed(f"`call start` over IPC left the overlay in {start!r}")
    _pump(qapp, lambda: False, CALL_SECONDS)
    painted = companion.overlay.grab()
    if painted.isNull() or painted.width() == 0:
        raise AppCheckFailed("the overlay could not be drawn")
    call_id = companion.controller.call_id
    _client(qapp, folder, "end")
    return _stored_call(companion.store.path, call_id)


def _pump(qapp: QApplication, done: Callable[[], bool], seconds: float) -> bool:
    """Run the event loop (timers, queued events, IPC) until `done()` or `seconds` pass."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return done()


def _client(qapp: QApplication, folder: Path, action: str, *extra: str) -> str:
    """`companion --data-dir FOLDER call ACTION` as a second process; its one-line answer.

    The overlay answers from this process's event loop, so the loop runs while the client waits.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = companion_command("--data-dir", str(folder), "call", action, *extra)
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as client:
        if not _pump(qapp, lambda: client.poll() is not None, CLIENT_TIMEOUT_S):
            client.kill()
            raise AppCheckFailed(f"`call {action}` from a second process got no answer")
        out, err = client.communicate()
    if client.returncode != 0:
        reason = (err or out).strip().splitlines()[-1:] or [f"exit {client.returncode}"]
        raise AppCheckFailed(f"`call {action}` from a second process failed: {reason[0]}")
    return out.strip()


def _stored_call(database: Path, call_id: int | None) -> str:
    """The call's row, read back from the history file with plain SQLite."""
    if call_id is None:
        raise AppCheckFailed("the call was not stored (no call id)")
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT started_at, ended_at FROM calls WHERE id = ?", (call_id,)
        ).fetchone()
    if row is None or not row[1]:
        raise AppCheckFailed(f"call {call_id} is not in the history with its end: {row}")
    return f"call {call_id} stored with its start and end"
