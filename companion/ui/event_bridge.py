"""Events from worker threads into the GUI thread, in batches.

`LiveListener` and the demo feed call `post(event)` from their own threads, about 50 voice
frames a second per channel plus the recognizer's results. Crossing into the GUI thread one
queued signal per event woke the event loop 100+ times a second during a call. Instead `post`
only appends to a deque (thread-safe) and, for the first event of a batch, wakes the GUI thread
once; a timer there hands everything that arrived within `BATCH_MS` to the receivers (plain
callables, `add_receiver`), in posting order: no Qt signal per event either. The screen then changes
at most 1000 / `BATCH_MS` times a second, and a cue is at most `BATCH_MS` later than the words
that caused it.

A call start resets the listener's clock, but events posted just before it may still be waiting,
stamped on the old clock (seconds since app start or since the previous call). Fed to the new
call's cue engine they would move its clock minutes ahead and make every cue look too late. So
`drop_pending()`, called on the GUI thread right after the listener's clock was reset, discards
everything posted until then.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from companion.events import Event

BATCH_MS = 100


class EventBridge(QObject):
    _wake = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._receivers: list[Callable[[Event], None]] = []
        self._pending: collections.deque[Event] = collections.deque()
        self._lock = threading.Lock()
        self._waking = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BATCH_MS)
        self._timer.timeout.connect(self._deliver)
        self._wake.connect(self._timer.start, Qt.ConnectionType.QueuedConnection)

    def add_receiver(self, receiver: Callable[[Event], None]) -> None:
        """Call `receiver(event)` on the GUI thread for every event, in posting order."""
        self._receivers.append(receiver)

    def post(self, event: Event) -> None:
        """Callable from any thread."""
        with self._lock:
            self._pending.append(event)
            if self._waking:
                return
            self._waking = True
        self._wake.emit()

    def drop_pending(self) -> None:
        """GUI thread: discard every event posted before this call (it is on an old clock)."""
        with self._lock:
            self._pending.clear()

    def _deliver(self) -> None:
        with self._lock:
            batch = list(self._pending)
            self._pending.clear()
            self._waking = False
        for event in batch:
            for receiver in self._receivers:
                receiver(event)
