"""The store bench measures real lookups: every sampled caller resolves to a contact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from companion.bench import BenchReport
from companion.bench.store import build_history, measure, sample_identities, time_prep_lookups
from companion.calls.prep import build_prep_checklist
from companion.context import build_context


def test_bench_history_and_identities_match(db: Database) -> None:
    build_history(db, calls=3_000, contacts=200)
    identities = sample_identities(40, contacts=200)
    for identity in identities:
        prep = build_prep_checklist(db, identity, "inbound", [], today=dt.date(2024, 1, 20))
        assert prep.contact is not None, identity
        assert any(item.kind == "last_call" for item in prep.items)
    times = time_prep_lookups(db, identities, today=dt.date(2024, 1, 20))
    assert len(times) == 40 and all(t > 0 for t in times)


def test_bench_reports_the_registered_figure(app_home: Path) -> None:
    lines: list[str] = []
    figures = measure(build_context(), BenchReport(say=lines.append))
    assert figures["prep_lookup_ms_100k"].unit == "ms"
    assert figures["prep_lookup_ms_100k"].value > 0
    assert any("prep lookup p95" in line for line in lines)
