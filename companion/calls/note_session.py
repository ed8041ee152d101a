"""One wrap-up in progress: prefill, the draft (restored after a crash), autosave, validation.

No Qt here: the form hands its raw state over, this writes the draft through the store's
throttled `DraftAutosaver` and answers with the text of the autosave indicator. The draft holds
the raw form state, so a restored form looks exactly as it was left.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from companion.calls.note import NoteCheck, check_note
from companion.calls.note_fields import note_data
from companion.calls.note_prefill import NotePrefill, clock, prefill_note
from companion.store import call_log
from companion.store.contacts import get_contact
from companion.store.database import StoreError, database_file
from companion.store.drafts import DraftAutosaver, load_draft


class NoteSession:
    def __init__(
        self,
        db: Database,
        setting: Callable[[str], Any],
        profile_value: Callable[[str], Any],
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.db = db
        self._db_file: Path | None = None
        self.setting = setting
        self.profile_value = profile_value
        self.clock = clock
        self.wall = wall
        self.call_id: int | None = None
        self.autosaver: DraftAutosaver | None = None
        self.prefill: NotePrefill | None = None
        self.restored = False

    def open(self, call_id: int, who: str) -> dict[str, Any]:
        """Everything the form needs (`NoteForm.load` keyword arguments)."""
        record = call_log.get_call(self.db, call_id)
        if record is None:
            raise LookupError(f"call {call_id} is not in the call history")
        contact = get_contact(self.db, record.contact_id) if record.contact_id else None
        store_text = bool(self.setting("privacy.store_transcripts"))
        segments = call_log.transcript(self.db, call_id) if store_text else []
        target = self.profile_value("call.target_handle_time_s")
        self.prefill = prefill_note(
            record,
            contact=contact,
            cues=call_log.cue_timeline(self.db, call_id),
            checklist=call_log.load_checklist(self.db, call_id, "in_call"),
            segments=segments,
            target_handle_s=float(target) if target else None,
        )
        self.call_id = call_id
        self.autosaver = DraftAutosaver(self.db, call_id, self.db_path())
        draft = load_draft(self.db, call_id)
        self.restored = draft is not None
        state = dict(draft.body) if draft is not None else dict(self.prefill.first_state)
        name = who or (contact.name if contact else "") or "caller"
        minutes, seconds = divmod(round(self.prefill.duration_s), 60)
        facts = [
            f"{record.direction.capitalize()} call with {name}, {minutes} min {seconds} s",
            self.prefill.checklist_summary if self.prefill.checklist else "",
        ]
        if self.prefill.ran_over:
            facts.append("past the target handle time")
        return {
            "title": f"Note for call {call_id}" + (" (restored draft)" if self.restored else ""),
            "facts": " · ".join(f for f in facts if f),
            "reasons": list(self.profile_value("note.reasons")),
            "timeline": [(e.t, e.label) for e in self.prefill.timeline],
            "ran_over": self.prefill.ran_over,
            "state": state,
        }

    def db_path(self) -> Path:
        """The history's file (what a storage error names), asked of SQLite once: every write
        of a live call is wrapped in a guard that names it."""
        if self._db_file is None:
            self._db_file = database_file(self.db)
        return self._db_file

    def changed(self, state: dict[str, Any]) -> str:
        """Offer the form state to the autosaver; returns the indicator text."""
        if self.autosaver is None:
            return ""
        try:
            wrote = self.autosaver.offer(state, self.clock(), saved_at=self._now())
        except StoreError as exc:
            return f"Not saved: {exc}"
        if self.autosaver.problem:
            return f"Not saved: {self.autosaver.problem}"
        return self._saved_text() if wrote else "Saving…"

    def tick(self) -> str:
        if self.autosaver is None or not self.autosaver.has_pending:
            return ""
        try:
            return (
                self._saved_text()
                if self.autosaver.tick(self.clock(), saved_at=self._now())
                else ""
            )
        except StoreError as exc:
            return f"Not saved: {exc}"

    def check(self, state: dict[str, Any]) -> NoteCheck:
        assert self.prefill is not None, "no note is open"
        data = note_data(state, self.prefill.form)
        return check_note(data, reasons=tuple(self.profile_value("note.reasons")))

    def flush(self) -> str | None:
        """Write what is pending now; the one-line problem when it could not be written."""
        if self.autosaver is None or not self.autosaver.has_pending:
            return None
        self.autosaver.flush(self.clock(), saved_at=self._now())
        return self.autosaver.problem if self.autosaver.has_pending else None

    def _now(self) -> str:
        return self.wall().isoformat(timespec="seconds")

    def _saved_text(self) -> str:
        return f"Draft saved {self.wall():%H:%M:%S}"

    def close(self, *, flush: bool) -> None:
        if self.autosaver is not None and flush:
            with contextlib.suppress(StoreError):  # the autosaver logged it; the draft row stays
                self.autosaver.flush(self.clock(), saved_at=self._now())
        self.autosaver = None
        self.call_id = None


__all__ = ["NoteSession", "clock"]
