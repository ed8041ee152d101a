"""Contacts: who called, found again by customer id, any format of phone number, or name.

A caller identity arrives typed by the agent or from a softphone hook, so `find_contact` takes
one string and decides what it is: phone-looking text is matched by `phone_key` (indexed), then
an exact customer id, then a case-insensitive exact name. Preferences are a JSON list of short
phrases ("prefers email") merged from after-call notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from companion.store.phones import KEY_DIGITS, digits_of, looks_like_phone, phone_key


@dataclass(frozen=True)
class Contact:
    id: int
    customer_id: str | None
    name: str
    email: str
    preferences: tuple[str, ...]
    phones: tuple[str, ...]

    @property
    def phone_keys(self) -> tuple[str, ...]:
        return tuple(k for k in (phone_key(p) for p in self.phones) if k)


def add_contact(
    db: Database,
    *,
    created_at: str,
    customer_id: str | None = None,
    name: str = "",
    phones: Iterable[str] = (),
    email: str = "",
    preferences: Iterable[str] = (),
) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO contacts (customer_id, name, email, preferences, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [customer_id or None, name, email, json.dumps(list(preferences)), created_at],
        )
        contact_id = int(cursor.lastrowid or 0)
        for number in phones:
            add_phone(db, contact_id, number)
    return contact_id


def add_phone(db: Database, contact_id: int, number: str) -> None:
    key = phone_key(number)
    if key is None:
        raise ValueError(f"{number!r} has too few digits to be a phone number")
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO contact_phones (contact_id, number, phone_key) VALUES (?, ?, ?)",
            [contact_id, number, key],
        )


def add_preferences(db: Database, contact_id: int, new: Iterable[str]) -> None:
    """Merge preference phrases into the contact's list (case-insensitive, order kept)."""
    row = db.execute("SELECT preferences FROM contacts WHERE id = ?", [contact_id]).fetchone()
    if row is None:
        return
    current: list[str] = json.loads(row[0] or "[]")
    lowered = {p.lower() for p in current}
    for phrase in new:
        phrase = phrase.strip()
        if phrase and phrase.lower() not in lowered:
            current.append(phrase)
            lowered.add(phrase.lower())
    with db.atomic():
        db.execute(
            "UPDATE contacts SET preferences = ? WHERE id = ?", [json.dumps(current), contact_id]
        )


def get_contact(db: Database, contact_id: int) -> Contact | None:
    row = db.execute(
        "SELECT id, customer_id, name, email, preferences FROM contacts WHERE id = ?",
        [contact_id],
    ).fetchone()
    if row is None:
        return None
    phones = tuple(
        r[0]
        for r in db.execute(
            "SELECT number FROM contact_phones WHERE contact_id = ? ORDER BY rowid", [contact_id]
        )
    )
    return Contact(int(row[0]), row[1], row[2], row[3], tuple(json.loads(row[4] or "[]")), phones)


def find_contact(db: Database, identity: str) -> Contact | None:
    """The contact a typed or hooked identity names, or None (a new caller)."""
    text = identity.strip()
    if not text:
        return None
    candidates: list[int] = []
    if looks_like_phone(text):
        key = phone_key(text)
        candidates = [
            int(r[0])
            for r in db.execute(
                "SELECT contact_id FROM contact_phones WHERE phone_key = ? ORDER BY contact_id",
                [key],
            )
        ]
    if not candidates:
        row = db.execute("SELECT id FROM contacts WHERE customer_id = ?", [text]).fetchone()
        if row is None:
            row = db.execute(
                "SELECT id FROM contacts WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
                [text],
            ).fetchone()
        candidates = [int(row[0])] if row else []
    if not candidates:
        return None
    return get_contact(db, candidates[-1])


def remember_caller(db: Database, number: str, name: str, *, created_at: str) -> Contact | None:
    """A new caller with a phone number becomes a contact, so their next call finds this one.

    The softphone gives the number (and often a name) of a caller the history does not know
    yet; without a contact their call and its note would never come back in prep. A caller
    without a usable number is not guessed from a name (names are shared), so None.
    """
    if not looks_like_phone(number):
        return None
    contact_id = add_contact(db, created_at=created_at, name=name.strip(), phones=[number])
    return get_contact(db, contact_id)


def suggest_contacts(db: Database, text: str, limit: int = 8) -> list[tuple[str, str]]:
    """Search-as-you-type: (display, identity) pairs whose name, customer id or phone contains
    `text`; `identity` is what `find_contact` resolves (customer id, else name, else number)."""
    text = text.strip()
    if len(text) < 2:
        return []
    like = f"%{text.replace('%', '').replace('_', '')}%"
    digits = digits_of(text)[-KEY_DIGITS:]  # phone_key keeps only the last KEY_DIGITS digits
    rows = db.execute(
        "SELECT c.customer_id, c.name, "
        "(SELECT number FROM contact_phones p WHERE p.contact_id = c.id ORDER BY rowid LIMIT 1) "
        "FROM contacts c WHERE c.name LIKE ? OR c.customer_id LIKE ? OR (? AND EXISTS "
        "(SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND p.phone_key LIKE ?)) "
        "ORDER BY c.name COLLATE NOCASE LIMIT ?",
        [like, like, len(digits) >= 3, f"%{digits}%", limit],
    ).fetchall()
    out: list[tuple[str, str]] = []
    for customer_id, name, number in rows:
        display = " · ".join(p for p in (name, customer_id, number) if p)
        out.append((display, customer_id or name or number or ""))
    return out
