"""Letters spelled out loud, the way callers read IBANs and National Insurance numbers.

Apart from redact_codes, which decides what a spelling is: this module only knows how people
spell. A letter is a single-letter word ("r"), a word of the spelling alphabet ("romeo"), or
both ("r for romeo", "h for harry": the word after "for" starts with the letter). Digits in
between are the usual digit units (redact_tokens), fillers are skipped, and inside a spelling
a homophone next to a digit is a digit ("four oh to seven": the shape is numeric already).
A spelled identifier may stop for an aside ("… hang on let me find the letter … four one six
d"): `after_aside` finds where the digits resume.
"""

from __future__ import annotations

from companion.store.redact_tokens import FILLERS, HOMOPHONES, Tok, Unit, unit_at

# the spelling alphabet callers use for letters: "november lima nine one alpha bravo …"
_SPELLING_WORDS = (
    "alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima "
    "mike november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray "
    "yankee zulu"
)
_SPELLING = {word: word[0].upper() for word in _SPELLING_WORDS.split()}
_BANK_WORD = 4  # a bank code may be said as a word: "g b eighty two west one two …"
ASIDE = 12  # words a caller may say between two parts of one identifier


def letter_at(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """The letter spelled from token `i` on, and its last token ("r for romeo" is one R)."""
    tok = toks[i]
    if tok.kind == "word" and len(tok.text) == 1:
        if i + 2 < len(toks) and toks[i + 1].low == "for":
            word = toks[i + 2]
            if word.kind == "word" and len(word.low) > 1 and word.low[0] == tok.low:
                return tok.text.upper(), i + 2
        return tok.text.upper(), i
    letter = _SPELLING.get(tok.low)
    return (letter, i) if letter else None


def digit_at(toks: list[Tok], k: int, after_digit: bool) -> Unit | None:
    """A digit unit at `k`; right after a digit, a homophone counts ("oh to seven")."""
    unit = unit_at(toks, k)
    if unit is None and after_digit and toks[k].low in HOMOPHONES:
        return Unit(k, k, HOMOPHONES[toks[k].low], False, heard=True)
    return unit


def spelled(toks: list[Tok], i: int, limit: int, chars: str = "") -> list[tuple[int, str]]:
    """(last token, characters so far) after each spelled item from token `i` on.

    "o" between two letters is the letter ("l o y d"); elsewhere it is zero.
    """
    steps: list[tuple[int, str]] = []
    start = len(chars)
    k = i
    while k < len(toks) and len(chars) - start < limit:
        tok = toks[k]
        nxt = letter_at(toks, k + 1) if k + 1 < len(toks) else None
        letter_o = tok.low == "o" and chars[-1:].isalpha() and nxt is not None
        unit = None if letter_o else digit_at(toks, k, chars[-1:].isdigit())
        letter = letter_at(toks, k)
        if unit is not None:
            chars += unit.digits
            k = unit.last
        elif letter is not None:
            chars += letter[0]
            k = letter[1]
        elif tok.low in FILLERS:
            k += 1
            continue
        elif _bank_word(tok) and steps and len(chars) - start <= _BANK_WORD + 2:
            chars += tok.text.upper()
        else:
            break
        steps.append((k, chars))
        k += 1
    return steps


def _bank_word(tok: Tok) -> bool:
    """A short word early in an IBAN may be its bank code ("west"); later it is an aside."""
    return len(tok.low) <= _BANK_WORD and tok.low.isascii() and tok.low.isalpha()


def spelled_starts(toks: list[Tok]) -> list[tuple[int, str, int]]:
    """Where two spelled letters are followed by a digit, fillers allowed: (first token, the
    two letters, token of the first digit). An IBAN or NI number may start there."""
    starts: list[tuple[int, str, int]] = []
    for i in range(len(toks) - 2):
        first = letter_at(toks, i)
        if first is None or first[1] + 1 >= len(toks):
            continue
        second = letter_at(toks, first[1] + 1)
        if second is None:
            continue
        k = second[1] + 1
        while k < len(toks) and toks[k].low in FILLERS:
            k += 1
        if k < len(toks) and unit_at(toks, k) is not None:
            starts.append((i, first[0] + second[0], k))
    return starts


def after_aside(toks: list[Tok], k: int) -> int:
    """Token where digits resume after an aside starting at `k` (at most `ASIDE` words, no
    digits), or -1."""
    words = 0
    while k < len(toks) and words <= ASIDE:
        if unit_at(toks, k) is not None:
            return k if words else -1
        words += toks[k].kind == "word"
        k += 1
    return -1
