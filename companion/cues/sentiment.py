"""Caller frustration the phrase patterns miss, from the VADER sentiment lexicon.

VADER scores a sentence from a hand-rated lexicon with rules for negation ("not happy"),
intensifiers and "but"; it needs no model and runs in tens of microseconds, so it can score
every caller partial. The threshold is a profile key (`cues.empathy.sentiment_below`), chosen
on the scenario corpus. A text must also hold at least one strongly negative word (valence ≤ -2:
"hate", "awful", "sick"), because mild ones ("no", "delay", "lost") add up in long neutral
stories and VADER reads "no safe place" as negative. Those words are reported as the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_NEGATIVE_WORD = -2.0  # clearly loaded words ("hate", "awful"), not "no", "delay", "lost"


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True, slots=True)
class Sentiment:
    compound: float
    negative_words: tuple[str, ...]


def negative_words(tokens: list[str]) -> tuple[str, ...]:
    lexicon: dict[str, float] = _analyzer().lexicon
    return tuple(tok for tok in tokens if lexicon.get(tok, 0.0) <= _NEGATIVE_WORD)


def score(text: str) -> Sentiment:
    """VADER's compound score (-1 … 1) and the clearly negative words of `text`."""
    negatives = negative_words(text.split())
    if not negatives:
        # No negative lexicon word: VADER cannot come out clearly negative; skip the work.
        return Sentiment(0.0, ())
    compound = float(_analyzer().polarity_scores(text)["compound"])
    return Sentiment(compound, negatives)
