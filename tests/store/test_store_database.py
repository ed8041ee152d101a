"""Opening the database: migrations from every old version, backups, refusals, damage, modes."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.store import database as store_db
from companion.store.call_log import start_call
from companion.store.contacts import add_contact, find_contact
from companion.store.database import (
    StoreError,
    StoreTooNew,
    connect,
    open_store,
    store_errors,
    user_version,
)
from companion.store.drafts import load_draft, write_draft
from companion.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.store_helpers import schema_at


def build_old_database(path: Path, version: int) -> None:
    """A file exactly as release `version` left it, holding one contact, call and note."""
    db = schema_at(path, version)
    with db.atomic():
        db.execute(
            "INSERT INTO contacts (id, customer_id, name, created_at) "
            "VALUES (1, 'C-7', 'Ada Old', '2023-05-01T09:00:00')"
        )
        db.execute("INSERT INTO contact_phones VALUES (1, '+1 555 010 2030', '550102030')")
        db.execute(
            "INSERT INTO calls (id, contact_id, direction, started_at, ended_at, outcome) "
            "VALUES (1, 1, 'inbound', '2023-05-01T09:00:00', '2023-05-01T09:05:00', "
            "'resolved')"
        )
        db.execute(
            "INSERT INTO notes (call_id, outcome, caller_needed, saved_at) "
            "VALUES (1, 'resolved', 'a new router', '2023-05-01T09:06:00')"
        )
    db.close()


@pytest.mark.parametrize("old_version", range(1, SCHEMA_VERSION))
def test_migrates_every_older_version_and_keeps_data(tmp_path: Path, old_version: int) -> None:
    path = tmp_path / "companion.db"
    build_old_database(path, old_version)

    opened = open_store(path)

    db = opened.db
    assert user_version(db) == SCHEMA_VERSION
    assert opened.notice is not None and "upgraded" in opened.notice
    contact = find_contact(db, "(555) 010-2030")
    assert contact is not None and contact.name == "Ada Old"
    note = db.execute(
        "SELECT caller_needed, caller_had_to_repeat, what_worked FROM notes WHERE call_id = 1"
    ).fetchone()
    assert note == ("a new router", 0, "")
    write_draft(db, 1, {"x": 1}, seq=1, saved_at="2023-05-01T09:07:00")
    assert load_draft(db, 1) is not None
    assert "note_fts" in db.table_names()
    db.close()


@pytest.mark.parametrize("old_version", range(1, SCHEMA_VERSION))
def test_backup_is_written_before_migrating(tmp_path: Path, old_version: int) -> None:
    path = tmp_path / "companion.db"
    build_old_database(path, old_version)

    open_store(path).db.close()

    backups = sorted(tmp_path.glob(f"companion.db.v{old_version}-*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(str(backups[0]))
    assert old.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert old.execute("SELECT name FROM contacts").fetchall() == [("Ada Old",)]
    old.close()


def test_failed_migration_rolls_back_to_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "companion.db"
    build_old_database(path, 1)

    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(store_db, "MIGRATIONS", (MIGRATIONS[0], broken, *MIGRATIONS[2:]))
    with pytest.raises(RuntimeError):
        open_store(path)

    db = connect(path)
    assert user_version(db) == 1
    assert "half_done" not in db.table_names()
    db.close()


def test_newer_database_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA user_version=99")
    conn.close()

    with pytest.raises(StoreTooNew) as info:
        open_store(path)

    message = str(info.value)
    assert "\n" not in message
    assert "newer Call Companion" in message and "v99" in message and "update" in message
    conn = sqlite3.connect(str(path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99  # untouched
    conn.close()


def test_corrupt_file_is_moved_aside_and_a_fresh_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)

    opened = open_store(path)

    assert opened.notice is not None and "\n" not in opened.notice
    assert "damaged" in opened.notice and "moved" in opened.notice
    aside = list(tmp_path.glob("companion.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert aside[0].name in opened.notice
    assert user_version(opened.db) == SCHEMA_VERSION
    assert opened.db.execute("SELECT COUNT(*) FROM calls").fetchone()[0] == 0
    opened.db.close()


def test_damaged_pages_inside_a_real_database_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    opened = open_store(path)
    for n in range(300):
        add_contact(opened.db, created_at="2024-01-01T00:00:00", name=f"Person {n} " * 20)
    opened.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.db.close()
    raw = bytearray(path.read_bytes())
    raw[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)  # clobber pages in the middle
    path.write_bytes(bytes(raw))

    again = open_store(path)

    assert again.notice is not None and "damaged" in again.notice
    assert len(list(tmp_path.glob("companion.db.corrupt-*"))) == 1
    again.db.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_database_files_are_private(db_path: Path, db: Database) -> None:
    start_call(db, contact_id=None, direction="inbound", started_at="2024-01-01T10:00:00")
    for candidate in (db_path, db_path.with_name(db_path.name + "-wal")):
        assert stat.S_IMODE(candidate.stat().st_mode) == 0o600, candidate


def test_wal_and_foreign_keys_on_every_connection(db_path: Path, db: Database) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other = connect(db_path)
    assert other.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), other.atomic():
        other.execute("INSERT INTO follow_ups (call_id, action) VALUES (12345, 'x')")
    other.close()


def test_locked_database_gives_one_line(db_path: Path, db: Database) -> None:
    call_id = start_call(db, contact_id=None, direction="inbound", started_at="2024-01-01T10:00:00")
    holder = sqlite3.connect(str(db_path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO cue_events (call_id, t, kind) VALUES (?, 1.0, 'x')", [call_id])
    writer = connect(db_path, busy_timeout_s=0.05)
    try:
        with pytest.raises(StoreError) as info, store_errors(db_path):
            write_draft(writer, call_id, {"a": 1}, seq=1, saved_at="")
        assert "\n" not in str(info.value)
        assert "locked by another program" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        writer.close()


def test_full_disk_gives_one_line_and_loses_nothing(db_path: Path, db: Database) -> None:
    call_id = start_call(db, contact_id=None, direction="inbound", started_at="2024-01-01T10:00:00")
    write_draft(db, call_id, {"text": "kept"}, seq=1, saved_at="")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")  # SQLite now answers SQLITE_FULL

    with pytest.raises(StoreError) as info, store_errors(db_path):
        write_draft(db, call_id, {"text": "x" * 200_000}, seq=2, saved_at="")

    assert "no space left" in str(info.value) and "\n" not in str(info.value)
    draft = load_draft(db, call_id)
    assert draft is not None and draft.body == {"text": "kept"} and draft.seq == 1


def test_unwritable_folder_gives_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreError) as info:
        open_store(blocker / "companion.db")
    assert "\n" not in str(info.value)
    assert str(blocker) in str(info.value)


def test_draft_json_survives_reopen(db_path: Path, db: Database) -> None:
    call_id = start_call(
        db, contact_id=None, direction="outbound", started_at="2024-01-01T10:00:00"
    )
    body = {"reason_text": "refund – £40 ✓", "follow_ups": [{"action": "email", "due": None}]}
    write_draft(db, call_id, body, seq=3, saved_at="2024-01-01T10:09:00")
    db.close()
    again = open_store(db_path)
    draft = load_draft(again.db, call_id)
    assert draft is not None and draft.body == json.loads(json.dumps(body)) and draft.seq == 3
    again.db.close()
