"""Events from worker threads into the GUI thread.

`LiveListener` and the demo player call `post(event)` from their own threads; emitting a Qt
signal there and connecting it with a queued connection runs the receiver on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from companion.events import Event


class EventBridge(QObject):
    arrived = Signal(object)

    def post(self, event: Event) -> None:
        """Callable from any thread."""
        self.arrived.emit(event)
