"""A damaged page must not empty the history: real files, damaged on disk, opened the app's way."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from companion.paths import resolve_paths
from companion.store.call_log import record_cue
from companion.store.contacts import add_contact
from companion.store.database import open_store, user_version
from companion.store.salvage import SALVAGE_ORDER
from companion.store.schema import SCHEMA_VERSION
from tests.store.store_helpers import add_call, companion, schema_at

CALLS = 400


def build_history(path: Path) -> None:
    """CALLS calls (every other one with a note, each with two cues), through the store API."""
    opened = open_store(path)
    db = opened.db
    contacts = [
        add_contact(
            db, created_at="2024-01-01T08:00:00", name=f"Caller {n}", phones=[f"0770090{n:04d}"]
        )
        for n in range(20)
    ]
    for n in range(CALLS):
        day = f"2024-{1 + n // 40:02d}-{1 + n % 28:02d}"
        call = add_call(
            db,
            contacts[n % len(contacts)],
            f"{day}T09:{n % 60:02d}:00",
            f"{day}T09:{n % 60:02d}:30",
            note={"reason_text": f"question {n}"} if n % 2 == 0 else None,
        )
        record_cue(db, call, t=1.0, kind="empathy", message=f"cue {n} a")
        record_cue(db, call, t=2.0, kind="pace", message=f"cue {n} b")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def leaf_pages(path: Path, name: str) -> list[tuple[int, int]]:
    """(page number, cells) of the b-tree leaves of table or index `name`."""
    conn = sqlite3.connect(str(path))
    rows = conn.execute(
        "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
        [name],
    ).fetchall()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert page_size == 4096 and len(rows) > 2, rows
    return [(int(p), int(n)) for p, n in rows]


def clobber(path: Path, page: int) -> None:
    """Overwrite page `page` (1-based) with garbage, as a bad sector would."""
    raw = bytearray(path.read_bytes())
    raw[(page - 1) * 4096 : page * 4096] = random.Random(page).randbytes(4096)
    path.write_bytes(bytes(raw))


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_salvage_covers_every_table_of_the_schema_but_the_notes_index(tmp_path: Path) -> None:
    db = schema_at(tmp_path / "s.db", SCHEMA_VERSION)
    tables = {
        str(r[0])
        for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        if not str(r[0]).startswith(("note_fts", "note_files", "sqlite_"))
    }
    db.close()
    assert {t for t, _, _ in SALVAGE_ORDER} == tables


def test_one_damaged_calls_page_loses_only_its_calls(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    build_history(path)
    calls_before = rows(path, "SELECT * FROM calls ORDER BY id")
    cues_before = rows(path, "SELECT id, call_id FROM cue_events ORDER BY id")
    notes_before = rows(path, "SELECT call_id FROM notes")
    leaves = leaf_pages(path, "calls")
    page, cells = leaves[len(leaves) // 2]
    clobber(path, page)

    opened = open_store(path)

    db = opened.db
    kept_ids = {int(r[0]) for r in db.execute("SELECT id FROM calls")}
    assert len(kept_ids) == CALLS - cells  # exactly the calls on the bad page are gone
    assert [r for r in calls_before if r[0] in kept_ids] == db.execute(
        "SELECT * FROM calls ORDER BY id"
    ).fetchall()  # the others come back unchanged, ids kept
    lost_notes = sum(1 for (call_id,) in notes_before if call_id not in kept_ids)
    lost_cues = sum(1 for _, call_id in cues_before if call_id not in kept_ids)
    assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == len(notes_before) - lost_notes
    assert (
        db.execute("SELECT count(*) FROM cue_events").fetchone()[0] == len(cues_before) - lost_cues
    )
    assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 20
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert user_version(db) == SCHEMA_VERSION
    db.close()

    assert opened.notice == (
        f"The call history was damaged: recovered {CALLS - cells} of {CALLS} calls, "
        f"{lost_notes} notes lost, {lost_cues} cue events lost; "
        f"the damaged file was moved to {opened.damaged.name if opened.damaged else ''} and kept"
    )
    (kept,) = tmp_path.glob("companion.db.corrupt-*")
    assert kept == opened.damaged
    assert rows(kept, "SELECT count(*) FROM contacts") == [(20,)]  # kept as it was
    assert not list(tmp_path.glob("*.salvage*"))
    again = open_store(path)  # the salvaged file is now simply the history
    assert again.notice is None and again.damaged is None
    again.db.close()


def test_damaged_cue_page_and_uncountable_calls_say_some(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    build_history(path)
    cue_leaves = leaf_pages(path, "cue_events")
    page, cells = cue_leaves[len(cue_leaves) // 2]
    clobber(path, page)
    # Calls: a table leaf and one leaf of each index, so no b-tree can count them any more.
    for name in ("calls", "idx_calls_started", "idx_calls_contact_started"):
        leaves = leaf_pages(path, name)
        clobber(path, leaves[len(leaves) // 2][0])

    opened = open_store(path)

    assert opened.salvage is not None
    calls = opened.salvage.table("calls")
    cues = opened.salvage.table("cue_events")
    assert calls is not None and calls.held is None and calls.copied > CALLS * 3 // 4
    assert cues is not None and cues.held == 2 * CALLS and cues.copied < 2 * CALLS - cells
    assert opened.notice is not None and "\n" not in opened.notice
    assert opened.notice.startswith(
        f"The call history was damaged: recovered {calls.copied} calls, some may be lost, "
    )
    assert f"{cues.lost} cue events lost" in opened.notice
    assert opened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    opened.db.close()


def test_export_after_a_damaged_page_prints_what_came_back(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = resolve_paths(home).ensure().database
    build_history(database)
    leaves = leaf_pages(database, "calls")
    page, cells = leaves[len(leaves) // 2]
    clobber(database, page)

    first = companion(home, "export")
    second = companion(home, "export")

    assert first.returncode == 0, first.stderr
    assert len(json.loads(first.stdout)["calls"]) == CALLS - cells
    (kept,) = database.parent.glob("companion.db.corrupt-*")
    assert (
        f"companion: The call history was damaged: recovered {CALLS - cells} of {CALLS} calls"
        in first.stderr
    )
    assert kept.name in first.stderr
    assert second.returncode == 0 and "damaged" not in second.stderr
    assert len(json.loads(second.stdout)["calls"]) == CALLS - cells


def test_export_of_a_garbage_history_fails_naming_the_kept_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = resolve_paths(home).ensure().database
    database.write_bytes(random.Random(14).randbytes(64 * 1024))

    result = companion(home, "export")
    again = companion(home, "export")  # the next run must not pass the empty history off either

    assert again.returncode != 0 and again.stdout == "" and "nothing" in again.stderr
    assert result.returncode != 0 and result.stdout == ""
    (kept,) = database.parent.glob("companion.db.corrupt-*")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("companion export: the call history was damaged and nothing")
    assert str(kept) in lines[0] and "restore a backup" in lines[0]
    assert "Traceback" not in result.stderr


def test_privacy_of_a_garbage_history_fails_too(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = resolve_paths(home).ensure().database
    database.write_bytes(b"SQLite format 3\x00" + random.Random(3).randbytes(8192))

    result = companion(home, "privacy")

    assert result.returncode != 0
    assert "nothing could be recovered" in result.stderr and "corrupt-" in result.stderr
