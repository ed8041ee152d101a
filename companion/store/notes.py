"""After-call notes and their follow-ups, written in one transaction: never half a history.

`store_note` writes the note row, replaces the call's follow-ups, sets the call's outcome (and
its contact, if the call had none), merges the noted preferences into the contact and deletes
the call's draft — all or nothing. Storing again (an edit) replaces the earlier note of the same
call; a follow-up already ticked done keeps that state when its action text is unchanged.

What a note says is decided in `companion.calls.note`; this module only knows the columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from companion.store.contacts import add_preferences
from companion.store.drafts import delete_draft


@dataclass(frozen=True)
class FollowUpRecord:
    """One promise made on the call; `due` is an ISO date or None."""

    action: str
    owner: str
    due: str | None


@dataclass(frozen=True)
class NoteRecord:
    """An after-call note as stored: one row of `notes` plus what goes with it."""

    call_id: int
    contact_id: int | None
    outcome: str
    caller_needed: str
    what_was_done: str
    difficulty: int | None
    reason_category: str
    reason_text: str
    what_worked: str
    caller_type: tuple[str, ...]
    pivotal_t: float | None
    pivotal_label: str
    stress: int | None
    felt: str
    do_differently: str
    overtime_reason: str
    abuse_report: str
    duration_s: float
    caller_had_to_repeat: bool
    preferences: tuple[str, ...]
    follow_ups: tuple[FollowUpRecord, ...]


def _done_follow_ups(db: Database, call_id: int) -> dict[str, str]:
    """Action → done_at of the call's follow-ups already ticked done."""
    return {
        r[0]: r[1]
        for r in db.execute(
            "SELECT action, done_at FROM follow_ups WHERE call_id = ? AND done = 1", [call_id]
        )
    }


def _insert_note(db: Database, note: NoteRecord, saved_at: str) -> int:
    cursor = db.execute(
        "INSERT INTO notes (call_id, reason_category, reason_text, caller_needed, "
        "what_was_done, outcome, caller_type, difficulty, pivotal_t, pivotal_label, stress, "
        "felt, do_differently, overtime_reason, abuse_report, duration_s, saved_at, "
        "caller_had_to_repeat, what_worked, preferences) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            note.call_id,
            note.reason_category,
            note.reason_text,
            note.caller_needed,
            note.what_was_done,
            note.outcome,
            json.dumps(list(note.caller_type)),
            note.difficulty,
            note.pivotal_t,
            note.pivotal_label,
            note.stress,
            note.felt,
            note.do_differently,
            note.overtime_reason,
            note.abuse_report,
            note.duration_s,
            saved_at,
            int(note.caller_had_to_repeat),
            note.what_worked,
            "; ".join(note.preferences),
        ],
    )
    return int(cursor.lastrowid or 0)


def store_note(db: Database, note: NoteRecord, *, saved_at: str) -> int:
    """Store the note with its follow-ups, outcome and preferences; returns the note's row id."""
    with db.atomic():
        done_before = _done_follow_ups(db, note.call_id)
        db.execute("DELETE FROM notes WHERE call_id = ?", [note.call_id])
        note_id = _insert_note(db, note, saved_at)
        db.execute("DELETE FROM follow_ups WHERE call_id = ?", [note.call_id])
        for fu in note.follow_ups:
            done_at = done_before.get(fu.action)
            db.execute(
                "INSERT INTO follow_ups (call_id, contact_id, action, owner, due, done, done_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    note.call_id,
                    note.contact_id,
                    fu.action,
                    fu.owner,
                    fu.due,
                    int(done_at is not None),
                    done_at,
                ],
            )
        db.execute(
            "UPDATE calls SET outcome = ?, contact_id = COALESCE(contact_id, ?) WHERE id = ?",
            [note.outcome, note.contact_id, note.call_id],
        )
        if note.contact_id is not None and note.preferences:
            add_preferences(db, note.contact_id, note.preferences)
        delete_draft(db, note.call_id)
    return note_id


def mark_follow_up_done(db: Database, follow_up_id: int, *, done: bool, at: str) -> None:
    """Tick a follow-up done (stamped `at`) or open it again."""
    with db.atomic():
        db.execute(
            "UPDATE follow_ups SET done = ?, done_at = ? WHERE id = ?",
            [int(done), at if done else None, follow_up_id],
        )
