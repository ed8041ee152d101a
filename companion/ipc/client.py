"""The short-lived end of the channel, in plain Python: `companion call …` never loads Qt.

A softphone runs `companion call start|end|state` on every call event, so this side must start
about as fast as Python itself. The overlay's `QLocalServer` listens where this module connects:

- Linux and macOS: a Unix socket file named after the server, in the folder Qt calls
  `QDir::tempPath()` ($TMPDIR, else the per-user temporary folder on macOS, else /tmp).
- Windows: the named pipe `\\\\.\\pipe\\<name>`.

`send` speaks the channel's protocol (one JSON line each way, see `companion.ipc.channel`):
None when nobody listens (no overlay, or a socket file a killed overlay left behind), and an
`{"ok": False, "error": ...}` answer when the overlay took the request but answered nothing
readable in time. It never waits longer than `CONNECT_MS` + `REPLY_MS`.
"""

from __future__ import annotations

import json
import os
import posixpath
import socket
import struct
import sys
import time
from collections.abc import Mapping
from typing import Any

CONNECT_MS = 1000
REPLY_MS = 5000
PIPE_PREFIX = "\\\\.\\pipe\\"
_DARWIN_USER_TEMP_DIR = 65537  # confstr name behind NSTemporaryDirectory()
_PEERCRED_LINUX = "3i"  # struct ucred: pid, uid, gid
_SOL_LOCAL, _LOCAL_PEERCRED, _XUCRED_SIZE = 0, 1, 76  # macOS <sys/un.h>, struct xucred


def qt_temp_path(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """`QDir::tempPath()` on Unix: $TMPDIR made absolute and cleaned, else the default.

    Qt only cleans the path (no symlinks resolved): a TMPDIR of `/tmp//x/./y/` is `/tmp/x/y`."""
    env = os.environ if environ is None else environ
    temp = env.get("TMPDIR", "")
    if not temp and (platform or sys.platform) == "darwin":
        temp = _darwin_user_temp_dir()
    path = posixpath.abspath(temp or "/tmp")
    return "/" + path.lstrip("/")  # Qt folds a leading `//` that normpath keeps


def endpoint_path(
    name: str, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str:
    """Where `QLocalServer.listen(name)` listens: what its `fullServerName()` reports.

    `environ` and `platform` default to this process's."""
    if (platform or sys.platform) == "win32":
        return name if name.startswith(PIPE_PREFIX) else PIPE_PREFIX + name
    if name.startswith("/"):
        return name
    return qt_temp_path(environ, platform) + "/" + name


def parse_reply(data: bytes) -> dict[str, Any]:
    """The overlay's answer from the bytes it sent: its first line, as a JSON object."""
    if not data.strip():
        return {"ok": False, "error": "the overlay did not answer"}
    try:
        reply = json.loads(data.split(b"\n", 1)[0])
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        return {"ok": False, "error": "the overlay sent an unreadable answer"}
    return reply if isinstance(reply, dict) else {"ok": False, "error": "bad answer"}


def send(name: str, request: dict[str, Any], timeout_ms: int = REPLY_MS) -> dict[str, Any] | None:
    """Send one request to the running overlay; None when no overlay is running."""
    line = (json.dumps(request) + "\n").encode("utf-8")
    path = endpoint_path(name)
    if sys.platform == "win32":
        data = _exchange_over_pipe(path, line, timeout_ms)
    else:
        data = _exchange_over_socket(path, line, timeout_ms)
    return None if data is None else parse_reply(data)


def _exchange_over_socket(path: str, line: bytes, timeout_ms: int) -> bytes | None:
    sock = _connect_socket(path)
    if sock is None:
        return None
    deadline = time.monotonic() + timeout_ms / 1000
    data = b""
    with sock:
        other = peer_uid(sock)
        if other is not None and other != os.getuid():  # never hand caller details to them
            error = f"{path} is served by another user (uid {other}); nothing was sent"
            return (json.dumps({"ok": False, "error": error}) + "\n").encode()
        try:
            sock.settimeout(timeout_ms / 1000)
            sock.sendall(line)
            while b"\n" not in data:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                sock.settimeout(left)
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:  # a timeout, or the overlay dropped the connection
            pass
    return data


def _connect_socket(path: str) -> socket.socket | None:
    """A connected socket; None when nothing listens there (no file, or a stale one)."""
    if sys.platform == "win32":  # no AF_UNIX there (this tells the type checker)
        raise OSError("Unix sockets are the Linux and macOS channel")
    deadline = time.monotonic() + CONNECT_MS / 1000
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(CONNECT_MS / 1000)
        try:
            sock.connect(path)
            return sock
        except BlockingIOError:  # the overlay's backlog is full: it is there, but busy
            sock.close()
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)
        except OSError:  # no such file, refused (nobody listens), no permission, timeout
            sock.close()
            return None


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end of a Unix socket; None where not known."""
    try:
        if sys.platform.startswith("linux"):
            raw = sock.getsockopt(
                socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize(_PEERCRED_LINUX)
            )
            return int(struct.unpack(_PEERCRED_LINUX, raw)[1])
        if sys.platform == "darwin":
            raw = sock.getsockopt(_SOL_LOCAL, _LOCAL_PEERCRED, _XUCRED_SIZE)
            return int(struct.unpack_from("I", raw, 4)[0])  # after cr_version
    except OSError:
        return None
    return None


def _darwin_user_temp_dir() -> str:
    """What `NSTemporaryDirectory()` returns when TMPDIR is unset, without Objective-C."""
    import ctypes

    buffer = ctypes.create_string_buffer(1024)
    try:
        size = ctypes.CDLL(None).confstr(_DARWIN_USER_TEMP_DIR, buffer, len(buffer))
    except (OSError, AttributeError):
        return ""
    return os.fsdecode(buffer.value) if 0 < size <= len(buffer) else ""


def _exchange_over_pipe(path: str, line: bytes, timeout_ms: int) -> bytes | None:
    """Windows: overlapped I/O, so the read waits before the request goes out.

    Qt's server disconnects the pipe right after its answer is written, and a disconnect drops
    whatever the client has not read yet; a read already waiting receives it. Overlapped reads
    also give the reply its timeout, which a plain blocking `read()` on a pipe cannot."""
    if sys.platform != "win32":  # `_winapi` exists on Windows only (this tells the type checker)
        raise OSError("named pipes are the Windows channel")
    import _winapi

    handle = _open_pipe(path)
    if handle is None:
        return None
    data = b""
    try:
        deadline = time.monotonic() + timeout_ms / 1000
        read, _ = _winapi.ReadFile(handle, 4096, overlapped=True)
        written, _ = _winapi.WriteFile(handle, line, overlapped=True)
        written.GetOverlappedResult(True)
        while True:
            left_ms = max(0, int((deadline - time.monotonic()) * 1000))
            if _winapi.WaitForSingleObject(read.event, left_ms) != _winapi.WAIT_OBJECT_0:
                read.cancel()
                read.GetOverlappedResult(True)
                break
            count, _ = read.GetOverlappedResult(True)
            data += read.getbuffer() or b""
            if not count or b"\n" in data:
                break
            read, _ = _winapi.ReadFile(handle, 4096, overlapped=True)
    except OSError:  # the overlay closed the pipe (after its answer, or instead of one)
        pass
    finally:
        _winapi.CloseHandle(handle)
    return data


def _open_pipe(path: str) -> int | None:
    """The pipe's handle; None when no overlay serves it within `CONNECT_MS`."""
    if sys.platform != "win32":
        raise OSError("named pipes are the Windows channel")
    import _winapi

    deadline = time.monotonic() + CONNECT_MS / 1000
    while True:
        try:
            return _winapi.CreateFile(
                path,
                _winapi.GENERIC_READ | _winapi.GENERIC_WRITE,
                0,
                _winapi.NULL,
                _winapi.OPEN_EXISTING,
                _winapi.FILE_FLAG_OVERLAPPED,
                _winapi.NULL,
            )
        except OSError as exc:  # no such pipe: no overlay
            if getattr(exc, "winerror", None) != _winapi.ERROR_PIPE_BUSY:
                return None
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            return None
        try:  # every instance is busy with another client: wait for one to free up
            _winapi.WaitNamedPipe(path, left_ms)
        except OSError:
            time.sleep(0.01)
