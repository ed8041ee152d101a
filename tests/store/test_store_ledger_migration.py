"""Migration 5 (the privacy ledger) on a file exactly as release v4 left it, with a row in every
table: every row comes through unchanged, and the new tables start empty and usable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from companion.store.database import open_store, user_version
from companion.store.ledger import count, note_transcripts_setting, recent
from companion.store.schema import SCHEMA_VERSION
from tests.store.store_helpers import schema_at

V4_ROWS = (
    "INSERT INTO contacts (id, customer_id, name, email, preferences, created_at) "
    "VALUES (1, 'C-7', 'Ada Old', 'ada@example.com', '[\"email\"]', '2023-05-01T09:00:00')",
    "INSERT INTO contact_phones VALUES (1, '+1 555 010 2030', '550102030')",
    "INSERT INTO calls (id, contact_id, direction, started_at, ended_at, profile, outcome) "
    "VALUES (1, 1, 'inbound', '2023-05-01T09:00:00', '2023-05-01T09:05:00', 'standard', 'ok')",
    "INSERT INTO calls (id, contact_id, direction, started_at) "
    "VALUES (2, NULL, 'outbound', '2023-05-02T10:00:00')",
    "INSERT INTO notes (call_id, outcome, caller_needed, what_worked, saved_at) "
    "VALUES (1, 'resolved', 'a new router', 'patience', '2023-05-01T09:06:00')",
    "INSERT INTO follow_ups (call_id, contact_id, action, owner, due) "
    "VALUES (1, 1, 'ship it', 'me', '2023-05-03')",
    "INSERT INTO checklist_state (call_id, phase, item_id, label, checked) "
    "VALUES (1, 'prep', 'greet', 'Greet', 1)",
    "INSERT INTO cue_events (call_id, t, kind, message, not_helpful) "
    "VALUES (1, 4.5, 'empathy', 'Acknowledge', 1)",
    "INSERT INTO transcript_segments (call_id, channel, t, text) "
    "VALUES (1, 'caller', 2.0, 'my router is down')",
    "INSERT INTO drafts (call_id, seq, saved_at, body) "
    "VALUES (2, 4, '2023-05-02T10:09:00', '{\"reason_text\": \"half typed\"}')",
    "INSERT INTO note_files (path, folder, mtime_ns, size, title) "
    "VALUES ('ada.md', 'notes', 1, 10, 'Ada')",
    "INSERT INTO stress_checkins (at, moment, stress, call_id) "
    "VALUES ('2023-05-01T09:07:00', 'after', 2, 1)",
)
V4_TABLES = (
    "contacts",
    "contact_phones",
    "calls",
    "notes",
    "follow_ups",
    "checklist_state",
    "cue_events",
    "transcript_segments",
    "drafts",
    "note_files",
    "stress_checkins",
)


def _everything(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(str(path))
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in V4_TABLES}
    finally:
        conn.close()


def test_migration_from_v4_keeps_every_row_and_adds_an_empty_ledger(tmp_path: Path) -> None:
    assert SCHEMA_VERSION == 5
    path = tmp_path / "companion.db"
    db = schema_at(path, 4)
    with db.atomic():
        for sql in V4_ROWS:
            db.execute(sql)
    db.close()
    before = _everything(path)
    assert all(before[t] for t in V4_TABLES)

    opened = open_store(path)

    assert user_version(opened.db) == 5
    assert opened.notice is not None and "upgraded" in opened.notice
    assert {"privacy_ledger", "privacy_marks"} <= set(opened.db.table_names())
    assert count(opened.db) == 0
    assert note_transcripts_setting(opened.db, False, "default", at="2026-06-30T12:00:00")
    assert recent(opened.db)[0].action == "transcripts"
    opened.db.close()
    assert _everything(path) == before
    (backup,) = tmp_path.glob("companion.db.v4-*.bak")
    assert _everything(backup) == before
