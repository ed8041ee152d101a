"""Calls with their notes and follow-ups as plain records, for `companion export`.

One record per call, oldest first. JSON keeps the structure (`{"format": 1, "calls": [...]}`)
and is what a round trip reads back; CSV is one flat row per call for a spreadsheet, with list
fields joined by "; " and follow-ups written as "action (owner, due YYYY-MM-DD) [done]".
Transcripts and cue timelines are not exported: they stay on the agent's machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from typing import Any, TextIO

from sqlite_utils import Database

EXPORT_FORMAT = 1
NOTE_FIELDS = (
    "reason_category",
    "reason_text",
    "caller_needed",
    "what_was_done",
    "what_worked",
    "outcome",
    "difficulty",
    "stress",
    "felt",
    "do_differently",
    "overtime_reason",
    "abuse_report",
    "duration_s",
    "saved_at",
)
CSV_COLUMNS = (
    "call_id",
    "direction",
    "started_at",
    "ended_at",
    "profile",
    "outcome",
    "customer_id",
    "contact_name",
    "reason_category",
    "reason_text",
    "caller_needed",
    "what_was_done",
    "what_worked",
    "caller_type",
    "difficulty",
    "stress",
    "pivotal_t",
    "pivotal_label",
    "caller_had_to_repeat",
    "follow_ups",
)


def _note_record(row: dict[str, Any]) -> dict[str, Any]:
    note = {name: row[name] for name in NOTE_FIELDS}
    note["caller_type"] = json.loads(row["caller_type"] or "[]")
    note["caller_had_to_repeat"] = bool(row["caller_had_to_repeat"])
    note["preferences"] = [p for p in (row["preferences"] or "").split("; ") if p]
    note["pivotal"] = (
        {"t": row["pivotal_t"], "label": row["pivotal_label"]}
        if row["pivotal_t"] is not None
        else None
    )
    return note


def export_calls(db: Database, since: dt.date | None = None) -> list[dict[str, Any]]:
    """Every call (started on or after `since`) with its contact, note and follow-ups."""
    cutoff = since.isoformat() if since else ""
    where, params = "WHERE c.started_at >= ?", [cutoff]
    phones: dict[int, list[str]] = defaultdict(list)
    for r in db.execute("SELECT contact_id, number FROM contact_phones ORDER BY rowid"):
        phones[int(r[0])].append(r[1])
    notes = {
        r["call_id"]: _note_record(r)
        for r in db.query(
            f"SELECT n.* FROM notes n JOIN calls c ON c.id = n.call_id {where}", params
        )
    }
    follow_ups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in db.query(
        f"SELECT f.* FROM follow_ups f JOIN calls c ON c.id = f.call_id {where} ORDER BY f.id",
        params,
    ):
        follow_ups[r["call_id"]].append(
            {
                "action": r["action"],
                "owner": r["owner"],
                "due": r["due"],
                "done": bool(r["done"]),
                "done_at": r["done_at"],
            }
        )
    records: list[dict[str, Any]] = []
    for r in db.query(
        "SELECT c.*, k.customer_id, k.name AS contact_name, k.email AS contact_email "
        f"FROM calls c LEFT JOIN contacts k ON k.id = c.contact_id {where} "
        "ORDER BY c.started_at, c.id",
        params,
    ):
        contact = None
        if r["contact_id"] is not None:
            contact = {
                "customer_id": r["customer_id"],
                "name": r["contact_name"],
                "email": r["contact_email"],
                "phones": phones.get(r["contact_id"], []),
            }
        records.append(
            {
                "call_id": r["id"],
                "direction": r["direction"],
                "started_at": r["started_at"],
                "ended_at": r["ended_at"],
                "profile": r["profile"],
                "outcome": r["outcome"],
                "contact": contact,
                "note": notes.get(r["id"]),
                "follow_ups": follow_ups.get(r["id"], []),
            }
        )
    return records


def write_json(records: list[dict[str, Any]], out: TextIO) -> None:
    json.dump({"format": EXPORT_FORMAT, "calls": records}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _follow_up_text(fu: dict[str, Any]) -> str:
    extra = ", ".join(p for p in (fu["owner"], f"due {fu['due']}" if fu["due"] else "") if p)
    return f"{fu['action']}" + (f" ({extra})" if extra else "") + (" [done]" if fu["done"] else "")


def csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    note = rec["note"] or {}
    contact = rec["contact"] or {}
    pivotal = note.get("pivotal") or {}
    return {
        "call_id": rec["call_id"],
        "direction": rec["direction"],
        "started_at": rec["started_at"],
        "ended_at": rec["ended_at"] or "",
        "profile": rec["profile"],
        "outcome": rec["outcome"] or "",
        "customer_id": contact.get("customer_id") or "",
        "contact_name": contact.get("name", ""),
        "reason_category": note.get("reason_category", ""),
        "reason_text": note.get("reason_text", ""),
        "caller_needed": note.get("caller_needed", ""),
        "what_was_done": note.get("what_was_done", ""),
        "what_worked": note.get("what_worked", ""),
        "caller_type": "; ".join(note.get("caller_type", [])),
        "difficulty": note.get("difficulty") or "",
        "stress": note.get("stress") or "",
        "pivotal_t": pivotal.get("t", ""),
        "pivotal_label": pivotal.get("label", ""),
        "caller_had_to_repeat": "yes" if note.get("caller_had_to_repeat") else "",
        "follow_ups": "; ".join(_follow_up_text(f) for f in rec["follow_ups"]),
    }


def write_csv(records: list[dict[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerow(csv_row(rec))
