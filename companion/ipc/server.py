"""The running overlay's end of the channel: a `QLocalServer` (protocol in `ipc.channel`)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from companion.ipc.client import send
from companion.ipc.requests import MAX_REQUEST_BYTES, BadRequest, parse_request

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]


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
        if sock not in self._buffers:  # answered already: one request per connection
            sock.readAll()
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if b"\n" not in data and len(data) <= MAX_REQUEST_BYTES:
            self._buffers[sock] = data
            return
        del self._buffers[sock]
        try:
            reply = self.handler(parse_request(data.split(b"\n", 1)[0]))
        except BadRequest as exc:
            reply = {"ok": False, "error": f"bad request: {exc}"}
        except Exception as exc:
            log.exception("IPC request failed")
            reply = {"ok": False, "error": str(exc)}
        sock.write((json.dumps(reply) + "\n").encode("utf-8"))
        sock.flush()
        sock.disconnectFromServer()
