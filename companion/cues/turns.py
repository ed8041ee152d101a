"""Time-based cues from who is speaking when: monologue, dead-air, interruption, pause.

All four read the two channels' `Activity` and the time passed in; none needs words, so they
work on audio alone (voice frames) and on transcripts alone (word times, partial growth).
`dead-air` and `interruption` need the caller channel and stay off without it or while one of
the inputs is lost. Each fires at most once per situation (a turn, a silence, an agent onset).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.cues.activity import Activity
from companion.cues.due import Due
from companion.cues.settings import CueSettings

TURN_RESET_GAP_S = 3.0  # an agent silence this long ends a monologue turn
STILL_TALKING_S = 1.5  # the agent counts as talking if heard within this
MIN_CALLER_TURN_S = 0.25  # shorter caller blips (line noise) do not end an agent turn
CALLER_FIRST_S = 0.1  # the caller must have been talking this long before the agent starts
JUDGE_WINDOW_S = 4.0  # how long an agent onset stays open to late information (word times)


@dataclass
class UpsetSpans:
    """When the caller sounded upset: spans of caller utterances flagged by the text rules."""

    spans: list[list[float]] = field(default_factory=list)

    def mark(self, start: float, end: float) -> None:
        if self.spans and start <= self.spans[-1][1] + 0.5:
            self.spans[-1][1] = max(self.spans[-1][1], end)
            self.spans[-1][0] = min(self.spans[-1][0], start)
        else:
            self.spans.append([start, end])
        del self.spans[:-20]

    def covers(self, t: float, slack: float = 0.6) -> bool:
        return any(s - slack <= t <= e + slack for s, e in self.spans)


@dataclass
class TurnRules:
    settings: CueSettings
    agent: Activity
    caller: Activity
    has_caller: bool
    upset: UpsetSpans = field(default_factory=UpsetSpans)
    _monologue_turn: float | None = None
    _silence_fired_after: float | None = None
    _judged_interrupt: set[float] = field(default_factory=set)
    _judged_pause: set[float] = field(default_factory=set)

    def check(self, now: float) -> list[Due]:
        out: list[Due] = []
        kinds = self.settings.kinds
        if kinds["monologue"].enabled:
            out += self._monologue(now)
        caller_ok = self.has_caller and not self.agent.lost and not self.caller.lost
        if caller_ok and kinds["dead-air"].enabled:
            out += self._dead_air(now)
        if caller_ok and kinds["interruption"].enabled:
            out += self._interruption(now)
        if kinds["pause"].enabled:
            out += self._pause(now)
        return out

    def _monologue(self, now: float) -> list[Due]:
        a = self.agent
        if not a.ends or now - a.ends[-1] > STILL_TALKING_S:
            return []
        caller_last = (
            self.caller.last_end_before(now, MIN_CALLER_TURN_S) if self.has_caller else None
        )
        floor = caller_last if caller_last is not None else float("-inf")
        i = len(a.starts) - 1
        while i > 0 and a.starts[i] - a.ends[i - 1] < TURN_RESET_GAP_S and a.ends[i - 1] > floor:
            i -= 1
        turn_start = max(a.starts[i], floor)
        due = turn_start + self.settings.threshold("monologue", "after_s")
        if (
            now >= due
            and a.ends[-1] >= due - STILL_TALKING_S
            and self._monologue_turn != turn_start
        ):
            self._monologue_turn = turn_start
            return [Due("monologue", "agent", due, "long")]
        return []

    def _dead_air(self, now: float) -> list[Due]:
        ends = [e for e in (self.agent.last_end, self.caller.last_end) if e is not None]
        if not ends:
            return []  # nobody has spoken yet: the call has not really started
        last = max(ends)
        due = last + self.settings.threshold("dead-air", "after_s")
        if now >= due and self._silence_fired_after != last:
            self._silence_fired_after = last
            return [Due("dead-air", "agent", due, "silence")]
        return []

    def _interruption(self, now: float) -> list[Due]:
        need = self.settings.threshold("interruption", "overlap_s")
        out: list[Due] = []
        for start in self.agent.recent_starts(now - JUDGE_WINDOW_S - need):
            if start in self._judged_interrupt:
                continue
            caller_turn = self.caller.interval_at(start)
            if caller_turn is None or start - caller_turn[0] < CALLER_FIRST_S:
                if now - start > JUDGE_WINDOW_S:
                    self._judged_interrupt.add(start)
                continue
            if self.agent.overlap(self.caller, start, now) >= need:
                self._judged_interrupt.add(start)
                out.append(Due("interruption", "agent", min(now, start + need), "overlap"))
        self._judged_interrupt = {s for s in self._judged_interrupt if s > now - 60.0}
        return out

    def _pause(self, now: float) -> list[Due]:
        gap_limit = self.settings.threshold("pause", "min_gap_s")
        out: list[Due] = []
        for start in self.agent.recent_starts(now - JUDGE_WINDOW_S):
            if start in self._judged_pause:
                continue
            if self.caller.interval_at(start) is not None:
                self._judged_pause.add(start)  # talking over them is an interruption, not this
                continue
            caller_end = self.caller.last_end_before(start)
            quick = caller_end is not None and start - caller_end < gap_limit
            if quick and caller_end is not None and self.upset.covers(caller_end):
                self._judged_pause.add(start)
                out.append(Due("pause", "agent", start, "instant"))
            elif not quick:
                self._judged_pause.add(start)
        self._judged_pause = {s for s in self._judged_pause if s > now - 60.0}
        return out
