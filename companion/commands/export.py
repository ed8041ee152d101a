"""`companion export`: calls with their notes and follow-ups, as JSON or CSV."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from companion.commands.arguments import optional_date
from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("export", help="export calls with their notes and follow-ups")
    parser.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json (default, keeps the structure) or csv (one row per call)",
    )
    parser.add_argument("--since", metavar="DATE", help="only calls from DATE (YYYY-MM-DD) on")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.commands.history import open_history
    from companion.store.database import StoreError, store_errors
    from companion.store.export import export_calls, write_csv, write_json

    try:
        since = optional_date(args.since)
    except ValueError as exc:
        print(f"companion export: --since {exc}", file=sys.stderr)
        return 2
    opened = open_history(ctx, "export")
    if opened is None:
        return 2
    try:
        with store_errors(ctx.paths.database):
            records = export_calls(opened.db, since)
    except StoreError as exc:
        print(f"companion export: {exc}", file=sys.stderr)
        return 2
    finally:
        opened.db.close()
    write = write_json if args.format == "json" else write_csv
    if not args.out:
        write(records, sys.stdout)
        return 0
    try:
        # Notes are personal data: a new export file is as private as the database (0600).
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(args.out, flags, 0o600)
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            write(records, handle)
    except OSError as exc:
        print(
            f"companion export: cannot write {args.out} ({exc.strerror}); choose another "
            "--out file",
            file=sys.stderr,
        )
        return 2
    print(
        f"exported {len(records)} call{'s' if len(records) != 1 else ''} to {args.out}",
        file=sys.stderr,
    )
    return 0
