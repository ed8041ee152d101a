"""Privacy holes found in review: words quoted in cue messages, export file modes, and purged
calls living on in the pre-migration backup copies."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.paths import resolve_paths
from companion.store.call_log import cue_timeline, record_cue
from tests.store.store_helpers import add_call, companion, schema_at

MARKER = "okapi-narwhal-5519"


def test_words_quoted_in_a_cue_message_reach_disk_redacted(db: Database, db_path: Path) -> None:
    # A trainer's phrase with `*` and a "{heard}" message quotes what was said, and cue rows are
    # kept even when transcripts are off.
    call_id = add_call(db, None, "2025-01-01T09:00:00", "2025-01-01T09:05:00")
    heard = "You said “mail it to john dot smith at example dot com”"

    record_cue(db, call_id, t=3.0, kind="avoid-phrase", channel="agent", message=heard)

    stored = cue_timeline(db, call_id)[0].message
    assert stored.startswith("You said “mail it to") and "smith" not in stored
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"smith" not in db_path.read_bytes()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_export_file_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    paths = resolve_paths(home).ensure()
    from companion.store.database import open_store

    opened = open_store(paths.database)
    add_call(opened.db, None, "2025-01-01T09:00:00", "2025-01-01T09:05:00", note={})
    opened.db.close()
    out = tmp_path / "calls.csv"

    result = companion(home, "export", "--format", "csv", "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o077 == 0, oct(out.stat().st_mode)


def _old_history(path: Path) -> None:
    """A version-2 file (as an earlier release left it) holding one call from 2023."""
    db = schema_at(path, 2)
    with db.atomic():
        db.execute(
            "INSERT INTO contacts (id, customer_id, name, created_at) "
            f"VALUES (1, 'C-7', 'Ada {MARKER}', '2023-05-01T09:00:00')"
        )
        db.execute(
            "INSERT INTO calls (id, contact_id, direction, started_at, ended_at, outcome) "
            "VALUES (1, 1, 'inbound', '2023-05-01T09:00:00', '2023-05-01T09:05:00', 'resolved')"
        )
        db.execute(
            "INSERT INTO notes (call_id, outcome, caller_needed, saved_at) "
            f"VALUES (1, 'resolved', 'router {MARKER}', '2023-05-01T09:06:00')"
        )
        db.execute(
            "INSERT INTO calls (id, direction, started_at, ended_at) "
            "VALUES (2, 'inbound', '2025-02-01T09:00:00', '2025-02-01T09:05:00')"
        )
        db.execute(
            "INSERT INTO notes (call_id, outcome, caller_needed, saved_at) "
            "VALUES (2, 'resolved', 'kept-2025', '2025-02-01T09:06:00')"
        )
    db.close()


def test_purge_before_a_date_also_purges_the_backup_copies(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = resolve_paths(home).database
    _old_history(database)
    assert companion(home, "privacy").returncode == 0  # opening migrates: a backup is written
    backups = [p for p in database.parent.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and MARKER.encode() in backups[0].read_bytes()

    purged = companion(home, "privacy", "purge", "--before", "2024-01-01", "--yes")

    assert purged.returncode == 0, purged.stderr
    assert "1 backup" in purged.stdout
    for path in database.parent.iterdir():
        assert MARKER.encode() not in path.read_bytes(), path
    kept = sqlite3.connect(str(backups[0]))
    assert kept.execute("SELECT caller_needed FROM notes").fetchall() == [("kept-2025",)]
    kept.close()


def test_purge_before_a_date_names_the_damaged_copies_it_cannot_clean(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = resolve_paths(home).database
    _old_history(database)
    damaged = database.with_name("companion.db.corrupt-20240101-000000")
    damaged.write_bytes(b"not a database " + MARKER.encode())

    purged = companion(home, "privacy", "purge", "--before", "2024-01-01", "--yes")

    assert purged.returncode == 0, purged.stderr
    line = purged.stdout.splitlines()[-1]
    assert line.startswith("1 backup/damaged copy cannot be opened and may still hold those calls")
    assert damaged.name in line and "without --before" in line
    assert damaged.exists()  # a date purge never deletes a whole copy
