"""The after-call note: what the next call's prep reads, so the caller never repeats their story.

`CallNote` is the structured note (pydantic, so each field is checked with a clear message).
`check_note(data, reasons=…)` is what the form calls on every save attempt: it returns the note
or a mapping field → one-line message, including the rules that join fields:
- the reason category must be one of the profile's `note.reasons` (when the profile has some);
- outcome "follow-up" or "call back" needs at least one follow-up;
- an overtime reason is required only when the call ran past the profile's target handle time.
`caller_had_to_repeat` is the field prep turns into "read the summary first" next time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Outcome = Literal["resolved", "follow-up", "escalated", "call back", "unresolved"]
OUTCOMES: tuple[str, ...] = get_args(Outcome)
CALLER_TYPES: tuple[str, ...] = (
    "complainer",
    "skeptic",
    "rambler",
    "distracted",
    "upsetting story",
    "abusive",
    "confused",
    "in a hurry",
    "friendly",
    "other",
)
Scale = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, Field(max_length=4000)]


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: Annotated[str, Field(min_length=1, max_length=500)]
    owner: Annotated[str, Field(max_length=100)] = "me"
    due: dt.date | None = None


class PivotalMoment(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    t: Annotated[float, Field(ge=0.0)]
    label: Annotated[str, Field(min_length=1, max_length=300)]


class CallNote(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    call_id: int
    contact_id: int | None = None
    direction: Literal["inbound", "outbound"]
    reason_category: Annotated[str, Field(max_length=100)] = ""
    reason_text: Text = ""
    caller_needed: Annotated[str, Field(min_length=1, max_length=4000)]
    what_was_done: Annotated[str, Field(min_length=1, max_length=4000)]
    what_worked: Text = ""
    outcome: Outcome
    follow_ups: list[FollowUpIn] = Field(default_factory=list)
    caller_type: list[str] = Field(default_factory=list)
    difficulty: Scale
    pivotal: PivotalMoment | None = None
    stress: Scale | None = None
    felt: Text = ""
    do_differently: Text = ""
    caller_had_to_repeat: bool = False
    preferences: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list)
    duration_s: Annotated[float, Field(ge=0.0)] = 0.0
    target_handle_s: Annotated[float, Field(gt=0.0)] | None = None
    overtime_reason: Text = ""
    abuse_report: Annotated[str, Field(max_length=20000)] = ""

    @field_validator("caller_type")
    @classmethod
    def _known_caller_types(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in CALLER_TYPES]
        if unknown:
            raise ValueError(
                f"unknown caller type {unknown[0]!r}; pick from " + ", ".join(CALLER_TYPES)
            )
        return value

    @property
    def ran_over(self) -> bool:
        return self.target_handle_s is not None and self.duration_s > self.target_handle_s

    def joined_problems(self, reasons: Sequence[str] = ()) -> dict[str, str]:
        """Rules that involve more than one field, as field → message."""
        problems: dict[str, str] = {}
        if reasons and self.reason_category not in reasons:
            problems["reason_category"] = "pick a reason from the list: " + ", ".join(reasons)
        if self.outcome in ("follow-up", "call back") and not self.follow_ups:
            problems["follow_ups"] = f"outcome '{self.outcome}' needs at least one follow-up"
        if self.ran_over and not self.overtime_reason:
            minutes = (self.target_handle_s or 0) / 60
            problems["overtime_reason"] = (
                f"the call ran past the {minutes:g}-minute target; say briefly why"
            )
        return problems


@dataclass
class NoteCheck:
    note: CallNote | None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.note is not None and not self.errors


def _field_name(loc: Sequence[Any]) -> str:
    return ".".join(str(p) for p in loc) or "note"


def check_note(data: Mapping[str, Any], *, reasons: Sequence[str] = ()) -> NoteCheck:
    """Validate form data; every problem is keyed by field with a message an agent understands."""
    try:
        note = CallNote.model_validate(dict(data))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            name = _field_name(err.get("loc", ()))
            message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
            if err.get("type") == "missing":
                message = "required"
            errors.setdefault(name, message)
        return NoteCheck(None, errors)
    problems = note.joined_problems(reasons)
    return NoteCheck(None if problems else note, problems)
