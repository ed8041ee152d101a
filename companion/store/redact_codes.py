"""Letters-and-digits identifiers: IBANs and UK National Insurance numbers, written or spelled.

Written, they are found by shape ("GB82 WEST 1234 5698 7654 32", "QQ 12 34 56 C") and kept
only if they validate (IBAN check digits; NI letter rules), so a reference such as "AB12 3456"
passes. Spoken, a recognizer spells them out: "g b eight two w e s t one two …", "a b one two
three four five six c"; the same checks apply to what the letters and digits spell. After
"iban" or "national insurance" the shape alone is enough: a misheard letter must not let the
rest through. How letters are spelled ("r for romeo", "golf") is redact_spelling's business; a
number split by an aside is masked in its two parts only when the whole validates.
"""

from __future__ import annotations

import re

from companion.store.redact_checks import iban_valid, ni_valid
from companion.store.redact_context import kinds_before
from companion.store.redact_spelling import (
    after_aside,
    digit_at,
    letter_at,
    spelled,
    spelled_starts,
)
from companion.store.redact_tokens import FILLERS, Tok

Span = tuple[int, int, str]
_WRITTEN_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){8,40}")
_IBAN_GROUP_END = re.compile(r"[A-Za-z0-9](?=[ -]|$)|[A-Za-z](?=\d)|\d(?=[A-Za-z])")
_WRITTEN_NI = re.compile(r"\b[A-Za-z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}(?:[ -]?[A-Da-d])?\b")
_MAX_IBAN = 34
_NI_DIGITS = 6


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


def _spoken_iban_spans(toks: list[Tok], starts: list[tuple[int, str, int]]) -> list[Span]:
    spans: list[Span] = []
    done = -1
    for i, letters, k in starts:
        if i <= done:
            continue
        steps = spelled(toks, k, _MAX_IBAN - 2)
        found = next((k for k, chars in reversed(steps) if iban_valid(letters + chars)), None)
        parts = [(i, found)] if found is not None else _iban_with_aside(toks, i, letters, steps)
        if not parts and "iban" in kinds_before(toks, i):
            digits = [k for k, chars in steps if chars[-1:].isdigit()]
            parts = [(i, digits[-1])] if digits else []
        spans += [(toks[a].start, toks[b].end, "iban") for a, b in parts if b is not None]
        done = max((b for _, b in parts if b is not None), default=done)
    return spans


def _iban_with_aside(
    toks: list[Tok], i: int, letters: str, steps: list[tuple[int, str]]
) -> list[tuple[int, int | None]]:
    """The two parts of an IBAN read with an aside between them ("… four one eight hang on
    it's tiny print four nine six …"), if together they validate."""
    digits = [(k, chars) for k, chars in steps if chars[-1:].isdigit()]
    if not digits:
        return []
    last, chars = digits[-1]
    resume = after_aside(toks, last + 1)
    if resume < 0:
        return []
    more = spelled(toks, resume, _MAX_IBAN - 2 - len(chars), chars)
    end = next((k for k, whole in reversed(more) if iban_valid(letters + whole)), None)
    return [(i, last), (resume, end)] if end is not None else []


def _ni_digits(toks: list[Tok], k: int) -> tuple[str, int]:
    """Up to six digits from token `k` on (fillers skipped), and the token after them."""
    digits = ""
    while k < len(toks) and len(digits) < _NI_DIGITS:
        unit = digit_at(toks, k, bool(digits))
        if unit is None and toks[k].low in FILLERS and digits:
            k += 1
            continue
        if unit is None:
            break
        digits += unit.digits
        k = unit.last + 1
    return digits, k


def _spoken_ni_spans(toks: list[Tok], starts: list[tuple[int, str, int]]) -> list[Span]:
    spans: list[Span] = []
    for i, letters, k in starts:
        digits, k = _ni_digits(toks, k)
        parts = [i]
        if 0 < len(digits) < _NI_DIGITS and (resume := after_aside(toks, k)) >= 0:
            more, after = _ni_digits(toks, resume)  # "j k zero zero seven hang on … four one six d"
            parts += [k - 1, resume]
            digits, k = digits + more, after
        if len(digits) != _NI_DIGITS:
            continue
        while k < len(toks) and toks[k].low in FILLERS:
            k += 1
        suffix = letter_at(toks, k) if k < len(toks) else None
        whole = letters + digits
        if suffix is not None and suffix[0] in "ABCD":
            whole, end = whole + suffix[0], suffix[1]
        elif len(parts) > 1:
            continue  # split by an aside: only a whole number with its letter is sure enough
        else:
            end = k - 1
        if _ni_accepted(whole, toks, i):
            bounds = [*parts, end]
            spans += [
                (toks[a].start, toks[b].end, "ni")
                for a, b in zip(bounds[::2], bounds[1::2], strict=True)
            ]
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
    starts = spelled_starts(toks)
    spans = _written_iban_spans(text, toks)
    spans += _spoken_iban_spans(toks, starts) if starts else []
    spans += _written_ni_spans(text, toks)
    return spans + (_spoken_ni_spans(toks, starts) if starts else [])
