"""What the app keeps about calls, and deleting it: the logic behind `companion privacy`.

`stored_summary` counts rows per table with the oldest date, and `kept_files` lists the database
and every copy of it (pre-migration backups, damaged files moved aside) so nothing personal
hides from the agent. `purge(before=…)` deletes calls that started before a date — their notes,
follow-ups, checklist ticks, cues, transcripts, drafts and stress check-ins go with them (foreign
keys cascade) — plus contacts left without calls and check-ins older than the date; without a
date it deletes everything. Each purge is recorded in the privacy ledger (`ledger.py`) in the
same transaction. VACUUM then rewrites the file so deleted text does not linger in free pages.
Retention (`retention.py`) runs the same deletion, sparing calls still in use. `purge_copy`
applies a date purge to a pre-migration backup as well (a purge without a date deletes the
copies outright). The notes folder is the agent's own files and is never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from companion.store.database import connect
from companion.store.ledger import record
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


def _row_counts(db: Database) -> dict[str, int]:
    return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t, _ in DATA_TABLES}


def delete_calls(
    db: Database, before: dt.date | None = None, *, spare: Collection[int] = ()
) -> dict[str, int]:
    """The deletion behind `purge` and retention, without compacting: all call data, or calls
    started before `before` except the `spare` ones, in one transaction (a savepoint inside the
    caller's, so its ledger row commits with the deletion). Returns rows deleted per table."""
    if before is None and spare:
        raise ValueError("a purge of everything spares nothing")
    counts_before = _row_counts(db)
    with db.atomic():
        if before is None:
            for table, _ in reversed(DATA_TABLES):
                db.execute(f"DELETE FROM {table}")
        else:
            _delete_before(db, before, spare)
        counts_after = _row_counts(db)
    return {t: counts_before[t] - counts_after[t] for t in counts_before}


def compact(db: Database) -> None:
    """VACUUM, so deleted text does not linger in free pages, and fold the WAL back in."""
    db.vacuum()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def purge(
    db: Database, before: dt.date | None = None, *, now: dt.datetime | None = None
) -> dict[str, int]:
    """Delete stored call data (all of it, or calls started before `before`), record the purge
    in the privacy ledger in the same transaction, and compact the file; returns counts."""
    at = (now or dt.datetime.now()).isoformat(timespec="seconds")
    with db.atomic():
        deleted = delete_calls(db, before)
        details = {
            "before": before.isoformat() if before else None,
            "deleted": {t: n for t, n in deleted.items() if n},
        }
        record(db, "purge", details, at=at)
    compact(db)
    return deleted


def _delete_before(db: Database, before: dt.date, spare: Collection[int] = ()) -> None:
    cutoff, kept = before.isoformat(), json.dumps(sorted(spare))
    db.execute(
        "DELETE FROM calls WHERE started_at < ? AND id NOT IN (SELECT value FROM json_each(?))",
        [cutoff, kept],
    )
    if db["stress_checkins"].exists():  # v4; a backup may be older
        db.execute(
            "DELETE FROM stress_checkins WHERE at < ? AND (call_id IS NULL "
            "OR call_id NOT IN (SELECT value FROM json_each(?)))",
            [cutoff, kept],
        )
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
