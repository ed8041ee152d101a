"""A stand-in session's file merged back into the call history: real SQLite files on disk."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from companion.store.call_log import record_cue, save_checklist
from companion.store.checkins import recent_checkins, record_checkin
from companion.store.contacts import add_contact
from companion.store.database import open_store
from companion.store.drafts import load_draft, write_draft
from companion.store.fallback_merge import merge_fallbacks
from tests.store.store_helpers import add_call


def _count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_calls_notes_and_all_they_carry_move_into_the_history(db: Database, tmp_path: Path) -> None:
    known = add_contact(db, created_at="2026-01-01", customer_id="C-1", phones=["+44 20 7946 0958"])
    earlier = add_call(db, known, "2026-01-02T09:00:00", "2026-01-02T09:05:00")
    cache = tmp_path / "cache"
    stand_in = open_store(cache / "fallback-4242.db").db
    same_by_phone = add_contact(stand_in, created_at="2026-02-01", phones=["020 7946 0958"])
    new_caller = add_contact(stand_in, created_at="2026-02-01", customer_id="C-77", name="Ann")
    first = add_call(
        stand_in,
        same_by_phone,
        "2026-02-01T10:00:00",
        "2026-02-01T10:06:00",
        note={
            "caller_needed": "refund kept in the stand-in",
            "follow_ups": [{"action": "call back", "owner": "me", "due": "2026-02-03"}],
        },
    )
    second = add_call(stand_in, new_caller, "2026-02-01T11:00:00", "2026-02-01T11:04:00")
    record_cue(stand_in, first, t=3.0, kind="empathy", message="Acknowledge")
    save_checklist(stand_in, first, "in_call", [])
    write_draft(stand_in, second, {"caller_needed": "half typed"}, seq=1, saved_at="x")
    record_checkin(stand_in, at="2026-02-01T10:07:00", moment="before", stress=4, call_id=first)
    record_checkin(stand_in, at="2026-02-01T12:00:00", moment="after", stress=2, call_id=None)
    stand_in.close()

    merged = merge_fallbacks(db, cache)

    assert (merged.calls, merged.files, merged.left) == (2, 1, ())
    assert list(cache.iterdir()) == []  # the file, its -wal and -shm are gone
    assert _count(db, "calls") == 3 and _count(db, "contacts") == 2
    rows = db.execute(
        "SELECT c.id, c.contact_id, n.caller_needed FROM calls c LEFT JOIN notes n "
        "ON n.call_id = c.id WHERE c.id != ? ORDER BY c.started_at",
        [earlier],
    ).fetchall()
    (moved_first, first_contact, needed), (moved_second, second_contact, _) = rows
    assert first_contact == known and needed == "refund kept in the stand-in"
    ann = db.execute("SELECT id FROM contacts WHERE customer_id = 'C-77'").fetchone()[0]
    assert second_contact == ann
    follow_up = db.execute("SELECT call_id, contact_id, action FROM follow_ups").fetchone()
    assert follow_up == (moved_first, known, "call back")
    assert db.execute("SELECT call_id, kind FROM cue_events").fetchall() == [
        (moved_first, "empathy")
    ]
    draft = load_draft(db, moved_second)
    assert draft is not None and draft.body == {"caller_needed": "half typed"}
    assert sorted((k.stress, k.call_id) for k in recent_checkins(db)) == [
        (2, None),
        (4, moved_first),
    ]


def test_a_file_of_another_schema_stays_and_is_named(db: Database, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stand_in = open_store(cache / "fallback-7.db").db
    add_call(stand_in, None, "2026-02-01T10:00:00", "2026-02-01T10:06:00")
    stand_in.execute("PRAGMA user_version = 99")
    stand_in.close()

    merged = merge_fallbacks(db, cache)

    assert merged.files == 0 and _count(db, "calls") == 0
    assert (cache / "fallback-7.db").exists()
    assert len(merged.left) == 1 and "schema v99" in merged.left[0]


def test_a_file_from_before_an_upgrade_is_migrated_then_merged(
    db: Database, tmp_path: Path
) -> None:
    """A stand-in session ran on the old version; the new version's first start takes it in."""
    from companion.store.database import connect, migrate
    from companion.store.schema import SCHEMA_VERSION

    cache = tmp_path / "cache"
    cache.mkdir()
    old = connect(cache / "fallback-8.db")
    migrate(old, cache / "fallback-8.db", SCHEMA_VERSION - 1)
    add_call(
        old,
        None,
        "2026-02-01T10:00:00",
        "2026-02-01T10:06:00",
        note={"caller_needed": "kept over the upgrade"},
    )
    old.conn.commit()
    old.close()

    merged = merge_fallbacks(db, cache)

    assert (merged.calls, merged.files, merged.left) == (1, 1, ())
    assert list(cache.iterdir()) == []  # the file and the migration's backup copy are gone
    assert db.execute("SELECT caller_needed FROM notes").fetchall() == [("kept over the upgrade",)]


def test_privacy_and_export_see_a_stand_in_session(tmp_path: Path) -> None:
    """The commands merge first too: a purge must not miss calls kept apart."""
    from companion.paths import resolve_paths
    from tests.store.store_helpers import companion, privacy_rows

    home = tmp_path / "home"
    cache = resolve_paths(home).cache
    stand_in = open_store(cache / "fallback-99.db").db
    add_call(stand_in, None, "2026-02-01T10:00:00", "2026-02-01T10:06:00", note={})
    stand_in.close()

    shown = companion(home, "privacy")

    assert shown.returncode == 0, shown.stderr
    assert "merged 1 call(s) kept in a stand-in file" in shown.stderr
    rows = privacy_rows(shown.stdout)
    assert rows["calls"][0] == 1 and rows["notes"][0] == 1
    assert not list(cache.glob("fallback-*"))
    exported = companion(home, "export", "--format", "json")
    assert exported.returncode == 0 and '"caller_needed": "help"' in exported.stdout
