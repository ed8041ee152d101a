"""What the app keeps about calls, and deleting it: the logic behind `companion privacy`.

`stored_summary` counts rows per table with the oldest date, and `kept_files` lists the database
and every copy of it (pre-migration backups, damaged files moved aside) so nothing personal
hides from the agent. `purge(before=…)` deletes calls that started before a date — their notes,
follow-ups, checklist ticks, cues, transcripts, drafts and stress check-ins go with them (foreign
keys cascade) — plus contacts left without calls and check-ins older than the date; without a
date it deletes everything. VACUUM then rewrites the file so deleted text does not linger in
free pages. `purge_copy` applies a date purge to a pre-migration backup as well (a purge without
a date deletes the copies outright). The notes folder is the agent's own files and is never
touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from companion.store.database import connect
from companion.store.schema import DATA_TABLES


@dataclass(frozen=True)
class TableSummary:
    table: str
    rows: int
    oldest: str | None  # ISO date of the oldest row, when the table has a date


def stored_summary(db: Database) -> list[TableSummary]:
    out: list[TableSummary] = []
    for table, date_column in DATA_TABLES:
        rows = int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        if date_column is None:  # child rows are as old as their call
            sql = f"SELECT MIN(c.started_at) FROM {table} x JOIN calls c ON c.id = x.call_id"
        else:
            sql = f"SELECT MIN({date_column}) FROM {table}"
        oldest: str | None = db.execute(sql).fetchone()[0]
        out.append(TableSummary(table, rows, oldest[:10] if oldest else None))
    return out


def kept_files(database: Path) -> list[Path]:
    """The database, its WAL, and every backup or moved-aside copy next to it."""
    folder = database.parent
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(database.name))


def purge(db: Database, before: dt.date | None = None) -> dict[str, int]:
    """Delete stored call data (all of it, or calls started before `before`); returns counts."""
    counts_before = {s.table: s.rows for s in stored_summary(db)}
    with db.atomic():
        if before is None:
            for table, _ in reversed(DATA_TABLES):
                db.execute(f"DELETE FROM {table}")
        else:
            _delete_before(db, before)
    db.vacuum()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts_after = {s.table: s.rows for s in stored_summary(db)}
    return {t: counts_before[t] - counts_after[t] for t in counts_before}


def _delete_before(db: Database, before: dt.date) -> None:
    cutoff = before.isoformat()
    db.execute("DELETE FROM calls WHERE started_at < ?", [cutoff])
    if db["stress_checkins"].exists():  # v4; a backup may be older
        db.execute("DELETE FROM stress_checkins WHERE at < ?", [cutoff])
    db.execute(
        "DELETE FROM contacts WHERE created_at < ? AND NOT EXISTS "
        "(SELECT 1 FROM calls WHERE calls.contact_id = contacts.id)",
        [cutoff],
    )


def purge_copy(path: Path, before: dt.date) -> None:
    """The same date purge inside a pre-migration backup, so purged calls do not live on there.

    A backup has an older schema, but `calls` and `contacts` are there from v1 and every table
    holding call data cascades from `calls`. Raises `sqlite3.DatabaseError` for an unreadable copy.
    """
    db = connect(path)
    try:
        with db.atomic():
            _delete_before(db, before)
        db.vacuum()
    finally:
        db.close()
