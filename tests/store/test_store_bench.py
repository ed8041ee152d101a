"""The store bench measures real lookups: every sampled caller resolves to a contact, every query
of a prep lookup is answered through an index, and `companion bench` reports the figure.

How fast the lookups are (the goal: p95 ≤ 20 ms over a 100,000-call history) is measured by
`companion bench` on the machine in question, not asserted here: a timed assertion on a shared
machine is flaky. What can be asserted is why it is fast — no query scans a table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.bench.store import build_history, sample_identities, time_prep_lookups
from companion.calls.prep import build_prep_checklist

# The indexes a prep lookup stands on: phone number → contact, the contact's calls (newest
# first), the contact's open follow-ups.
PREP_INDEXES = {
    "idx_contact_phones_key",
    "idx_calls_contact_started",
    "idx_follow_ups_contact_open",
}


def test_bench_history_and_identities_match(db: Database) -> None:
    build_history(db, calls=3_000, contacts=200)
    identities = sample_identities(40, contacts=200)
    for identity in identities:
        prep = build_prep_checklist(db, identity, "inbound", [], today=dt.date(2024, 1, 20))
        assert prep.contact is not None, identity
        assert any(item.kind == "last_call" for item in prep.items)
    times = time_prep_lookups(db, identities, today=dt.date(2024, 1, 20))
    assert len(times) == 40


def test_every_prep_lookup_query_searches_an_index(db: Database) -> None:
    """EXPLAIN QUERY PLAN of every statement a prep lookup runs (phone, customer id, name)."""
    build_history(db, calls=3_000, contacts=200)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)  # the SQL with its values filled in
    try:
        for identity in sample_identities(8, contacts=200):
            build_prep_checklist(db, identity, "inbound", [], today=dt.date(2024, 1, 20))
    finally:
        db.conn.set_trace_callback(None)
    queries = sorted({s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))})
    assert queries, "the prep lookup ran no query"
    plans = {q: [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {q}")] for q in queries}
    scans = {q: steps for q, steps in plans.items() if any(s.startswith("SCAN") for s in steps)}
    assert scans == {}, "a prep lookup query reads a whole table"
    used = {m[1] for steps in plans.values() for s in steps if (m := re.search(r"INDEX (\w+)", s))}
    assert used >= PREP_INDEXES, f"indexes used: {sorted(used)}"


@pytest.mark.slow
def test_companion_bench_reports_the_prep_lookup_figure(app_home: Path) -> None:
    """The figure as IT gets it: `companion bench --only store --json` on a 100,000-call history."""
    done = subprocess.run(
        [sys.executable, "-m", "companion", "bench", "--only", "store", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "note:" not in done.stderr, done.stderr  # nothing "not measured"
    figures = json.loads(done.stdout)
    assert {name: f["unit"] for name, f in figures.items()} == {
        "prep_lookup_ms_100k": "ms",
        "prep_lookup_median_ms_100k": "ms",
        "store_build_100k_s": "s",
    }
    p95 = figures["prep_lookup_ms_100k"]["value"]
    median = figures["prep_lookup_median_ms_100k"]["value"]
    assert 0 < median <= p95
    said = re.search(
        r"prep lookup p95 ([\d.]+) ms, median ([\d.]+) ms over 200 callers", done.stderr
    )
    assert said is not None, done.stderr
    assert float(said[1]) == pytest.approx(p95, abs=0.006)
    assert float(said[2]) == pytest.approx(median, abs=0.006)
