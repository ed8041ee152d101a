"""Every cue-profile key, declared once (type, default, description, `in_profile=True`).

Profiles (`resources/profiles/*.toml`, the user's and the team's), the IT machine overrides and
the user's own tweaks all set these keys; the settings window and the profile reference are
generated from this list. Per-kind keys are generated from `companion.config.cue_catalogue`, so
adding a cue kind adds its keys here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from companion.config.checklist_item import ChecklistItem
from companion.config.cue_catalogue import CATALOGUE, SeverityName
from companion.config.declare import Key, KeySet

PROFILE_FORMAT = 1

_COOLDOWN = Annotated[float, Field(ge=0.0, le=3600.0)]


def _profile_key(name: str, tp: Any, default: Any, description: str) -> Key:
    return Key(name, tp, default, description, in_profile=True)


def _kind_keys() -> list[Key]:
    keys: list[Key] = []
    for kind, info in CATALOGUE.items():
        base = f"cues.{kind}"
        keys += [
            _profile_key(f"{base}.enabled", bool, True, f"Show the '{kind}' cue."),
            _profile_key(
                f"{base}.severity",
                SeverityName,
                info.severity,
                f"Severity of the '{kind}' cue (info, warn, high).",
            ),
            _profile_key(
                f"{base}.cooldown_s",
                _COOLDOWN,
                info.cooldown_s,
                f"Seconds before '{kind}' may show again in the same call.",
            ),
            _profile_key(
                f"{base}.message",
                str,
                info.message,
                f"Short text of the '{kind}' cue ('{{heard}}' is what was said"
                + (", '{risk}' the kind of risk)." if kind == "safeguarding" else ")."),
            ),
        ]
        for threshold in info.thresholds:
            keys.append(
                _profile_key(
                    f"{base}.{threshold.name}",
                    Annotated[float, Field(ge=threshold.low, le=threshold.high)],
                    threshold.default,
                    f"{threshold.description} ({threshold.low:g} to {threshold.high:g})",
                )
            )
        for category, lines in info.lines.items():
            keys.append(
                _profile_key(
                    f"{base}.lines.{category}",
                    list[str],
                    list(lines),
                    f"Suggested lines for '{kind}' ({category}), used in turn.",
                )
            )
        if info.phrases:
            keys += [
                _profile_key(
                    f"{base}.add_phrases",
                    list[str],
                    [],
                    f"Extra phrases that fire '{kind}': words, '*' for up to three "
                    "words, 'a|b' for alternatives.",
                ),
                _profile_key(
                    f"{base}.remove_phrases",
                    list[str],
                    [],
                    f"Built-in '{kind}' patterns to switch off, by id or by an example "
                    "phrase they match.",
                ),
            ]
    return keys


PROFILE_KEYS = KeySet(
    (
        _profile_key("description", str, "", "One line saying who the profile is for."),
        _profile_key("cues.show_lines", bool, True, "Show a suggested line under each cue."),
        _profile_key(
            "budget.max_per_call",
            Annotated[int, Field(ge=0, le=500)],
            20,
            "Most cues shown in one call; after that the engine stays quiet.",
        ),
        _profile_key(
            "budget.max_on_screen",
            Annotated[int, Field(ge=1, le=2)],
            2,
            "Most cues on screen at once (1 or 2).",
        ),
        _profile_key(
            "budget.show_s",
            Annotated[float, Field(ge=2.0, le=120.0)],
            8.0,
            "Seconds a cue stays on screen unless dismissed.",
        ),
        _profile_key(
            "budget.min_gap_s",
            Annotated[float, Field(ge=0.0, le=120.0)],
            3.0,
            "Seconds after any cue before an 'info' cue may show (warn and high are exempt).",
        ),
        _profile_key(
            "budget.min_severity",
            SeverityName,
            "info",
            "Cues below this severity are not shown (veterans: 'high').",
        ),
        *_kind_keys(),
        _profile_key(
            "escalation.protocol",
            str,
            "Tell the caller you'll bring in a supervisor, put them on hold with "
            "permission, and brief the supervisor before transferring.",
            "The escalation protocol shown with the 'escalation' cue.",
        ),
        _profile_key(
            "safeguarding.protocol",
            str,
            "Stay on the line. Alert your team leader now. If a life is at risk, 999 first. "
            "Note exactly what was said.",
            "What to do when the 'safeguarding' cue fires (who to alert, stay on the line), "
            "shown under its line. IT can lock it in the machine config.",
        ),
        _profile_key(
            "checklist.in_call",
            list[ChecklistItem],
            [],
            "In-call checklist items ([[checklist.in_call]] id, label, phrases).",
        ),
        _profile_key(
            "checklist.prep_inbound",
            list[ChecklistItem],
            [],
            "Prep items before an inbound call ([[checklist.prep_inbound]] id, label).",
        ),
        _profile_key(
            "checklist.prep_outbound",
            list[ChecklistItem],
            [],
            "Prep items before an outbound call ([[checklist.prep_outbound]] id, label).",
        ),
        _profile_key("note.reasons", list[str], [], "Reason categories offered in the call note."),
        _profile_key(
            "call.target_handle_time_s",
            Annotated[int, Field(ge=30, le=14400)],
            360,
            "Target handle time in seconds, shown as a gentle timer.",
        ),
    )
)

CHECKLIST_KEYS = ("checklist.in_call", "checklist.prep_inbound", "checklist.prep_outbound")
