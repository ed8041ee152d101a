"""The privacy ledger: what left the call history or was deleted from it, and when.

One row per export, purge, retention run that deleted something, and change of the effective
`privacy.store_transcripts` value, so the agent (or a data protection officer) can answer "what
was exported or deleted, and when" from `companion privacy`. A row holds the time (ISO 8601,
local), the action and a small JSON object of counts, dates, the export format and target, and
where a setting came from. `record` refuses any other key or any value that is not a plain
scalar (or, for `deleted`, a table → count map), so note text, transcript text and caller
identifiers cannot reach the ledger by mistake. Purges leave the ledger: it holds no call data.

`privacy_marks` keeps single values that change often but are not worth a ledger row, such as
when retention last ran.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlite_utils import Database

Action = Literal["export", "purge", "retention", "transcripts"]
LATEST = 20  # entries `companion privacy` shows

_ALLOWED: dict[str, frozenset[str]] = {
    "export": frozenset({"format", "calls", "since", "to", "path"}),
    "purge": frozenset({"before", "deleted"}),
    "retention": frozenset({"keep_days", "cutoff", "deleted", "held_back"}),
    "transcripts": frozenset({"old", "new", "source"}),
}


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    at: str
    action: str
    details: dict[str, Any]

    def summary(self) -> str:
        """One line for `companion privacy`, made from the details."""
        d = self.details
        if self.action == "export":
            where = d.get("path") if d.get("to") == "file" else "standard output"
            since = f" (since {d['since']})" if d.get("since") else ""
            return f"{_calls(d.get('calls', 0))}{since} as {d.get('format', '?')} to {where}"
        if self.action == "purge":
            gone = deleted_text(d.get("deleted", {}))
            if d.get("before"):
                return f"deleted {gone} that started before {d['before']}"
            return f"deleted all call data: {gone}"
        if self.action == "retention":
            held = d.get("held_back", 0)
            return (
                f"deleted {deleted_text(d.get('deleted', {}))} that started before "
                f"{d.get('cutoff')} (keep {d.get('keep_days')} days)"
                + (f"; {held} held back (live, or note not saved)" if held else "")
            )
        if self.action == "transcripts":
            change = (
                f"first recorded: {_on_off(d.get('new'))}"
                if d.get("old") is None
                else f"{_on_off(d['old'])} → {_on_off(d.get('new'))}"
            )
            return f"privacy.store_transcripts {change} (from {d.get('source', '?')})"
        return json.dumps(d, sort_keys=True)  # pragma: no cover - an action of a newer app


def _on_off(value: object) -> str:
    return "on" if value else "off"


def _calls(n: int) -> str:
    return f"{n} call{'' if n == 1 else 's'}"


def deleted_text(deleted: Mapping[str, int]) -> str:
    """'3 calls (41 rows in all)': the calls, and every row with them (notes, cues...)."""
    rows = sum(deleted.values())
    calls = deleted.get("calls", 0)
    return f"{_calls(calls)} ({rows} row{'' if rows == 1 else 's'} in all)"


def _check(action: str, details: Mapping[str, Any]) -> None:
    allowed = _ALLOWED.get(action)
    if allowed is None:
        raise ValueError(f"unknown ledger action {action!r}")
    for key, value in details.items():
        if key not in allowed:
            raise ValueError(f"{action} ledger entries do not keep {key!r}")
        if key == "deleted":
            if not isinstance(value, Mapping) or not all(
                isinstance(k, str) and isinstance(n, int) for k, n in value.items()
            ):
                raise ValueError("'deleted' is a table → count map")
        elif value is not None and not isinstance(value, bool | int | str):
            raise ValueError(f"{key!r} must be a plain value, not {type(value).__name__}")


def record(db: Database, action: Action, details: Mapping[str, Any], *, at: str) -> int:
    """Append one entry (inside the caller's transaction when there is one); returns its id."""
    _check(action, details)
    text = json.dumps(dict(details), ensure_ascii=False, sort_keys=True)
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO privacy_ledger (at, action, details) VALUES (?, ?, ?)", [at, action, text]
        )
    return int(cursor.lastrowid or 0)


def recent(db: Database, limit: int = LATEST) -> list[LedgerEntry]:
    """The latest entries, newest first (by id: the wall clock can go back, the ids do not)."""
    rows = db.execute(
        "SELECT id, at, action, details FROM privacy_ledger ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [LedgerEntry(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def count(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM privacy_ledger").fetchone()[0])


def note_transcripts_setting(db: Database, value: bool, source: str, *, at: str) -> bool:
    """Record the effective `privacy.store_transcripts` when it differs from the last recorded
    value (the first start records it too, from "not recorded"); returns whether it recorded."""
    row = db.execute(
        "SELECT details FROM privacy_ledger WHERE action = 'transcripts' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    last = json.loads(row[0]).get("new") if row else None
    if row is not None and bool(last) == value:
        return False
    record(db, "transcripts", {"old": last, "new": value, "source": source}, at=at)
    return True


def set_mark(db: Database, name: str, value: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO privacy_marks (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            [name, value],
        )


def get_mark(db: Database, name: str) -> str | None:
    row = db.execute("SELECT value FROM privacy_marks WHERE name = ?", [name]).fetchone()
    return str(row[0]) if row else None
