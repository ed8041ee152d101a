"""The overlay's privacy upkeep as a real process: at start it records a changed transcripts
setting in the privacy ledger and deletes calls older than `privacy.keep_days`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import time
from pathlib import Path

from companion.paths import resolve_paths
from companion.store.database import open_store
from tests.gui.app_procs import PY, offscreen_env, quit_or_kill, start_overlay
from tests.store.store_helpers import add_call

OLD = (dt.date.today() - dt.timedelta(days=400)).isoformat()
RECENT = (dt.date.today() - dt.timedelta(days=5)).isoformat()


def _ledger(database: Path) -> list[tuple[str, dict[str, object]]]:
    conn = sqlite3.connect(str(database))
    try:
        rows = conn.execute("SELECT action, details FROM privacy_ledger ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(action, json.loads(details)) for action, details in rows]


def _run_overlay_until(home: Path, done: int) -> None:
    """Start the overlay, wait until it answers and the ledger holds `done` entries, quit it."""
    app = start_overlay(home)
    database = resolve_paths(home).database
    try:
        deadline = time.monotonic() + 60
        while True:
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            answered = subprocess.run(
                [PY, "-m", "companion", "call", "state"],
                env=offscreen_env(home),
                capture_output=True,
                timeout=60,
            )
            if answered.returncode == 0 and len(_ledger(database)) >= done:
                break
            assert time.monotonic() < deadline, "the overlay never answered, or wrote no ledger"
            time.sleep(0.3)
    finally:
        quit_or_kill(app)


def test_the_overlay_records_transcript_changes_and_runs_retention_at_start(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    paths = resolve_paths(home).ensure()
    db = open_store(paths.database).db
    old = add_call(db, None, f"{OLD}T09:00:00", f"{OLD}T09:05:00", note={})
    recent = add_call(db, None, f"{RECENT}T09:00:00", f"{RECENT}T09:05:00", note={})
    db.close()
    config = paths.user_config
    config.write_text("format = 1\n[privacy]\nstore_transcripts = true\nkeep_days = 30\n")

    _run_overlay_until(home, 2)

    (transcripts, first), (retention, run) = _ledger(paths.database)
    assert (transcripts, first) == (
        "transcripts",
        {"old": None, "new": True, "source": f"user {config}"},
    )
    assert retention == "retention" and run["deleted"] == {"calls": 1, "notes": 1}
    assert run["keep_days"] == 30 and run["held_back"] == 0
    conn = sqlite3.connect(str(paths.database))
    assert [r[0] for r in conn.execute("SELECT id FROM calls")] == [recent] != [old]
    conn.close()

    _run_overlay_until(home, 2)  # nothing changed, nothing old: nothing recorded
    assert len(_ledger(paths.database)) == 2

    config.write_text("format = 1\n[privacy]\nkeep_days = 30\n")
    _run_overlay_until(home, 3)
    assert _ledger(paths.database)[-1] == (
        "transcripts",
        {"old": True, "new": False, "source": "default"},
    )
