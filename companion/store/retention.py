"""Retention: calls older than `privacy.keep_days` are deleted, with everything hanging off them.

`run_retention(db, keep_days, now=…)` deletes the calls that started before the day `keep_days`
days before `now` (so 90 keeps today and the 90 days before it), through the same deletion as
`companion privacy purge --before` (`privacy.delete_calls`): notes, follow-ups, checklist ticks,
cues, transcript lines, drafts and stress check-ins go with their call, and so do contacts and
check-ins left on their own from before that day. It never deletes a call still in use: one not
ended (live, or left open by a crash the next start has not closed yet), one with a note draft
(the note is not saved), or one the caller names in `hold` (the session's call in wrap-up, whose
draft may not be written yet). Those are counted as held back.

A run that deleted something is recorded in the privacy ledger, in the same transaction as the
deletion, and the file is compacted; every run sets the `retention.last_run` mark, which
`companion privacy` shows. `keep_days` 0 keeps everything and does nothing. The clock is an
argument: the overlay passes the wall clock at start and once a day, tests pass any day.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from sqlite_utils import Database

from companion.store.ledger import deleted_text, get_mark, record, set_mark
from companion.store.privacy import compact, delete_calls

log = logging.getLogger(__name__)
LAST_RUN = "retention.last_run"


@dataclass(frozen=True)
class RetentionRun:
    keep_days: int
    cutoff: dt.date  # calls that started before this day were deleted
    at: str
    deleted: dict[str, int]  # rows per table
    held_back: int  # old calls kept because they are still in use

    @property
    def calls(self) -> int:
        return self.deleted.get("calls", 0)

    def summary(self) -> str:
        """'deleted 3 calls (41 rows in all) that started before 2025-01-01 (keep 90 days)...'."""
        held = f"; {self.held_back} held back (live, or note not saved)" if self.held_back else ""
        if not any(self.deleted.values()):
            return f"nothing to delete before {self.cutoff} (keep {self.keep_days} days){held}"
        return (
            f"deleted {deleted_text(self.deleted)} that started before {self.cutoff} "
            f"(keep {self.keep_days} days){held}"
        )


def retention_cutoff(today: dt.date, keep_days: int) -> dt.date:
    """The first day kept: calls that started before it are deleted."""
    return today - dt.timedelta(days=keep_days)


def held_back(db: Database, cutoff: dt.date, hold: Collection[int] = ()) -> list[int]:
    """Ids of calls old enough to delete but still in use: not ended, with a draft, or held."""
    rows = db.execute(
        "SELECT id FROM calls WHERE started_at < ? AND (ended_at IS NULL "
        "OR EXISTS (SELECT 1 FROM drafts WHERE drafts.call_id = calls.id) "
        "OR id IN (SELECT value FROM json_each(?))) ORDER BY id",
        [cutoff.isoformat(), json.dumps(sorted(hold))],
    ).fetchall()
    return [int(r[0]) for r in rows]


def run_retention(
    db: Database, keep_days: int, *, now: dt.datetime, hold: Collection[int] = ()
) -> RetentionRun | None:
    """Delete what is older than `keep_days` (see the module docstring); None when it is 0."""
    if keep_days <= 0:
        return None
    cutoff = retention_cutoff(now.date(), keep_days)
    at = now.isoformat(timespec="seconds")
    with db.atomic():
        spared = held_back(db, cutoff, hold)
        deleted = delete_calls(db, cutoff, spare=spared)
        if any(deleted.values()):
            details = {
                "keep_days": keep_days,
                "cutoff": cutoff.isoformat(),
                "deleted": {t: n for t, n in deleted.items() if n},
                "held_back": len(spared),
            }
            record(db, "retention", details, at=at)
        set_mark(db, LAST_RUN, at)
    if any(deleted.values()):
        try:
            compact(db)
        except sqlite3.OperationalError as exc:  # busy: the next run or purge compacts it
            log.warning("retention deleted rows but could not compact the file: %s", exc)
    return RetentionRun(keep_days, cutoff, at, deleted, len(spared))


def last_run(db: Database) -> str | None:
    """When retention last ran on this history (ISO time), or None."""
    return get_mark(db, LAST_RUN)
