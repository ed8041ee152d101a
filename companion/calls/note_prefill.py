"""What the after-call form knows before the agent types: duration, timeline, checklist, words.

`prefill_note` gathers the call's facts into `NotePrefill`: the duration (and whether it ran past
the profile's target handle time, which makes the overtime reason required), the timeline of
cues and — when transcripts are stored — caller sentences to pick the pivotal moment from, the
checklist results, a few key caller sentences, and, when a boundary or escalation cue fired, a
ready-to-send abuse report for the manager. A safeguarding cue (a risk to someone's life or
safety) puts a safeguarding report first and marks the call for follow-up, so the agent leaves
the form with the report and the task to pass it on already written. Everything here is built
from stored, already redacted data, and runs `redact()` again on anything quoted, so no report
leaks a number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from companion.store.call_log import CallRecord, CheckState, CueRecord, Segment
from companion.store.contacts import Contact
from companion.store.redact import redact

ABUSE_CUE_WORDS = ("boundary", "escalat", "abuse")
SAFEGUARDING_KIND = "safeguarding"
SAFEGUARDING_FOLLOW_UP = "Safeguarding: pass the report below to your team leader today"
QUOTE_WINDOW_S = 15.0
_KEY_WORDS = re.compile(
    r"\b(need|want|again|still|third|second|problem|cancel|refund|complain\w*|promised|"
    r"nobody|never|wrong|urgent|why)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimelineEntry:
    t: float
    label: str
    source: str  # "cue:<id>" or "transcript"


@dataclass
class NotePrefill:
    duration_s: float
    ran_over: bool
    timeline: list[TimelineEntry]
    checklist: list[CheckState]
    key_sentences: list[Segment]
    abuse_report: str
    form: dict[str, Any] = field(default_factory=dict)
    first_state: dict[str, Any] = field(default_factory=dict)  # the form before any typing

    @property
    def checklist_summary(self) -> str:
        done = sum(1 for s in self.checklist if s.checked)
        missed = [s.label for s in self.checklist if not s.checked]
        text = f"{done}/{len(self.checklist)} checklist items done"
        return text + (f"; not done: {', '.join(missed)}" if missed else "")


def clock(t: float) -> str:
    seconds = max(0, round(t))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def call_duration_s(call: CallRecord) -> float:
    if not call.ended_at:
        return 0.0
    start = dt.datetime.fromisoformat(call.started_at)
    end = dt.datetime.fromisoformat(call.ended_at)
    return max(0.0, (end - start).total_seconds())


def is_abuse_cue(cue: CueRecord) -> bool:
    kind = cue.kind.lower()
    return any(word in kind for word in ABUSE_CUE_WORDS)


def key_sentences(segments: Sequence[Segment], limit: int = 3) -> list[Segment]:
    """The caller's most telling sentences (asks, repeats, complaints), in call order."""
    scored = [
        (len(_KEY_WORDS.findall(s.text)) * 5 + min(len(s.text.split()), 25), i, s)
        for i, s in enumerate(segments)
        if s.channel == "caller" and len(s.text.split()) >= 4
    ]
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]
    return [s for _, _, s in sorted(best, key=lambda x: x[1])]


def build_timeline(cues: Sequence[CueRecord], segments: Sequence[Segment]) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(c.t, f"{c.kind}: {c.message}" if c.message else c.kind, f"cue:{c.id}")
        for c in cues
    ]
    entries += [
        TimelineEntry(s.t, f"{s.channel}: {redact(s.text)}", "transcript") for s in segments
    ]
    return sorted(entries, key=lambda e: e.t)


def build_abuse_report(
    call: CallRecord,
    contact: Contact | None,
    cues: Sequence[CueRecord],
    segments: Sequence[Segment] = (),
) -> str:
    """Plain-text reports for the manager: safeguarding first, then abuse; "" when no
    safeguarding, boundary or escalation cue fired."""
    reports = [
        _report(title, fired, call, contact, segments)
        for title, fired in (
            ("Safeguarding report", [c for c in cues if c.kind == SAFEGUARDING_KIND]),
            ("Abuse report", [c for c in cues if is_abuse_cue(c)]),
        )
        if fired
    ]
    return "\n\n".join(reports)


def _report(
    title: str,
    fired: Sequence[CueRecord],
    call: CallRecord,
    contact: Contact | None,
    segments: Sequence[Segment],
) -> str:
    minutes, seconds = divmod(round(call_duration_s(call)), 60)
    who = "unknown caller"
    if contact is not None:
        who = contact.name or "caller"
        if contact.customer_id:
            who += f" (customer {contact.customer_id})"
    lines = [
        f"{title}: call {call.id} ({call.direction}), started {call.started_at}, "
        f"lasted {minutes} min {seconds} s",
        f"Caller: {who}",
        "",
        "What happened and when (time into the call):",
    ]
    lines += [f"  {clock(c.t)}  {c.kind}: {redact(c.message) or '(no detail)'}" for c in fired]
    quoted = [
        s
        for s in segments
        if s.channel == "caller" and any(abs(s.t - c.t) <= QUOTE_WINDOW_S for c in fired)
    ]
    if quoted:
        lines += ["", "What the caller said around those moments (redacted transcript):"]
        lines += [f'  {clock(s.t)}  "{redact(s.text)}"' for s in quoted]
    lines += ["", "Agent's account: "]
    return "\n".join(lines)


def prefill_note(
    call: CallRecord,
    *,
    contact: Contact | None,
    cues: Sequence[CueRecord],
    checklist: Sequence[CheckState],
    segments: Sequence[Segment] = (),
    target_handle_s: float | None = None,
) -> NotePrefill:
    """Everything the form can fill in from the call itself; `segments` is empty when
    transcripts are not stored."""
    duration = call_duration_s(call)
    report = build_abuse_report(call, contact, cues, segments)
    form: dict[str, Any] = {
        "call_id": call.id,
        "contact_id": contact.id if contact else call.contact_id,
        "direction": call.direction,
        "duration_s": duration,
        "target_handle_s": target_handle_s,
        "abuse_report": report,
        "follow_ups": [],
        "caller_type": [],
    }
    first_state: dict[str, Any] = {"abuse_report": report}
    if any(c.kind == SAFEGUARDING_KIND for c in cues):
        first_state |= {"outcome": "follow-up", "follow_ups": SAFEGUARDING_FOLLOW_UP}
    return NotePrefill(
        duration_s=duration,
        ran_over=target_handle_s is not None and duration > target_handle_s,
        timeline=build_timeline(cues, segments),
        checklist=list(checklist),
        key_sentences=key_sentences(segments),
        abuse_report=report,
        form=form,
        first_state=first_state,
    )
