"""A small autosave loop that the crash test kills with SIGKILL at random moments.

Run as `python autosave_writer.py DB`: the process imports everything once, says `ready`, then
for each `run N` line on stdin forks a child that opens its own connection and autosaves
drafts as fast as the (fake) clock allows, printing `committed N SEQ` after each commit. The
parent prints `reaped N` when the child is gone. Forking keeps 100 kills quick; each child is a
real process with its own SQLite connection, killed mid-write by the test.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from companion.store.database import connect
from companion.store.drafts import DraftAutosaver

CALL_ID = 1


def body_for(run: int, seq: int) -> dict[str, Any]:
    """The exact draft a writer commits as `seq` in `run` (the test rebuilds it to compare)."""
    size = (seq * 7919) % 40_000  # up to ~10 pages, so a write spans several pages
    return {
        "run": run,
        "seq": seq,
        "caller_needed": f"refund for run {run}",
        "what_was_done": ("explained the bill; " * (size // 20 + 1))[:size],
        "follow_ups": [
            {"action": f"call back #{i}", "due": "2025-01-0" + str(i % 9 + 1)}
            for i in range(seq % 5)
        ],
    }


def _say(text: str) -> None:
    os.write(1, (text + "\n").encode())


def child(db_path: Path, run: int) -> None:
    db = connect(db_path)
    saver = DraftAutosaver(db, CALL_ID, db_path)
    now = 0.0
    for _ in range(1_000_000):
        now += saver.min_interval_s
        seq = saver.seq + 1
        if saver.offer(body_for(run, seq), now, saved_at=f"t{now}"):
            _say(f"committed {run} {saver.seq}")
    os._exit(0)


def main() -> None:
    db_path = Path(sys.argv[1])
    _say("ready")
    for line in sys.stdin:
        parts = line.split()
        if parts[:1] != ["run"]:
            continue
        run = int(parts[1])
        pid = os.fork()
        if pid == 0:
            try:
                child(db_path, run)
            finally:
                os._exit(1)
        _say(f"pid {run} {pid}")
        os.waitpid(pid, 0)
        _say(f"reaped {run}")


if __name__ == "__main__":
    main()
