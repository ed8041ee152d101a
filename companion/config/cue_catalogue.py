"""What each cue kind says by default and which thresholds it has: the cue keys' declaration.

This is the built-in wording and tuning; `companion.config.profile_keys` turns it into declared
profile keys (so the settings window and the docs list every one), and profiles override it.
Categories split a kind by cause (grief is not frustration), each with its own suggested line.
It lives in `config` because the profile keys are declared from it; the cue engine reads it
from here (`companion.cues` may import `companion.config`, never the reverse). Kinds are plain
text here; `companion.cues.cue.CueKind` is their typed list, and a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SeverityName = Literal["info", "warn", "high"]


@dataclass(frozen=True)
class Threshold:
    name: str
    default: float
    low: float
    high: float
    description: str


@dataclass(frozen=True)
class KindInfo:
    kind: str  # a `companion.cues.cue.CueKind`; a test checks the two lists agree
    severity: SeverityName
    cooldown_s: float
    message: str
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    thresholds: tuple[Threshold, ...] = ()
    phrases: bool = False  # trainers may add/remove phrases


CATALOGUE: dict[str, KindInfo] = {
    info.kind: info
    for info in (
        KindInfo(
            "safeguarding",
            "high",
            60.0,
            "Safety risk ({risk}): stay on the line, follow the protocol",
            {
                "self-harm": (
                    "Thank you for telling me. Are you safe right now? I'm staying with you.",
                ),
                "threat": (
                    "I hear how angry you are. What you said about someone getting hurt is "
                    "serious; I have to pass it on.",
                ),
                "medical": (
                    "That sounds like an emergency. Please call 999 now; I'll stay on the line.",
                ),
                "at-risk": (
                    "Thank you for telling me. Is anyone with them now? I'll make sure the "
                    "right people know today.",
                ),
                "custom": ("Are you safe right now? I'm staying on the line with you.",),
            },
            phrases=True,
        ),
        KindInfo(
            "empathy",
            "warn",
            45.0,
            "Acknowledge how they feel before solving",
            {
                "frustration": (
                    "I can hear how frustrating this has been, and I'm going to help sort it out.",
                ),
                "distress": ("That sounds really worrying. Let's take it one step at a time.",),
                "grief": ("I'm so sorry for your loss. Please take all the time you need.",),
                "hardship": (
                    "I'm sorry, that sounds really hard. Let's look at what we can do to help.",
                ),
            },
            (
                Threshold(
                    "sentiment_below",
                    -0.45,
                    -1.0,
                    0.0,
                    "Caller text whose VADER compound score is at or below this counts as "
                    "frustration even when no phrase matched.",
                ),
            ),
            phrases=True,
        ),
        KindInfo(
            "avoid-phrase",
            "warn",
            30.0,
            "You said “{heard}”",
            {
                "blame": ("I'm sorry this happened. Let's see what I can do to put it right.",),
                "order": ("It might help to try this — shall I walk you through it?",),
                "refusal": ("That isn't something I can do, but here's what I can do…",),
                "buck": ("Let me find the right team and make sure they have your details.",),
                "dont-know": ("Let me find that out for you.",),
                "custom": ("Choose words that keep the caller on side.",),
            },
            phrases=True,
        ),
        KindInfo(
            "callback",
            "info",
            120.0,
            "Caller is busy: offer to call back",
            {"busy": ("Would it be better if I called you back at a time that suits you?",)},
            phrases=True,
        ),
        KindInfo(
            "boundary",
            "high",
            60.0,
            "Caller is abusive: set a respectful boundary",
            {
                "abuse": (
                    "I want to help you, and I can do that best if we keep this "
                    "conversation respectful.",
                )
            },
            phrases=True,
        ),
        KindInfo(
            "boundary-warning",
            "high",
            60.0,
            "Abuse goes on: say calmly what happens if it continues",
            {
                "abuse": (
                    "I'd like to keep helping you, but if the language continues I will "
                    "have to end this call.",
                )
            },
        ),
        KindInfo(
            "boundary-end",
            "high",
            120.0,
            "Abuse after a warning: end the call by the protocol",
            {
                "abuse": (
                    "I'm going to end the call now because of the language used. You're "
                    "welcome to call back when you're ready. Goodbye.",
                )
            },
        ),
        KindInfo(
            "escalation",
            "high",
            120.0,
            "Escalate: follow the protocol",
            {},
            phrases=True,
        ),
        KindInfo(
            "clarify",
            "info",
            20.0,
            "Caller is confused: check understanding, simpler words",
            {"confused": ("Let me put that another way. Which part shall I go over again?",)},
            phrases=True,
        ),
        KindInfo(
            "monologue",
            "info",
            60.0,
            "You've talked a while: pause and ask a question",
            {"long": ("Does that make sense so far?",)},
            (
                Threshold(
                    "after_s",
                    30.0,
                    5.0,
                    600.0,
                    "Seconds of agent speech with no caller speech before the cue.",
                ),
            ),
        ),
        KindInfo(
            "pace",
            "info",
            90.0,
            "Slow down a little",
            {"fast": ()},
            (
                Threshold("wpm", 180.0, 80.0, 400.0, "Words per minute that count as too fast."),
                Threshold(
                    "window_s",
                    20.0,
                    5.0,
                    120.0,
                    "Seconds of recent agent speech the rate is measured over.",
                ),
                Threshold(
                    "burst_wpm",
                    200.0,
                    80.0,
                    400.0,
                    "Words per minute that count as a burst: too fast even over a short stretch.",
                ),
                Threshold(
                    "burst_s",
                    10.0,
                    4.0,
                    60.0,
                    "Seconds of recent agent speech a burst is measured over, as the agent talks.",
                ),
            ),
        ),
        KindInfo(
            "dead-air",
            "info",
            30.0,
            "Silence: check in, or say what you're doing",
            {"silence": ("I'm just checking that for you now, bear with me a moment.",)},
            (
                Threshold(
                    "after_s",
                    10.0,
                    3.0,
                    300.0,
                    "Seconds of silence on both channels before the cue.",
                ),
            ),
        ),
        KindInfo(
            "interruption",
            "warn",
            30.0,
            "Let them finish",
            {"overlap": ("Sorry — please go on.",)},
            (
                Threshold(
                    "overlap_s",
                    0.5,
                    0.1,
                    5.0,
                    "Seconds the agent must talk over the caller before the cue.",
                ),
            ),
        ),
        KindInfo(
            "pause",
            "warn",
            45.0,
            "Take a breath before you reply",
            {"instant": ()},
            (
                Threshold(
                    "min_gap_s",
                    0.3,
                    0.05,
                    3.0,
                    "Replying to an upset caller sooner than this many seconds fires.",
                ),
            ),
        ),
        KindInfo(
            "raised-voice",
            "high",
            60.0,
            "Your voice is rising: lower it a little",
            {"loud": ()},
            (
                Threshold(
                    "db_over",
                    8.0,
                    2.0,
                    30.0,
                    "dB above the agent's running median speech level that fires.",
                ),
                Threshold(
                    "baseline_s",
                    10.0,
                    2.0,
                    120.0,
                    "Seconds of agent speech needed before the baseline is trusted.",
                ),
            ),
        ),
    )
}
