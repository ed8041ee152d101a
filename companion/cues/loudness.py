"""`raised-voice`: the agent's level well above their own running median in this call.

Audio only (voice frames on the agent channel); words are not needed. The baseline is the median
level of every agent speech frame so far, kept in a 0.5 dB histogram so it costs the same at
minute 1 and minute 60. The current level is the median of the last second of speech frames, so
one loud syllable or a cough does not fire. Nothing fires until `baseline_s` seconds of speech
have been heard.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from companion.cues.due import Due
from companion.cues.settings import CueSettings

_LOW_DB, _HIGH_DB, _STEP = -100.0, 0.0, 0.5
_BINS = int((_HIGH_DB - _LOW_DB) / _STEP) + 1
RECENT_S = 1.0
MIN_RECENT_S = 0.5


def _bin(level: float) -> int:
    return min(_BINS - 1, max(0, int((level - _LOW_DB) / _STEP)))


@dataclass
class LoudnessRule:
    settings: CueSettings
    histogram: list[int] = field(default_factory=lambda: [0] * _BINS)
    speech_s: float = 0.0
    frames: int = 0
    recent: deque[tuple[float, float, float]] = field(default_factory=deque)  # t, dur, level
    recent_s: float = 0.0
    _median: float | None = None
    _loud: bool = False  # fired for this loud stretch; re-armed when the level drops

    def frame(self, t: float, dur: float, level: float) -> None:
        self.histogram[_bin(level)] += 1
        self.frames += 1
        self.speech_s += dur
        self.recent.append((t, dur, level))
        self.recent_s += dur
        if self.frames % 25 == 1:
            self._median = None  # recomputed lazily, at most twice a second of speech

    def baseline(self) -> float | None:
        if self.speech_s < self.settings.threshold("raised-voice", "baseline_s"):
            return None
        if self._median is None:
            half, seen = self.frames / 2.0, 0
            for index, count in enumerate(self.histogram):
                seen += count
                if seen >= half:
                    self._median = _LOW_DB + index * _STEP
                    break
        return self._median

    def check(self, now: float) -> list[Due]:
        if not self.settings.kinds["raised-voice"].enabled:
            return []
        while self.recent and self.recent[0][0] < now - RECENT_S:
            self.recent_s -= self.recent.popleft()[1]
        if self.recent_s < MIN_RECENT_S:
            self._loud = False
            return []
        base = self.baseline()
        if base is None:
            self._loud = False
            return []
        levels = sorted(level for _, _, level in self.recent)
        current = levels[len(levels) // 2]
        if current >= base + self.settings.threshold("raised-voice", "db_over"):
            if not self._loud:
                self._loud = True
                return [Due("raised-voice", "agent", now, "loud")]
            return []
        self._loud = False
        return []
