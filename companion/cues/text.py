"""Text as the rules see it: lower case, contractions expanded, punctuation gone.

Vosk writes "it's" and "don't"; trainers write "it is" or "don’t". Both become "it is" / "do
not", so one pattern covers every spelling. `Tokens` remembers which spoken word each token came
from, so a match can name the words that triggered it and, when the recognizer gave word times,
when the last of them ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_KEEP = re.compile(r"[^a-z0-9' ]+")
_WHOLE = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "ain't": "is not",
    "shan't": "shall not",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "dunno": "do not know",
    "im": "i am",
    "dont": "do not",
    "cant": "can not",
    "wont": "will not",
    "didnt": "did not",
    "doesnt": "does not",
    "isnt": "is not",
    "thats": "that is",
    "whats": "what is",
    "youre": "you are",
}
_SUFFIXES = (
    ("n't", " not"),
    ("'re", " are"),
    ("'m", " am"),
    ("'ll", " will"),
    ("'ve", " have"),
    ("'d", " would"),
    ("'s", " is"),
)


def normalise_word(raw: str) -> list[str]:
    """One spoken word as zero or more tokens ("don't" → ["do", "not"])."""
    word = _KEEP.sub(" ", raw.lower().translate(_APOSTROPHES)).strip()
    out: list[str] = []
    for part in word.split():
        part = part.strip("'")
        if not part:
            continue
        if part in _WHOLE:
            out.extend(_WHOLE[part].split())
            continue
        for suffix, expansion in _SUFFIXES:
            if part.endswith(suffix) and len(part) > len(suffix):
                out.extend((part[: -len(suffix)] + expansion).split())
                break
        else:
            out.append(part.replace("'", ""))
    return out


def normalise(text: str) -> str:
    return " ".join(tok for raw in text.split() for tok in normalise_word(raw))


@dataclass(frozen=True, slots=True)
class Tokens:
    """Normalised text of one utterance and, per token, the index of the spoken word."""

    text: str
    raw: tuple[str, ...]
    token_word: tuple[int, ...]
    token_start: tuple[int, ...]

    @classmethod
    def from_words(cls, words: list[str] | tuple[str, ...]) -> Tokens:
        tokens: list[str] = []
        token_word: list[int] = []
        token_start: list[int] = []
        offset = 0
        for index, raw in enumerate(words):
            for tok in normalise_word(raw):
                tokens.append(tok)
                token_word.append(index)
                token_start.append(offset)
                offset += len(tok) + 1
        return cls(" ".join(tokens), tuple(words), tuple(token_word), tuple(token_start))

    @property
    def count(self) -> int:
        return len(self.token_word)

    def token_at(self, char: int) -> int:
        """The index of the token that holds character `char` of `text`."""
        lo, hi = 0, len(self.token_start) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.token_start[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def words_of(self, start: int, end: int) -> tuple[int, int]:
        """Spoken-word index range [first, last] covering text characters [start, end)."""
        first = self.token_word[self.token_at(start)]
        last = self.token_word[self.token_at(max(start, end - 1))]
        return first, last

    def tokens_after(self, end: int) -> int:
        """How many tokens follow character `end` of `text`."""
        if not self.token_start:
            return 0
        return self.count - 1 - self.token_at(max(0, end - 1))
