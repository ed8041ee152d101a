"""Opening the call history for a command (`privacy`, `export`), the way the app opens it.

The same one-line messages as the app: a refused or damaged file is named with its fix, a
migration or a moved-aside copy is reported, and calls a session kept in a stand-in file (the
history could not be opened then) are merged in first, so the command sees and purges them too.
"""

from __future__ import annotations

import sys

from companion.context import Context
from companion.store.database import OpenedStore, StoreError, open_store
from companion.store.fallback_merge import merge_fallbacks


def open_history(ctx: Context, command: str) -> OpenedStore | None:
    """The opened history, or None after printing why it could not be opened."""
    try:
        opened = open_store(ctx.paths.database)
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
    return opened
