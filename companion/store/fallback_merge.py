"""Bring a stand-in session's calls back into the call history.

When the history cannot be opened at start (locked by another program, or written by a newer
version), the app runs that session on `fallback-<pid>.db` in the cache folder so no call or
note is lost. Left there, those notes would never reach the next call's prep, and the file would
hide from `companion privacy`. So at the next start that opens the history, every fallback file
of the same schema is merged: contacts are matched by customer id, then by phone number, else
added; calls get new ids and everything hanging off them (notes, follow-ups, checklists, cues,
transcript, drafts, check-ins) follows. One transaction per file; the file is deleted only once
its rows are in. A file that cannot be merged (damaged, another schema) stays and is named.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from companion.store.database import connect, migrate
from companion.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

FALLBACK_PREFIX = "fallback-"  # + the process id + ".db", in the cache folder
FALLBACK_GLOB = f"{FALLBACK_PREFIX}*.db"
# Tables keyed to a call, copied with the call's new id (and a follow-up's contact mapped).
CALL_TABLES = (
    "notes",
    "follow_ups",
    "checklist_state",
    "cue_events",
    "transcript_segments",
    "drafts",
    "stress_checkins",
)


@dataclass(frozen=True)
class Merged:
    calls: int = 0
    files: int = 0
    left: tuple[str, ...] = ()  # "<file>: <why>" for files that stay


def _columns(db: Database, table: str) -> list[str]:
    rows = db.execute(f"PRAGMA table_info({table})").fetchall()
    # an INTEGER PRIMARY KEY named id is the row id: the main file gives a new one
    return [row[1] for row in rows if not (row[1] == "id" and row[5])]


def _contact_ids(db: Database, source: Database) -> dict[int, int]:
    mapping: dict[int, int] = {}
    for contact_id, customer_id, name, email, preferences, created_at in source.execute(
        "SELECT id, customer_id, name, email, preferences, created_at FROM contacts"
    ).fetchall():
        phones = source.execute(
            "SELECT number, phone_key FROM contact_phones WHERE contact_id = ?", [contact_id]
        ).fetchall()
        found = None
        if customer_id:
            found = db.execute(
                "SELECT id FROM contacts WHERE customer_id = ?", [customer_id]
            ).fetchone()
        for _number, key in phones:
            if found is None:
                found = db.execute(
                    "SELECT contact_id FROM contact_phones WHERE phone_key = ?", [key]
                ).fetchone()
        if found is not None:
            mapping[contact_id] = int(found[0])
            continue
        cursor = db.execute(
            "INSERT INTO contacts (customer_id, name, email, preferences, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [customer_id, name, email, preferences, created_at],
        )
        mapping[contact_id] = int(cursor.lastrowid or 0)
        for number, key in phones:
            db.execute(
                "INSERT OR IGNORE INTO contact_phones (contact_id, number, phone_key) "
                "VALUES (?, ?, ?)",
                [mapping[contact_id], number, key],
            )
    return mapping


def _merge_one(db: Database, source: Database) -> int:
    contacts = _contact_ids(db, source)
    calls: dict[int, int] = {}
    call_columns = _columns(db, "calls")
    for row in source.execute(f"SELECT id, {', '.join(call_columns)} FROM calls").fetchall():
        values = dict(zip(call_columns, row[1:], strict=True))
        if values.get("contact_id") is not None:
            values["contact_id"] = contacts.get(values["contact_id"])
        cursor = db.execute(
            f"INSERT INTO calls ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        calls[row[0]] = int(cursor.lastrowid or 0)
    for table in CALL_TABLES:
        columns = _columns(db, table)
        for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall():
            values = dict(zip(columns, row, strict=True))
            values["call_id"] = calls.get(values["call_id"]) if values["call_id"] else None
            if table != "stress_checkins" and values["call_id"] is None:
                continue  # a child row without its call: nothing to attach it to
            if values.get("contact_id") is not None:
                values["contact_id"] = contacts.get(values["contact_id"])
            db.execute(
                f"INSERT INTO {table} ({', '.join(values)}) "
                f"VALUES ({', '.join('?' * len(values))})",
                list(values.values()),
            )
    return len(calls)


def merge_fallbacks(db: Database, cache: Path) -> Merged:
    """Merge every fallback file in `cache` into the open history `db`, deleting each merged."""
    calls = files = 0
    left: list[str] = []
    for path in sorted(cache.glob(FALLBACK_GLOB)):
        try:
            source = connect(path)
        except (sqlite3.Error, OSError) as exc:
            left.append(f"{path}: {exc}")
            continue
        try:
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:  # from a newer version: kept for it, and named
                left.append(f"{path}: schema v{version}, this version reads v{SCHEMA_VERSION}")
                continue
            if version < SCHEMA_VERSION:  # written before an upgrade: brought up to date first
                migrate(source, path)
            with db.atomic():
                calls += _merge_one(db, source)
        except sqlite3.Error as exc:
            left.append(f"{path}: {exc}")
            continue
        finally:
            source.close()
        for leftover in path.parent.glob(path.name + "*"):  # the file, its -wal and -shm
            leftover.unlink(missing_ok=True)
        files += 1
        log.info("merged %s into the call history", path)
    return Merged(calls, files, tuple(left))
