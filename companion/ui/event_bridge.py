"""Events from worker threads into the GUI thread.

`LiveListener` and the demo player call `post(event)` from their own threads; the event crosses
into the GUI thread through a queued signal, and `arrived` is emitted there (connect receivers
directly: they run on the GUI thread).

A call start resets the listener's clock, but events posted just before it may still wait in the
GUI thread's queue, stamped on the old clock (seconds since app start or since the previous
call). Fed to the new call's cue engine they would move its clock minutes ahead and make every
cue look too late. So `drop_pending()`, called on the GUI thread right after the listener's
clock was reset, drops everything posted until then: it queues a barrier behind those events,
and events are discarded until the barrier comes through (queued delivery keeps posting order).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from companion.events import Event

_BARRIER = object()


class EventBridge(QObject):
    arrived = Signal(object)
    _queued = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._barriers = 0
        self._queued.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def post(self, event: Event) -> None:
        """Callable from any thread."""
        self._queued.emit(event)

    def drop_pending(self) -> None:
        """GUI thread: discard every event posted before this call (it is on an old clock)."""
        self._barriers += 1
        self._queued.emit(_BARRIER)

    def _deliver(self, item: object) -> None:
        if item is _BARRIER:
            self._barriers -= 1
        elif not self._barriers:
            self.arrived.emit(item)
