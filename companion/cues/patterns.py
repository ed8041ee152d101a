"""Phrase patterns with negation and scope, matched on normalised text (see `text.py`).

Real callers never say a listed phrase word for word, so a pattern is a regular expression over
normalised tokens (`companion.text_norm`'s spelling), read in that spelling's slots: a literal
"is", "has" or a noun's "s" accepts all three, and "would" accepts "had", because "it's", "the
bill's" and "i'd" do not say which they were. Two guards keep a pattern from firing out of
context:

- `unless_before`: a regex tested against the text just before the match ("not" in "I am not
  upset" keeps "upset" quiet);
- `unless_after`: a regex tested against the text right after it ("I don't know *if you've
  seen*…" is not an "I don't know" answer; "we can't do that *but what I can do*…" is not a flat
  refusal). Such a pattern waits for `lookahead` more tokens (or the final) before it fires, so
  the continuation can still clear it;
- `wait_for_final`: a regex tested against the text right after the match; when it matches, the
  pattern is decided on the final only ("I don't know *why*…" may end "…but I'll find out").

Trainers add phrases in profiles in a plain syntax: words, `*` for up to three any words, and
`a|b` for alternative single words ("call|ring me back").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from companion.cues.text import Tokens
from companion.text_norm import SLOT_WORDS, normalise, slot_alternatives

_SLOT_WORD = re.compile(rf"(?<![\w\\])(?:{'|'.join(SLOT_WORDS)})(?!\w)")


def in_slots(regex: str) -> str:
    """`regex` with each whole slot word accepting its slot-mates ("has" → "(?:has|is|s)")."""
    return _SLOT_WORD.sub(lambda m: "(?:" + "|".join(slot_alternatives(m[0])) + ")", regex)


def _compile(regex: str | None) -> re.Pattern[str] | None:
    return re.compile(in_slots(regex)) if regex else None


def _bounded(body: str) -> str:
    return rf"(?<!\w)(?:{in_slots(body)})(?!\w)"


@dataclass(frozen=True)
class Pattern:
    id: str
    category: str
    regex: str
    lookahead: int = 0
    unless_before: str | None = None
    unless_after: str | None = None
    wait_for_final: str | None = None
    example: str = ""
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    before: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    after: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    wait: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(_bounded(self.regex)))
        object.__setattr__(self, "before", _compile(self.unless_before))
        object.__setattr__(self, "after", _compile(self.unless_after))
        object.__setattr__(self, "wait", _compile(self.wait_for_final))


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    start: int
    end: int


def phrase_regex(phrase: str) -> str:
    """A trainer's plain phrase as a regex body: words, `*` (≤ 3 words), `a|b` alternatives."""
    parts: list[str] = []
    words = phrase.split()
    while words and words[-1] == "*":
        words.pop()
    for raw in words:
        if raw == "*":
            if parts:
                parts.append(r"(?:\w+ ){0,3}")
            continue
        options = [normalise(opt) for opt in raw.split("|")]
        options = [re.escape(opt) for opt in options if opt]
        if options:
            parts.append("(?:" + "|".join(options) + ") ")
    return "".join(parts).rstrip(" ") or "(?!)"


def phrase_pattern(phrase: str, category: str, index: int) -> Pattern:
    return Pattern(f"{category}-{index}", category, phrase_regex(phrase), example=phrase)


class PatternSet:
    """Patterns of one cue kind, with a combined pre-check so most texts cost one search."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns = tuple(patterns)
        bodies = "|".join(f"(?:{p.regex})" for p in self.patterns) or "(?!)"
        self._any = re.compile(_bounded(bodies))

    def without(self, phrases: Iterable[str]) -> PatternSet:
        """Drop built-in patterns named by id, or that match one of `phrases`."""
        drop = [p for p in phrases if p.strip()]
        keep = [
            p
            for p in self.patterns
            if p.id not in drop and not any(p.compiled.search(normalise(d)) for d in drop)
        ]
        return PatternSet(keep)

    def plus(self, more: Iterable[Pattern]) -> PatternSet:
        return PatternSet((*self.patterns, *more))

    def matches(self, tokens: Tokens, *, final: bool) -> Iterator[Match]:
        """Matches whose guards pass; a guarded match waits for its lookahead unless `final`."""
        text = tokens.text
        if not text or not self._any.search(text):
            return
        for pattern in self.patterns:
            for found in pattern.compiled.finditer(text):
                start, end = found.span()
                if pattern.before is not None and pattern.before.search(
                    text[max(0, start - 40) : start].rstrip()
                ):
                    continue
                if not final and pattern.lookahead and tokens.tokens_after(end) < pattern.lookahead:
                    continue
                if not final and pattern.wait is not None and pattern.wait.match(text[end:]):
                    continue
                if pattern.after is not None and pattern.after.match(text[end:]):
                    continue
                yield Match(pattern, start, end)
