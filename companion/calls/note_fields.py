"""Form text ↔ note data: the few conversions the note form needs, kept out of the widget.

Follow-ups are typed one per line, keyboard-first: `send refund confirmation by 2024-06-03
@billing` (the date and owner are optional; the owner defaults to "me"). Preferences are typed
separated by `;` or `,`.
"""

from __future__ import annotations

import re
from typing import Any

TEXT_FIELDS = (  # the form's free-text boxes, by note key
    "reason_text",
    "caller_needed",
    "what_was_done",
    "what_worked",
    "felt",
    "do_differently",
    "overtime_reason",
    "follow_ups",
    "preferences",
    "abuse_report",
)
_DUE = re.compile(r"\s+by\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_OWNER = re.compile(r"\s+@(\S+)")


def parse_follow_ups(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-•* ").strip()
        if not line:
            continue
        entry: dict[str, Any] = {}
        due = _DUE.search(line)
        if due:
            entry["due"] = due.group(1)
            line = (line[: due.start()] + line[due.end() :]).strip()
        owner = _OWNER.search(" " + line)
        if owner:
            entry["owner"] = owner.group(1)
            line = (" " + line).replace(owner.group(0), "", 1).strip()
        entry["action"] = line
        out.append(entry)
    return out


def parse_list(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,\n]", text) if p.strip()]


def note_data(form: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The `check_note` input: the prefilled facts (`base`) plus what the agent typed."""
    data = dict(base)
    for key in ("reason_category", *TEXT_FIELDS):  # follow_ups/preferences parsed below
        data[key] = str(form.get(key, ""))
    data["outcome"] = form.get("outcome") or None
    data["difficulty"] = form.get("difficulty") or None
    stress = form.get("stress")
    data["stress"] = stress if stress else None
    data["caller_type"] = list(form.get("caller_type", []))
    data["caller_had_to_repeat"] = bool(form.get("caller_had_to_repeat", False))
    data["follow_ups"] = parse_follow_ups(str(form.get("follow_ups", "")))
    data["preferences"] = parse_list(str(form.get("preferences", "")))
    pivotal = form.get("pivotal")
    data["pivotal"] = pivotal if isinstance(pivotal, dict) and pivotal.get("label") else None
    for required in ("caller_needed", "what_was_done"):
        if not data[required].strip():
            data.pop(required)  # reported as "required", not as a length rule
    if data.get("outcome") is None:
        data.pop("outcome")
    if data.get("difficulty") is None:
        data.pop("difficulty")
    return data
