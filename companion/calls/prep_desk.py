"""Before the agent says hello: who the typed text names, the prep checklist, and the notes.

The session owns the call's lifecycle; this owns what prep shows: contact suggestions as the
agent types, the checklist built from the history (`build_prep_checklist`) with the notes files
that mention the caller, and the notes search during a call. A notes folder that cannot be read
is one message, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sqlite_utils import Database

from companion.calls.listener import SessionListener
from companion.calls.prep import PrepChecklist, build_prep_checklist
from companion.config.checklist_item import ChecklistItem
from companion.store.call_log import Direction
from companion.store.contacts import suggest_contacts
from companion.store.notes_index import NotesIndex


def plain_snippet(snippet: str) -> str:
    """A search snippet as one readable line: no hit brackets, no Markdown marks."""
    text = re.sub(r"[\[\]*#_`>]+", "", snippet)
    return re.sub(r"\s+", " ", text).strip()


class PrepDesk:
    def __init__(self, db: Database, notes: NotesIndex | None, out: SessionListener) -> None:
        self.db, self.notes, self.out = db, notes, out
        self._suggested: dict[str, str] = {}

    def suggest(self, text: str) -> None:
        self._suggested = dict(suggest_contacts(self.db, text))
        self.out.suggestions(list(self._suggested))

    def resolve(self, typed: str) -> str:
        """The identity a typed text or a picked suggestion stands for."""
        return self._suggested.get(typed, typed).strip()

    def prepare(
        self,
        identity: str,
        way: Direction,
        profile_items: Sequence[ChecklistItem],
        *,
        today: dt.date,
    ) -> PrepChecklist:
        if self.notes is not None:
            self.refresh_notes()
        prep = build_prep_checklist(
            self.db,
            identity,
            way,
            profile_items,
            today=today,
            notes=self.notes,
        )
        contact = prep.contact
        who = (
            contact.name or contact.customer_id or identity
            if contact
            else f"New caller: {identity}"
        )
        items = [(i.id, i.label, i.source, False) for i in prep.items]
        related: list[tuple[str, str]] = []
        if self.notes is not None:
            query = contact.name if contact and contact.name else identity
            related = [(h.title, plain_snippet(h.snippet)) for h in self.notes.search(query, 4)]
        self.out.prep_ready(who, items, related)
        return prep

    def refresh_notes(self) -> None:
        assert self.notes is not None
        try:
            result = self.notes.refresh()
        except OSError as exc:
            self.out.message("notes", f"Notes folder unreadable: {exc}", "warning")
            return
        for problem in getattr(result, "problems", [])[:1]:
            self.out.message("notes", f"Note skipped: {problem}", "warning")

    def search_notes(self, text: str) -> None:
        if self.notes is None or not text.strip():
            self.out.note_hits([])
            return
        self.refresh_notes()
        hits = self.notes.search(text, limit=5)
        self.out.note_hits([(h.title, plain_snippet(h.snippet)) for h in hits])
