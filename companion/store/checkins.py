"""The breathing timer's stress check-ins: private to the agent (the panel shows the "before"
answer beside the "after" question, nothing shows them to anyone else), kept like the rest of
the call history: listed and purged by `companion privacy`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

Moment = Literal["before", "after"]


@dataclass(frozen=True)
class Checkin:
    at: str
    moment: Moment
    stress: int
    call_id: int | None


def record_checkin(
    db: Database, *, at: str, moment: Moment, stress: int, call_id: int | None
) -> None:
    if not 1 <= stress <= 5:
        raise ValueError(f"stress is 1 to 5, not {stress}")
    with db.atomic():
        db.execute(
            "INSERT INTO stress_checkins (at, moment, stress, call_id) VALUES (?, ?, ?, ?)",
            [at, moment, stress, call_id],
        )


def recent_checkins(db: Database, limit: int = 20) -> list[Checkin]:
    """Newest first."""
    rows = db.execute(
        "SELECT at, moment, stress, call_id FROM stress_checkins ORDER BY at DESC, id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [Checkin(*row) for row in rows]
