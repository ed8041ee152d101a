"""One live call: its cue engine, in-call checklist, transcript writer and the cue rows stored.

Created when a call starts and dropped when it ends, so "no call" is simply no `LiveCall`, and a
new call can never inherit the last one's engine, rows or clock. It stores what happened on the
call (cue rows, transcript) as it happens and reports what the agent should see through the
session's listener; it never reads a clock: the session passes the call time in.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlite_utils import Database

from companion.calls.in_call import InCallChecklist
from companion.cues.cue import Cue
from companion.cues.engine import CueEngine
from companion.events import Event
from companion.store import call_log
from companion.store.call_log import CheckState

StorageGuard = Callable[[str], AbstractContextManager[None]]


@dataclass
class LiveCall:
    engine: CueEngine
    checklist: InCallChecklist
    t0: float  # the session clock's reading at the call's start
    call_id: int | None = None  # None while its row could not be stored (a full disk)
    transcript: call_log.TranscriptWriter | None = None
    cue_rows: dict[str, int] = field(default_factory=dict)  # cue id -> its row
    shown: tuple[str, ...] | None = None  # the cue ids last reported; None: report again
    last_second: int = -1
    heartbeat: float = 0.0  # the session clock at the last state write

    def feed(self, event: Event, db: Database, guard: StorageGuard) -> tuple[bool, list[Cue]]:
        """One event of the call: (did the checklist change, the cues it fired)."""
        cues = self.engine.feed(event)
        self.record(cues, db, guard)
        ticked = bool(self.checklist.feed(event))
        if self.transcript is not None and self.transcript.wants(event):
            with guard("the transcript"):
                self.transcript.feed(event)
        return ticked, cues

    def record(self, cues: list[Cue], db: Database, guard: StorageGuard) -> None:
        """Store the cues that fired (none while the call's row could not be stored)."""
        if cues:
            self.shown = None  # report the screen again on the next tick
        if self.call_id is None:
            return
        for cue in cues:
            with guard("a cue"):
                self.cue_rows[cue.id] = call_log.record_cue(
                    db,
                    self.call_id,
                    t=cue.t,
                    kind=cue.kind,
                    channel=cue.channel,
                    message=cue.message,
                )

    def screen_change(self, t: float, muted: bool) -> tuple[Cue, ...] | None:
        """The cues on screen now, when they differ from what was last reported."""
        screen = () if muted else self.engine.on_screen(t)
        ids = tuple(c.id for c in screen)
        if ids == self.shown:
            return None
        self.shown = ids
        return screen

    def new_second(self, t: float) -> bool:
        second = int(t)
        if second == self.last_second:
            return False
        self.last_second = second
        return True

    def mark(self, cue_id: str, kind: str, db: Database) -> None:
        """The agent dismissed a cue, or marked it not helpful (for the trainer)."""
        self.engine.dismiss(cue_id)
        row = self.cue_rows.get(cue_id)
        if row is not None:
            helpful = True if kind == "not-helpful" else None  # a dismissal keeps an earlier mark
            call_log.mark_cue(db, row, dismissed=True, not_helpful=helpful)
        self.shown = None

    def states(self) -> list[CheckState]:
        return self.checklist.states()


def cue_kinds(db: Database, call_id: int) -> set[str]:
    """The kinds of cue a stored call had (a restored wrap-up still knows it was hard)."""
    return {c.kind for c in call_log.cue_timeline(db, call_id)}
