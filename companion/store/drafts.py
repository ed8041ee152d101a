"""Autosaved after-call note drafts: a crash loses at most the last two seconds of typing.

The note form hands every change to `DraftAutosaver.offer(state, now)`. A write happens at most
once per `min_interval_s` (2 s); changes in between are kept as pending and written by the next
`offer`/`tick` once the interval has passed, or by `flush()` (form closed). The clock is an
argument, so the throttle is tested without waiting. Each write is one transaction replacing the
call's draft row (JSON body plus a sequence number), so after a crash — even SIGKILL mid-write —
the row holds the last complete draft, never half of one. Saving the note deletes the draft.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from companion.store.database import StoreError, store_errors

log = logging.getLogger(__name__)
MIN_INTERVAL_S = 2.0


@dataclass(frozen=True)
class Draft:
    call_id: int
    seq: int
    saved_at: str
    body: dict[str, Any]


def write_draft(
    db: Database, call_id: int, body: Mapping[str, Any], *, seq: int, saved_at: str
) -> None:
    text = json.dumps(dict(body), ensure_ascii=False, sort_keys=True, default=str)
    with db.atomic():
        db.execute(
            "INSERT INTO drafts (call_id, seq, saved_at, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(call_id) DO UPDATE SET seq = excluded.seq, "
            "saved_at = excluded.saved_at, body = excluded.body",
            [call_id, seq, saved_at, text],
        )


def load_draft(db: Database, call_id: int) -> Draft | None:
    row = db.execute(
        "SELECT call_id, seq, saved_at, body FROM drafts WHERE call_id = ?", [call_id]
    ).fetchone()
    return Draft(row[0], row[1], row[2], json.loads(row[3])) if row else None


def pending_drafts(db: Database) -> list[Draft]:
    """Drafts left by an earlier run (the app offers to reopen them at start), newest first."""
    return [
        Draft(r[0], r[1], r[2], json.loads(r[3]))
        for r in db.execute(
            "SELECT call_id, seq, saved_at, body FROM drafts ORDER BY saved_at DESC, call_id DESC"
        )
    ]


def delete_draft(db: Database, call_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM drafts WHERE call_id = ?", [call_id])


class DraftAutosaver:
    """Throttled writer of one call's draft; `now` is seconds from any monotonic clock."""

    def __init__(
        self, db: Database, call_id: int, path: Path, *, min_interval_s: float = MIN_INTERVAL_S
    ) -> None:
        self.db = db
        self.call_id = call_id
        self.path = path
        self.min_interval_s = min_interval_s
        existing = load_draft(db, call_id)
        self.seq = existing.seq if existing else 0
        self._last_written: dict[str, Any] | None = existing.body if existing else None
        self._last_write_at: float | None = None
        self._pending: dict[str, Any] | None = None
        self.problem: str | None = None  # last one-line write failure, for the UI

    @property
    def has_pending(self) -> bool:
        return self._pending is not None

    def offer(self, state: Mapping[str, Any], now: float, saved_at: str = "") -> bool:
        """Note a new form state; writes it if the interval has passed. Returns True on write."""
        snapshot = json.loads(json.dumps(dict(state), default=str))
        if snapshot == self._last_written:
            self._pending = None
            return False
        self._pending = snapshot
        return self.tick(now, saved_at)

    def tick(self, now: float, saved_at: str = "") -> bool:
        """Write the pending state if one is waiting and the interval has passed."""
        if self._pending is None:
            return False
        if self._last_write_at is not None and now - self._last_write_at < self.min_interval_s:
            return False
        return self._write(now, saved_at)

    def flush(self, now: float, saved_at: str = "") -> bool:
        """Write the pending state now, whatever the interval (the form is closing)."""
        return self._write(now, saved_at) if self._pending is not None else False

    def _write(self, now: float, saved_at: str) -> bool:
        assert self._pending is not None
        try:
            with store_errors(self.path):
                write_draft(
                    self.db, self.call_id, self._pending, seq=self.seq + 1, saved_at=saved_at
                )
        except StoreError as exc:  # keep the pending state: the next tick retries
            self.problem = str(exc)
            log.warning("draft not saved: %s", exc)
            return False
        self.seq += 1
        self._last_written, self._pending = self._pending, None
        self._last_write_at = now
        self.problem = None
        return True
