"""`session.json`: the call's lifecycle state on disk, so a crash or a kill loses no call.

Written after every transition (and every few seconds of a live call), atomically, readable by
the agent's account only: it holds the caller's number and name. Read back at start, where
`lifecycle.recover` turns a live call into its wrap-up.

A kill can land between two writes: the call's row is committed in the history before this file
names it. So recovery does not trust this file alone: `orphan_calls` finds calls the history has
started and never ended, and the session ends them and reopens the latest one's note.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

from sqlite_utils import Database

from companion.calls import lifecycle as lc
from companion.store import call_log

log = logging.getLogger(__name__)
SESSION_FILE = "session.json"


def write_state(path: Path, state: lc.State) -> bool:
    """Replace the file with `state`; False (and a log line) when the disk refuses."""
    tmp = path.with_suffix(".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # a .tmp left by an older version kept its mode
            handle.write(json.dumps(state.to_dict()))
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not save the call state to %s: %s", path, exc)
        return False
    return True


def read_state(path: Path, default_time: dt.datetime) -> tuple[lc.State, dt.datetime]:
    """The saved state and when it was written; an empty state when missing or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        saved = lc.State.from_dict(raw if isinstance(raw, dict) else {})
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError):
        return lc.State(), default_time
    return saved, stamp


def recover_calls(db: Database, path: Path, now: dt.datetime) -> lc.State:
    """The state to resume in, with the history made whole: the call `path` names as live or in
    wrap-up gets its end; so does every call a kill left without one, and when nothing else was
    in progress the latest of those comes back in wrap-up so its note is written."""
    saved, stamp = read_state(path, now)
    resumed = lc.recover(saved, at=now.isoformat(timespec="seconds"))
    written = stamp.isoformat(timespec="seconds")
    reopen = resumed.call.call_id if resumed.phase is lc.Phase.WRAPUP and resumed.call else None
    unended = call_log.unended_calls(db)
    for record in unended:
        call_log.end_call(db, record.id, max(record.started_at, written))
    orphans = [c for c in unended if c.id != reopen]
    if reopen is None and orphans:
        latest = orphans[-1]
        way: lc.Direction = "outbound" if latest.direction == "outbound" else "inbound"
        info = lc.CallInfo(call_id=latest.id, direction=way, started_at=latest.started_at)
        return lc.State(phase=lc.Phase.WRAPUP, call=info)
    if reopen is not None and call_log.get_call(db, reopen) is None:
        return lc.State()  # the history no longer has it (purged): nothing to reopen
    return resumed
