"""Digit runs that must not be stored: cards, security codes, SSNs, bank accounts, phones.

For each run (see redact_tokens), in this order:
1. a card number wherever it stands: 13–19 digits that pass Luhn and start like a card, or
   such a number at the start or end of a longer run (a card read out with its expiry date).
   Not even "reference" keeps one: never storing a card is worth the odd masked reference;
2. the words before it name a sensitive kind the run fits (a 3–4 digit run after "security
   code", 6–18 digits after "sort code" or "account", 7+ after "mobile" or "my number", 12+
   after "card" (Luhn or not: a misheard digit must not let it through), 4–11 after "social
   security") — unless a nearer word names a harmless number ("order", "ticket", "case",
   "invoice", …), which keeps it;
3. without naming words: an SSN written 123-45-6789, a sort code and account written
   12-34-56 12345678, or a phone: '+' or 00 and a possible number of a real country; a number
   valid in `PHONE_REGIONS` by their numbering plans; or one of a possible length there that
   is written like a phone (groups split by '-', '.', brackets or spaces: "555.123.4567") or
   is a whole national number (10+ digits: "oh seven seven oh oh nine double oh one two
   three"). A date written as digits ("12 03 2024") is no phone;
4. a run of 9 digits that is a valid US Social Security number (python-stdnum: area, group and
   serial rules) unless named harmless: "three forty one sixty two ninety eight oh five".
Words after a run name it too when none come before ("… sorry, … that's the account number").
"""

from __future__ import annotations

from companion.store.redact_checks import (
    card_like,
    date_like,
    phone_international,
    phone_national,
    ssn_valid,
)
from companion.store.redact_context import KEEP, kinds_after, kinds_before
from companion.store.redact_pieces import pieced_kinds
from companion.store.redact_tokens import HOMOPHONES, Run, Tok, runs

Span = tuple[int, int, str]  # start, end, kind
# how many digits a run named as each kind may have
_FITS = {
    "card": (12, 40),
    "cvv": (3, 4),
    "ssn": (4, 11),  # "the last four of my social"
    "phone": (7, 16),
    "area": (2, 16),  # "area code four one five": a phone, whole or in part
    "account": (6, 18),
    "ni": (6, 6),
    "iban": (8, 34),
}


_SSN_DIGITS = 9
_FULL_NATIONAL = 10  # a run this long is a whole national number, not a local one


def _card_units(run: Run) -> tuple[int, int] | None:
    """Unit index range (inclusive) of a card number in the run: whole, prefix or suffix."""
    digits = [u.digits for u in run.units]
    n = len(digits)
    if len(run.digits) <= 19:
        return (0, n - 1) if card_like(run.digits) else None
    for j in range(n - 2, -1, -1):  # longest prefix first
        if card_like("".join(digits[: j + 1])):
            return (0, j)
    for i in range(1, n):
        if card_like("".join(digits[i:])):
            return (i, n - 1)
    return None


def _span(toks: list[Tok], run: Run, kind: str, units: tuple[int, int] | None = None) -> Span:
    a, b = units if units is not None else (0, len(run.units) - 1)
    first, last = run.units[a].first, run.units[b].last
    if a == 0 and (run.plus or run.paren):  # take the '+' / '(' before the digits too
        first = run.lead
    return (toks[first].start, toks[last].end, kind)


def _written_groups(toks: list[Tok], run: Run) -> list[str]:
    return [toks[u.first].text for u in run.units] if run.written else []


def _phone_without_words(toks: list[Tok], run: Run) -> bool:
    digits = run.digits
    if not 7 <= len(digits) <= 16:
        return False
    if run.plus:
        return phone_international(digits)
    groups = _written_groups(toks, run)
    if groups and date_like(groups) and not run.paren:
        return False
    shaped = bool(groups) and (
        run.paren or (len(groups) >= 2 and len(groups[-1]) >= 3 and len(groups[0]) >= 2)
    )
    return phone_national(digits, loose=shaped or len(digits) >= _FULL_NATIONAL)


def _run_span(toks: list[Tok], run: Run) -> Span | None:
    digits = run.digits
    if len(digits) < 3:
        return None
    card = _card_units(run)
    if card is not None:
        return _span(toks, run, "card", card)
    kinds = kinds_before(toks, run.first) or kinds_after(toks, run.last)
    for kind in kinds:
        if kind == KEEP:
            break
        low, high = _FITS[kind]
        if low <= len(digits) <= high:
            return _span(toks, run, "phone" if kind == "area" else kind)
    if KEEP in kinds:  # named harmless before anything sensitive that fits
        return None
    groups = _written_groups(toks, run)
    seps = run.seps
    if [len(g) for g in groups] == [3, 2, 4] and len(set(seps)) == 1 and seps[0] in ("-", ""):
        return _span(toks, run, "ssn")
    if [len(g) for g in groups] == [2, 2, 2, 8] and seps[:2] == ["-", "-"]:
        return _span(toks, run, "account")
    phone = _phone_units(toks, run)
    if phone is not None:
        return _span(toks, run, "phone", phone)
    return _span(toks, run, "ssn") if len(digits) == _SSN_DIGITS and ssn_valid(digits) else None


def _phone_units(toks: list[Tok], run: Run) -> tuple[int, int] | None:
    """Unit range of a phone in the run: all of it, or a whole national number at either end
    ("… double oh one two three one more thing": the "one" is not part of the number)."""
    n = len(run.units)
    if _phone_without_words(toks, run):
        return (0, n - 1)
    cuts = [(0, b) for b in range(n - 2, -1, -1)] + [(a, n - 1) for a in range(1, n)]
    for a, b in cuts:
        part = Run(run.units[a : b + 1], run.plus and a == 0, run.paren, run.lead, run.seps[a:b])
        stray = len(run.digits) - len(part.digits)  # a word or two, not half a reference
        if stray <= 2 and len(part.digits) >= _FULL_NATIONAL and _phone_without_words(toks, part):
            return (a, b)
    return None


def _run_kind(toks: list[Tok], run: Run) -> str | None:
    span = _run_span(toks, run)
    return span[2] if span is not None else None


def number_spans(toks: list[Tok]) -> list[Span]:
    """The sensitive digit runs among `toks`: each run on its own, then the runs that are pieces
    of one (redact_pieces), then runs with homophones ("oh to oh seven"). Overlaps are left to
    the caller, which keeps the earlier span."""
    found = runs(toks)
    spans = [_run_span(toks, run) for run in found]
    kinds = [span[2] if span is not None else None for span in spans]
    for i, kind in pieced_kinds(toks, found, kinds, lambda run: _run_kind(toks, run)).items():
        spans[i] = _span(toks, found[i], kind)
    result = [span for span in spans if span is not None]
    if any(tok.low in HOMOPHONES for tok in toks):
        heard = [_run_span(toks, run) for run in runs(toks, homophones=True) if run.heard]
        result += [span for span in heard if span is not None]
    return result
