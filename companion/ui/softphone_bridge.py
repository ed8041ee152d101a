"""baresip's calls into the running overlay: from the follower's thread to the GUI thread.

`BaresipFollower` (plain Python, its own thread) reports requests and connection changes through
callbacks; this bridge re-emits them as Qt signals, so they arrive on the GUI thread, and hands
each request to the same handler the IPC channel uses (`Companion.handle`). A baresip call thus
means exactly what `companion call prep|start|end` means.

The agent sees a banner only when following does not work (baresip not reachable, a broken
stream); it goes away once baresip is followed again. A bad `softphone.baresip` value gives one
banner naming the setting and the fix, and nothing is started.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.softphone.baresip import BaresipFollower, Request, Status, parse_address

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]
Post = Callable[[str, str, str], None]
BANNER_KEY = "softphone"
SETTING = "softphone.baresip"


class SoftphoneBridge(QObject):
    _requested = Signal(object)
    _status_changed = Signal(str, str)

    def __init__(
        self,
        host: str,
        port: int,
        handle: Handler,
        post: Post,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.handle, self.post = handle, post
        self.replies: list[dict[str, Any]] = []  # the last few answers, for diagnostics
        self._requested.connect(self._forward)
        self._status_changed.connect(self._show_status)
        self.follower = BaresipFollower(
            host, port, self._requested.emit, on_status=self._status_changed.emit
        )

    def start(self) -> None:
        self.follower.start()

    def stop(self) -> None:
        self.follower.stop()

    def _forward(self, request: Request) -> None:
        reply = self.handle(request.to_ipc())
        self.replies = [*self.replies[-9:], reply]
        if not reply.get("ok"):
            log.warning("baresip %s refused: %s", request.cmd, reply.get("error", "?"))

    def _show_status(self, status: Status, text: str) -> None:
        if status == "connected":
            self.post(BANNER_KEY, "", "clear")
        elif status == "waiting":
            self.post(BANNER_KEY, f"{text} — its calls are followed once it runs.", "info")
        else:
            self.post(BANNER_KEY, f"{text}.", "warning")


def follow_baresip(
    setting: str, handle: Handler, post: Post, parent: QObject | None = None
) -> SoftphoneBridge | None:
    """Start following baresip when the setting names an address; None when off or invalid."""
    if not setting.strip():
        return None
    try:
        host, port = parse_address(setting)
    except ValueError as exc:
        post(
            BANNER_KEY,
            f"Setting {SETTING}: {exc}; baresip's calls are not followed until it is fixed.",
            "warning",
        )
        return None
    bridge = SoftphoneBridge(host, port, handle, post, parent)
    bridge.start()
    return bridge


__all__ = ["SoftphoneBridge", "follow_baresip"]
