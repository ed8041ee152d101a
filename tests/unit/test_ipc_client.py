"""The plain-Python end of the IPC channel, without Qt: where it connects, what it makes of an
answer, how it gives up, and that `companion call …` never imports Qt, numpy or Vosk.

Where Qt really listens (`QLocalServer.fullServerName()`) and a round trip with the overlay's
`InstanceServer` are in tests/gui/test_ipc_roundtrip.py.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.ipc import client
from companion.ipc.client import endpoint_path, parse_reply, send

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")


@pytest.mark.parametrize(
    ("tmpdir", "folder"),
    [
        ("", "/tmp"),
        ("/var/tmp/agent/", "/var/tmp/agent"),
        ("/var//tmp/./agent", "/var/tmp/agent"),
        ("/var/tmp/x/../agent", "/var/tmp/agent"),  # cleaned as text, like QDir::cleanPath
        ("//var/tmp", "/var/tmp"),
    ],
)
def test_the_socket_is_in_qts_temp_folder(tmpdir: str, folder: str) -> None:
    env = {"TMPDIR": tmpdir} if tmpdir else {}
    assert endpoint_path("callcompanion-abc", env, "linux") == f"{folder}/callcompanion-abc"


def test_a_relative_tmpdir_is_taken_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert endpoint_path("cc", {"TMPDIR": "t"}, "linux") == f"{tmp_path}/t/cc"


def test_an_absolute_name_is_the_socket_path_itself() -> None:
    assert endpoint_path("/run/user/1000/cc", {"TMPDIR": "/x"}, "linux") == "/run/user/1000/cc"


def test_macos_without_tmpdir_asks_for_the_per_user_temp_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(client, "_darwin_user_temp_dir", lambda: "/var/folders/ab/xyz/T/")
    assert endpoint_path("cc", {}, "darwin") == "/var/folders/ab/xyz/T/cc"
    assert endpoint_path("cc", {"TMPDIR": "/tmp/mine"}, "darwin") == "/tmp/mine/cc"


def test_windows_uses_the_named_pipe_of_that_name() -> None:
    assert endpoint_path("callcompanion-abc", {}, "win32") == r"\\.\pipe\callcompanion-abc"
    assert endpoint_path(r"\\.\pipe\other", {}, "win32") == r"\\.\pipe\other"


@pytest.mark.parametrize(
    ("data", "reply"),
    [
        (b'{"ok": true, "phase": "live"}\n', {"ok": True, "phase": "live"}),
        (b'{"ok": true}\n{"ignored": 1}\n', {"ok": True}),  # the first line only
        (b'{"ok": true}', {"ok": True}),  # closed without the newline
        (b"", {"ok": False, "error": "the overlay did not answer"}),
        (b"\n", {"ok": False, "error": "the overlay did not answer"}),
        (b"<html>\n", {"ok": False, "error": "the overlay sent an unreadable answer"}),
        (b'{"ok": tr', {"ok": False, "error": "the overlay sent an unreadable answer"}),
        (b"[1, 2]\n", {"ok": False, "error": "bad answer"}),
    ],
)
def test_an_answer_becomes_a_reply(data: bytes, reply: dict[str, object]) -> None:
    assert parse_reply(data) == reply


# --- real Unix sockets, served by plain Python -------------------------------------------------


@pytest.fixture
def short_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A TMPDIR short enough for a socket path (pytest's tmp_path can exceed 108 bytes)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cc-", dir="/tmp") as folder:
        monkeypatch.setenv("TMPDIR", folder)
        yield Path(folder)


def serve_once(path: str, answer: bytes | None, seen: list[bytes]) -> threading.Thread:
    """A listener that takes one request line and answers `answer` (None: stays silent)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)

    def run() -> None:
        with listener:
            conn, _ = listener.accept()
            with conn:
                data = b""
                while b"\n" not in data:
                    data += conn.recv(100)
                seen.append(data)
                if answer is None:
                    time.sleep(1.0)
                else:
                    conn.sendall(answer)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@unix_only
def test_one_json_line_each_way(short_tmp: Path) -> None:
    seen: list[bytes] = []
    thread = serve_once(str(short_tmp / "cc"), b'{"ok": true, "phase": "live"}\n', seen)
    assert send("cc", {"cmd": "start", "number": "5551234"}) == {"ok": True, "phase": "live"}
    thread.join(5)
    assert [json.loads(line) for line in seen] == [{"cmd": "start", "number": "5551234"}]
    assert seen[0].endswith(b"\n") and seen[0].count(b"\n") == 1


@unix_only
def test_a_silent_overlay_is_an_error_after_the_timeout_not_a_hang(short_tmp: Path) -> None:
    serve_once(str(short_tmp / "cc"), None, [])
    started = time.monotonic()
    reply = send("cc", {"cmd": "state"}, timeout_ms=300)
    assert reply == {"ok": False, "error": "the overlay did not answer"}
    assert 0.25 < time.monotonic() - started < 1.0


@unix_only
def test_an_unreadable_answer_is_an_error(short_tmp: Path) -> None:
    serve_once(str(short_tmp / "cc"), b"garbage\n", [])
    assert send("cc", {"cmd": "state"}) == {
        "ok": False,
        "error": "the overlay sent an unreadable answer",
    }


@unix_only
def test_nobody_listening_is_none_at_once(short_tmp: Path) -> None:
    started = time.monotonic()
    assert send("cc", {"cmd": "state"}) is None  # no socket file
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(short_tmp / "cc"))  # the file a killed overlay leaves: nobody accepts
    stale.close()
    assert (short_tmp / "cc").exists()
    assert send("cc", {"cmd": "state"}) is None
    assert time.monotonic() - started < 0.5


# --- the Windows pipe code, against a stand-in for `_winapi` -----------------------------------


def windows_error(code: int) -> OSError:
    error = OSError(22, f"Windows error {code}")
    error.winerror = code  # type: ignore[attr-defined]  # set by Python on Windows only
    return error


class FakePipe:
    """Just enough of `_winapi` to run the client's pipe code: a server that answers `answer`
    to a request, but only if a read was already waiting when the request went out (a real
    Qt server disconnects right after writing, which drops an answer nobody waits for)."""

    ERROR_PIPE_BUSY = 231
    GENERIC_READ = 0x80000000
    GENERIC_WRITE = 0x40000000
    OPEN_EXISTING = 3
    FILE_FLAG_OVERLAPPED = 0x40000000
    NULL = 0
    WAIT_OBJECT_0 = 0
    WAIT_TIMEOUT = 258

    def __init__(self, answer: bytes | None, busy: int = 0, exists: bool = True) -> None:
        self.answer, self.busy, self.exists = answer, busy, exists
        self.log: list[str] = []
        self.pending: types.SimpleNamespace | None = None

    def CreateFile(self, path: str, *_args: int) -> int:
        self.log.append(f"open {path}")
        if not self.exists:
            raise windows_error(2)  # ERROR_FILE_NOT_FOUND
        if self.busy:
            self.busy -= 1
            raise windows_error(self.ERROR_PIPE_BUSY)
        return 7

    def WaitNamedPipe(self, path: str, ms: int) -> None:
        self.log.append("wait for a free instance")

    def ReadFile(self, handle: int, size: int, overlapped: bool) -> tuple[object, int]:
        self.log.append("read")
        read = types.SimpleNamespace(event=1, data=b"")
        read.cancel = lambda: self.log.append("cancel")
        read.GetOverlappedResult = lambda wait: (len(read.data), 0)
        read.getbuffer = lambda: read.data
        self.pending = read
        return read, 997

    def WriteFile(self, handle: int, data: bytes, overlapped: bool) -> tuple[object, int]:
        self.log.append(f"write {data!r}")
        if self.pending is not None and self.answer is not None:
            self.pending.data, self.pending.done = self.answer, True
        written = types.SimpleNamespace(GetOverlappedResult=lambda wait: (len(data), 0))
        return written, 0

    def WaitForSingleObject(self, event: int, ms: int) -> int:
        done = self.pending is not None and getattr(self.pending, "done", False)
        return self.WAIT_OBJECT_0 if done else self.WAIT_TIMEOUT

    def CloseHandle(self, handle: int) -> None:
        self.log.append("close")


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(client.sys, "platform", "win32")
    yield


def fake_winapi(monkeypatch: pytest.MonkeyPatch, pipe: FakePipe) -> None:
    monkeypatch.setitem(sys.modules, "_winapi", pipe)  # type: ignore[arg-type]


def test_pipe_the_read_waits_before_the_request_goes_out(
    monkeypatch: pytest.MonkeyPatch, on_windows: None
) -> None:
    pipe = FakePipe(b'{"ok": true, "phase": "idle"}\n')
    fake_winapi(monkeypatch, pipe)
    assert send("cc", {"cmd": "state"}) == {"ok": True, "phase": "idle"}
    assert pipe.log == [
        r"open \\.\pipe\cc",
        "read",
        "write " + repr(b'{"cmd": "state"}\n'),
        "close",
    ]


def test_pipe_busy_waits_for_a_free_instance(
    monkeypatch: pytest.MonkeyPatch, on_windows: None
) -> None:
    pipe = FakePipe(b'{"ok": true}\n', busy=1)
    fake_winapi(monkeypatch, pipe)
    assert send("cc", {"cmd": "state"}) == {"ok": True}
    assert pipe.log[:3] == [r"open \\.\pipe\cc", "wait for a free instance", r"open \\.\pipe\cc"]


def test_pipe_missing_is_none_and_silent_is_an_error(
    monkeypatch: pytest.MonkeyPatch, on_windows: None
) -> None:
    fake_winapi(monkeypatch, FakePipe(None, exists=False))
    assert send("cc", {"cmd": "state"}) is None
    silent = FakePipe(None)
    fake_winapi(monkeypatch, silent)
    assert send("cc", {"cmd": "state"}) == {"ok": False, "error": "the overlay did not answer"}
    assert silent.log[-2:] == ["cancel", "close"]


# --- the whole command, as a softphone runs it ------------------------------------------------

HEAVY = ("PySide6", "shiboken6", "numpy", "vosk", "sounddevice", "sqlite_utils", "pydantic")


def imported_by(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "companion", "--data-dir", str(tmp_path), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    rows = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    return done.returncode, {row.split(".")[0] for row in rows}


@pytest.mark.parametrize(
    "args",
    [
        ("call", "state"),
        ("call", "start", "--number", "020 7946 0958"),
        ("call", "start", "5551234"),  # the caller id MicroSIP appends
        ("call", "end"),
        ("call", "quit"),
    ],
)
def test_call_commands_never_import_qt_numpy_or_vosk(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, modules = imported_by(tmp_path, *args)
    assert code == 3  # no overlay here
    assert "companion" in modules  # the import log was read
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))


def test_a_sip_uri_from_the_softphone_still_never_imports_qt(tmp_path: Path) -> None:
    """Parsing a URI loads the baresip module, and nothing heavy through it."""
    code, modules = imported_by(tmp_path, "call", "start", "sip:+442079460958@pbx.example.com")
    assert code == 3
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))
