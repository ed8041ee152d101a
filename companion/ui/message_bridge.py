"""Messages wait for the UI: warnings raised before the window exists are shown once it does.

Anything may `post(key, text, level)` at any time, from any thread (a config problem read at
start, a damaged database moved aside, no model, no input device). Until a viewer is attached
the messages are held; `attach(show)` replays them in order, then forwards new ones. Posting from
a worker thread goes through a queued Qt signal, so the viewer always runs on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
Viewer = Callable[[str, str, str], None]


class MessageBridge(QObject):
    _posted = Signal(str, str, str)

    def __init__(self) -> None:
        super().__init__()
        self._held: list[tuple[str, str, str]] = []
        self._viewer: Viewer | None = None
        self._posted.connect(self._deliver)

    def post(self, key: str, text: str, level: str = "warning") -> None:
        if level == "clear":  # a condition that is over: nothing to say, only to take away
            log.debug("message %s cleared", key)
        else:
            log.log(logging.INFO if level == "info" else logging.WARNING, "%s", text)
        self._posted.emit(key, text, level)

    def _deliver(self, key: str, text: str, level: str) -> None:
        if self._viewer is None:
            self._held.append((key, text, level))
        else:
            self._viewer(key, text, level)

    def attach(self, viewer: Viewer) -> None:
        self._viewer = viewer
        held, self._held = self._held, []
        for key, text, level in held:
            viewer(key, text, level)

    @property
    def held(self) -> list[tuple[str, str, str]]:
        return list(self._held)
