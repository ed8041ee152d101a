"""`pace`: the agent's words per minute over their last stretch of speech.

The rate is words divided by speaking time, walking back from the newest word until
`cues.pace.window_s` seconds of speech are covered; pauses longer than `MAX_GAP_S` (a breath, a
look at the screen) are not speaking time. It needs a full window of speech, so a quick
sentence or two never fires it. Word times come from finals; while an utterance is still a
partial its new words are placed at the partial's time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.cues.due import Due
from companion.cues.settings import CueSettings

MAX_GAP_S = 1.0
WORD_S = 0.4  # seconds per word (150 words/min, with gaps) when nothing better is known


@dataclass
class PaceRule:
    settings: CueSettings
    words: list[tuple[float, float, str]] = field(default_factory=list)  # final words
    provisional: list[tuple[float, float, str]] = field(default_factory=list)  # from partials

    def partial_words(self, since: float, t: float, new_words: list[str]) -> None:
        """Words first seen in a partial at `t`, spread over [since, t]."""
        step = max(0.05, (t - since) / max(1, len(new_words)))
        for i, word in enumerate(new_words):
            end = since + step * (i + 1)
            self.provisional.append((end - step, end, word))

    def final_words(self, words: list[tuple[float, float, str]]) -> None:
        self.provisional.clear()
        self.words.extend(words)
        self.words.sort(key=lambda w: w[1])
        del self.words[:-400]

    def rate(self) -> tuple[float, float, tuple[str, ...]] | None:
        """(words per minute, seconds of speech measured, the words) or None if too little."""
        window = self.settings.threshold("pace", "window_s")
        merged = self.words + self.provisional
        total, count, prev_start = 0.0, 0, None
        used: list[str] = []
        for start, end, word in reversed(merged):
            if prev_start is not None:
                gap = prev_start - end
                if 0 < gap <= MAX_GAP_S:
                    total += gap
            total += max(0.05, end - start)
            count += 1
            used.append(word)
            prev_start = start
            if total >= window:
                break
        if total < window or count < 8:
            return None
        return count / total * 60.0, total, tuple(reversed(used))

    def check(self, now: float) -> list[Due]:
        if not self.settings.kinds["pace"].enabled:
            return []
        measured = self.rate()
        if measured is None:
            return []
        wpm, _, used = measured
        if wpm > self.settings.threshold("pace", "wpm"):
            last_end = (self.words + self.provisional)[-1][1]
            return [Due("pace", "agent", min(now, last_end), "fast", used[-6:])]
        return []
