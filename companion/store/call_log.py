"""What happened on a call: the call row, its cue timeline, checklist ticks and transcript.

Transcript segments are written only when the setting `privacy.store_transcripts` is on (the
caller of `TranscriptWriter` passes it in) and always through `redact()` first, so card numbers,
SSNs, emails and phone numbers never reach the file. Cue messages are kept whatever that setting
says and may quote what was heard (a profile's "{heard}"), so they go through `redact()` too.
Times `t` are seconds since call start, as in `companion.events`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

from companion.events import Event, Final
from companion.store.redact import redact

Direction = Literal["inbound", "outbound"]
Phase = Literal["prep", "in_call"]


@dataclass(frozen=True)
class CallRecord:
    id: int
    contact_id: int | None
    direction: str
    started_at: str
    ended_at: str | None
    profile: str
    outcome: str | None


@dataclass(frozen=True)
class CueRecord:
    id: int
    t: float
    kind: str
    channel: str
    message: str
    dismissed: bool = False
    not_helpful: bool = False


@dataclass(frozen=True)
class CheckState:
    """One checklist line as saved with the call; plain data for the UI and the store."""

    item_id: str
    label: str
    source: str = ""
    checked: bool = False
    how: str = ""  # "hand" | "phrase" | ""
    t: float | None = None


@dataclass(frozen=True)
class Segment:
    channel: str
    t: float
    text: str


def start_call(
    db: Database,
    *,
    contact_id: int | None,
    direction: Direction,
    started_at: str,
    profile: str = "",
) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO calls (contact_id, direction, started_at, profile) VALUES (?, ?, ?, ?)",
            [contact_id, direction, started_at, profile],
        )
    return int(cursor.lastrowid or 0)


def end_call(db: Database, call_id: int, ended_at: str) -> None:
    with db.atomic():
        db.execute("UPDATE calls SET ended_at = ? WHERE id = ?", [ended_at, call_id])


def get_call(db: Database, call_id: int) -> CallRecord | None:
    row = db.execute(
        "SELECT id, contact_id, direction, started_at, ended_at, profile, outcome FROM calls "
        "WHERE id = ?",
        [call_id],
    ).fetchone()
    return CallRecord(*row) if row else None


def unended_calls(db: Database) -> list[CallRecord]:
    """Calls started and never ended, oldest first: what a kill at the wrong moment leaves."""
    rows = db.execute(
        "SELECT id, contact_id, direction, started_at, ended_at, profile, outcome FROM calls "
        "WHERE ended_at IS NULL ORDER BY id"
    ).fetchall()
    return [CallRecord(*row) for row in rows]


def record_cue(
    db: Database, call_id: int, *, t: float, kind: str, channel: str = "", message: str = ""
) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO cue_events (call_id, t, kind, channel, message) VALUES (?, ?, ?, ?, ?)",
            [call_id, t, kind, channel, redact(message)],
        )
    return int(cursor.lastrowid or 0)


def mark_cue(
    db: Database, cue_id: int, *, dismissed: bool | None = None, not_helpful: bool | None = None
) -> None:
    with db.atomic():
        if dismissed is not None:
            db.execute("UPDATE cue_events SET dismissed = ? WHERE id = ?", [int(dismissed), cue_id])
        if not_helpful is not None:
            db.execute(
                "UPDATE cue_events SET not_helpful = ? WHERE id = ?", [int(not_helpful), cue_id]
            )


def cue_timeline(db: Database, call_id: int) -> list[CueRecord]:
    return [
        CueRecord(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]))
        for r in db.execute(
            "SELECT id, t, kind, channel, message, dismissed, not_helpful FROM cue_events "
            "WHERE call_id = ? ORDER BY t, id",
            [call_id],
        )
    ]


def save_checklist(db: Database, call_id: int, phase: Phase, states: Iterable[CheckState]) -> None:
    """Replace the saved state of one checklist phase of the call."""
    with db.atomic():
        db.execute("DELETE FROM checklist_state WHERE call_id = ? AND phase = ?", [call_id, phase])
        for s in states:
            db.execute(
                "INSERT INTO checklist_state (call_id, phase, item_id, label, source, checked, "
                "how, t) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [call_id, phase, s.item_id, s.label, s.source, int(s.checked), s.how, s.t],
            )


def load_checklist(db: Database, call_id: int, phase: Phase) -> list[CheckState]:
    return [
        CheckState(r[0], r[1], r[2], bool(r[3]), r[4], r[5])
        for r in db.execute(
            "SELECT item_id, label, source, checked, how, t FROM checklist_state "
            "WHERE call_id = ? AND phase = ? ORDER BY rowid",
            [call_id, phase],
        )
    ]


def transcript(db: Database, call_id: int) -> list[Segment]:
    return [
        Segment(r[0], r[1], r[2])
        for r in db.execute(
            "SELECT channel, t, text FROM transcript_segments WHERE call_id = ? ORDER BY t, id",
            [call_id],
        )
    ]


class TranscriptWriter:
    """Writes redacted final results of a call; writes nothing when storing is switched off."""

    def __init__(self, db: Database, call_id: int, *, enabled: bool) -> None:
        self.db = db
        self.call_id = call_id
        self.enabled = enabled

    def wants(self, event: Event) -> bool:
        """Whether `feed` would store this event (a live call asks before guarding the write)."""
        return self.enabled and isinstance(event, Final) and bool(event.text.strip())

    def feed(self, event: Event) -> bool:
        """Store a `Final` (redacted); returns whether a row was written."""
        if not self.wants(event) or not isinstance(event, Final):
            return False
        start = event.result[0].start if event.result else event.t
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO transcript_segments (call_id, channel, t, text) VALUES (?, ?, ?, ?)",
                [self.call_id, event.channel, start, redact(event.text)],
            )
        return True
