"""The database schema as ordered migrations; `PRAGMA user_version` says how far a file is.

Migration N (1-based) turns a version N-1 database into version N. Migrations are never edited
once released: a change is a new function appended to `MIGRATIONS`, so every older file can be
brought forward step by step, and tests can build an old file by applying only the first few.
Each runs inside one transaction together with its `user_version` bump (see `database.py`).

Tables are STRICT and declared in plain SQL, because `ON DELETE CASCADE` (which makes a purge of
old calls take their notes, follow-ups, cues and transcripts with them) and CHECK constraints are
clearest that way. Times are ISO 8601 text in the agent's local time; dates are `YYYY-MM-DD`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

Migration = Callable[[Database], None]


def _run(db: Database, *statements: str) -> None:
    # One statement per execute: `executescript` would commit the migration's transaction.
    for sql in statements:
        db.execute(sql)


def _v1_core(db: Database) -> None:
    """Contacts, calls, after-call notes, follow-ups, checklists, cues, transcripts."""
    _run(
        db,
        """CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            customer_id TEXT UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            preferences TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE contact_phones (
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            number TEXT NOT NULL,
            phone_key TEXT NOT NULL,
            PRIMARY KEY (contact_id, phone_key)
        ) STRICT""",
        """CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            profile TEXT NOT NULL DEFAULT '',
            outcome TEXT
        ) STRICT""",
        """CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
            reason_category TEXT NOT NULL DEFAULT '',
            reason_text TEXT NOT NULL DEFAULT '',
            caller_needed TEXT NOT NULL DEFAULT '',
            what_was_done TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL,
            caller_type TEXT NOT NULL DEFAULT '[]',
            difficulty INTEGER,
            pivotal_t REAL,
            pivotal_label TEXT NOT NULL DEFAULT '',
            stress INTEGER,
            felt TEXT NOT NULL DEFAULT '',
            do_differently TEXT NOT NULL DEFAULT '',
            overtime_reason TEXT NOT NULL DEFAULT '',
            abuse_report TEXT NOT NULL DEFAULT '',
            duration_s REAL,
            saved_at TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            done_at TEXT
        ) STRICT""",
        """CREATE TABLE checklist_state (
            call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            phase TEXT NOT NULL CHECK (phase IN ('prep', 'in_call')),
            item_id TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            checked INTEGER NOT NULL DEFAULT 0,
            how TEXT NOT NULL DEFAULT '',
            t REAL,
            PRIMARY KEY (call_id, phase, item_id)
        ) STRICT""",
        """CREATE TABLE cue_events (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            t REAL NOT NULL,
            kind TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            dismissed INTEGER NOT NULL DEFAULT 0
        ) STRICT""",
        """CREATE TABLE transcript_segments (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            t REAL NOT NULL,
            text TEXT NOT NULL
        ) STRICT""",
        "CREATE INDEX idx_contact_phones_key ON contact_phones(phone_key)",
        "CREATE INDEX idx_contacts_name ON contacts(name COLLATE NOCASE)",
        "CREATE INDEX idx_calls_contact_started ON calls(contact_id, started_at)",
        "CREATE INDEX idx_calls_started ON calls(started_at)",
        "CREATE INDEX idx_follow_ups_call ON follow_ups(call_id)",
        "CREATE INDEX idx_follow_ups_contact_open ON follow_ups(contact_id, done, due)",
        "CREATE INDEX idx_cue_events_call ON cue_events(call_id, t)",
        "CREATE INDEX idx_transcript_call ON transcript_segments(call_id, t)",
    )


def _v2_drafts_and_feedback(db: Database) -> None:
    """Autosaved note drafts; 'not helpful' on cues; what the next call's prep needs to know."""
    _run(
        db,
        """CREATE TABLE drafts (
            call_id INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            saved_at TEXT NOT NULL,
            body TEXT NOT NULL
        ) STRICT""",
        "ALTER TABLE cue_events ADD COLUMN not_helpful INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE notes ADD COLUMN caller_had_to_repeat INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE notes ADD COLUMN what_worked TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE notes ADD COLUMN preferences TEXT NOT NULL DEFAULT ''",
    )


def _v3_notes_index(db: Database) -> None:
    """Full-text index of the local Markdown notes folder (rebuilt from files at any time)."""
    _run(
        db,
        """CREATE TABLE note_files (
            path TEXT PRIMARY KEY,
            folder TEXT NOT NULL,
            mtime_ns INTEGER NOT NULL,
            size INTEGER NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            customer_id TEXT NOT NULL DEFAULT '',
            phone_keys TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT ''
        ) STRICT""",
        "CREATE INDEX idx_note_files_customer ON note_files(customer_id)",
        """CREATE VIRTUAL TABLE note_fts USING fts5(
            path UNINDEXED, title, body, tags, tokenize = 'porter unicode61'
        )""",
    )


def _v4_stress_checkins(db: Database) -> None:
    """The breathing timer's private stress check-in (1-5, before and after), so the agent can
    see what a reset did; tied to the call it followed, or to none (breathing on demand)."""
    _run(
        db,
        """CREATE TABLE stress_checkins (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
            stress INTEGER NOT NULL CHECK (stress BETWEEN 1 AND 5),
            call_id INTEGER REFERENCES calls(id) ON DELETE CASCADE
        ) STRICT""",
        "CREATE INDEX idx_stress_checkins_at ON stress_checkins(at)",
    )


def _v5_privacy_ledger(db: Database) -> None:
    """The privacy ledger: one row per export, purge, retention run that deleted something, and
    change of the transcripts setting, so a data protection officer can see what left or was
    deleted and when. `details` is a small JSON object of counts, dates, formats and setting
    sources (`companion.store.ledger` refuses anything else): never note or transcript text,
    never a caller's name, number or customer id. `privacy_marks` holds single values that are
    cheaper than a ledger row, such as when retention last ran."""
    _run(
        db,
        """CREATE TABLE privacy_ledger (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
        ) STRICT""",
        "CREATE INDEX idx_privacy_ledger_at ON privacy_ledger(at)",
        """CREATE TABLE privacy_marks (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT""",
    )


MIGRATIONS: tuple[Migration, ...] = (
    _v1_core,
    _v2_drafts_and_feedback,
    _v3_notes_index,
    _v4_stress_checkins,
    _v5_privacy_ledger,
)
SCHEMA_VERSION = len(MIGRATIONS)

# Tables that hold what happened on calls, in the order `companion privacy` lists them. The
# privacy ledger is not one of them: it records purges, so a purge leaves it.
DATA_TABLES: tuple[tuple[str, str | None], ...] = (
    ("contacts", "created_at"),
    ("calls", "started_at"),
    ("notes", "saved_at"),
    ("follow_ups", None),
    ("checklist_state", None),
    ("cue_events", None),
    ("transcript_segments", None),
    ("drafts", "saved_at"),
    ("stress_checkins", "at"),
)
