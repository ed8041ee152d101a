"""Saving an after-call note: the checked `CallNote` handed to the store as one record.

`save_note` turns the note into the store's `NoteRecord` and `companion.store.notes.store_note`
writes it in one transaction (note, follow-ups, the call's outcome, the contact's preferences,
the draft deleted) — all or nothing. Saving again (an edit) replaces the earlier note of the same
call; follow-ups already ticked done keep that state when their action text is unchanged.
"""

from __future__ import annotations

from sqlite_utils import Database

from companion.calls.note import CallNote
from companion.store.notes import FollowUpRecord, NoteRecord, mark_follow_up_done, store_note

__all__ = ["mark_follow_up_done", "note_record", "save_note"]


def note_record(note: CallNote) -> NoteRecord:
    """The note as the store keeps it."""
    return NoteRecord(
        call_id=note.call_id,
        contact_id=note.contact_id,
        outcome=note.outcome,
        caller_needed=note.caller_needed,
        what_was_done=note.what_was_done,
        difficulty=note.difficulty,
        reason_category=note.reason_category,
        reason_text=note.reason_text,
        what_worked=note.what_worked,
        caller_type=tuple(note.caller_type),
        pivotal_t=note.pivotal.t if note.pivotal else None,
        pivotal_label=note.pivotal.label if note.pivotal else "",
        stress=note.stress,
        felt=note.felt,
        do_differently=note.do_differently,
        overtime_reason=note.overtime_reason,
        abuse_report=note.abuse_report,
        duration_s=note.duration_s,
        caller_had_to_repeat=note.caller_had_to_repeat,
        preferences=tuple(note.preferences),
        follow_ups=tuple(
            FollowUpRecord(fu.action, fu.owner, fu.due.isoformat() if fu.due else None)
            for fu in note.follow_ups
        ),
    )


def save_note(db: Database, note: CallNote, *, saved_at: str) -> int:
    """Store a validated note; returns the note's row id."""
    return store_note(db, note_record(note), saved_at=saved_at)
