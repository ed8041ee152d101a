"""Building call history through the real store API (no hand-written rows)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from companion.calls.note import check_note
from companion.calls.note_save import save_note
from companion.store.call_log import end_call, start_call


def add_call(
    db: Database,
    contact_id: int | None,
    started: str,
    ended: str,
    *,
    direction: str = "inbound",
    note: dict[str, Any] | None = None,
) -> int:
    call_id = start_call(
        db,
        contact_id=contact_id,
        direction=direction,  # type: ignore[arg-type]
        started_at=started,
        profile="standard",
    )
    end_call(db, call_id, ended)
    if note is not None:
        data = {
            "call_id": call_id,
            "contact_id": contact_id,
            "direction": direction,
            "caller_needed": "help",
            "what_was_done": "helped",
            "outcome": "resolved",
            "difficulty": 2,
            **note,
        }
        checked = check_note(data)
        assert checked.note is not None, checked.errors
        save_note(db, checked.note, saved_at=ended)
    return call_id
