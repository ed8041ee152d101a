"""Building call history through the real store API (no hand-written rows), an older schema
exactly as a release left it, and running the real CLI on a data folder."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from companion.calls.note import check_note
from companion.calls.note_save import save_note
from companion.store.call_log import end_call, start_call
from companion.store.schema import MIGRATIONS


def companion(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`companion --data-dir HOME ARGS` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def privacy_rows(stdout: str) -> dict[str, tuple[int, str]]:
    """`companion privacy`'s stored-rows table: table -> (rows, since)."""
    table: dict[str, tuple[int, str]] = {}
    section = stdout.split("stored rows:\n", 1)[1].split("files:\n", 1)[0]
    for line in section.splitlines():
        parts = line.split()
        if line.startswith("  ") and len(parts) >= 2 and parts[1].isdigit():
            table[parts[0]] = (int(parts[1]), parts[3] if len(parts) > 3 else "")
    return table


def schema_at(path: Path, version: int) -> Database:
    """A new file migrated to `version` only, as that release left it (the caller adds rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite3.connect(str(path)))
    for number in range(1, version + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version={number}")
    return db


def add_call(
    db: Database,
    contact_id: int | None,
    started: str,
    ended: str,
    *,
    direction: str = "inbound",
    note: dict[str, Any] | None = None,
) -> int:
    call_id = start_call(
        db,
        contact_id=contact_id,
        direction=direction,  # type: ignore[arg-type]
        started_at=started,
        profile="standard",
    )
    end_call(db, call_id, ended)
    if note is not None:
        data = {
            "call_id": call_id,
            "contact_id": contact_id,
            "direction": direction,
            "caller_needed": "help",
            "what_was_done": "helped",
            "outcome": "resolved",
            "difficulty": 2,
            **note,
        }
        checked = check_note(data)
        assert checked.note is not None, checked.errors
        save_note(db, checked.note, saved_at=ended)
    return call_id
