"""Tokens and digit runs: the common ground of every redaction rule.

A recognizer writes numbers as words ("oh seven seven double oh nine", "thirty seven seventy
five") and a person types them with separators ("0207-946 0958", "555.123.4567"), so the rules
never look at raw characters: they look at *runs*, consecutive digit units (a number, a digit
word, "double four", "seventy five") joined by spaces, '-', '(', ')', a leading '+' or "plus",
a '.' squeezed between two numbers, a spoken "dash", or a filler ("uh") between two units. "twenty
one hundred" is 2100 and "three hundred forty one" 341. A recognizer also writes a digit as a
word that sounds the same ("oh to oh seven", "ate six too"): those count only when asked for
(`homophones`), next to a digit word; the caller keeps such a run only if it is sensitive. A run
remembers how it was written (its groups and separators): that is what tells "12 03 2024" (a
date) from "020 7946 0958" (a phone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
REPEATERS = {"double": 2, "triple": 3}
_TEEN_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
TEENS = {word: str(10 + n) for n, word in enumerate(_TEEN_WORDS.split())}
TENS = {word: str(n + 2) for n, word in enumerate(_TEN_WORDS.split())}
# said inside a number without ending it: "four five three nine uh one oh four nine"
FILLERS = frozenset({"uh", "um", "er", "erm", "ah", "eh", "uhm", "hmm"})
# heard for a digit: "oh to oh seven nine for six", "ate six too"
HOMOPHONES = {"to": "2", "too": "2", "for": "4", "fore": "4", "ate": "8"}
_SPOKEN_DASHES = frozenset({"dash", "hyphen"})
_ONES = frozenset(word for word, digit in DIGIT_WORDS.items() if digit != "0")
_TOKEN = re.compile(r"(?P<num>\d+)|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)?)|(?P<punct>[^\s\w]|_)")
_JOINERS = frozenset("-()+")


class Tok(NamedTuple):
    """A number, a word or one punctuation character (a tuple: a line makes dozens of these)."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "num" | "word" | "punct"


class Unit(NamedTuple):
    """One digit group: a written number, a digit word, or "double"/"triple" and a digit."""

    first: int  # token indexes
    last: int
    digits: str
    written: bool
    heard: bool = False  # a homophone ("for") taken as a digit


@dataclass(slots=True)
class Run:
    units: list[Unit]
    plus: bool = False  # a leading '+' or "plus": an international number
    paren: bool = False
    lead: int = -1  # index of the first token of the run, '+' and '(' included
    seps: list[str] = field(default_factory=list)  # between units: "" for space, else '-', '.'

    @property
    def digits(self) -> str:
        return "".join(u.digits for u in self.units)

    @property
    def written(self) -> bool:
        return all(u.written for u in self.units)

    @property
    def heard(self) -> bool:
        return any(u.heard for u in self.units)

    @property
    def groups(self) -> list[int]:
        return [len(u.digits) for u in self.units]

    @property
    def first(self) -> int:
        return self.units[0].first

    @property
    def last(self) -> int:
        return self.units[-1].last


def tokens(text: str) -> list[Tok]:
    found: list[Tok] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        found.append(Tok(word, word.lower(), start, start + len(word), m.lastgroup or "punct"))
    return found


def unit_at(toks: list[Tok], i: int) -> Unit | None:
    """The digit group starting at token `i`, with "hundred" folded in ("twenty one hundred")."""
    unit = _plain_unit(toks, i)
    j = unit.last + 1 if unit is not None else 0
    if unit is None or unit.written or j >= len(toks) or toks[j].low != "hundred":
        return unit
    after = _plain_unit(toks, j + 1) if j + 1 < len(toks) else None
    if after is not None and len(unit.digits) == 1 and len(after.digits) == 2 and not after.written:
        return Unit(i, after.last, unit.digits + after.digits, False)  # "three hundred forty one"
    return Unit(i, j, unit.digits + "00", False)


def _plain_unit(toks: list[Tok], i: int) -> Unit | None:
    tok = toks[i]
    if tok.kind == "num":
        return Unit(i, i, tok.text, True)
    if tok.low in DIGIT_WORDS:
        return Unit(i, i, DIGIT_WORDS[tok.low], False)
    if tok.low in TEENS:
        return Unit(i, i, TEENS[tok.low], False)
    if tok.low in TENS:  # "seventy five" is 75, "forty twelve" is 40 12
        if i + 1 < len(toks) and toks[i + 1].low in _ONES:
            return Unit(i, i + 1, TENS[tok.low] + DIGIT_WORDS[toks[i + 1].low], False)
        return Unit(i, i, TENS[tok.low] + "0", False)
    if tok.low in REPEATERS and i + 1 < len(toks):
        nxt = toks[i + 1]
        digit = DIGIT_WORDS.get(nxt.low) or (
            nxt.text if nxt.kind == "num" and len(nxt.text) == 1 else None
        )
        if digit:
            return Unit(i, i + 1, digit * REPEATERS[tok.low], nxt.kind == "num")
    return None


def _tight_dot(toks: list[Tok], i: int) -> bool:
    """A '.' between two numbers with no space around it, as in 555.123.4567 (not "end. 4")."""
    if toks[i].text != "." or i == 0 or i + 1 >= len(toks):
        return False
    before, after = toks[i - 1], toks[i + 1]
    return (
        before.kind == "num"
        and after.kind == "num"
        and before.end == toks[i].start
        and toks[i].end == after.start
    )


def _heard_unit(toks: list[Tok], i: int, after_unit: bool) -> Unit | None:
    """A homophone next to a spoken digit ("oh to oh", "ate six"), as a digit."""
    digit = HOMOPHONES.get(toks[i].low)
    if digit is None:
        return None
    nxt = _plain_unit(toks, i + 1) if i + 1 < len(toks) else None
    beside = after_unit or (nxt is not None and not nxt.written)
    return Unit(i, i, digit, False, heard=True) if beside else None


def runs(toks: list[Tok], homophones: bool = False) -> list[Run]:
    """Every digit run of the text, in order (with `homophones`, "to oh for" is a run too)."""
    found: list[Run] = []
    current: Run | None = None
    lead = -1
    plus = paren = False
    sep = ""
    i = 0
    last_unit = -2
    while i < len(toks):
        unit = unit_at(toks, i)
        if unit is None and homophones:
            unit = _heard_unit(toks, i, after_unit=last_unit == i - 1)
        if unit is not None:
            last_unit = unit.last
            if current is None:
                current = Run([], plus=plus, paren=paren, lead=lead if lead >= 0 else i)
            else:
                current.seps.append(sep)
            current.units.append(unit)
            sep = ""
            i = unit.last + 1
            continue
        tok = toks[i]
        filler = current is not None and tok.low in FILLERS and i + 1 < len(toks)
        if filler and unit_at(toks, i + 1) is not None:
            i += 1
            continue
        joiner = tok.text in _JOINERS or (tok.low == "plus" and current is None)
        if current is not None and tok.low in _SPOKEN_DASHES and i + 1 < len(toks):
            joiner = unit_at(toks, i + 1) is not None
        if joiner or (current is not None and _tight_dot(toks, i)):
            if current is None:
                lead = i if lead < 0 else lead
                plus = plus or tok.text == "+" or tok.low == "plus"
                paren = paren or tok.text == "("
            else:
                current.paren = current.paren or tok.text in "()"
                sep = sep or ("-" if tok.low in _SPOKEN_DASHES else tok.text)
            i += 1
            continue
        if current is not None:
            found.append(current)
        current, lead, plus, paren, sep = None, -1, False, False, ""
        i += 1
    if current is not None:
        found.append(current)
    return found
