"""Saving an after-call note: one transaction, so history is never half-written.

`save_note` writes the note row, replaces the call's follow-ups, sets the call's outcome, merges
noted preferences into the contact and deletes the draft — all or nothing. Saving again (an
edit) replaces the earlier note of the same call. Follow-ups already ticked done keep that state
when their action text is unchanged.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from companion.calls.note import CallNote
from companion.store.contacts import add_preferences
from companion.store.drafts import delete_draft


def save_note(db: Database, note: CallNote, *, saved_at: str) -> int:
    """Store a validated note; returns the note's row id."""
    pivotal_t = note.pivotal.t if note.pivotal else None
    pivotal_label = note.pivotal.label if note.pivotal else ""
    with db.atomic():
        done_before = {
            r[0]: r[1]
            for r in db.execute(
                "SELECT action, done_at FROM follow_ups WHERE call_id = ? AND done = 1",
                [note.call_id],
            )
        }
        db.execute("DELETE FROM notes WHERE call_id = ?", [note.call_id])
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
                json.dumps(note.caller_type),
                note.difficulty,
                pivotal_t,
                pivotal_label,
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
        note_id = int(cursor.lastrowid or 0)
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
                    fu.due.isoformat() if fu.due else None,
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
    with db.atomic():
        db.execute(
            "UPDATE follow_ups SET done = ?, done_at = ? WHERE id = ?",
            [int(done), at if done else None, follow_up_id],
        )
