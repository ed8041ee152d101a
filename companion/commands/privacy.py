"""`companion privacy`: what is stored about calls, where and since when; `purge` deletes it."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.commands.arguments import optional_date
from companion.context import Context

if TYPE_CHECKING:
    from sqlite_utils import Database

    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("privacy", help="show what call data is stored; 'purge' deletes it")
    actions = parser.add_subparsers(dest="privacy_action", metavar="ACTION")
    purge = actions.add_parser("purge", help="delete stored call data (and VACUUM the file)")
    purge.add_argument(
        "--before",
        metavar="DATE",
        help="only calls that started before DATE (YYYY-MM-DD)",
    )
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    redact = actions.add_parser(
        "redact", help="print TEXT as a transcript would store it (opens and stores nothing)"
    )
    redact.add_argument("text", metavar="TEXT", help="the text, or '-' to read lines from stdin")
    actions.add_parser(
        "retain",
        help="delete calls older than the setting privacy.keep_days now (the overlay does it "
        "at start and daily)",
    )
    parser.set_defaults(func=run, folders="never")  # showing creates nothing


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def _mode(path: Path) -> str:
    return f"{path.stat().st_mode & 0o777:04o}" if os.name == "posix" else "-"


def _show(ctx: Context, db: Database) -> None:
    from companion.store.notes_index import notes_folder
    from companion.store.privacy import kept_files, stored_summary

    store_transcripts = bool(ctx.config.get("privacy.store_transcripts"))
    lines = [
        f"call history: {ctx.paths.database}",
        f"transcripts stored: {'yes' if store_transcripts else 'no'} "
        "(setting privacy.store_transcripts; always redacted)",
        _retention_line(ctx, db),
        "stored rows:",
    ]
    for s in stored_summary(db):
        since = f"since {s.oldest}" if s.oldest else ""
        lines.append(f"  {s.table:<20} {s.rows:>7}  {since}".rstrip())
    lines.append("files:")
    for path in kept_files(ctx.paths.database):
        lines.append(f"  {path.name}  {_size(path)}  mode {_mode(path)}")
    folder = notes_folder(ctx.paths.notes, str(ctx.config.get("notes.folder")))
    count = len(list(folder.rglob("*.md"))) if folder.is_dir() else 0
    lines.append(f"notes folder (your own files; purge leaves them): {folder} ({count} files)")
    lines += _ledger_lines(db)
    print("\n".join(lines))


def _retention_line(ctx: Context, db: Database) -> str:
    from companion.store.retention import last_run

    keep_days, source = ctx.config.lookup("privacy.keep_days")
    ran = last_run(db)
    setting = f"setting privacy.keep_days from {source}"
    if not keep_days:
        kept = f"retention: off, calls are kept until purged ({setting})"
        return kept + (f"; last run at {ran}" if ran else "")
    return f"retention: keep {keep_days} days ({setting}); " + (
        f"last run at {ran}" if ran else "not run yet"
    )


def _ledger_lines(db: Database) -> list[str]:
    from companion.store.ledger import LATEST, count, recent

    total = count(db)
    if not total:
        return ["privacy ledger: empty (exports, purges, retention and transcript-setting changes)"]
    shown = f"; the latest {LATEST}" if total > LATEST else ""
    lines = [f"privacy ledger ({total} entr{'y' if total == 1 else 'ies'}{shown}, newest first):"]
    for entry in recent(db, LATEST):
        lines.append(f"  {entry.at}  {entry.action:<11}  {entry.summary()}")
    return lines


def _retain(ctx: Context, db: Database) -> int:
    """One retention run now, sparing the call a running (or crashed) overlay is still on."""
    from companion.calls.session_file import SESSION_FILE, read_state
    from companion.store.retention import run_retention

    keep_days, source = ctx.config.lookup("privacy.keep_days")
    now = dt.datetime.now()
    state, _ = read_state(ctx.paths.data / SESSION_FILE, now)
    hold = [state.call.call_id] if state.call and state.call.call_id is not None else []
    run = run_retention(db, int(keep_days), now=now, hold=hold)
    if run is None:
        print(f"retention is off (privacy.keep_days = 0 from {source}); nothing deleted")
        return 0
    print(run.summary())
    return 0


def _confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print("companion privacy purge: add --yes to delete without a question", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _purge(ctx: Context, db: Database, args: argparse.Namespace, before: dt.date | None) -> int:
    from companion.store.privacy import kept_files, purge, purge_copy

    what = f"calls that started before {before}" if before else "ALL stored call data"
    if not _confirm(f"Delete {what} from {ctx.paths.database}?", args.yes):
        return 1
    deleted = purge(db, before)
    parts = [f"{n} {table}" for table, n in deleted.items() if n]
    print(f"deleted {', '.join(parts) or 'nothing'} ({what}); file compacted")
    copies = [
        p
        for p in kept_files(ctx.paths.database)
        if p.name.endswith(".bak") or ".corrupt-" in p.name
    ]
    if before is None:
        for copy in copies:
            copy.unlink()
        if copies:
            print(f"deleted {_copies(len(copies))} of the database")
        return 0
    left: list[str] = []
    cleaned = 0
    for copy in copies:  # the purged calls must not live on in a backup
        if copy.name.endswith(".bak"):
            try:
                purge_copy(copy, before)
                cleaned += 1
                continue
            except sqlite3.DatabaseError:
                pass
        left.append(copy.name)
    if cleaned:
        print(f"purged the same calls from {_copies(cleaned, 'backup')} of the database")
    if left:
        print(
            f"{_copies(len(left))} cannot be opened and may still hold those calls: "
            f"{', '.join(left)}; delete {'them' if len(left) > 1 else 'it'} by hand, or run "
            "'companion privacy purge' without --before"
        )
    return 0


def _copies(n: int, kind: str = "backup/damaged") -> str:
    return f"{n} {kind} cop{'ies' if n > 1 else 'y'}"


def _redact(text: str) -> int:
    """Each line redacted, as `TranscriptWriter` stores it: one output line per input line.

    Lines are redacted one by one, as transcript segments are, so digits on two lines never
    join into one number. Opens no database and creates no folder.
    """
    from companion.store.redact import redact

    lines = sys.stdin if text == "-" else text.splitlines() or [""]
    for line in lines:
        print(redact(line.rstrip("\r\n")))
    return 0


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.commands.history import history_exists, open_history
    from companion.store.database import StoreError, store_errors

    if args.privacy_action == "redact":
        return _redact(args.text)
    before = None
    if args.privacy_action == "purge":  # a bad date is said before anything else
        try:
            before = optional_date(args.before)
        except ValueError as exc:
            print(f"companion privacy purge: --before {exc}", file=sys.stderr)
            return 2
    if not history_exists(ctx):  # showing must not create the database (nor, for purge, delete)
        print(f"no call history yet: nothing is stored ({ctx.paths.database} does not exist)")
        return 0
    only_stand_ins = not ctx.paths.database.exists()  # their calls go into a new history
    opened = open_history(ctx, "privacy", create=only_stand_ins)
    if opened is None:
        return 1
    try:
        with store_errors(ctx.paths.database):
            if args.privacy_action == "purge":
                return _purge(ctx, opened.db, args, before)
            if args.privacy_action == "retain":
                return _retain(ctx, opened.db)
            _show(ctx, opened.db)
            return 0
    except StoreError as exc:
        print(f"companion privacy: {exc}", file=sys.stderr)
        return 1
    finally:
        opened.db.close()
