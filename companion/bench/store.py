"""Store figures: how fast pre-call prep is with a large call history.

Builds a database of 100,000 calls (10,000 contacts, a note per call, follow-ups on one call in
ten) in a temporary folder, then times `build_prep_checklist` — caller lookup, history, open
follow-ups and last note — for callers named by phone (several formats), customer id and name.
The figure is the 95th percentile in milliseconds; the target is ≤ 20 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from companion.bench import BenchReport, Figure
from companion.context import Context
from companion.store.phones import phone_key

CALLS = 100_000
CONTACTS = 10_000
LOOKUPS = 200


def _phone(i: int) -> str:
    return f"+44 20 7{i // 1000:03d} {i % 1000:04d}"


def build_history(
    db: Database, *, calls: int = CALLS, contacts: int = CONTACTS, seed: int = 7
) -> None:
    """Fill an empty, migrated database with a realistic call history."""
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, 8, 0)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO contacts (id, customer_id, name, email, preferences, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    i,
                    f"C-{i:05d}",
                    f"Customer {i}",
                    f"c{i}@example.com",
                    json.dumps(["prefers email"] if i % 5 == 0 else []),
                    "2024-01-01T08:00:00",
                )
                for i in range(1, contacts + 1)
            ],
        )
        db.conn.executemany(
            "INSERT INTO contact_phones (contact_id, number, phone_key) VALUES (?, ?, ?)",
            [
                (i, number, phone_key(number))
                for i, number in ((i, _phone(i)) for i in range(1, contacts + 1))
            ],
        )
        call_rows, note_rows, fu_rows = [], [], []
        for n in range(1, calls + 1):
            started = start + dt.timedelta(minutes=7 * n + rng.randint(0, 5))
            contact = rng.randint(1, contacts)
            call_rows.append(
                (
                    n,
                    contact,
                    rng.choice(("inbound", "outbound")),
                    started.isoformat(timespec="seconds"),
                    (started + dt.timedelta(minutes=6)).isoformat(timespec="seconds"),
                    "standard",
                    "resolved",
                )
            )
            note_rows.append(
                (
                    n,
                    "billing",
                    "bill higher than expected",
                    "an explanation",
                    "explained the charges",
                    "resolved",
                    '["skeptic"]',
                    rng.randint(1, 5),
                    started.isoformat(timespec="seconds"),
                    int(n % 13 == 0),
                    "walked through the bill line by line",
                )
            )
            if n % 10 == 0:
                due = (started + dt.timedelta(days=3)).date().isoformat()
                fu_rows.append(
                    (n, contact, "send the refund confirmation", "me", due, int(n % 20 == 0))
                )
        db.conn.executemany(
            "INSERT INTO calls (id, contact_id, direction, started_at, ended_at, profile, "
            "outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
            call_rows,
        )
        db.conn.executemany(
            "INSERT INTO notes (call_id, reason_category, reason_text, caller_needed, "
            "what_was_done, outcome, caller_type, difficulty, saved_at, caller_had_to_repeat, "
            "what_worked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            note_rows,
        )
        db.conn.executemany(
            "INSERT INTO follow_ups (call_id, contact_id, action, owner, due, done) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            fu_rows,
        )
    db.execute("ANALYZE")


def time_prep_lookups(db: Database, identities: list[str], *, today: dt.date) -> list[float]:
    """Milliseconds per `build_prep_checklist` call, one per identity."""
    from companion.calls.checklist_item import ChecklistItem
    from companion.calls.prep import build_prep_checklist

    items = [ChecklistItem("greet", "Greet and give your name")]
    times: list[float] = []
    for identity in identities:
        began = time.perf_counter()
        build_prep_checklist(db, identity, "inbound", items, today=today)
        times.append((time.perf_counter() - began) * 1000)
    return times


def sample_identities(count: int, contacts: int = CONTACTS, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for n in range(count):
        i = rng.randint(1, contacts)
        form = n % 4
        if form == 0:
            out.append(_phone(i))
        elif form == 1:
            out.append("0" + _phone(i)[4:].replace(" ", ""))
        elif form == 2:
            out.append(f"C-{i:05d}")
        else:
            out.append(f"customer {i}")
    return out


def measure(ctx: Context, report: BenchReport) -> dict[str, Figure]:
    from companion.store.database import open_store

    report.say(f"store: building a {CALLS:,}-call history in a temporary folder…")
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        opened = open_store(Path(tmp) / "bench.db")
        db = opened.db
        began = time.perf_counter()
        build_history(db)
        build_s = time.perf_counter() - began
        identities = sample_identities(LOOKUPS)
        time_prep_lookups(db, identities[:20], today=dt.date(2025, 6, 1))  # warm the cache
        times = sorted(time_prep_lookups(db, identities, today=dt.date(2025, 6, 1)))
        db.close()
    p95 = times[int(0.95 * (len(times) - 1))]
    report.say(
        f"store: prep lookup p95 {p95:.2f} ms, median {statistics.median(times):.2f} ms "
        f"over {len(times)} callers"
    )
    figures: dict[str, Figure] = {
        "prep_lookup_ms_100k": Figure(round(p95, 3), "ms"),
        "prep_lookup_median_ms_100k": Figure(round(statistics.median(times), 3), "ms"),
        "store_build_100k_s": Figure(round(build_s, 2), "s"),
    }
    return figures
