"""The cue engine: rules + cooldowns + budget, driven by events and a clock passed in.

`feed(event)` takes one event of `companion.events` (partials, finals, voice frames, device
events, per channel) and returns the cues it caused; `tick(now)` advances the clock and returns
the time-based cues that became due (dead air, monologue, interruption, pause, raised voice).
Live, the app calls `tick` every 50 ms with the call clock; replay calls it with a simulated
clock, so the same code gives the same cues at the same call times, only faster.

A cue that could only be shown more than `MAX_LATE_S` after it became due (for example when
word times arrive with a late final) is dropped: a late cue is a wrong cue.

Which channels exist is given up front: without the caller channel, `dead-air` and
`interruption` stay quietly off. Word cues only fire on the speaker's own channel.
"""

from __future__ import annotations

from collections.abc import Iterable

from companion.cues.activity import Activity
from companion.cues.budget import CueGate
from companion.cues.cue import (
    ABUSE_LADDER,
    AGENT_WORD_KINDS,
    CALLER_WORD_KINDS,
    NEEDS_CALLER,
    Cue,
    CueKind,
)
from companion.cues.due import Due
from companion.cues.loudness import LoudnessRule
from companion.cues.pace import WORD_S, PaceRule
from companion.cues.phrase_rules import RISK_NAMES, PhraseRules, build_patterns
from companion.cues.settings import CueSettings
from companion.cues.turns import TurnRules
from companion.events import CHANNELS, Channel, DeviceEvent, Event, Final, Partial, VoiceFrame

PRUNE_EVERY_S = 30.0
MAX_LATE_S = 3.0  # a cue that would show this long after it became due is dropped: too late


class CueEngine:
    def __init__(
        self,
        settings: CueSettings | None = None,
        channels: Iterable[Channel] = CHANNELS,
        call_id: str = "",
    ) -> None:
        self.settings = settings or CueSettings.defaults()
        self.channels = frozenset(channels)
        self.call_id = call_id
        self.activity: dict[Channel, Activity] = {"agent": Activity(), "caller": Activity()}
        self.gate = CueGate(self.settings)
        self.phrases = PhraseRules(self.settings, build_patterns(self.settings))
        self.turns = TurnRules(
            self.settings,
            self.activity["agent"],
            self.activity["caller"],
            has_caller="caller" in self.channels,
        )
        self.pace = PaceRule(self.settings)
        self.loudness = LoudnessRule(self.settings)
        self.emitted: list[Cue] = []
        self._line_turn: dict[tuple[str, str], int] = {}
        self._before_utterance: dict[Channel, tuple[list[float], list[float]]] = {}
        # seconds per word (with the gaps) of each speaker, learnt from finals; it places the
        # start of an utterance known only from its first partial
        self._word_s: dict[Channel, float] = {"agent": WORD_S, "caller": WORD_S}
        self._now = 0.0
        self._pruned = 0.0

    # -- input ---------------------------------------------------------------------------

    def feed(self, event: Event) -> list[Cue]:
        now = self._advance(event.t)
        if isinstance(event, VoiceFrame):
            self._frame(event)
            return []
        if isinstance(event, DeviceEvent):
            # lost, silent or denied: nothing usable comes in, so silence proves nothing
            self.activity[event.channel].lost = event.device != "restored"
            return []
        if isinstance(event, Partial):
            return self._emit(self._partial(event), now)
        return self._emit(self._final(event) + self.turns.check(now), now)

    def tick(self, now: float) -> list[Cue]:
        now = self._advance(now)
        if now - self._pruned > PRUNE_EVERY_S:
            self._pruned = now
            for act in self.activity.values():
                act.prune(now)
        return self._emit(self.turns.check(now) + self.loudness.check(now), now)

    # -- output --------------------------------------------------------------------------

    def on_screen(self, now: float) -> tuple[Cue, ...]:
        """The cues the overlay should show at `now` (never more than the profile allows)."""
        return self.gate.on_screen(now)

    def dismiss(self, cue_id: str) -> bool:
        """Take a cue off the screen (the agent dismissed it); True if it was showing."""
        return self.gate.dismiss(cue_id)

    # -- handlers ------------------------------------------------------------------------

    def _advance(self, t: float) -> float:
        if t > self._now:
            self._now = t
        return self._now

    def _frame(self, frame: VoiceFrame) -> None:
        act = self.activity[frame.channel]
        act.frames = True
        if frame.speech:
            act.add(frame.t, frame.t + frame.dur)
            if frame.channel == "agent":
                self.loudness.frame(frame.t, frame.dur, frame.level)

    def _partial(self, event: Partial) -> list[Due]:
        channel, t = event.channel, event.t
        utt = self.phrases.current[channel]
        if event.partial == utt.text:
            return []
        words = event.partial.split()
        grown = len(words) - utt.word_count
        if grown > 0:
            act = self.activity[channel]
            since = utt.last_growth if utt.word_count else t - self._word_s[channel] * grown
            if not act.frames:
                if not utt.word_count:
                    self._before_utterance[channel] = act.snapshot()
                act.add(since, t)
            if channel == "agent":
                self.pace.partial_words(since, t, words[-grown:])
            utt.last_growth = t
        utt.text, utt.word_count = event.partial, len(words)
        if not words:
            return []
        dues = self.phrases.check(channel, t, words, (), final=False)
        if channel == "agent" and grown > 0:
            dues += self.pace.check(t, final=False)
        self._mark_upset(channel, t)
        return dues

    def _final(self, event: Final) -> list[Due]:
        channel, t = event.channel, event.t
        times = event.result
        words = [w.word for w in times] if times else event.text.split()
        act = self.activity[channel]
        saved = self._before_utterance.pop(channel, None)
        if not act.frames:
            if saved is not None and times:
                act.restore(saved)  # exact word times replace the estimate from partials
            for w in times:
                act.add(w.start, w.end)
            if not times and words:
                act.add(t - WORD_S * min(len(words), 3), t)
        if len(times) >= 3:
            per_word = (times[-1].end - times[0].start) / len(times)
            if 0.1 < per_word < 1.5:
                self._word_s[channel] = 0.5 * self._word_s[channel] + 0.5 * per_word
        dues: list[Due] = []
        if words:
            dues = self.phrases.check(channel, t, words, times, final=True)
            self._mark_upset(channel, max([t, *(w.end for w in times)]))
        self.phrases.end_utterance(channel)
        if channel == "agent" and words:
            if times:
                self.pace.final_words([(w.start, w.end, w.word) for w in times])
            else:
                step = WORD_S
                self.pace.final_words(
                    [
                        (t - (len(words) - i) * step, t - (len(words) - i - 1) * step, w)
                        for i, w in enumerate(words)
                    ]
                )
            dues += self.pace.check(t, final=True)
        return dues

    def _mark_upset(self, channel: Channel, t: float) -> None:
        utt = self.phrases.current[channel]
        if channel == "caller" and utt.upset and utt.start is not None:
            self.turns.upset.mark(utt.start, t)

    # -- gate ------------------------------------------------------------------------------

    def _emit(self, dues: list[Due], now: float) -> list[Cue]:
        out: list[Cue] = []
        for due in dues:
            kind = due.kind
            if kind in AGENT_WORD_KINDS and due.channel != "agent":
                continue
            if kind in CALLER_WORD_KINDS and due.channel != "caller":
                continue
            if kind in NEEDS_CALLER and "caller" not in self.channels:
                continue
            ks = self.settings.kinds[kind]
            if not ks.enabled or now - due.due > MAX_LATE_S:
                continue
            admitted, replaces = self.gate.admit(kind, ks.severity, now, due.category)
            if not admitted:
                continue
            heard = " ".join(due.words)
            cue = Cue(
                id=f"{self.call_id}#{len(self.emitted) + 1}"
                if self.call_id
                else f"{len(self.emitted) + 1}",
                kind=kind,
                t=now,
                channel=due.channel,
                severity=ks.severity,
                message=ks.message.replace("{heard}", heard).replace(
                    "{risk}", RISK_NAMES.get(due.category, "risk")
                ),
                line=self._line(kind, due.category),
                words=due.words,
                due=min(due.due, now),
                replaces=replaces,
            )
            self.gate.record(cue, now, due.category)
            self.emitted.append(cue)
            out.append(cue)
            if kind in ABUSE_LADDER:
                self.phrases.abuse_step = ABUSE_LADDER.index(kind) + 1
        return out

    def _line(self, kind: CueKind, category: str) -> str:
        if kind == "safeguarding":  # the protocol shows even where suggested lines are off
            said = self._suggested(kind, category) if self.settings.show_lines else ""
            return f"{said} {self.settings.safeguarding_protocol}".strip()
        if not self.settings.show_lines:
            return ""
        if kind == "escalation":
            return self.settings.escalation_protocol
        return self._suggested(kind, category)

    def _suggested(self, kind: CueKind, category: str) -> str:
        lines = self.settings.kinds[kind].lines.get(category, ())
        if not lines:
            return ""
        turn = self._line_turn.get((kind, category), 0)
        self._line_turn[(kind, category)] = turn + 1
        return lines[turn % len(lines)]
