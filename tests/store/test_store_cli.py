"""`companion export` and `companion privacy`, run as real processes on a real database."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from companion.events import Final
from companion.paths import resolve_paths
from companion.store.call_log import TranscriptWriter, record_cue
from companion.store.contacts import add_contact
from companion.store.database import open_store
from companion.store.schema import DATA_TABLES
from tests.store.store_helpers import add_call, companion
from tests.store.store_helpers import privacy_rows as _rows

MARKER = "zebra-quokka-7731"


def populate(home: Path) -> dict[str, int]:
    paths = resolve_paths(home).ensure()
    opened = open_store(paths.database)
    db = opened.db
    jane = add_contact(
        db,
        created_at="2024-03-01T09:00:00",
        customer_id="C-1042",
        name="Jane Morgan",
        phones=["+44 20 7946 0958"],
        email="jane@example.com",
    )
    old = add_call(
        db,
        jane,
        "2024-03-01T09:00:00",
        "2024-03-01T09:06:00",
        note={
            "reason_category": "billing",
            "reason_text": f"old bill {MARKER}",
            "caller_needed": "an explanation",
            "what_was_done": "explained",
            "outcome": "resolved",
            "caller_type": ["skeptic"],
            "difficulty": 2,
        },
    )
    TranscriptWriter(db, old, enabled=True).feed(Final("caller", 3.0, f"hello {MARKER}"))
    record_cue(db, old, t=4.0, kind="empathy", message="Acknowledge")
    new = add_call(
        db,
        jane,
        "2025-02-10T14:00:00",
        "2025-02-10T14:12:00",
        note={
            "reason_category": "billing",
            "reason_text": "refund",
            "caller_needed": "a refund",
            "what_was_done": "raised it",
            "outcome": "follow-up",
            "difficulty": 4,
            "caller_type": ["complainer", "rambler"],
            "caller_had_to_repeat": True,
            "pivotal": {"t": 301.5, "label": "caller: third time I call"},
            "preferences": ["prefers email"],
            "follow_ups": [
                {"action": "Send the refund confirmation", "owner": "me", "due": "2025-02-12"}
            ],
        },
    )
    open_call = add_call(
        db, None, "2025-02-11T08:00:00", "2025-02-11T08:01:00", direction="outbound"
    )
    db.close()
    return {"old": old, "new": new, "open": open_call}


def expected_new_call(call_id: int) -> dict[str, Any]:
    return {
        "call_id": call_id,
        "direction": "inbound",
        "started_at": "2025-02-10T14:00:00",
        "ended_at": "2025-02-10T14:12:00",
        "profile": "standard",
        "outcome": "follow-up",
        "contact": {
            "customer_id": "C-1042",
            "name": "Jane Morgan",
            "email": "jane@example.com",
            "phones": ["+44 20 7946 0958"],
        },
        "note": {
            "reason_category": "billing",
            "reason_text": "refund",
            "caller_needed": "a refund",
            "what_was_done": "raised it",
            "what_worked": "",
            "outcome": "follow-up",
            "difficulty": 4,
            "stress": None,
            "felt": "",
            "do_differently": "",
            "overtime_reason": "",
            "abuse_report": "",
            "duration_s": 0.0,
            "saved_at": "2025-02-10T14:12:00",
            "caller_type": ["complainer", "rambler"],
            "caller_had_to_repeat": True,
            "preferences": ["prefers email"],
            "pivotal": {"t": 301.5, "label": "caller: third time I call"},
        },
        "follow_ups": [
            {
                "action": "Send the refund confirmation",
                "owner": "me",
                "due": "2025-02-12",
                "done": False,
                "done_at": None,
            }
        ],
    }


def test_export_json_round_trip(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ids = populate(home)
    out = tmp_path / "calls.json"

    result = companion(home, "export", "--format", "json", "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"exported 3 calls to {out}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert [c["call_id"] for c in data["calls"]] == [ids["old"], ids["new"], ids["open"]]
    assert data["calls"][1] == expected_new_call(ids["new"])
    assert data["calls"][2]["contact"] is None and data["calls"][2]["note"] is None
    assert "transcript" not in json.dumps(data)


def test_export_since_and_csv(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ids = populate(home)

    result = companion(home, "export", "--format", "csv", "--since", "2025-01-01")

    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [int(r["call_id"]) for r in rows] == [ids["new"], ids["open"]]
    assert rows[0]["caller_type"] == "complainer; rambler"
    assert rows[0]["follow_ups"] == "Send the refund confirmation (me, due 2025-02-12)"
    assert rows[0]["caller_had_to_repeat"] == "yes" and rows[0]["pivotal_t"] == "301.5"


def test_export_bad_date_is_one_line(tmp_path: Path) -> None:
    result = companion(tmp_path / "home", "export", "--since", "last week")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "YYYY-MM-DD" in result.stderr


def test_privacy_report_and_purge_before(tmp_path: Path) -> None:
    home = tmp_path / "home"
    populate(home)

    shown = companion(home, "privacy")
    assert shown.returncode == 0, shown.stderr
    rows = _rows(shown.stdout)
    assert rows["calls"] == (3, "2024-03-01") and rows["notes"] == (2, "2024-03-01")
    assert rows["transcript_segments"] == (1, "2024-03-01")
    assert rows["follow_ups"] == (1, "2025-02-10")
    assert "companion.db  " in shown.stdout and "mode 0600" in shown.stdout

    refused = companion(home, "privacy", "purge", "--before", "2025-01-01")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert _rows(companion(home, "privacy").stdout)["calls"][0] == 3

    purged = companion(home, "privacy", "purge", "--before", "2025-01-01", "--yes")
    assert purged.returncode == 0, purged.stderr
    assert purged.stdout.startswith("deleted 1 calls, 1 notes, 1 cue_events, 1 transcript_segments")
    after = _rows(companion(home, "privacy").stdout)
    assert after["calls"] == (2, "2025-02-10") and after["contacts"][0] == 1
    database = resolve_paths(home).database
    for path in database.parent.glob("companion.db*"):
        assert MARKER.encode() not in path.read_bytes(), path  # VACUUM left no trace


def test_privacy_purge_everything(tmp_path: Path) -> None:
    home = tmp_path / "home"
    populate(home)
    database = resolve_paths(home).database
    backup = database.with_name("companion.db.v1-20240101-000000.bak")
    backup.write_bytes(b"old copy")

    purged = companion(home, "privacy", "purge", "--yes")

    assert purged.returncode == 0, purged.stderr
    assert "(ALL stored call data)" in purged.stdout
    assert "deleted 1 backup/damaged copy of the database" in purged.stdout
    assert not backup.exists()
    after = _rows(companion(home, "privacy").stdout)
    assert len(after) == len(DATA_TABLES) and all(n == 0 for n, _ in after.values())


def test_privacy_on_a_fresh_machine_creates_nothing(tmp_path: Path) -> None:
    """Showing what is stored must not store anything: no database, no folder, no log."""
    home = tmp_path / "fresh"
    shown = companion(home, "privacy")
    assert shown.returncode == 0, shown.stderr
    database = home / "data" / "companion.db"
    assert shown.stdout.strip() == (
        f"no call history yet: nothing is stored ({database} does not exist)"
    )
    assert not home.exists()
    purged = companion(home, "privacy", "purge", "--yes")
    assert purged.returncode == 0 and "no call history yet" in purged.stdout
    assert not home.exists()
