"""Numbers said in pieces: read-backs, corrections, false starts and interjections.

People rarely say a long number in one breath. They read it back ("… so that's six two double
five …"), correct a digit or two ("… oh six four sorry … oh four six"), start again ("four four
eight five two eight six no sorry four four eight five two eight three …"), fix the tail ("…
seven one two no sorry seven two one") or stop in the middle ("oh one three one four nine six
hang on let me check on my phone oh seven double one"). Judged one at a time, each piece is
too short or unnamed; judged with the run it belongs to, it is part of an identifier. So once
every run has been judged alone (redact_numbers), a run that is still unmasked takes the kind
of a masked run it repeats, corrects or continues, and two runs split by a short interjection
are judged joined (spoken runs only: a typed note has no "hang on"). A piece is never stored:
masking a reference number that happened to share digits with a card is the cheaper mistake.
"""

from __future__ import annotations

from collections.abc import Callable

from companion.store.redact_context import kind_at
from companion.store.redact_tokens import FILLERS, Run, Tok

Kinds = list[str | None]
_MIN_PIECE = 3  # digits: fewer is a count or a time, not part of a number
_MIN_TAIL = 2  # "… no sorry seven two": a corrected tail may be short
_MIN_CORRECTED = 6  # a corrected number differs in at most two digits
_MAX_CHANGED = 2
_FALSE_START = 4  # digits a false start shares with the number said after it
_INTERJECTION = 12  # words between two pieces of one number: "hang on let me find the letter"
_CORRECTION_WORDS = "no sorry i mean wait actually correction not that's it's its it is oops , . -"
_CORRECTIONS = frozenset(_CORRECTION_WORDS.split(" ")) | FILLERS
_MAX_CORRECTION_WORDS = 4


def _repeats(piece: str, number: str) -> bool:
    """`piece` is `number` read back, corrected in a digit or two, or a false start of it."""
    if piece == number:
        return True
    if len(piece) == len(number) >= _MIN_CORRECTED:
        return sum(a != b for a, b in zip(piece, number, strict=True)) <= _MAX_CHANGED
    shared = next(
        (n for n, (a, b) in enumerate(zip(piece, number, strict=False)) if a != b), len(piece)
    )
    return len(piece) < len(number) and shared >= max(_FALSE_START, len(piece) - 2)


def _only(toks: list[Tok], start: int, end: int, words: frozenset[str], limit: int) -> bool:
    between = toks[start:end]
    return len(between) <= limit and all(t.low in words for t in between)


def _gap_kinds(toks: list[Tok], start: int, end: int) -> set[str] | None:
    """What the words between two runs name, or None if they are too many to be an aside."""
    if sum(t.kind == "word" for t in toks[start:end]) > _INTERJECTION:
        return None
    return {kind for k in range(start, end) if (kind := kind_at(toks, k)[0]) is not None}


def pieced_kinds(
    toks: list[Tok], found: list[Run], kinds: Kinds, judge: Callable[[Run], str | None]
) -> dict[int, str]:
    """Kinds for runs in `found` that are unmasked alone (`kinds[i]` is None) but are pieces of
    a masked number; `judge` gives the kind of a run on its own (None: harmless)."""
    new: dict[int, str] = {}
    for i, run in enumerate(found):
        if kinds[i] is not None or len(run.digits) < _MIN_TAIL:
            continue
        prev = kinds[i - 1] if i > 0 else None
        if prev is not None and len(run.digits) <= len(found[i - 1].digits):
            gap = (found[i - 1].last + 1, run.first)
            if _only(toks, *gap, _CORRECTIONS, _MAX_CORRECTION_WORDS) and gap[0] < gap[1]:
                new[i] = prev  # "… seven one two no sorry seven two one"
                continue
        if len(run.digits) < _MIN_PIECE:
            continue
        for j, other in enumerate(found):
            kind = kinds[j]
            if kind is not None and j != i and _repeats(run.digits, other.digits):
                new[i] = kind
                break
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if kinds[i] or i in new or kinds[i + 1] or min(len(a.digits), len(b.digits)) < _MIN_PIECE:
            continue
        if a.written or b.written:  # asides are spoken; typed numbers are typed whole
            continue
        named = _gap_kinds(toks, a.last + 1, b.first)
        if named is None:
            continue
        joined = Run(a.units + b.units, a.plus, a.paren, a.lead, [*a.seps, "", *b.seps])
        kind = judge(joined)
        if kind is not None and kind != "ssn" and named <= {kind}:
            new[i] = new[i + 1] = kind
    return new
