"""Caller frustration the phrase patterns miss, from the VADER sentiment lexicon.

VADER scores a sentence from a hand-rated lexicon with rules for negation ("not happy"),
intensifiers and "but"; it needs no model and runs in tens of microseconds, so it can score
every caller partial. The threshold is a profile key (`cues.empathy.sentiment_below`), chosen
on the scenario corpus. A text must also hold at least one strongly negative word (valence ≤ -2:
"hate", "awful", "sick"), because mild ones ("no", "delay", "lost") add up in long neutral
stories and VADER reads "no safe place" as negative. Those words are reported as the trigger.
A few loaded words also name plain facts right after an article ("the wrong day", "a broken
link", "the dead battery"); used that way they carry no feeling and are not counted. Nor do
figures of speech, which the caller's text has lost before it is scored (the phrase pack's
`figures_of_speech`: "this app is killing me", "my phone died", "I nearly died laughing"). A
loaded word right after "you" ("you pathetic little…") is an insult on its way, which the
boundary patterns judge, not a feeling.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_NEGATIVE_WORD = -2.0  # clearly loaded words ("hate", "awful"), not "no", "delay", "lost"
_FACTUAL_AFTER_ARTICLE = frozenset({"wrong", "broken", "dead", "failed"})
_ARTICLES = frozenset({"the", "a", "an"})


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True, slots=True)
class Sentiment:
    compound: float
    negative_words: tuple[str, ...]


def negative_words(tokens: list[str]) -> tuple[str, ...]:
    lexicon: dict[str, float] = _analyzer().lexicon
    return tuple(
        tok
        for i, tok in enumerate(tokens)
        if lexicon.get(tok, 0.0) <= _NEGATIVE_WORD
        and not (tok in _FACTUAL_AFTER_ARTICLE and i > 0 and tokens[i - 1] in _ARTICLES)
        and "you" not in tokens[max(0, i - 2) : i]  # "you pathetic…": an insult, a boundary
    )


def score(text: str) -> Sentiment:
    """VADER's compound score (-1 … 1) and the clearly negative words of `text`."""
    negatives = negative_words(text.split())
    if not negatives:
        # No negative lexicon word: VADER cannot come out clearly negative; skip the work.
        return Sentiment(0.0, ())
    compound = float(_analyzer().polarity_scores(text)["compound"])
    return Sentiment(compound, negatives)
