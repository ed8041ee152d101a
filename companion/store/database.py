"""Opening the call-history database: versions, backups, corruption, and calm error messages.

`open_store(path)` is called once at start (and by CLI commands). It
- creates the file with mode 0600 (call notes are personal data) and turns on WAL;
- refuses, in one line, a file written by a newer app (`StoreTooNew`);
- salvages a corrupt file: every readable row is copied into a fresh file at the current schema
  (`salvage.py`), which then takes the file's place; the damaged file is moved aside (renamed
  with a timestamp, never deleted), and a one-line `notice` says how much came back;
- copies the file with SQLite's backup API (`companion.db.v1-<time>.bak`) before migrating, then
  applies each pending migration with its `user_version` bump in one transaction.

`connect(path)` opens one more connection for another thread: sqlite-utils' `Database` must not
cross threads, and `PRAGMA foreign_keys` is per connection, so every connection comes from here.
Environment failures (locked, disk full, unreadable) become `StoreError` with a one-line message
via `store_errors()`; anything else is a bug and propagates.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from companion.errors import KnownError
from companion.store.salvage import SalvageReport, salvage_notice, salvage_rows
from companion.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0
_SIDE_FILES = ("-wal", "-shm", "-journal")


class StoreError(KnownError):
    """An environment problem with the database; `str()` is the one-line message to show."""


class StoreTooNew(StoreError):
    """The file was written by a newer Call Companion."""


class StoreCorrupt(StoreError):
    """The file is not a readable SQLite database."""


@dataclass
class OpenedStore:
    db: Database
    path: Path
    notice: str | None = None  # one line for the agent (salvaged, migrated), or None
    damaged: Path | None = None  # where a damaged file was moved (kept), when this open found one
    salvage: SalvageReport | None = None  # what came back from it


def _is_corruption(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    )


def explain(exc: BaseException, path: Path) -> StoreError | None:
    """The one-line message for a known environment failure, or None for a bug."""
    text = str(exc).lower()
    name = path.name
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return StoreError(
            f"{name} is locked by another program (is Call Companion already running?); "
            "close it and try again"
        )
    if "disk is full" in text or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return StoreError(f"no space left for {path}; free some disk space and try again")
    if _is_corruption(exc):
        return StoreCorrupt(f"{path} is damaged ({exc}); restart to move it aside")
    if isinstance(exc, sqlite3.OperationalError) and "unable to open" in text:
        return StoreError(
            f"cannot open {path}; check the folder exists and is writable, or pass --data-dir"
        )
    if isinstance(exc, PermissionError | sqlite3.OperationalError) and (
        "readonly" in text or "permission" in text
    ):
        return StoreError(f"{path} is read-only; fix its permissions or pass --data-dir")
    if isinstance(exc, OSError):
        return StoreError(
            f"cannot use {path} ({exc.strerror or exc}); check the folder is writable, "
            "or pass --data-dir"
        )
    return None


@contextmanager
def store_errors(path: Path) -> Iterator[None]:
    """Turn known SQLite/OS failures into `StoreError` (one line); let bugs through."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        known = explain(exc, path)
        if known is None:
            raise
        raise known from exc


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix" and not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _restrict(path: Path) -> None:
    if os.name != "posix":
        return
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        if candidate.exists():
            os.chmod(candidate, 0o600)


def connect(path: Path, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Database:
    """A new connection with this app's per-connection settings (one per thread)."""
    conn = sqlite3.connect(str(path), timeout=busy_timeout_s)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys=ON")
    return db


def database_file(db: Database) -> Path:
    """The file behind a connection (what `store_errors` names); `Path()` for an in-memory one."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else Path()


def _timestamp() -> str:
    # A file name, not logic: the wall clock is fine here.
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _unused_name(path: Path, label: str, suffix: str = "") -> Path:
    """`<name>.<label>-<time>[-n]<suffix>` next to `path`, not taken by any file."""
    stamp = f"{path.name}.{label}-{_timestamp()}"
    target = path.with_name(stamp + suffix)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{stamp}-{n}{suffix}")
    return target


def move_aside(path: Path, label: str = "corrupt") -> Path:
    """Rename `path` (and its WAL/SHM files) out of the way; returns the new name."""
    target = _unused_name(path, label)
    path.rename(target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def backup_copy(db: Database, path: Path, version: int) -> Path:
    """A consistent copy of the open database next to it, named for its schema version."""
    target = _unused_name(path, f"v{version}", ".bak")
    _create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def user_version(db: Database) -> int:
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: Database, path: Path, target: int = SCHEMA_VERSION) -> Path | None:
    """Bring the file to `target`; returns the backup path when a migration was needed."""
    current = user_version(db)
    if current > SCHEMA_VERSION:
        raise StoreTooNew(
            f"{path} was written by a newer Call Companion (database v{current}, this app "
            f"knows v{SCHEMA_VERSION}); update the app or pass --data-dir to use another folder"
        )
    if current >= target:
        return None
    backup = backup_copy(db, path, current) if current > 0 else None
    for number in range(current + 1, target + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version={number}")
        log.info("database %s migrated to v%d", path, number)
    return backup


def _check_readable(db: Database) -> None:
    user_version(db)
    row = db.execute("PRAGMA quick_check(1)").fetchone()
    if row is None or row[0] != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed: {row}")


def _open_checked(path: Path, target: int) -> tuple[Database, Path | None]:
    _create_private(path)
    db = connect(path)
    try:
        _check_readable(db)
        db.enable_wal()
        backup = migrate(db, path, target)
    except BaseException:
        db.close()
        raise
    _restrict(path)
    return db, backup


def _salvage(path: Path, target: int) -> tuple[Path, SalvageReport]:
    """Copy what `path` still holds into a fresh file, then swap them: the damaged file is moved
    aside and the fresh one takes its name. The copy is built under a temporary name first, so a
    crash part-way leaves the damaged file in place and the next start salvages again."""
    fresh = path.with_name(path.name + ".salvage")
    for leftover in (fresh, *(fresh.with_name(fresh.name + s) for s in _SIDE_FILES)):
        leftover.unlink(missing_ok=True)
    _create_private(fresh)
    db = connect(fresh)
    try:
        migrate(db, fresh, target)
        report = salvage_rows(path, db)
    finally:
        db.close()
    if report.integrity != "ok":  # pragma: no cover - a copy made by plain INSERTs
        log.error("salvaged copy of %s fails integrity_check: %s", path, report.integrity)
    aside = move_aside(path)
    fresh.rename(path)
    return aside, report


def open_store(path: Path, target: int = SCHEMA_VERSION) -> OpenedStore:
    """Open (creating or migrating) the database; a corrupt file is salvaged and kept, not lost."""
    notice: str | None = None
    aside: Path | None = None
    report: SalvageReport | None = None
    with store_errors(path):
        try:
            db, backup = _open_checked(path, target)
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
            aside, report = _salvage(path, target)
            notice = salvage_notice(report, aside)
            log.warning("database %s is damaged (%s); %s", path, exc, notice)
            db, backup = _open_checked(path, target)
        if backup is not None:
            log.info("backup of the previous database version: %s", backup)
            notice = notice or f"call history upgraded; the previous copy is {backup.name}"
    return OpenedStore(db, path, notice, aside, report)
