"""Drafts survive a SIGKILL mid-write: the file opens and holds the last complete draft."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.store.call_log import start_call
from companion.store.database import connect, open_store
from companion.store.drafts import DraftAutosaver, load_draft, pending_drafts
from tests.store.autosave_writer import CALL_ID, body_for

WRITER = Path(__file__).with_name("autosave_writer.py")
KILLS = 100


def _read_until(proc: subprocess.Popen[str], prefix: str, seen: list[str]) -> str:
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        assert line, f"writer ended before printing {prefix!r}; saw {seen[-3:]}"
        seen.append(line.strip())
        if line.startswith(prefix):
            return line.strip()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the writer forks its children")
def test_sigkill_while_autosaving_leaves_the_last_complete_draft(tmp_path: Path) -> None:
    db_path = tmp_path / "companion.db"
    opened = open_store(db_path)
    assert (
        start_call(
            opened.db, contact_id=None, direction="inbound", started_at="2025-01-01T09:00:00"
        )
        == CALL_ID
    )
    opened.db.close()
    rng = random.Random(20251118)
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert proc.stdin is not None
    seen: list[str] = []
    outcomes: list[int] = []
    writes: list[int] = []
    try:
        _read_until(proc, "ready", seen)
        for run in range(1, KILLS + 1):
            proc.stdin.write(f"run {run}\n")
            proc.stdin.flush()
            pid = int(_read_until(proc, f"pid {run} ", seen).split()[2])
            _read_until(proc, f"committed {run} ", seen)  # at least one draft this run
            time.sleep(rng.uniform(0.0, 0.025))
            os.kill(pid, signal.SIGKILL)
            _read_until(proc, f"reaped {run}", seen)
            committed = [int(s.split()[2]) for s in seen if s.startswith(f"committed {run} ")]
            last_committed = committed[-1]
            writes.append(len(committed))

            db = connect(db_path)
            assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            draft = load_draft(db, CALL_ID)  # parses the JSON
            db.close()
            assert draft is not None
            # The writer may have committed once more between its last line and the kill.
            assert draft.seq in (last_committed, last_committed + 1), (run, draft.seq)
            assert draft.body == body_for(run, draft.seq)
            outcomes.append(draft.seq - last_committed)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert len(outcomes) == KILLS
    print(
        f"drafts committed per run: min {min(writes)}, max {max(writes)}; "
        f"killed after an unreported commit: {sum(outcomes)} of {KILLS}"
    )


def _saver(db: Database, path: Path) -> DraftAutosaver:
    start_call(db, contact_id=None, direction="inbound", started_at="2025-01-01T09:00:00")
    return DraftAutosaver(db, 1, path)


def test_autosaver_writes_at_most_every_two_seconds(db_path: Path, db: Database) -> None:
    saver = _saver(db, db_path)
    assert saver.offer({"a": 1}, now=100.0)
    assert not saver.offer({"a": 2}, now=100.5)  # too soon: kept pending
    assert not saver.offer({"a": 3}, now=101.9)
    assert saver.has_pending
    assert load_draft(db, 1).body == {"a": 1}  # type: ignore[union-attr]
    assert saver.tick(now=102.0)
    assert load_draft(db, 1).body == {"a": 3}  # type: ignore[union-attr]
    assert not saver.offer({"a": 3}, now=110.0)  # unchanged: no write
    assert saver.offer({"a": 4}, now=110.0)


def test_flush_writes_pending_state_immediately(db_path: Path, db: Database) -> None:
    saver = _saver(db, db_path)
    saver.offer({"a": 1}, now=0.0)
    saver.offer({"a": 2}, now=0.1)
    assert saver.flush(now=0.2)
    draft = load_draft(db, 1)
    assert draft is not None and draft.body == {"a": 2} and draft.seq == 2


def test_a_reopened_autosaver_continues_the_sequence(db_path: Path, db: Database) -> None:
    saver = _saver(db, db_path)
    saver.offer({"a": 1}, now=0.0)
    again = DraftAutosaver(db, 1, db_path)
    assert again.seq == 1
    assert not again.offer({"a": 1}, now=50.0)  # same as what is stored
    assert again.offer({"a": 5}, now=50.0)
    assert load_draft(db, 1).seq == 2  # type: ignore[union-attr]
    assert [(d.call_id, d.body) for d in pending_drafts(db)] == [(1, {"a": 5})]


def test_full_disk_keeps_the_pending_draft_for_the_next_tick(db_path: Path, db: Database) -> None:
    saver = _saver(db, db_path)
    saver.offer({"a": "small"}, now=0.0)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")
    big = {"a": "x" * 100_000}

    assert not saver.offer(big, now=10.0)
    assert "no space left" in (saver.problem or "")
    assert saver.has_pending

    db.execute("PRAGMA max_page_count=1073741823")
    assert saver.tick(now=11.0)
    assert saver.problem is None
    assert load_draft(db, 1).body == big  # type: ignore[union-attr]
