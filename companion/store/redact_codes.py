"""Letters-and-digits identifiers: IBANs and UK National Insurance numbers, written or spelled.

Written, they are found by shape ("GB82 WEST 1234 5698 7654 32", "QQ 12 34 56 C") and kept
only if they validate (IBAN check digits; NI letter rules), so a reference such as "AB12 3456"
passes. Spoken, a recognizer spells them out: "g b eight two w e s t one two …", "a b one two
three four five six c"; the same checks apply to what the letters and digits spell. After
"iban" or "national insurance" the shape alone is enough: a misheard letter must not let the
rest through.
"""

from __future__ import annotations

import re

from companion.store.redact_checks import iban_valid, ni_valid
from companion.store.redact_context import kinds_before
from companion.store.redact_tokens import FILLERS, Tok, unit_at

Span = tuple[int, int, str]
_WRITTEN_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){8,40}")
_IBAN_GROUP_END = re.compile(r"[A-Za-z0-9](?=[ -]|$)|[A-Za-z](?=\d)|\d(?=[A-Za-z])")
_WRITTEN_NI = re.compile(r"\b[A-Za-z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}(?:[ -]?[A-Da-d])?\b")
_MAX_IBAN = 34
_BANK_WORD = 4  # a bank code may be said as a word: "g b eighty two west one two …"
# the spelling alphabet callers use for letters: "november lima nine one alpha bravo …"
_SPELLING_WORDS = (
    "alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima "
    "mike november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray "
    "yankee zulu"
)
_SPELLING = {word: word[0].upper() for word in _SPELLING_WORDS.split()}


def _compact(text: str) -> str:
    return re.sub(r"[ -]", "", text).upper()


def _written_iban_spans(text: str, toks: list[Tok]) -> list[Span]:
    spans: list[Span] = []
    for m in _WRITTEN_IBAN.finditer(text):
        chunk = m.group()
        ends = sorted({g.end() for g in _IBAN_GROUP_END.finditer(chunk)}, reverse=True)
        for end in ends:
            if iban_valid(_compact(chunk[:end])):
                spans.append((m.start(), m.start() + end, "iban"))
                break
        else:
            if "iban" in kinds_before(toks, _first_at(toks, m.start())):
                end = next((e for e in ends if len(_compact(chunk[:e])) <= _MAX_IBAN), 0)
                if end:
                    spans.append((m.start(), m.start() + end, "iban"))
    return spans


def _first_at(toks: list[Tok], start: int) -> int:
    """Index of the first token at or after character `start`."""
    return next((i for i, t in enumerate(toks) if t.start >= start), len(toks))


def _letter(tok: Tok) -> str | None:
    if tok.kind == "word" and len(tok.text) == 1:
        return tok.text.upper()
    return _SPELLING.get(tok.low)


def _spelled(toks: list[Tok], i: int, limit: int) -> list[tuple[int, str]]:
    """(last token, characters so far) after each spelled item from token `i` on.

    "o" between two letters is the letter ("l o y d"); elsewhere it is zero.
    """
    steps: list[tuple[int, str]] = []
    chars = ""
    k = i
    while k < len(toks) and len(chars) < limit:
        tok = toks[k]
        letter_o = (
            tok.low == "o"
            and chars[-1:].isalpha()
            and k + 1 < len(toks)
            and _letter(toks[k + 1]) is not None
        )
        unit = None if letter_o else unit_at(toks, k)
        if unit is not None:
            chars += unit.digits
            k = unit.last
        elif _letter(tok):
            chars += _letter(tok) or ""
        elif tok.low in FILLERS:
            k += 1
            continue
        elif steps and len(tok.low) <= _BANK_WORD and tok.low.isascii() and tok.low.isalpha():
            chars += tok.text.upper()
        else:
            break
        steps.append((k, chars))
        k += 1
    return steps


def _spelled_starts(toks: list[Tok]) -> list[int]:
    """Where two spelled letters are followed by a digit: where an IBAN or NI number may start."""
    letters = [_letter(t) is not None for t in toks]
    return [
        i
        for i in range(len(toks) - 2)
        if letters[i] and letters[i + 1] and unit_at(toks, i + 2) is not None
    ]


def _spoken_iban_spans(toks: list[Tok], starts: list[int]) -> list[Span]:
    spans: list[Span] = []
    done = -1
    for i in starts:
        if i <= done:
            continue
        first, second = _letter(toks[i]) or "", _letter(toks[i + 1]) or ""
        steps = _spelled(toks, i + 2, _MAX_IBAN - 2)
        found = next(
            (k for k, chars in reversed(steps) if iban_valid(first + second + chars)), None
        )
        if found is None and "iban" in kinds_before(toks, i):
            digits = [k for k, chars in steps if chars[-1:].isdigit()]
            found = digits[-1] if digits else None
        if found is not None:
            spans.append((toks[i].start, toks[found].end, "iban"))
            done = found
    return spans


def _spoken_ni_spans(toks: list[Tok], starts: list[int]) -> list[Span]:
    spans: list[Span] = []
    for i in starts:
        first, second = _letter(toks[i]) or "", _letter(toks[i + 1]) or ""
        digits, k = "", i + 2
        while k < len(toks) and len(digits) < 6:
            unit = unit_at(toks, k)
            if unit is None and toks[k].low in FILLERS and digits:
                k += 1
                continue
            if unit is None:
                break
            digits += unit.digits
            k = unit.last + 1
        if len(digits) != 6:
            continue
        suffix = _letter(toks[k]) if k < len(toks) else None
        end = k if suffix and suffix in "ABCD" else k - 1
        compact = first + second + digits + (suffix if end == k and suffix else "")
        if _ni_accepted(compact, toks, i):
            spans.append((toks[i].start, toks[end].end, "ni"))
    return spans


def _ni_accepted(compact: str, toks: list[Tok], first: int) -> bool:
    """With its suffix letter, a number that passes HMRC's rules; when named, any of the shape."""
    return (len(compact) == 9 and ni_valid(compact)) or "ni" in kinds_before(toks, first)


def _written_ni_spans(text: str, toks: list[Tok]) -> list[Span]:
    spans: list[Span] = []
    for m in _WRITTEN_NI.finditer(text):
        compact = _compact(m.group())
        if _ni_accepted(compact, toks, _first_at(toks, m.start())):
            spans.append((m.start(), m.end(), "ni"))
    return spans


def code_spans(text: str, toks: list[Tok]) -> list[Span]:
    """IBANs, then NI numbers (written, then spelled), possibly overlapping."""
    starts = _spelled_starts(toks)
    spans = _written_iban_spans(text, toks)
    spans += _spoken_iban_spans(toks, starts) if starts else []
    spans += _written_ni_spans(text, toks)
    return spans + (_spoken_ni_spans(toks, starts) if starts else [])
