"""One running overlay per data folder, and a local channel to tell it about calls.

Softphones run a command on call events (`companion call start --number N`); that command is a
second, short-lived process, so it needs a way to reach the running overlay. This is a
`QLocalServer` (a Unix socket, a named pipe on Windows) named after the data folder, so a test
or portable install with its own `--data-dir` has its own instance.

Protocol: the client writes one JSON object and a newline (`{"cmd": "start", "number": ...}`),
the server answers with one JSON object and a newline (`{"ok": true, "phase": "live"}`) and
closes. Commands: `start`, `end`, `prep`, `show`, `state`, `quit`.

A server name left behind by a crashed instance is detected (nobody answers) and taken over.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]
CONNECT_MS = 1000
REPLY_MS = 5000


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"callcompanion-{digest}"


def _ensure_core_app() -> None:
    if QCoreApplication.instance() is None:
        QCoreApplication([])


def send(name: str, request: dict[str, Any], timeout_ms: int = REPLY_MS) -> dict[str, Any] | None:
    """Send one request to the running overlay; None when no overlay is running."""
    _ensure_core_app()
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return None
    sock.write((json.dumps(request) + "\n").encode("utf-8"))
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    data = b""
    while b"\n" not in data:
        if not sock.waitForReadyRead(timeout_ms):
            break
        data += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    if not data.strip():
        return {"ok": False, "error": "the overlay did not answer"}
    try:
        reply = json.loads(data.split(b"\n", 1)[0])
    except ValueError:
        return {"ok": False, "error": "the overlay sent an unreadable answer"}
    return reply if isinstance(reply, dict) else {"ok": False, "error": "bad answer"}


class InstanceServer(QObject):
    """The running overlay's end of the channel."""

    def __init__(self, name: str, handler: Handler) -> None:
        super().__init__()
        self.name = name
        self.handler = handler
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start serving; False when another live instance already owns the name.

        Asked first, because on Unix `QLocalServer.listen` replaces an existing socket file
        (that is also what takes over the name a crashed instance left behind)."""
        if send(self.name, {"cmd": "state"}, timeout_ms=1000) is not None:
            return False
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        ok = self.server.listen(self.name)
        if not ok:
            log.warning("IPC channel %s unavailable: %s", self.name, self.server.errorString())
        return ok

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if b"\n" not in data:
            self._buffers[sock] = data
            return
        line = data.split(b"\n", 1)[0]
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not an object")
            reply = self.handler(request)
        except ValueError as exc:
            reply = {"ok": False, "error": f"bad request: {exc}"}
        except Exception as exc:
            log.exception("IPC request failed")
            reply = {"ok": False, "error": str(exc)}
        sock.write((json.dumps(reply) + "\n").encode("utf-8"))
        sock.flush()
        sock.disconnectFromServer()
