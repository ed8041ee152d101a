"""The call session as Qt sees it: its callbacks as signals, and a timer while a call is live.

All the call's logic is `companion.calls.session.CallSession` (no Qt). This adapter only turns
its listener callbacks into signals the window connects to, runs `tick` every `TICK_MS` during a
call, and passes everything else through: `controller.start_call(...)` is the session's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from companion.calls.session import HEARTBEAT_S, CallSession, SessionListener

if TYPE_CHECKING:  # handed through to the session; the UI itself never touches the store
    from sqlite_utils import Database

    from companion.config.cue_settings import CueSettings
    from companion.events import Channel
    from companion.store.notes_index import NotesIndex

TICK_MS = 100  # cue timing to a tenth of a second; meters and timer redrawn 10 times a second


class CallController(QObject):
    phase_changed = Signal(str, str)  # phase, detail (who)
    caption = Signal(str, str, bool)
    level = Signal(str, float, bool)
    channel_present = Signal(str, bool)  # channel, its input is there (meters grey out when not)
    cues_changed = Signal(object)  # tuple[Cue, ...]
    checklist_changed = Signal(object)  # list[CheckState]
    timer = Signal(float, float)
    prep_ready = Signal(str, object, object)  # who, [(id, label, source, checked)], [(t, s)]
    suggestions = Signal(object)
    note_hits = Signal(object)
    note_loaded = Signal(dict)
    breathing = Signal(str, float, bool)  # pattern, seconds, offer longer
    message = Signal(str, str, str)
    drafts_changed = Signal(object)
    call_started = Signal(int)
    call_ended = Signal(int)

    def __init__(
        self,
        db: Database,
        data_dir: Path,
        *,
        settings: Callable[[str], Any],
        cue_settings: CueSettings,
        profile_values: Callable[[str], Any],
        profile_name: str,
        notes: NotesIndex | None,
        channels: frozenset[Channel],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        listener = SessionListener(
            **{name: getattr(self, name).emit for name in SessionListener.__dataclass_fields__}
        )
        self.session = CallSession(
            db,
            data_dir,
            settings=settings,
            cue_settings=cue_settings,
            profile_values=profile_values,
            profile_name=profile_name,
            notes=notes,
            channels=channels,
            listener=listener,
            clock=clock,
        )
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.session.tick)
        self.call_started.connect(lambda _id: self._tick.start())
        self.call_ended.connect(lambda _id: self._tick.stop())
        self.phase_changed.connect(lambda *_: self._follow_phase())

    def _follow_phase(self) -> None:
        """The timer runs exactly while a call is live (also when it ends unstored or at quit)."""
        if self.session.ticking and not self._tick.isActive():
            self._tick.start()
        elif not self.session.ticking:
            self._tick.stop()

    def __getattr__(self, name: str) -> Any:
        """Everything that is not a signal or the timer is the session's."""
        session = self.__dict__.get("session")
        if session is None:
            raise AttributeError(name)
        return getattr(session, name)

    @property
    def clock(self) -> Callable[[], float]:
        return self.session.clock

    @clock.setter
    def clock(self, value: Callable[[], float]) -> None:
        self.session.clock = value

    def shutdown(self) -> None:
        self._tick.stop()
        self.session.shutdown()


__all__ = ["HEARTBEAT_S", "TICK_MS", "CallController"]
