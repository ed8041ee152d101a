"""A believable earlier call for the demo's throwaway history, so the prep panel shows what it
does for a repeat caller (read the summary first, an overdue promise, preferences, notes)."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from companion.calls.note import check_note
from companion.calls.note_save import save_note
from companion.store.call_log import end_call, start_call
from companion.store.contacts import add_contact


def seed_demo_history(db: Database, today: dt.date | None = None) -> int:
    """Adds Jane Morgan (C-1042) and her call of three days ago; returns the contact id."""
    day = today or dt.date.today()
    earlier = dt.datetime.combine(day - dt.timedelta(days=3), dt.time(10, 12))
    contact_id = add_contact(
        db,
        created_at=earlier.isoformat(timespec="seconds"),
        customer_id="C-1042",
        name="Jane Morgan",
        phones=["+44 20 7946 0958"],
        email="jane@example.com",
        preferences=["prefers email for anything with figures"],
    )
    call_id = start_call(
        db,
        contact_id=contact_id,
        direction="inbound",
        started_at=earlier.isoformat(timespec="seconds"),
        profile="standard",
    )
    end_call(db, call_id, (earlier + dt.timedelta(minutes=9)).isoformat(timespec="seconds"))
    checked = check_note(
        {
            "call_id": call_id,
            "contact_id": contact_id,
            "direction": "inbound",
            "reason_category": "billing",
            "reason_text": "double-billed in October",
            "caller_needed": "A refund of the October double charge",
            "what_was_done": "Raised the refund; promised a written confirmation",
            "outcome": "follow-up",
            "difficulty": 4,
            "caller_type": ["complainer"],
            "caller_had_to_repeat": True,
            "what_worked": "Reading back the exact amounts and dates",
            "follow_ups": [
                {
                    "action": "Email the refund confirmation",
                    "due": (day - dt.timedelta(days=1)).isoformat(),
                }
            ],
            "duration_s": 540.0,
        }
    )
    assert checked.note is not None, checked.errors
    save_note(db, checked.note, saved_at=(earlier + dt.timedelta(minutes=11)).isoformat())
    return contact_id
