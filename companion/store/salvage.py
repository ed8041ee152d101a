"""Salvaging what is still readable from a damaged call-history file into a fresh one.

One bad page must not cost the agent the whole history: SQLite reads every page it does not have
to touch, so the rows on intact pages come back with plain SELECTs. `salvage_rows(damaged, dest)`
copies them, table by table in schema order (parents before children), row by row, into `dest`
— a new database the caller has already created at the current schema through the normal
migrations. Ids are kept, so the foreign keys between the copied rows still hold; a row that
cannot be read, or whose parent was lost (the destination enforces foreign keys), is skipped and
counted. A call whose contact was lost is kept without its contact.

SQLite's own recovery (`sqlite3_recover`, the CLI's `.recover`) is not reachable from Python's
`sqlite3` module and the CLI is not installed on agents' machines, so this reads through the
ordinary SQL interface instead. A scan stops at the first unreadable page; `_readable_rows` then
seeks past it by rowid (the interior pages usually still point at the leaves after it) and
carries on. How many rows a table held is asked of the damaged file too (`count(*)` may be
answered from an intact index); when no b-tree can answer, the total is unknown and the notice
says "some".

The damaged file is opened read-only and never changed. No Qt, no clock: plain store code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

# (table, one, many): every table that holds what happened on calls, parents before children,
# then the privacy ledger (what was exported or deleted, and when).
# The notes index (`note_files`, `note_fts`) is left out on purpose: it is a cache of the notes
# folder and is rebuilt from the files.
SALVAGE_ORDER: tuple[tuple[str, str, str], ...] = (
    ("contacts", "contact", "contacts"),
    ("contact_phones", "phone number", "phone numbers"),
    ("calls", "call", "calls"),
    ("notes", "note", "notes"),
    ("follow_ups", "follow-up", "follow-ups"),
    ("checklist_state", "checklist item", "checklist items"),
    ("cue_events", "cue event", "cue events"),
    ("transcript_segments", "transcript line", "transcript lines"),
    ("drafts", "note draft", "note drafts"),
    ("stress_checkins", "stress check-in", "stress check-ins"),
    ("privacy_ledger", "privacy ledger entry", "privacy ledger entries"),
    ("privacy_marks", "privacy bookkeeping value", "privacy bookkeeping values"),
)

# Links that may be cut rather than lose the row: a call stays a call without its contact.
_NULLABLE_ON_LOSS: dict[str, tuple[str, ...]] = {
    "calls": ("contact_id",),
    "follow_ups": ("contact_id",),
}

_MIN_ROWID = -(2**63)
_MAX_ROWID = 2**63 - 1
_MAX_SKIPS = 100_000  # unreadable stretches per table before giving up on the rest of it


@dataclass(frozen=True)
class TableSalvage:
    table: str
    one: str
    many: str
    held: int | None  # rows the damaged file says it held; None when no count could be read
    copied: int

    @property
    def lost(self) -> int | None:
        """Rows not copied; None when the total is unknown."""
        return None if self.held is None else max(self.held - self.copied, 0)

    def noun(self, n: int) -> str:
        return self.one if n == 1 else self.many


@dataclass(frozen=True)
class SalvageReport:
    tables: tuple[TableSalvage, ...]
    schema_readable: bool  # False: not even the list of tables could be read
    integrity: str  # `PRAGMA integrity_check` of the destination ("ok")

    @property
    def copied(self) -> int:
        return sum(t.copied for t in self.tables)

    @property
    def had_data(self) -> bool | None:
        """Whether the damaged file held any row; None when that cannot be told."""
        if not self.schema_readable or any(t.held is None for t in self.tables):
            return None
        return any(t.held for t in self.tables)

    @property
    def nothing_recovered(self) -> bool:
        """True when the fresh history is empty although the damaged one may not have been."""
        return self.copied == 0 and self.had_data is not False

    def table(self, name: str) -> TableSalvage | None:
        return next((t for t in self.tables if t.table == name), None)

    def summary(self) -> str:
        """'recovered 212 of 214 calls, 3 notes lost' (calls first, then whatever was lost)."""
        if self.nothing_recovered:
            return "nothing could be recovered"
        parts = []
        calls = self.table("calls")
        if calls is not None:
            if calls.held is None:
                parts.append(
                    f"recovered {calls.copied} {calls.noun(calls.copied)}, some may be lost"
                )
            else:
                parts.append(f"recovered {calls.copied} of {calls.held} {calls.noun(calls.held)}")
        for t in self.tables:
            if t.table == "calls":
                continue
            if t.lost is None:
                parts.append(f"some {t.many} may be lost")
            elif t.lost:
                parts.append(f"{t.lost} {t.noun(t.lost)} lost")
        return ", ".join(parts)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Read without writing anything: with no WAL file beside it the file is opened immutable
    (a WAL-mode file opened read-only would leave new -wal/-shm files behind); with one, read-only
    so the rows still in the WAL are read too."""
    has_wal = path.with_name(path.name + "-wal").exists()
    mode = "mode=ro" if has_wal else "immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, bool]]:
    """(name, is the INTEGER PRIMARY KEY) for each column; empty when the table is missing."""
    rows = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    keys = [r for r in rows if r[5]]
    alias = keys[0][1] if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER" else None
    return [(str(r[1]), r[1] == alias) for r in rows]


def _held(conn: sqlite3.Connection, table: str) -> int | None:
    """The table's row count from any b-tree that can still answer, or None."""
    queries = [f'SELECT count(*) FROM "{table}"', f'SELECT count(*) FROM "{table}" NOT INDEXED']
    try:
        indexes = [str(r[1]) for r in conn.execute(f'PRAGMA index_list("{table}")')]
    except sqlite3.Error:
        indexes = []
    queries += [f'SELECT count(*) FROM "{table}" INDEXED BY "{i}"' for i in indexes]
    for sql in queries:
        try:
            return int(conn.execute(sql).fetchone()[0])
        except sqlite3.Error:
            continue
    return None


def _seek(conn: sqlite3.Connection, table: str, at: int) -> int | None:
    """The first rowid >= `at`; None past the end. Raises if the pages on the way are bad."""
    row = conn.execute(
        f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1', (at,)
    ).fetchone()
    return None if row is None else int(row[0])


def _next_reachable(conn: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid > `after` that a seek can reach past a bad page, or None (the end, or
    nothing further can be reached). Doubling steps find a good seek; bisection then moves it
    back so rows just past the bad page are not skipped with it."""
    bad = after
    step = 1
    while True:
        probe = min(after + step, _MAX_ROWID)
        try:
            _seek(conn, table, probe)
        except sqlite3.Error:
            if probe >= _MAX_ROWID:
                return None
            bad = probe
            step *= 2
            continue
        break
    good = probe  # a seek from `good` works; every seek from `bad` failed
    while good - bad > 1:
        middle = (good + bad) // 2
        try:
            _seek(conn, table, middle)
            good = middle
        except sqlite3.Error:
            bad = middle
    try:
        return _seek(conn, table, good)
    except sqlite3.Error:  # pragma: no cover - the same seek worked a moment ago
        return None


def _readable_rows(
    conn: sqlite3.Connection, table: str, select: str
) -> Iterator[tuple[object, ...]]:
    """(rowid, *columns) of every row that can be read, in rowid order, past bad pages."""
    after = _MIN_ROWID
    sql = f'SELECT rowid, {select} FROM "{table}" WHERE rowid > ? ORDER BY rowid'
    for _ in range(_MAX_SKIPS):
        try:
            for row in conn.execute(sql, (after,)):
                rowid = int(row[0])
                if rowid <= after:  # garbage that decoded as a row: do not go backwards
                    continue
                after = rowid
                yield tuple(row)
            return
        except sqlite3.Error:
            pass
        reachable = _next_reachable(conn, table, after)
        if reachable is None:
            return
        # Read the row at `reachable` alone: it may be the unreadable one itself (a broken
        # overflow page), and a scan can fail on it when the step *after* it fails. Either way
        # `after` moves on, so every round makes progress.
        try:
            single = conn.execute(
                f'SELECT rowid, {select} FROM "{table}" WHERE rowid = ?', (reachable,)
            ).fetchone()
        except sqlite3.Error:
            single = None
        after = reachable
        if single is not None:
            yield tuple(single)


def _copy_table(src: sqlite3.Connection, dest: Database, table: str) -> tuple[int | None, int]:
    """(rows the damaged table held or None, rows copied)."""
    try:
        source_columns = {name for name, _ in _columns(src, table)}
    except sqlite3.Error:
        return None, 0
    if not source_columns:
        return 0, 0  # an older file without this table: nothing was lost
    columns = [name for name, _ in _columns(dest.conn, table) if name in source_columns]
    if not columns:
        return 0, 0
    held = _held(src, table)
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    cut = [columns.index(c) for c in _NULLABLE_ON_LOSS.get(table, ()) if c in columns]
    seen = copied = 0
    for row in _readable_rows(src, table, names):
        seen += 1
        values = list(row[1:])
        try:
            dest.conn.execute(insert, values)
        except sqlite3.IntegrityError as exc:
            if not cut or "FOREIGN KEY" not in str(exc):
                continue
            for index in cut:
                values[index] = None
            try:
                dest.conn.execute(insert, values)
            except sqlite3.Error:
                continue
        except sqlite3.Error:
            continue
        copied += 1
    if held is not None:
        held = max(held, seen)
    return held, copied


def salvage_rows(damaged: Path, dest: Database) -> SalvageReport:
    """Copy every readable row of `damaged` into `dest` (created at the current schema, empty);
    `damaged` is only read. Returns what came back per table and `dest`'s integrity check."""
    tables: list[TableSalvage] = []
    schema_readable = True
    try:
        src = _open_read_only(damaged)
    except sqlite3.Error:
        src = None
    try:
        if src is not None:
            try:
                src.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            except sqlite3.Error:
                schema_readable = False
        else:
            schema_readable = False
        with dest.atomic():
            for table, one, many in SALVAGE_ORDER:
                if src is None or not schema_readable:
                    tables.append(TableSalvage(table, one, many, None, 0))
                    continue
                held, copied = _copy_table(src, dest, table)
                tables.append(TableSalvage(table, one, many, held, copied))
    finally:
        if src is not None:
            src.close()
    rows = dest.execute("PRAGMA integrity_check").fetchall()
    integrity = "; ".join(str(r[0]) for r in rows)
    return SalvageReport(tuple(tables), schema_readable, integrity)


def salvage_notice(report: SalvageReport, kept: Path) -> str:
    """The one line the overlay's banner and the CLI show after a salvage."""
    where = f"the damaged file was moved to {kept.name} and kept"
    if report.nothing_recovered:
        return (
            f"The call history was damaged and nothing could be recovered from it; {where}; "
            "starting with an empty history"
        )
    if report.had_data is False:
        return f"The call history was damaged but held no calls; {where}"
    return f"The call history was damaged: {report.summary()}; {where}"


def nothing_recovered_message(kept: Path) -> str:
    """Why a command that reads the history stops instead of showing an empty one."""
    return (
        f"the call history was damaged and nothing could be recovered from it, so there is "
        f"nothing to show; the damaged file is kept as {kept}: restore a backup copy of the "
        "database, or ask IT to recover that file (sqlite3's .recover); to start afresh, move "
        "it out of the data folder"
    )
