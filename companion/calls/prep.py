"""Pre-call prep: what to read and check before saying hello, drawn from history and notes.

`build_prep_checklist(db, identity, direction, profile_items, today=…)` resolves the caller
(phone number in any format, customer id, or name) and returns a checklist whose every item
links to where it came from (`source`: `call:123`, `follow_up:7`, `contact:5`,
`note-file:customers/acme.md`, `profile:<item id>`), so the UI can open the record behind it.

History items, most pressing first:
- "Last time the caller had to repeat their story: read the summary first" (the previous note's
  `caller_had_to_repeat`), and "Repeat caller: N calls in 7 days" for callers who ring again;
- open follow-ups, overdue ones marked ("On 18 Nov you promised to send the refund
  confirmation — done?");
- for outbound calls, the call-back being made;
- the last call's outcome, reason, difficulty and caller type; what worked; what the agent would
  do differently; preferences noted before ("prefers email");
- matching customer notes files.
Then the profile's standard prep items (inbound or outbound), passed in as `ChecklistItem`s.
`today` is an argument: no clock is read here. What the history holds comes from store functions
(`companion.store.history`, `companion.store.contacts`); this module only decides the items,
their order and their wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from companion.config.checklist_item import ChecklistItem
from companion.store.call_log import CheckState, Direction
from companion.store.contacts import Contact, find_contact
from companion.store.history import calls_since, last_noted_call, open_follow_ups
from companion.store.notes_index import NotesIndex
from companion.store.phones import looks_like_phone, phone_key

REPEAT_WINDOW_DAYS = 7


@dataclass(frozen=True)
class PrepItem:
    id: str
    label: str
    source: str
    kind: str  # read_summary, repeat, overdue, follow_up, call_back, last_call, worked,
    #            differently, preference, note_file, new_caller, profile


@dataclass(frozen=True)
class PrepChecklist:
    identity: str
    direction: Direction
    contact: Contact | None
    items: tuple[PrepItem, ...]

    def states(self, checked: Mapping[str, bool]) -> list[CheckState]:
        """The checklist as saved with the call (`checklist_state`, phase 'prep')."""
        return [
            CheckState(
                i.id,
                i.label,
                i.source,
                bool(checked.get(i.id)),
                "hand" if checked.get(i.id) else "",
            )
            for i in self.items
        ]


def short_date(value: str | dt.date, today: dt.date) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _follow_up_items(db: Database, contact_id: int, today: dt.date) -> list[PrepItem]:
    items: list[PrepItem] = []
    for fu in open_follow_ups(db, contact_id):
        who = "you" if fu.owner.strip().lower() in ("", "me", "i", "agent") else fu.owner
        label = (
            f"On {short_date(fu.promised_at, today)} {who} promised to "
            f"{_lower_first(fu.action)} — done?"
        )
        kind = "follow_up"
        if fu.due:
            due_date = dt.date.fromisoformat(fu.due)
            if due_date < today:
                kind = "overdue"
                label += f" (due {short_date(due_date, today)}, overdue)"
            else:
                label += f" (due {short_date(due_date, today)})"
        items.append(PrepItem(f"follow_up-{fu.id}", label, f"follow_up:{fu.id}", kind))
    return sorted(items, key=lambda i: i.kind != "overdue")


def _history_items(
    db: Database, contact: Contact, direction: Direction, today: dt.date
) -> list[PrepItem]:
    items: list[PrepItem] = []
    last = last_noted_call(db, contact.id)
    since = (today - dt.timedelta(days=REPEAT_WINDOW_DAYS)).isoformat()
    recent = calls_since(db, contact.id, since)
    if last is not None and last.caller_had_to_repeat:
        items.append(
            PrepItem(
                "read_summary",
                "Last time the caller had to repeat their story: read the summary first",
                f"call:{last.call_id}",
                "read_summary",
            )
        )
    if recent.count:
        items.append(
            PrepItem(
                "repeat",
                f"Repeat caller: {recent.count} call{'s' if recent.count > 1 else ''} in the "
                f"last {REPEAT_WINDOW_DAYS} days — don't make them tell it again",
                f"call:{recent.latest_id}",
                "repeat",
            )
        )
    follow_ups = _follow_up_items(db, contact.id, today)
    items += follow_ups
    if last is None:
        return items
    when = short_date(last.started_at, today)
    src = f"call:{last.call_id}"
    if direction == "outbound" and last.outcome in ("call back", "follow-up"):
        about = last.reason_text or last.reason_category or last.caller_needed
        items.append(
            PrepItem(
                "call_back",
                f"You are calling back as promised on {when}: {about}",
                src,
                "call_back",
            )
        )
    facts = [f"Last call {when}: {last.outcome}"]
    if last.reason_category or last.reason_text:
        facts.append(" — ".join(p for p in (last.reason_category, last.reason_text) if p))
    if last.difficulty:
        facts.append(f"difficulty {last.difficulty}/5")
    if last.caller_type:
        facts.append("caller: " + ", ".join(last.caller_type))
    items.append(PrepItem("last_call", "; ".join(facts), src, "last_call"))
    if last.what_worked:
        items.append(
            PrepItem("worked", f"What worked last time: {last.what_worked}", src, "worked")
        )
    if last.do_differently:
        items.append(
            PrepItem(
                "differently",
                f"Last time you'd have done differently: {last.do_differently}",
                src,
                "differently",
            )
        )
    return items


def build_prep_checklist(
    db: Database,
    identity: str,
    direction: Direction,
    profile_items: Sequence[ChecklistItem],
    *,
    today: dt.date,
    notes: NotesIndex | None = None,
) -> PrepChecklist:
    """The prep checklist for one caller; `notes` should be `refresh()`ed by the caller."""
    contact = find_contact(db, identity)
    items: list[PrepItem] = []
    if contact is None:
        items.append(
            PrepItem(
                "new_caller",
                f"No history for '{identity.strip()}' — ask for the "
                "customer id and note what they need",
                "history:none",
                "new_caller",
            )
        )
    else:
        items += _history_items(db, contact, direction, today)
        items += [
            PrepItem(
                f"preference-{n}",
                pref[:1].upper() + pref[1:],
                f"contact:{contact.id}",
                "preference",
            )
            for n, pref in enumerate(contact.preferences)
        ]
    if notes is not None:
        keys = set(contact.phone_keys if contact else ())
        typed_key = phone_key(identity) if looks_like_phone(identity) else None
        if typed_key:
            keys.add(typed_key)
        customer = contact.customer_id if contact else (None if typed_key else identity.strip())
        for hit in notes.for_caller(customer, sorted(keys)):
            items.append(
                PrepItem(f"note-{hit.path}", f"Read note: {hit.title}", hit.source, "note_file")
            )
    items += [PrepItem(i.id, i.label, f"profile:{i.id}", "profile") for i in profile_items]
    return PrepChecklist(identity, direction, contact, tuple(items))
