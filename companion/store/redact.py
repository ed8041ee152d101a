"""Redaction of what must never reach disk: cards, bank details, identity numbers, emails, phones.

Every transcript line passes through `redact()` before it is written, and so does anything else
built from a transcript (key sentences, abuse reports). Recognizers write numbers as words, so
the rules work on spoken forms too: "four one one one", "oh" for zero, "double four",
"john dot smith at example dot com", "g b eight two w e s t …".

What is masked, and with which label:
- `[email]`: written `a.b@c.org`, or spoken `<name> [dot|underscore|dash <name>]… at <domain>
  dot <known top-level domain>`, where a name may carry number words and an initial ("d wilson",
  "jones eighty seven") and a domain label may be spelled ("b t internet");
- `[iban]`, `[ni]`: IBANs and UK National Insurance numbers that validate, or any of that shape
  after "iban" / "national insurance" (redact_codes);
- `[card]`, `[cvv]`, `[ssn]`, `[account]` (sort code, account number), `[phone]`: digit runs,
  by what the words before them name and by validators: Luhn, numbering plans
  (redact_numbers). Numbers named as orders, tickets, cases, invoices and dates are kept.

Earlier kinds win where spans overlap (an email's digits are not a phone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.store.redact_checks import luhn_valid
from companion.store.redact_codes import code_spans
from companion.store.redact_numbers import number_spans
from companion.store.redact_tokens import DIGIT_WORDS, REPEATERS, TEENS, TENS, Tok, tokens

__all__ = ["DIGIT_WORDS", "LABELS", "REPEATERS", "Span", "find_sensitive", "luhn_valid", "redact"]

LABELS = {
    kind: f"[{kind}]" for kind in ("card", "cvv", "ssn", "iban", "account", "ni", "email", "phone")
}
_TLD_WORDS = (
    "com org net edu gov mil int io co uk us ca au de fr es it nl be ch at se no dk fi ie "
    "nz in jp kr cn br mx info biz me tv eu ai app dev online shop store tech xyz cloud email "
    "live scot wales london"
)
_TLDS = frozenset(_TLD_WORDS.split())
_EMAIL_SEPS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-", ".": ".", "_": "_"}
_DOMAIN_SEPS = frozenset({"dot", ".", "hyphen", "dash", "-"})
_LABEL_WORDS = 3
_WRITTEN_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def _is_name_word(tok: Tok) -> bool:
    return tok.kind in ("word", "num") and tok.low not in ("at",)


def _spoken_email_spans(toks: list[Tok]) -> list[Span]:
    spans: list[Span] = []
    for k, tok in enumerate(toks):
        if tok.low != "at" or k == 0:
            continue
        end = _domain_end(toks, k + 1)
        if end < 0:
            continue
        # local part: piece (sep piece)* before "at", then an initial ("d wilson at …")
        i = _piece_start(toks, k - 1)
        if i < 0:
            continue
        while i - 2 >= 0 and toks[i - 1].low in _EMAIL_SEPS and _piece_start(toks, i - 2) >= 0:
            i = _piece_start(toks, i - 2)
        initial = toks[i - 1] if i > 0 else None
        if initial and initial.kind == "word" and len(initial.low) == 1 and initial.low not in "ai":
            i -= 1
        spans.append(Span(toks[i].start, toks[end].end, "email"))
    return spans


def _domain_end(toks: list[Tok], j: int) -> int:
    """Last token of a spoken domain starting at `j` ("b t internet dot co dot uk"), or -1.

    Labels joined by "dot" or "hyphen", ending in a known top-level domain; the first label may
    be spelled in a few words ("b t internet").
    """
    if j >= len(toks) or not _is_name_word(toks[j]):
        return -1
    end, words = -1, 1
    while j + 1 < len(toks):
        sep = toks[j + 1].low
        if sep in _DOMAIN_SEPS and j + 2 < len(toks) and _is_name_word(toks[j + 2]):
            j += 2
            if sep in ("dot", ".") and toks[j].low in _TLDS:
                end = j
        elif end < 0 and words < _LABEL_WORDS and _is_name_word(toks[j + 1]):
            j += 1
            words += 1
        else:
            break
    return end


def _piece_start(toks: list[Tok], i: int) -> int:
    """First token of the local-part piece ending at `i` ("jones eighty seven"), or -1."""
    if i < 0 or not _is_name_word(toks[i]):
        return -1
    while i > 0 and _number_word(toks[i].low) and _is_name_word(toks[i - 1]):
        i -= 1
    return i


def _number_word(word: str) -> bool:
    return word in DIGIT_WORDS or word in TENS or word in TEENS


def find_sensitive(text: str) -> list[Span]:
    """Non-overlapping spans to redact, in text order (emails win over the numbers in them)."""
    candidates = [Span(m.start(), m.end(), "email") for m in _WRITTEN_EMAIL.finditer(text)]
    toks = tokens(text)
    candidates += _spoken_email_spans(toks)
    candidates += [Span(*span) for span in code_spans(text, toks)]
    candidates += [Span(*span) for span in number_spans(toks)]
    accepted: list[Span] = []
    for span in candidates:  # earlier kinds take precedence
        if all(span.end <= s.start or span.start >= s.end for s in accepted):
            accepted.append(span)
    return sorted(accepted, key=lambda s: s.start)


def redact(text: str) -> str:
    """`text` with every sensitive span replaced by a label such as `[card]`."""
    out: list[str] = []
    pos = 0
    for span in find_sensitive(text):
        out.append(text[pos : span.start])
        out.append(LABELS[span.kind])
        pos = span.end
    out.append(text[pos:])
    return "".join(out)
