"""Stress check-ins in a real SQLite file: stored with their call or on their own, refused out
of range, and purged like the rest of the call history."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlite_utils import Database

from companion.store.checkins import recent_checkins, record_checkin
from companion.store.privacy import purge, stored_summary
from tests.store.store_helpers import add_call


def test_check_ins_are_kept_newest_first_with_or_without_a_call(db: Database) -> None:
    call_id = add_call(db, None, "2026-03-02T09:00:00", "2026-03-02T09:05:00")
    record_checkin(db, at="2026-03-02T09:06:00", moment="before", stress=4, call_id=call_id)
    record_checkin(db, at="2026-03-02T09:07:00", moment="after", stress=2, call_id=call_id)
    record_checkin(db, at="2026-03-02T12:00:00", moment="before", stress=3, call_id=None)

    got = [(k.moment, k.stress, k.call_id) for k in recent_checkins(db)]

    assert got == [("before", 3, None), ("after", 2, call_id), ("before", 4, call_id)]


@pytest.mark.parametrize("stress", [0, 6])
def test_a_stress_outside_1_to_5_is_refused(db: Database, stress: int) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        record_checkin(db, at="2026-03-02T09:06:00", moment="before", stress=stress, call_id=None)
    with pytest.raises(sqlite3.IntegrityError):  # and the table itself refuses it
        db.execute(
            "INSERT INTO stress_checkins (at, moment, stress) VALUES ('x', 'before', ?)", [stress]
        )


def test_privacy_lists_and_purges_check_ins_by_date_and_with_their_call(db: Database) -> None:
    old_call = add_call(db, None, "2025-01-10T09:00:00", "2025-01-10T09:05:00")
    new_call = add_call(db, None, "2026-01-10T09:00:00", "2026-01-10T09:05:00")
    record_checkin(db, at="2025-01-10T09:06:00", moment="before", stress=5, call_id=old_call)
    record_checkin(db, at="2025-02-01T10:00:00", moment="before", stress=4, call_id=None)
    record_checkin(db, at="2026-01-10T09:06:00", moment="after", stress=1, call_id=new_call)
    summary = {s.table: (s.rows, s.oldest) for s in stored_summary(db)}
    assert summary["stress_checkins"] == (3, "2025-01-10")

    counts = purge(db, before=dt.date(2026, 1, 1))

    assert counts["stress_checkins"] == 2
    assert [(k.stress, k.call_id) for k in recent_checkins(db)] == [(1, new_call)]
    purge(db)
    assert recent_checkins(db) == []
