"""A contact's history as pre-call prep reads it: the last noted call, recent calls, open promises.

Plain rows only; what prep makes of them (which items, in which order, with what wording) is
decided in `companion.calls.prep`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class OpenFollowUp:
    """A follow-up not done yet; `promised_at` is when the call that made it started."""

    id: int
    action: str
    owner: str
    due: str | None  # ISO date
    promised_at: str


@dataclass(frozen=True)
class NotedCall:
    """A call with its after-call note: what the next call's prep repeats back."""

    call_id: int
    started_at: str
    direction: str
    outcome: str
    reason_category: str
    reason_text: str
    caller_needed: str
    difficulty: int | None
    caller_type: tuple[str, ...]
    what_worked: str
    do_differently: str
    caller_had_to_repeat: bool


@dataclass(frozen=True)
class RecentCalls:
    """How many calls a contact made since a moment, and the latest one's id (None if none)."""

    count: int
    latest_id: int | None


def open_follow_ups(db: Database, contact_id: int) -> list[OpenFollowUp]:
    """The contact's open follow-ups: dated ones by due date first, then undated, by id."""
    rows = db.execute(
        "SELECT f.id, f.action, f.owner, f.due, c.started_at FROM follow_ups f "
        "JOIN calls c ON c.id = f.call_id WHERE f.contact_id = ? AND f.done = 0 "
        "ORDER BY f.due IS NULL, f.due, f.id",
        [contact_id],
    ).fetchall()
    return [OpenFollowUp(*row) for row in rows]


def last_noted_call(db: Database, contact_id: int) -> NotedCall | None:
    """The contact's most recent call that has a note, or None."""
    row = db.execute(
        "SELECT c.id, c.started_at, c.direction, n.outcome, n.reason_category, n.reason_text, "
        "n.caller_needed, n.difficulty, n.caller_type, n.what_worked, n.do_differently, "
        "n.caller_had_to_repeat FROM calls c JOIN notes n ON n.call_id = c.id "
        "WHERE c.contact_id = ? ORDER BY c.started_at DESC LIMIT 1",
        [contact_id],
    ).fetchone()
    if row is None:
        return None
    return NotedCall(
        call_id=row[0],
        started_at=row[1],
        direction=row[2],
        outcome=row[3],
        reason_category=row[4],
        reason_text=row[5],
        caller_needed=row[6],
        difficulty=row[7],
        caller_type=tuple(json.loads(row[8] or "[]")),
        what_worked=row[9],
        do_differently=row[10],
        caller_had_to_repeat=bool(row[11]),
    )


def calls_since(db: Database, contact_id: int, since: str) -> RecentCalls:
    """The contact's calls started at or after `since` (ISO text compared as stored)."""
    count, latest = db.execute(
        "SELECT COUNT(*), MAX(id) FROM calls WHERE contact_id = ? AND started_at >= ?",
        [contact_id, since],
    ).fetchone()
    return RecentCalls(int(count), latest)
