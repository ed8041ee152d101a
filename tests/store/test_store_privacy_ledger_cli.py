"""The privacy ledger and retention through the real CLI: `companion export`, `privacy purge`,
`privacy retain` and `privacy` run as processes on a real data folder; the ledger is read back
with sqlite3 and from `companion privacy`. The clock is the real one, so dates are relative."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from companion.calls import lifecycle as lc
from companion.calls.session_file import SESSION_FILE, write_state
from companion.paths import resolve_paths
from companion.store.call_log import start_call
from companion.store.contacts import add_contact
from companion.store.database import open_store
from companion.store.drafts import write_draft
from tests.store.store_helpers import add_call, companion

MARKER = "zebra-quokka-7731"
TODAY = dt.date.today()
OLD = (TODAY - dt.timedelta(days=400)).isoformat()
RECENT = (TODAY - dt.timedelta(days=5)).isoformat()


def populate(home: Path) -> dict[str, int]:
    """Jane's old call (note with a follow-up) and a recent one, and an old call with no one."""
    paths = resolve_paths(home).ensure()
    db = open_store(paths.database).db
    jane = add_contact(
        db,
        created_at=f"{OLD}T09:00:00",
        customer_id="C-1042",
        name="Jane Morgan",
        phones=["+44 20 7946 0958"],
    )
    note = {
        "reason_text": f"bill {MARKER}",
        "follow_ups": [{"action": f"send {MARKER}", "owner": "me", "due": RECENT}],
    }
    ids = {
        "old": add_call(db, jane, f"{OLD}T09:00:00", f"{OLD}T09:06:00", note=note),
        "recent": add_call(db, jane, f"{RECENT}T14:00:00", f"{RECENT}T14:12:00", note=note),
        "old_alone": add_call(db, None, f"{OLD}T11:00:00", f"{OLD}T11:01:00"),
    }
    db.close()
    return ids


def user_config(home: Path, text: str) -> None:
    path = resolve_paths(home).user_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"format = 1\n{text}", encoding="utf-8")


def ledger(home: Path) -> list[tuple[str, dict[str, object]]]:
    conn = sqlite3.connect(str(resolve_paths(home).database))
    try:
        rows = conn.execute("SELECT action, details FROM privacy_ledger ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(action, json.loads(details)) for action, details in rows]


def ledger_section(stdout: str) -> list[str]:
    return stdout.split("privacy ledger", 1)[1].splitlines()


def test_exports_retention_and_purges_are_recorded_without_content(tmp_path: Path) -> None:
    home = tmp_path / "home"
    populate(home)
    out = tmp_path / "calls.csv"
    user_config(home, "[privacy]\nkeep_days = 30\n")

    assert companion(home, "export", "--format", "csv", "--out", str(out)).returncode == 0
    piped = companion(home, "export", "--since", RECENT)
    assert piped.returncode == 0 and MARKER in piped.stdout
    retained = companion(home, "privacy", "retain")
    assert retained.returncode == 0, retained.stderr
    assert retained.stdout.strip().startswith("deleted 2 calls (")
    purged = companion(home, "privacy", "purge", "--yes")
    assert purged.returncode == 0, purged.stderr

    entries = ledger(home)
    assert [action for action, _ in entries] == ["export", "export", "retention", "purge"]
    assert entries[0][1] == {
        "format": "csv",
        "calls": 3,
        "since": None,
        "to": "file",
        "path": str(out.resolve()),
    }
    assert entries[1][1] == {
        "format": "json",
        "calls": 1,
        "since": RECENT,
        "to": "stdout",
        "path": None,
    }
    retention = entries[2][1]
    assert retention["keep_days"] == 30 and retention["held_back"] == 0
    assert retention["deleted"] == {"calls": 2, "notes": 1, "follow_ups": 1}
    assert entries[3][1]["before"] is None
    assert entries[3][1]["deleted"] == {"contacts": 1, "calls": 1, "notes": 1, "follow_ups": 1}
    text = json.dumps(entries)
    for secret in (MARKER, "Jane", "C-1042", "7946"):
        assert secret not in text

    shown = companion(home, "privacy")
    assert shown.returncode == 0, shown.stderr
    lines = ledger_section(shown.stdout)
    assert lines[0] == " (4 entries, newest first):"
    assert lines[1].split()[1:4] == ["purge", "deleted", "all"]
    assert lines[2].split()[1] == "retention" and "(keep 30 days)" in lines[2]
    assert lines[3].endswith(
        "export       1 call (since " + RECENT + ") as json to standard output"
    )
    assert lines[4].endswith(f"export       3 calls as csv to {out.resolve()}")
    assert len(lines) == 5


def test_retain_spares_live_calls_unsaved_notes_and_the_sessions_call(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ids = populate(home)
    paths = resolve_paths(home)
    db = open_store(paths.database).db
    live = start_call(db, contact_id=None, direction="inbound", started_at=f"{OLD}T12:00:00")
    drafted = add_call(db, None, f"{OLD}T13:00:00", f"{OLD}T13:05:00")
    write_draft(db, drafted, {"reason_text": "typing"}, seq=2, saved_at=f"{OLD}T13:06:00")
    db.close()
    wrapping_up = lc.CallInfo(call_id=ids["old_alone"], direction="inbound")
    write_state(paths.data / SESSION_FILE, lc.State(phase=lc.Phase.WRAPUP, call=wrapping_up))
    user_config(home, "[privacy]\nkeep_days = 30\n")

    retained = companion(home, "privacy", "retain")

    assert retained.returncode == 0, retained.stderr
    assert retained.stdout.strip().endswith("(keep 30 days); 3 held back (live, or note not saved)")
    conn = sqlite3.connect(str(paths.database))
    kept = [r[0] for r in conn.execute("SELECT id FROM calls ORDER BY id")]
    notes = [r[0] for r in conn.execute("SELECT call_id FROM notes ORDER BY call_id")]
    follow_ups = [r[0] for r in conn.execute("SELECT call_id FROM follow_ups ORDER BY call_id")]
    conn.close()
    assert kept == sorted([ids["recent"], ids["old_alone"], live, drafted])
    assert notes == [ids["recent"]] and follow_ups == [ids["recent"]]
    assert ledger(home)[-1][1]["held_back"] == 3


def test_keep_days_locked_by_it_wins_over_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    ids = populate(home)
    machine = tmp_path / "machine.toml"
    machine.write_text('locked = ["privacy.keep_days"]\n[privacy]\nkeep_days = 30\n')
    monkeypatch.setenv("COMPANION_MACHINE_CONFIG", str(machine))
    user_config(home, "[privacy]\nkeep_days = 0\n")

    before = companion(home, "privacy")
    retained = companion(home, "privacy", "retain")
    after = companion(home, "privacy")

    setting = f"(setting privacy.keep_days from machine (locked) {machine})"
    assert f"retention: keep 30 days {setting}; not run yet" in before.stdout.splitlines()
    assert retained.returncode == 0 and retained.stdout.startswith("deleted 2 calls")
    (line,) = [x for x in after.stdout.splitlines() if x.startswith("retention:")]
    assert line.startswith(f"retention: keep 30 days {setting}; last run at {TODAY}")
    conn = sqlite3.connect(str(resolve_paths(home).database))
    assert [r[0] for r in conn.execute("SELECT id FROM calls")] == [ids["recent"]]
    conn.close()


def test_retention_off_says_so_and_deletes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    populate(home)

    retained = companion(home, "privacy", "retain")
    shown = companion(home, "privacy")

    assert retained.returncode == 0
    assert retained.stdout.strip() == (
        "retention is off (privacy.keep_days = 0 from default); nothing deleted"
    )
    assert (
        "retention: off, calls are kept until purged (setting privacy.keep_days from default)"
        in shown.stdout.splitlines()
    )
    assert "privacy ledger: empty" in shown.stdout
    assert ledger(home) == []


def test_retain_on_a_fresh_machine_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    retained = companion(home, "privacy", "retain")
    assert retained.returncode == 0 and "no call history yet" in retained.stdout
    assert not home.exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc (Linux)")
def test_an_export_whose_file_cannot_be_written_is_not_recorded(tmp_path: Path) -> None:
    home = tmp_path / "home"
    populate(home)
    out = Path("/proc/companion-export.json")  # a folder even root cannot create files in

    refused = companion(home, "export", "--out", str(out))

    assert refused.returncode == 1 and f"cannot write {out}" in refused.stderr
    assert ledger(home) == []
