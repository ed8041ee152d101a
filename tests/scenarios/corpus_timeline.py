"""The timeline of a scripted call: words with Vosk-like timings, and who spoke when.

Why a module of its own: the generator (build_corpus.py) and the label rules (corpus_labels.py)
must agree on one reading of a script. A script line is `(channel, start, text[, words/s])`;
`start` is seconds since the call started, or `"+0.8"` / `"-1.0"` relative to the end of the
previous line. `{kind}` markers in the text are kept with the number of words before them.
Timings are deterministic: each line's randomness is seeded from the scenario name.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from typing import Any, cast

from companion.cues.cue import AGENT_WORD_KINDS, CALLER_WORD_KINDS, KINDS
from companion.events import CHANNELS, Channel, Word

# the kinds as the product declares them: what a script may mark
CALLER_KINDS = set(CALLER_WORD_KINDS)
AGENT_KINDS = set(AGENT_WORD_KINDS)
ALL_KINDS = set(KINDS)
TIMING_KINDS = ALL_KINDS - CALLER_KINDS - AGENT_KINDS - {"raised-voice"}
NEEDS_CALLER = CALLER_KINDS | {"dead-air", "interruption", "pause"}
NOT_A_CUE = {"!pause"}  # marks a deliberate quick reply to a calm caller: no cue, lint quiet

DEFAULT_WPS = {"agent": 2.4, "caller": 2.5}
WORD_SLACK = 3.0  # a word cue may come this long after the trigger word ends
FINAL_DELAY = 0.3  # Vosk's final arrives ~0.3 s after the last word (VAD end of speech)
MARKER = re.compile(r"^\{(!?[a-z-]+)\}$")


class ScriptError(ValueError):
    """A script is inconsistent; the message names the scenario and the line."""


@dataclass
class Utterance:
    index: int
    channel: Channel
    words: list[Word]
    markers: list[tuple[str, int]]  # (kind, number of words before the marker)

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end

    def text(self, upto: int | None = None) -> str:
        return " ".join(w.word for w in self.words[:upto])


@dataclass
class Expect:
    cue: str
    start: float
    end: float
    note: str


@dataclass
class Built:
    name: str
    module: str
    meta: dict[str, Any]
    utterances: list[Utterance] = field(default_factory=list)
    expects: list[Expect] = field(default_factory=list)


def rng_for(name: str, index: int) -> random.Random:
    seed = hashlib.sha256(f"{name}/{index}".encode()).digest()
    return random.Random(int.from_bytes(seed[:8], "big"))


def _time_words(tokens: list[str], start: float, wps: float, rng: random.Random) -> list[Word]:
    """Word timings for `tokens` spoken from `start` at `wps` words/s over the utterance span."""
    span = len(tokens) / wps
    gaps = [round(rng.uniform(0.0, 0.15), 2) for _ in tokens[1:]]
    weights = [0.55 + 0.11 * len(tok) * rng.uniform(0.85, 1.15) for tok in tokens]
    speaking = max(span - sum(gaps), 0.08 * len(tokens))
    words, now = [], start
    for i, tok in enumerate(tokens):
        dur = max(0.08, speaking * weights[i] / sum(weights))
        begin, end = round(now, 2), round(now + dur, 2)
        words.append(Word(tok, begin, end, round(rng.uniform(0.82, 1.0), 3)))
        now = end + (gaps[i] if i < len(gaps) else 0.0)
    return words


def parse_script(name: str, module: str, meta: dict[str, Any]) -> Built:
    built = Built(name, module, meta)
    previous_end = 0.0
    for index, line in enumerate(meta["lines"]):
        channel, start, text = cast(Channel, line[0]), line[1], line[2]
        where = f"{name} line {index + 1}"
        if channel not in CHANNELS or channel not in meta.get("channels", CHANNELS):
            raise ScriptError(f"{where}: channel {channel!r} is not in this call's channels")
        at = previous_end + float(start) if isinstance(start, str) else float(start)
        wps = float(line[3]) if len(line) > 3 else DEFAULT_WPS[channel]
        tokens: list[str] = []
        markers: list[tuple[str, int]] = []
        for token in text.split():
            found = MARKER.match(token)
            if found:
                kind = found.group(1)
                if kind not in ALL_KINDS and kind not in NOT_A_CUE:
                    raise ScriptError(f"{where}: unknown cue marker {token}")
                markers.append((kind, len(tokens)))
            elif not re.fullmatch(r"[a-z']+", token):
                raise ScriptError(f"{where}: {token!r} is not how Vosk writes a word")
            else:
                tokens.append(token)
        words = _time_words(tokens, at, wps, rng_for(name, index))
        built.utterances.append(Utterance(index, channel, words, markers))
        previous_end = words[-1].end
    return built


def speech_before(built: Built, t: float, channel: str | None = None) -> float:
    """The end of the latest word (on `channel`, or any) that started before `t`."""
    ends = [
        w.end
        for u in built.utterances
        if channel in (None, u.channel)
        for w in u.words
        if w.start < t
    ]
    return max(ends, default=0.0)


def caller_at(built: Built, t: float) -> Utterance | None:
    for u in built.utterances:
        if u.channel == "caller" and u.start < t < u.end:
            return u
    return None


def agent_run_end(built: Built, first: Utterance, max_gap: float) -> float:
    """End of the agent speech run that begins with `first`: agent lines with gaps < max_gap
    and no caller word in between."""
    end = first.end
    for u in sorted(built.utterances, key=lambda u: u.start):
        if u.start <= first.start:
            continue
        if u.channel == "caller":
            if u.start < end + max_gap:
                break
            continue
        if u.start - end >= max_gap:
            break
        end = max(end, u.end)
    return end


def agent_words_in(built: Built, lo: float, hi: float) -> int:
    return sum(
        1 for u in built.utterances if u.channel == "agent" for w in u.words if lo < w.end <= hi
    )
