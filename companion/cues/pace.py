"""`pace`: the agent's words per minute over their last stretch of speech.

The rate is words divided by speaking time, walking back from the newest word until
`cues.pace.window_s` seconds of speech are covered; pauses longer than `MAX_GAP_S` (a breath, a
look at the screen) are not speaking time. It needs a full window of speech, so a quick
sentence or two never fires it. Word times come from finals; while an utterance is still a
partial its new words are placed at the partial's time.

A burst is the other way to talk too fast: a 15-second list rattled off at 240 words a minute
inside one long explanation, which the 20-second window only notices in the next one. So the
last `cues.pace.burst_s` seconds of the utterance under way are also measured, on every
partial, against the higher `cues.pace.burst_wpm`, and the cue comes while the agent is still
talking.
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
    last_final: list[tuple[float, float, str]] = field(default_factory=list)  # its words

    def partial_words(self, since: float, t: float, new_words: list[str]) -> None:
        """Words first seen in a partial at `t`, spread over [since, t]."""
        step = max(0.05, (t - since) / max(1, len(new_words)))
        for i, word in enumerate(new_words):
            end = since + step * (i + 1)
            self.provisional.append((end - step, end, word))

    def final_words(self, words: list[tuple[float, float, str]]) -> None:
        self.provisional.clear()
        self.last_final = words
        self.words.extend(words)
        self.words.sort(key=lambda w: w[1])
        del self.words[:-400]

    def rate(
        self, window: float, words: list[tuple[float, float, str]]
    ) -> tuple[float, float, tuple[str, ...]] | None:
        """(words per minute, seconds of speech measured, the words) over the last `window`
        seconds of `words`' speech, or None if there is too little."""
        total, count, prev_start = 0.0, 0, None
        used: list[str] = []
        for start, end, word in reversed(words):
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

    def check(self, now: float, *, final: bool) -> list[Due]:
        """The pace cue due at `now`: the burst rule on every partial and final, the window
        rule on finals (whose word times are exact)."""
        if not self.settings.kinds["pace"].enabled:
            return []
        rules = [("window_s", "wpm", self.words + self.provisional)] if final else []
        rules.append(("burst_s", "burst_wpm", self.last_final if final else self.provisional))
        for window, limit, words in rules:
            measured = self.rate(self.settings.threshold("pace", window), words)
            if measured is not None and measured[0] > self.settings.threshold("pace", limit):
                last_end = (self.provisional or self.words)[-1][1]  # the newest word
                return [Due("pace", "agent", min(now, last_end), "fast", measured[2][-6:])]
        return []
