"""The plain-Python client against Qt's `QLocalServer`: the same endpoint, the same protocol.

The softphone's `companion call …` no longer loads Qt, so nothing but these tests proves that it
still finds the overlay: `endpoint_path` against what `QLocalServer.fullServerName()` reports,
the overlay's `InstanceServer` answering `call start|state|end` run as separate processes, and a
socket file left by a killed overlay giving "not running" at once instead of a hang.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.ipc.channel import send, server_name
from companion.ipc.client import endpoint_path
from companion.ipc.server import InstanceServer
from companion.paths import resolve_paths
from tests.gui.app_procs import quit_or_kill, start_overlay

PY = sys.executable
pytestmark = pytest.mark.gui  # every test here runs Qt, in this process or in a child


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder short enough for socket paths (a Unix socket path has at most 108 bytes)."""
    with tempfile.TemporaryDirectory(prefix="cc-", dir="/tmp") as folder:
        yield Path(folder)


def tmpdir_spellings(folder: Path) -> list[tuple[str, Path | None]]:
    """TMPDIR values as agents' sessions set them, with the working folder each needs."""
    link = folder.parent / f"{folder.name}-link"
    return [
        (str(folder), None),
        (f"{folder}/", None),
        (str(folder).replace("/", "//") + "/./", None),
        (f"{folder}/missing/..", None),
        (str(link), None),  # a symlink stays as spelled: Qt does not resolve it
        (folder.name, folder.parent),  # relative: from the working folder
        ("", None),  # unset: /tmp
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="TMPDIR places Unix sockets only")
def test_endpoint_path_is_where_qlocalserver_listens(
    qapp: Any, short_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtNetwork import QLocalServer

    (short_tmp.parent / f"{short_tmp.name}-link").symlink_to(short_tmp)
    name = f"callcompanion-test-{os.getpid()}"
    try:
        for tmpdir, cwd in tmpdir_spellings(short_tmp):
            if tmpdir:
                monkeypatch.setenv("TMPDIR", tmpdir)
            else:
                monkeypatch.delenv("TMPDIR", raising=False)
            if cwd is not None:
                monkeypatch.chdir(cwd)
            server = QLocalServer()
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            assert server.listen(name), (tmpdir, server.errorString())
            try:
                assert endpoint_path(name) == server.fullServerName(), tmpdir
                assert Path(endpoint_path(name)).exists(), tmpdir
            finally:
                server.close()
    finally:
        (short_tmp.parent / f"{short_tmp.name}-link").unlink()


def test_endpoint_path_matches_qt_on_this_platform(qapp: Any) -> None:
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer()
    name = f"callcompanion-test-{os.getpid()}"
    assert server.listen(name), server.errorString()
    try:
        assert endpoint_path(name) == server.fullServerName()
    finally:
        server.close()


class ScriptedOverlay:
    """The overlay's answers for a call, without the overlay: the IPC is what is tested."""

    def __init__(self) -> None:
        self.phase, self.call_id = "idle", 0
        self.requests: list[dict[str, Any]] = []

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(request)
        if request["cmd"] == "start":
            self.phase, self.call_id = "live", self.call_id + 1
        elif request["cmd"] == "end":
            self.phase = "wrapup"
        return {"ok": True, "phase": self.phase, "call_id": self.call_id}


def run_cli(qtbot: Any, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`companion --data-dir HOME ARGS` as its own process, the event loop serving meanwhile."""
    proc = subprocess.Popen(
        [PY, "-m", "companion", "--data-dir", str(home), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_call_start_state_end_from_another_process(qtbot: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    overlay = ScriptedOverlay()
    server = InstanceServer(server_name(resolve_paths(str(home)).data, create=True), overlay.handle)
    assert server.listen()
    try:
        start = run_cli(qtbot, home, "call", "start", "sip:+442079460958@pbx.example.com")
        state = run_cli(qtbot, home, "call", "state")
        end = run_cli(qtbot, home, "call", "end", "--direction", "outbound")
    finally:
        server.close()
    assert [r.returncode for r in (start, state, end)] == [0, 0, 0], end.stderr
    assert start.stdout == "companion: live (call 1)\n"
    assert state.stdout == "companion: live (call 1)\n"
    assert end.stdout == "companion: wrapup (call 1)\n"
    assert overlay.requests == [
        {"cmd": "start", "number": "+442079460958", "name": "", "direction": "inbound"},
        {"cmd": "state", "number": "", "name": "", "direction": "inbound"},
        {"cmd": "end", "number": "", "name": "", "direction": "outbound"},
    ]


def test_a_call_event_while_the_overlay_is_still_being_built_waits_for_it(
    qtbot: Any, tmp_path: Path
) -> None:
    """The overlay listens from its first paint and builds the call session behind it: a
    softphone's `call start` in that moment is held, not refused, and answered once the
    session exists (`serve`)."""
    home = tmp_path / "home"
    server = InstanceServer(server_name(resolve_paths(str(home)).data, create=True))
    assert server.listen()
    overlay = ScriptedOverlay()
    proc = subprocess.Popen(
        [PY, "-m", "companion", "--data-dir", str(home), "call", "start", "+442079460958"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: bool(server._held), timeout=30_000)
        qtbot.wait(500)
        assert proc.poll() is None  # still waiting for its answer
        assert overlay.requests == []
        server.serve(overlay.handle)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
        out, err = proc.communicate()
    finally:
        server.close()
    assert (proc.returncode, out) == (0, "companion: live (call 1)\n"), err
    assert [r["number"] for r in overlay.requests] == ["+442079460958"]
    assert not server._held


HOSTILE_LINES = [
    (b"[" * 3_000 + b"\n", "bad request: nested too deeply"),
    (b'{"cmd": "start", "number": ' + b"[" * 5_000 + b"\n", "bad request: longer than 4 KiB"),
    (b"x" * 300_000, "bad request: longer than 4 KiB"),  # no newline ever comes
    (b'["start"]\n', "bad request: expected a JSON object, got list"),
    (b'"start"\n', "bad request: expected a JSON object, got str"),
    (b'{"cmd": ["start"]}\n', 'bad request: "cmd" must be one of start, end, prep'),
    (b'{"cmd": "start", "number": {"a": 1}}\n', 'bad request: "number" must be text'),
    (b'{"cmd": "start", "direction": "sideways"}\n', 'bad request: "direction" must be'),
    (b"\xff\xfe{}\n", "bad request: not JSON"),
]


@pytest.mark.skipif(sys.platform == "win32", reason="a raw Unix socket writes the bytes")
def test_hostile_request_lines_get_a_refusal_and_the_server_serves_on(
    qtbot: Any, short_tmp: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Whatever connects to the endpoint gets one refusal line; nothing is logged as a failure
    and the next well-formed request is answered as usual."""
    import json
    import socket
    import threading

    name = server_name(short_tmp, create=True)
    overlay = ScriptedOverlay()
    server = InstanceServer(name, overlay.handle)
    assert server.listen()
    replies: list[bytes] = []
    after: list[dict[str, Any] | None] = []

    def client() -> None:
        for line, _ in HOSTILE_LINES:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(20)
                sock.connect(endpoint_path(name))
                with contextlib.suppress(OSError):  # answered and hung up before the rest came
                    sock.sendall(line)
                data = b""
                while b"\n" not in data and (chunk := sock.recv(4096)):
                    data += chunk
                replies.append(data)
        after.append(send(name, {"cmd": "start", "number": 4402079460958}))

    worker = threading.Thread(target=client, daemon=True)
    try:
        worker.start()
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=60_000)
    finally:
        server.close()
    assert len(replies) == len(HOSTILE_LINES)
    for (line, says), raw in zip(HOSTILE_LINES, replies, strict=True):
        reply = json.loads(raw)
        assert reply["ok"] is False and reply["error"].startswith(says), (line[:40], reply)
        assert "\n" not in reply["error"]
    assert after == [{"ok": True, "phase": "live", "call_id": 1}]
    assert overlay.requests[-1]["number"] == "4402079460958"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.skipif(sys.platform == "win32", reason="raw Unix sockets")
def test_idle_connections_are_capped_and_dropped(
    qtbot: Any, short_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 connections that never say anything: at most MAX_CONNECTIONS are kept, each only
    for IDLE_MS, and a softphone's request afterwards is answered at once."""
    import socket
    import threading

    from companion.ipc import server as server_module

    monkeypatch.setattr(server_module, "IDLE_MS", 1000)
    name = server_name(short_tmp, create=True)
    overlay = ScriptedOverlay()
    server = InstanceServer(name, overlay.handle)
    assert server.listen()
    idle = []
    for _ in range(40):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(endpoint_path(name))
        idle.append(sock)
    try:
        qtbot.waitUntil(
            lambda: len(server._waiting) == server_module.MAX_CONNECTIONS, timeout=10_000
        )
        qtbot.wait(300)
        assert len(server._waiting) == server_module.MAX_CONNECTIONS  # the rest were refused
        qtbot.waitUntil(lambda: not server._waiting, timeout=10_000)  # idle ones time out
        closed = 0
        for sock in idle:
            sock.settimeout(2)
            closed += sock.recv(1) == b""
        assert closed == 40
        answer: list[dict[str, Any] | None] = []
        worker = threading.Thread(target=lambda: answer.append(send(name, {"cmd": "state"})))
        worker.start()
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=10_000)
    finally:
        for sock in idle:
            sock.close()
        server.close()
    assert answer == [{"ok": True, "phase": "idle", "call_id": 0}]


def test_a_frozen_overlay_is_an_answer_after_the_timeout(qtbot: Any, tmp_path: Path) -> None:
    """The server is listening but its event loop never runs (a hung overlay): the kernel takes
    the connection, nobody answers, and the client gives up after its reply timeout."""
    name = server_name(tmp_path, create=True)
    server = InstanceServer(name, ScriptedOverlay().handle)
    assert server.listen()
    try:
        started = time.monotonic()
        reply = send(name, {"cmd": "state"}, timeout_ms=300)
        waited = time.monotonic() - started
    finally:
        server.close()  # before the loop runs: the pending connection is dropped unanswered
    assert reply == {"ok": False, "error": "the overlay did not answer"}
    assert 0.25 < waited < 2.0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL; pipes vanish with their process")
def test_the_real_overlay_answers_and_its_stale_socket_means_not_running(tmp_path: Path) -> None:
    home = tmp_path / "home"
    name = server_name(resolve_paths(str(home)).data, create=True)
    overlay = start_overlay(home)
    try:
        deadline = time.monotonic() + 60
        while (reply := send(name, {"cmd": "state"})) is None:
            assert overlay.poll() is None, overlay.stderr.read() if overlay.stderr else ""
            assert time.monotonic() < deadline, "the overlay never answered"
            time.sleep(0.2)
        assert reply["ok"] and reply["phase"] == "idle"
        started = send(name, {"cmd": "start", "number": "+44 20 7946 0958"})
        assert started is not None and started["phase"] == "live", started
        assert send(name, {"cmd": "state"}) == started
        ended = send(name, {"cmd": "end"})
        assert ended is not None and ended["phase"] == "wrapup", ended
        overlay.send_signal(signal.SIGKILL)
        overlay.wait(timeout=30)
    finally:
        if overlay.poll() is None:
            quit_or_kill(overlay)
    assert Path(endpoint_path(name)).exists()  # left behind: nobody removed it
    began = time.monotonic()
    assert send(name, {"cmd": "state"}) is None
    assert time.monotonic() - began < 0.5
    done = subprocess.run(
        [PY, "-m", "companion", "--data-dir", str(home), "call", "start", "--number", "1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 3 and "not running" in done.stderr
