"""Opening the call history for a command (`privacy`, `export`), the way the app opens it.

The same one-line messages as the app: a refused or damaged file is named with its fix, a
migration or a salvage (how much came back) is reported, and calls a session kept in a stand-in
file (the history could not be opened then) are merged in first, so the command sees and purges
them too. A damaged file from which nothing could be recovered stops the command: an empty export
or summary must never pass for the agent's history.
"""

from __future__ import annotations

import sys
from pathlib import Path

from companion.context import Context
from companion.store.database import OpenedStore, StoreCorrupt, StoreError, open_store
from companion.store.fallback_merge import FALLBACK_PREFIX, merge_fallbacks
from companion.store.salvage import nothing_recovered_message


def open_history(ctx: Context, command: str, *, create: bool = True) -> OpenedStore | None:
    """The opened history, or None after printing why it could not be opened.

    `create=False` is for a command that only shows (`privacy`): a history that does not exist
    is not created for it (that command says "no history yet" before asking)."""
    if not create and not ctx.paths.database.exists():
        print(f"companion {command}: no call history at {ctx.paths.database}", file=sys.stderr)
        return None
    try:
        opened = open_store(ctx.paths.database)
        if opened.damaged is not None and opened.salvage and opened.salvage.nothing_recovered:
            opened.db.close()
            raise StoreCorrupt(nothing_recovered_message(opened.damaged))
    except StoreError as exc:
        print(f"companion {command}: {exc}", file=sys.stderr)
        return None
    if opened.notice:
        print(f"companion: {opened.notice}", file=sys.stderr)
    merged = merge_fallbacks(opened.db, ctx.paths.cache)
    if merged.files:
        print(
            f"companion: merged {merged.calls} call(s) kept in a stand-in file into the history",
            file=sys.stderr,
        )
    for problem in merged.left:
        print(f"companion: a stand-in file was not merged: {problem}", file=sys.stderr)
    kept = _damaged_copy_behind_empty_history(opened) if command == "export" else None
    if kept is not None:
        opened.db.close()
        print(f"companion {command}: {nothing_recovered_message(kept)}", file=sys.stderr)
        return None
    return opened


def _damaged_copy_behind_empty_history(opened: OpenedStore) -> Path | None:
    """The newest kept damaged file when the history has no call, else None: an empty export
    next to a lost history would pass for success (`privacy` still runs, to show and purge it)."""
    if opened.db.execute("SELECT EXISTS (SELECT 1 FROM calls)").fetchone()[0]:
        return None
    kept = sorted(
        p
        for p in opened.path.parent.glob(f"{opened.path.name}.corrupt-*")
        if not p.name.endswith(("-wal", "-shm", "-journal"))
    )
    return kept[-1] if kept else None


def history_exists(ctx: Context) -> bool:
    """True when there is a history to show: the database, or calls kept in a stand-in file."""
    if ctx.paths.database.exists():
        return True
    return any(ctx.paths.cache.glob(f"{FALLBACK_PREFIX}*.db"))
