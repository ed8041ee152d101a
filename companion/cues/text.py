"""Text as the rules see it: `companion.text_norm`'s one spelling, with word positions.

The spelling (case, apostrophes, contractions, "[unk]") is shared with the in-call checklist and
documented in `companion/text_norm.py`; the cue patterns are written against it ("it is not my
fault" covers "it's not my fault"). `Tokens` remembers which spoken word each token came from,
so a match can name the words that triggered it and, when the recognizer gave word times, when
the last of them ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.text_norm import normalise, normalise_word

__all__ = ["Tokens", "normalise", "normalise_word"]


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
