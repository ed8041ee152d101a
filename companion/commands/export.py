"""`companion export`: calls with their notes and follow-ups, as JSON or CSV.

`--out FILE` never lands on a file the app owns: the database (and its `-wal`/`-shm`),
`session.json`, the config files, the logs, or anything inside the app's folders — compared
after resolving symlinks, and by file identity, so no alias or hard link gets round it. Another
existing file is replaced only with `--force`. The file is written beside its target and moved
into place in one step, so an interrupted export leaves the old file whole; it is 0600, like the
database, because notes are personal data. Every export is recorded in the privacy ledger (format,
number of calls, `--since`, and the file or standard output), never what it contained.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion.commands.arguments import optional_date
from companion.context import Context
from companion.errors import KnownError

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers
    from companion.paths import AppPaths


class ExportTargetError(KnownError):
    """`--out` names a file the export must not (or cannot) write; the message says why."""


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
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.commands.history import open_history
    from companion.store.database import StoreError, store_errors
    from companion.store.export import export_calls, write_csv, write_json
    from companion.store.ledger import record

    try:
        since = optional_date(args.since)
    except ValueError as exc:
        print(f"companion export: --since {exc}", file=sys.stderr)
        return 2
    target = check_target(Path(args.out).expanduser(), ctx.paths, args.force) if args.out else None
    opened = open_history(ctx, "export")
    if opened is None:
        return 1
    write = write_json if args.format == "json" else write_csv
    try:
        with store_errors(ctx.paths.database):
            records = export_calls(opened.db, since)
            # In the privacy ledger before a byte leaves; a file that cannot be written takes
            # its entry back with it. Standard output is written once the entry is committed.
            with opened.db.atomic():
                details = _ledger_details(args.format, len(records), since, target)
                record(opened.db, "export", details, at=_now())
                if target is not None:
                    write_private_file(target, lambda handle: write(records, handle), args.force)
    except StoreError as exc:
        print(f"companion export: {exc}", file=sys.stderr)
        return 1
    finally:
        opened.db.close()
    if target is None:
        write(records, sys.stdout)
        return 0
    print(
        f"exported {len(records)} call{'s' if len(records) != 1 else ''} to {args.out}",
        file=sys.stderr,
    )
    return 0


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _ledger_details(
    fmt: str, calls: int, since: dt.date | None, target: Path | None
) -> dict[str, Any]:
    """What the privacy ledger keeps of an export: never the content, only its shape and where."""
    return {
        "format": fmt,
        "calls": calls,
        "since": since.isoformat() if since else None,
        "to": "stdout" if target is None else "file",
        "path": None if target is None else str(target),
    }


def _owned_files(paths: AppPaths) -> dict[Path, str]:
    from companion.calls.session_file import SESSION_FILE
    from companion.paths import machine_config_path

    db = paths.database
    return {
        db: "the call history database",
        db.with_name(db.name + "-wal"): "the call history database's journal",
        db.with_name(db.name + "-shm"): "the call history database's journal",
        db.with_name(db.name + "-journal"): "the call history database's journal",
        paths.data / SESSION_FILE: "the live call's state file",
        paths.user_config: "your settings file",
        machine_config_path(): "the machine config IT manages",
    }


def _owned_folders(paths: AppPaths) -> dict[Path, str]:
    return {
        paths.data: "data folder",
        paths.config: "config folder",
        paths.logs: "log folder",
        paths.cache: "cache folder",
    }


def _same_path(a: Path, b: Path) -> bool:
    return os.path.normcase(a) == os.path.normcase(b)


def _inside(path: Path, folder: Path) -> bool:
    folded, top = Path(os.path.normcase(path)), Path(os.path.normcase(folder))
    return folded == top or top in folded.parents


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return False


def check_target(out: Path, paths: AppPaths, force: bool) -> Path:
    """The file to write for `--out`, or `ExportTargetError` with the one-line reason."""
    resolved = out.resolve()
    for owned, what in _owned_files(paths).items():
        if _same_path(resolved, owned.resolve()) or _same_file(out, owned):
            raise ExportTargetError(f"{out} is {what}; export to a file outside the app's folders")
    for folder, what in _owned_folders(paths).items():
        if _inside(resolved, folder.resolve()):
            raise ExportTargetError(
                f"{out} is inside the app's {what} ({folder}); export to a file outside it"
            )
    if resolved.is_dir():
        raise ExportTargetError(f"{out} is a folder; give --out a file name")
    if not resolved.parent.is_dir():
        raise ExportTargetError(f"{out.parent} does not exist; create it or choose another --out")
    if out.exists() and not force:
        raise ExportTargetError(_exists(out))
    return resolved


def _exists(out: Path) -> str:
    return f"{out} already exists; add --force to replace it, or choose another --out file"


@contextlib.contextmanager
def _cannot_write(out: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExportTargetError(
            f"cannot write {out} ({reason}); choose another --out file"
        ) from None


def write_private_file(out: Path, write: Callable[[TextIO], None], force: bool) -> None:
    """`write` into a new 0600 file beside `out`, then move it over `out` in one step.

    Without `force` the move is a hard link, which fails if `out` appeared meanwhile, so a file
    created after `check_target` is not replaced either (on a filesystem without hard links it
    falls back to a checked replace).
    """
    with _cannot_write(out):
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        temp = Path(name)
        try:
            with open(fd, "w", encoding="utf-8", newline="") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o600)
            if force:
                os.replace(temp, out)
            else:
                _move_without_replacing(temp, out)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _move_without_replacing(temp: Path, out: Path) -> None:
    try:
        os.link(temp, out)
    except FileExistsError:
        raise ExportTargetError(_exists(out)) from None
    except OSError:  # no hard links here (FAT, some network shares)
        if out.exists():
            raise ExportTargetError(_exists(out)) from None
        os.replace(temp, out)
