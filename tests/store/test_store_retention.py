"""Retention and the privacy ledger in a real SQLite file, with the clock passed in: exactly the
old calls go, with everything hanging off them; calls still in use stay and are counted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.events import Final
from companion.store.call_log import TranscriptWriter, record_cue, start_call
from companion.store.checkins import record_checkin
from companion.store.contacts import add_contact
from companion.store.drafts import write_draft
from companion.store.ledger import count, note_transcripts_setting, recent, record
from companion.store.privacy import purge
from companion.store.retention import last_run, run_retention
from tests.store.store_helpers import add_call

NOW = dt.datetime(2026, 6, 30, 12, 0, 0)
CHILD_TABLES = (
    "notes",
    "follow_ups",
    "checklist_state",
    "cue_events",
    "transcript_segments",
    "drafts",
    "stress_checkins",
)
SECRET = "zebra-quokka-7731"


def _rows(db: Database, table: str, call_id: int) -> int:
    return int(
        db.execute(f"SELECT COUNT(*) FROM {table} WHERE call_id = ?", [call_id]).fetchone()[0]
    )


def _call_with_everything(db: Database, contact: int | None, started: str, ended: str) -> int:
    call_id = add_call(
        db,
        contact,
        started,
        ended,
        note={
            "reason_text": f"reason {SECRET}",
            "follow_ups": [{"action": f"call back {SECRET}", "owner": "me", "due": "2026-07-01"}],
        },
    )
    record_cue(db, call_id, t=3.0, kind="empathy", message="Acknowledge")
    TranscriptWriter(db, call_id, enabled=True).feed(Final("caller", 2.0, f"hello {SECRET}"))
    record_checkin(db, at=ended, moment="before", stress=3, call_id=call_id)
    return call_id


def test_retention_deletes_exactly_the_old_calls_with_their_notes_and_follow_ups(
    db: Database,
) -> None:
    old_contact = add_contact(db, created_at="2025-01-01T09:00:00", customer_id="C-OLD")
    kept_contact = add_contact(db, created_at="2025-01-01T09:00:00", customer_id="C-KEPT")
    old = _call_with_everything(db, old_contact, "2026-03-31T23:59:00", "2026-04-01T00:05:00")
    first_kept = _call_with_everything(
        db, kept_contact, "2026-04-01T00:00:00", "2026-04-01T00:05:00"
    )
    recent_call = _call_with_everything(db, kept_contact, "2026-06-29T10:00:00", "2026-06-29T10:05")
    record_checkin(db, at="2026-01-05T09:00:00", moment="after", stress=2, call_id=None)

    run = run_retention(db, 90, now=NOW)  # keeps 2026-04-01 and later

    assert run is not None and run.cutoff == dt.date(2026, 4, 1)
    assert [r[0] for r in db.execute("SELECT id FROM calls ORDER BY id")] == [
        first_kept,
        recent_call,
    ]
    for table in CHILD_TABLES:
        assert _rows(db, table, old) == 0, table
    for call_id in (first_kept, recent_call):
        assert _rows(db, "notes", call_id) == 1 and _rows(db, "follow_ups", call_id) == 1
        assert _rows(db, "transcript_segments", call_id) == 1
    assert db.execute("SELECT customer_id FROM contacts").fetchall() == [("C-KEPT",)]
    assert run.deleted["calls"] == 1 and run.deleted["notes"] == 1
    assert run.deleted["follow_ups"] == 1 and run.deleted["stress_checkins"] == 2
    assert run.deleted["contacts"] == 1 and run.held_back == 0
    (entry,) = recent(db)
    assert (entry.action, entry.at) == ("retention", "2026-06-30T12:00:00")
    assert entry.details["keep_days"] == 90 and entry.details["cutoff"] == "2026-04-01"
    assert entry.details["deleted"]["calls"] == 1 and entry.details["held_back"] == 0
    assert last_run(db) == "2026-06-30T12:00:00"


def test_live_calls_unsaved_notes_and_held_calls_are_kept_and_counted(db: Database) -> None:
    live = start_call(db, contact_id=None, direction="inbound", started_at="2026-01-02T09:00:00")
    drafted = add_call(db, None, "2026-01-03T09:00:00", "2026-01-03T09:05:00")
    write_draft(db, drafted, {"reason_text": "typing"}, seq=3, saved_at="2026-01-03T09:06:00")
    wrapping_up = add_call(db, None, "2026-01-04T09:00:00", "2026-01-04T09:05:00")
    gone = add_call(db, None, "2026-01-05T09:00:00", "2026-01-05T09:05:00", note={})

    run = run_retention(db, 30, now=NOW, hold=[wrapping_up])

    assert run is not None and run.held_back == 3 and run.calls == 1
    ids = [r[0] for r in db.execute("SELECT id FROM calls ORDER BY id")]
    assert ids == [live, drafted, wrapping_up] and gone not in ids
    assert _rows(db, "drafts", drafted) == 1
    assert recent(db)[0].details["held_back"] == 3
    assert "3 held back (live, or note not saved)" in recent(db)[0].summary()


def test_a_run_that_deletes_nothing_leaves_no_entry_but_its_time(db: Database) -> None:
    add_call(db, None, "2026-06-01T09:00:00", "2026-06-01T09:05:00")

    run = run_retention(db, 90, now=NOW)

    assert run is not None and not any(run.deleted.values())
    assert run.summary() == "nothing to delete before 2026-04-01 (keep 90 days)"
    assert count(db) == 0 and last_run(db) == "2026-06-30T12:00:00"


def test_keep_days_zero_keeps_everything_and_does_not_run(db: Database) -> None:
    add_call(db, None, "2001-01-01T09:00:00", "2001-01-01T09:05:00")

    assert run_retention(db, 0, now=NOW) is None

    assert db.execute("SELECT COUNT(*) FROM calls").fetchone()[0] == 1
    assert count(db) == 0 and last_run(db) is None


def test_retention_leaves_no_trace_of_deleted_text_in_the_file(db: Database, db_path: Path) -> None:
    _call_with_everything(db, None, "2025-01-01T09:00:00", "2025-01-01T09:05:00")

    run_retention(db, 30, now=NOW)

    for path in db_path.parent.glob("companion.db*"):
        assert SECRET.encode() not in path.read_bytes(), path


def test_a_purge_is_recorded_with_its_counts_and_the_ledger_survives_it(db: Database) -> None:
    add_call(db, None, "2025-01-01T09:00:00", "2025-01-01T09:05:00", note={})
    add_call(db, None, "2026-05-01T09:00:00", "2026-05-01T09:05:00")

    purge(db, dt.date(2026, 1, 1), now=NOW)
    purge(db, now=NOW + dt.timedelta(minutes=1))

    newest, older = recent(db)
    assert (older.action, older.details) == (
        "purge",
        {"before": "2026-01-01", "deleted": {"calls": 1, "notes": 1}},
    )
    assert older.summary() == "deleted 1 call (2 rows in all) that started before 2026-01-01"
    assert newest.summary() == "deleted all call data: 1 call (1 row in all)"


def test_the_transcript_setting_is_recorded_only_when_it_changes(db: Database) -> None:
    assert note_transcripts_setting(db, False, "default", at="2026-06-01T08:00:00")
    assert not note_transcripts_setting(db, False, "default", at="2026-06-02T08:00:00")
    assert note_transcripts_setting(db, True, "user /home/a/config.toml", at="2026-06-03T08:00:00")
    assert not note_transcripts_setting(db, True, "user /home/a/config.toml", at="2026-06-04")

    changed, first = recent(db)
    assert first.details == {"old": None, "new": False, "source": "default"}
    assert first.summary() == "privacy.store_transcripts first recorded: off (from default)"
    assert changed.summary() == (
        "privacy.store_transcripts off → on (from user /home/a/config.toml)"
    )


@pytest.mark.parametrize(
    ("action", "details"),
    [
        ("export", {"format": "json", "calls": 2, "notes": "what the caller said"}),
        ("export", {"format": "json", "calls": ["Jane Morgan"]}),
        ("purge", {"deleted": {"calls": "C-1042"}}),
        ("redact", {}),
    ],
)
def test_the_ledger_refuses_anything_but_its_declared_counts(
    db: Database, action: str, details: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        record(db, action, details, at="2026-06-30T12:00:00")  # type: ignore[arg-type]
    assert count(db) == 0


def test_ledger_details_are_json_in_the_file(db: Database) -> None:
    record(db, "export", {"format": "csv", "calls": 3, "to": "stdout"}, at="2026-06-30T12:00:00")
    (details,) = db.execute("SELECT details FROM privacy_ledger").fetchone()
    assert json.loads(details) == {"calls": 3, "format": "csv", "to": "stdout"}
