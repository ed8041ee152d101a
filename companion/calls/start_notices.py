"""What the agent must know when a call starts, said once, when it starts.

A missing caller channel, a missing speech model or one in a language without a phrase pack,
muted cues: each silently switches cues off. Told at start-up, the agent has forgotten by the
first call (the banner sits in a collapsed panel); told in the note, it is too late. So each is
said at the start of the first call it affects, briefly, and not again in the same session
unless it changes (a notice comes back if its reason went away and returned, e.g. cues muted
again after being unmuted).

Pure: the app passes in what it knows; `StartNotices.for_call` returns the lines to show now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SpeechState = Literal["ready", "loading", "none", "other-language"]
ENGLISH = "en"
SHOW_SECONDS = 8.0


@dataclass(frozen=True)
class CallConditions:
    """What limits the cues of the call about to start."""

    caller_channel: bool
    speech: SpeechState
    muted: bool
    model_language: str = ""  # the loaded model's language code, when speech is "ready" or other


@dataclass(frozen=True)
class Notice:
    key: str
    text: str


def speech_state(language: str, packs: frozenset[str] = frozenset({ENGLISH})) -> SpeechState:
    """A loaded model as the agent should hear about it: ready when its language has a phrase
    pack (`packs`, by base language: "en-in" uses "en"), or is unknown."""
    return "ready" if not language or language.split("-")[0] in packs else "other-language"


def notices_for(conditions: CallConditions) -> list[Notice]:
    """Every condition that limits this call's cues, as one short line each."""
    found: list[Notice] = []
    if conditions.muted:
        found.append(Notice("muted", "Cues are muted for this call — Ctrl+Shift+M to unmute."))
    if not conditions.caller_channel:
        found.append(
            Notice(
                "caller",
                "No caller channel: dead-air and talking-over cues are off "
                "(Settings → Devices → Caller channel).",
            )
        )
    if conditions.speech == "none":
        found.append(
            Notice(
                "speech",
                "No speech model: only cues from the sound of the call "
                "(companion model download vosk-model-small-en-us-0.15).",
            )
        )
    elif conditions.speech == "loading":
        found.append(
            Notice("speech", "The speech model is still loading: word cues start once it is in.")
        )
    elif conditions.speech == "other-language":
        language = conditions.model_language or "in another language"
        found.append(
            Notice(
                "speech",
                f"The speech model is {language}, and word cues have no phrases in that "
                "language yet: word cues are off, cues from the sound of the call stay on "
                "(Settings → Speech model).",
            )
        )
    return found


@dataclass
class StartNotices:
    """Which notices this session has already shown, so each is said once."""

    shown: dict[str, str] = field(default_factory=dict)  # key -> the text shown

    def for_call(self, conditions: CallConditions) -> list[Notice]:
        current = notices_for(conditions)
        active = {n.key for n in current}
        for key in [k for k in self.shown if k not in active]:
            del self.shown[key]  # the reason went away: say it again if it comes back
        new = [n for n in current if self.shown.get(n.key) != n.text]
        for notice in new:
            self.shown[notice.key] = notice.text
        return new
