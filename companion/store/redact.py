"""Redaction of what must never reach disk: card numbers, social security numbers, emails, phones.

Every transcript line passes through `redact()` before it is written, and so does anything else
built from a transcript (key sentences, abuse reports). Recognizers write numbers as words, so
the rules work on spoken forms too: "four one one one", "oh" for zero, "double four",
"john dot smith at example dot com".

Rules (a "run" is consecutive digits, digit groups or digit words, joined by spaces, '-', '(',
')' or a leading '+'):
- card: a run of 13–19 digits that passes the Luhn check; in a longer run, its first or last
  13–19 digits (at a group boundary). Other long numbers (order numbers, references) are kept
  unless they happen to pass Luhn at 13–19 digits — that is the price of never storing a card.
- social security number: written `123-45-6789` / `123 45 6789`, or any 9-digit run within a
  few words after "social", "security" or "ssn".
- email: written `a.b@c.org`, or spoken `<word> [dot|underscore|dash <word>]… at <word> dot
  <known top-level domain>`.
- phone: a 7–15 digit run that is written like a phone (leading '+', brackets, or groups ending
  in 3+ digits), or any 7–15 digit run within a few words after "phone", "mobile", "call", ….
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
LABELS = {"card": "[card]", "ssn": "[ssn]", "email": "[email]", "phone": "[phone]"}
_TLD_WORDS = (
    "com org net edu gov mil int io co uk us ca au de fr es it nl be ch at se no dk fi ie "
    "nz in jp kr cn br mx info biz me tv eu"
)
_TLDS = frozenset(_TLD_WORDS.split())
_EMAIL_SEPS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-", ".": ".", "_": "_"}
_SSN_CONTEXT = frozenset({"social", "security", "ssn", "socials"})
_PHONE_CONTEXT = frozenset(
    {
        "phone",
        "mobile",
        "cell",
        "cellphone",
        "landline",
        "telephone",
        "tel",
        "fax",
        "call",
        "reach",
        "text",
        "whatsapp",
        "ring",
    }
)
_CONTEXT_WINDOW = 6
_TOKEN = re.compile(r"(?P<num>\d+)|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)?)|(?P<punct>[^\s\w]|_)")
_WRITTEN_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_RUN_JOINERS = {"-", "(", ")", "+"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # "num" | "word" | "punct"


@dataclass(frozen=True)
class _Unit:
    first: int  # token indexes
    last: int
    digits: str
    written: bool


@dataclass
class _Run:
    units: list[_Unit]
    plus: bool = False
    paren: bool = False

    @property
    def digits(self) -> str:
        return "".join(u.digits for u in self.units)


def luhn_valid(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().lower(), m.start(), m.end(), m.lastgroup or "punct")
        for m in _TOKEN.finditer(text)
    ]


def _unit_at(toks: list[_Tok], i: int) -> _Unit | None:
    tok = toks[i]
    if tok.kind == "num":
        return _Unit(i, i, tok.text, True)
    if tok.low in DIGIT_WORDS:
        return _Unit(i, i, DIGIT_WORDS[tok.low], False)
    if tok.low in REPEATERS and i + 1 < len(toks):
        nxt = toks[i + 1]
        digit = DIGIT_WORDS.get(nxt.low) or (
            nxt.text if nxt.kind == "num" and len(nxt.text) == 1 else None
        )
        if digit:
            return _Unit(i, i + 1, digit * REPEATERS[tok.low], nxt.kind == "num")
    return None


def _runs(toks: list[_Tok]) -> list[_Run]:
    runs: list[_Run] = []
    current: _Run | None = None
    pending_plus = pending_paren = False
    i = 0
    while i < len(toks):
        unit = _unit_at(toks, i)
        if unit is not None:
            if current is None:
                current = _Run([], plus=pending_plus, paren=pending_paren)
            current.units.append(unit)
            i = unit.last + 1
            continue
        tok = toks[i]
        if tok.text in _RUN_JOINERS:
            if current is None:
                pending_plus = pending_plus or tok.text == "+"
                pending_paren = pending_paren or tok.text == "("
            elif tok.text in "()":
                current.paren = True
            i += 1
            continue
        if current is not None:
            runs.append(current)
        current, pending_plus, pending_paren = None, False, False
        i += 1
    if current is not None:
        runs.append(current)
    return runs


def _preceded_by(toks: list[_Tok], first: int, words: frozenset[str]) -> bool:
    return any(t.low in words for t in toks[max(0, first - _CONTEXT_WINDOW) : first])


def _card_in(run: _Run) -> tuple[int, int] | None:
    """Unit index range (inclusive) of a card number in the run, if any."""
    n = len(run.units)
    whole = run.digits
    if 13 <= len(whole) <= 19:
        return (0, n - 1) if luhn_valid(whole) else None
    if len(whole) < 13:
        return None
    for j in range(n - 1, -1, -1):  # longest prefix first
        prefix = "".join(u.digits for u in run.units[: j + 1])
        if 13 <= len(prefix) <= 19 and luhn_valid(prefix):
            return (0, j)
    for i in range(n):
        suffix = "".join(u.digits for u in run.units[i:])
        if 13 <= len(suffix) <= 19 and luhn_valid(suffix):
            return (i, n - 1)
    return None


def _number_spans(toks: list[_Tok]) -> list[Span]:
    spans: list[Span] = []
    for run in _runs(toks):
        first_tok, last_tok = run.units[0].first, run.units[-1].last
        card = _card_in(run)
        if card is not None:
            a, b = run.units[card[0]].first, run.units[card[1]].last
            spans.append(Span(toks[a].start, toks[b].end, "card"))
            continue
        digits = run.digits
        groups = [len(u.digits) for u in run.units]
        all_written = all(u.written for u in run.units)
        span = (toks[first_tok].start, toks[last_tok].end)
        if len(digits) == 9 and (
            (all_written and groups == [3, 2, 4]) or _preceded_by(toks, first_tok, _SSN_CONTEXT)
        ):
            spans.append(Span(*span, "ssn"))
            continue
        if 7 <= len(digits) <= 15:
            formatted = all_written and (
                run.plus or run.paren or (len(groups) >= 2 and groups[-1] >= 3)
            )
            if formatted or _preceded_by(toks, first_tok, _PHONE_CONTEXT):
                start = span[0]
                if run.plus or run.paren:  # take the '+' / '(' before the digits too
                    k = first_tok - 1
                    while k >= 0 and toks[k].text in _RUN_JOINERS:
                        start = toks[k].start
                        k -= 1
                spans.append(Span(start, span[1], "phone"))
    return spans


def _is_name_word(tok: _Tok) -> bool:
    return tok.kind in ("word", "num") and tok.low not in ("at",)


def _spoken_email_spans(toks: list[_Tok]) -> list[Span]:
    spans: list[Span] = []
    for k, tok in enumerate(toks):
        if tok.low != "at" or k == 0:
            continue
        # domain: word (dot word)+, ending in a known top-level domain
        j = k + 1
        if j >= len(toks) or not _is_name_word(toks[j]):
            continue
        end = -1
        while j + 2 < len(toks) and toks[j + 1].low in ("dot", ".") and _is_name_word(toks[j + 2]):
            j += 2
            if toks[j].low in _TLDS:
                end = j
        if end < 0:
            continue
        # local part: word (sep word)* before "at"
        i = k - 1
        if not _is_name_word(toks[i]):
            continue
        while i - 2 >= 0 and toks[i - 1].low in _EMAIL_SEPS and _is_name_word(toks[i - 2]):
            i -= 2
        spans.append(Span(toks[i].start, toks[end].end, "email"))
    return spans


def find_sensitive(text: str) -> list[Span]:
    """Non-overlapping spans to redact, in text order (emails win over the numbers in them)."""
    candidates = [Span(m.start(), m.end(), "email") for m in _WRITTEN_EMAIL.finditer(text)]
    toks = _tokens(text)
    candidates += _spoken_email_spans(toks)
    candidates += _number_spans(toks)
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
