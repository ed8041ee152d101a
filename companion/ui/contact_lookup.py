"""Search-as-you-type over contacts for the prep panel's identity field.

`companion.store.contacts` resolves one exact identity (`find_contact`); the prep field also
needs prefix/contains matches while the agent types. Plain SQL, no Qt; it belongs with the store
and can move there unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from companion.store.phones import digits_of


@dataclass(frozen=True)
class Suggestion:
    display: str
    identity: str  # what `find_contact` resolves: customer id, else name


def suggest_contacts(db: Database, text: str, limit: int = 8) -> list[Suggestion]:
    text = text.strip()
    if len(text) < 2:
        return []
    like = f"%{text.replace('%', '').replace('_', '')}%"
    digits = digits_of(text) if len(digits_of(text)) >= 3 else ""
    rows = db.execute(
        "SELECT c.id, c.customer_id, c.name, "
        "(SELECT number FROM contact_phones p WHERE p.contact_id = c.id ORDER BY rowid LIMIT 1) "
        "FROM contacts c WHERE c.name LIKE ? OR c.customer_id LIKE ? OR (? != '' AND EXISTS "
        "(SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND p.phone_key LIKE ?)) "
        "ORDER BY c.name COLLATE NOCASE LIMIT ?",
        [like, like, digits, f"%{digits}%", limit],
    ).fetchall()
    out: list[Suggestion] = []
    for _cid, customer_id, name, number in rows:
        parts = [p for p in (name, customer_id, number) if p]
        out.append(Suggestion(" · ".join(parts), customer_id or name or number or ""))
    return out
