"""The running overlay's end of the channel: a `QLocalServer` (protocol in `ipc.channel`).

Anything on the machine that can reach the endpoint may connect, so the server bounds what one
connection may cost the GUI thread it runs on: one request of at most `MAX_REQUEST_BYTES` (4 KiB
of the costliest JSON, 2,000 numbers, parses in about a millisecond, so parsing stays on this
thread), `IDLE_MS` to send it, `MAX_CONNECTIONS` at once, and on Linux and macOS only this
user's processes are served at all.

The overlay listens from its first paint, before the call session exists (that takes a moment
more, behind the window): a request arriving then is held, and answered as soon as `serve`
gives the server its handler, so a softphone's first call event waits rather than failing.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from companion.ipc.client import send
from companion.ipc.endpoint import EndpointUnsafe, peer_is_another_user
from companion.ipc.requests import MAX_REQUEST_BYTES, BadRequest, parse_request

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]
IDLE_MS = 5000  # a hook writes its line at once; a connection that says nothing is dropped
MAX_CONNECTIONS = 16  # softphone events come one at a time; more at once is not a softphone
SWEEP_MS = 250  # how often silent connections are checked against IDLE_MS


class InstanceServer(QObject):
    """The running overlay's end of the channel."""

    def __init__(self, name: str, handler: Handler | None = None) -> None:
        super().__init__()
        self.name = name
        self.handler = handler
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        # connections still sending their line: when they are dropped, and what came so far
        self._waiting: dict[QLocalSocket, tuple[float, bytes]] = {}
        # One sweep for every waiting connection, not a timer per socket: a single-shot timer
        # bound to a socket that is deleted first is a crash risk in PySide.
        self._sweep = QTimer(self)
        self._sweep.setInterval(SWEEP_MS)
        self._sweep.timeout.connect(self._expire)
        self._held: dict[QLocalSocket, bytes] = {}  # complete requests waiting for a handler

    def serve(self, handler: Handler) -> None:
        """Answer requests with `handler` from now on, starting with those held until now."""
        self.handler = handler
        held, self._held = self._held, {}
        for sock, line in held.items():
            self._answer(sock, line, handler)

    def listen(self) -> bool:
        """Start serving; False when another live instance already owns the name.

        Asked first, because on Unix `QLocalServer.listen` replaces an existing socket file
        (that is also what takes over the name a crashed instance left behind). Any other
        failure raises `EndpointUnsafe` naming the endpoint: the overlay runs on without it."""
        if send(self.name, {"cmd": "state"}, timeout_ms=1000) is not None:
            return False
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        raise EndpointUnsafe(
            f"cannot serve the softphone link at {self.name} ({self.server.errorString()})"
        )

    def close(self) -> None:
        self._sweep.stop()
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            other = peer_is_another_user(int(sock.socketDescriptor()))
            if other is not None or len(self._waiting) + len(self._held) >= MAX_CONNECTIONS:
                if other is not None:
                    log.warning("IPC: refused a connection from another user (uid %s)", other)
                sock.abort()
                sock.deleteLater()
                continue
            self._waiting[sock] = (time.monotonic() + IDLE_MS / 1000, b"")
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))
        if self._waiting and not self._sweep.isActive():
            self._sweep.start()

    def _expire(self) -> None:
        now = time.monotonic()
        for sock in [s for s, (deadline, _) in self._waiting.items() if deadline <= now]:
            del self._waiting[sock]  # silent too long
            sock.abort()  # disconnected → _drop
        if not self._waiting:
            self._sweep.stop()

    def _drop(self, sock: QLocalSocket) -> None:
        self._waiting.pop(sock, None)
        self._held.pop(sock, None)  # it gave up waiting: nothing to answer
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._waiting:  # answered already: one request per connection
            sock.readAll()
            return
        deadline, data = self._waiting[sock]
        data += bytes(sock.readAll().data())
        if b"\n" not in data and len(data) <= MAX_REQUEST_BYTES:
            self._waiting[sock] = (deadline, data)
            return
        del self._waiting[sock]
        line = data.split(b"\n", 1)[0]
        if self.handler is None:
            self._held[sock] = line
            return
        self._answer(sock, line, self.handler)

    def _answer(self, sock: QLocalSocket, line: bytes, handler: Handler) -> None:
        try:
            reply = handler(parse_request(line))
        except BadRequest as exc:
            reply = {"ok": False, "error": f"bad request: {exc}"}
        except Exception as exc:
            log.exception("IPC request failed")
            reply = {"ok": False, "error": str(exc)}
        sock.write((json.dumps(reply) + "\n").encode("utf-8"))
        sock.flush()
        sock.disconnectFromServer()
