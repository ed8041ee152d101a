"""What the words before a number say it is: "sort code", "order number", "my mobile"….

A bare digit run is ambiguous (a ticket number and a phone number can look alike), but people
name what they read out. The nearest naming words within a few tokens decide; a qualifier
before "number" or "code" names it ("order number", "security code", "social security
number"), and a bare "number" ("my number is") is taken as a phone. Single letters spell a
name ("c v v", "n i number", "a/c"). The kinds found are given nearest first, so the caller can
skip one that does not fit the run ("the three digits on the back are fine, my mobile is …":
eleven digits are no security code). A number named only after it ("… that's the account
number") is named by the few words that follow (`kinds_after`).

`KEEP` marks words that name a harmless number (orders, tickets, dates): such a number is
left alone unless it is a card number, which is never kept.
"""

from __future__ import annotations

from companion.store.redact_tokens import Tok, unit_at

KEEP = "keep"
WINDOW = 7
_WORDS: dict[str, str] = {}
for _kind, _words in {
    "phone": "phone phones mobile mob cell cellphone landline telephone tel fax call calls "
    "ring reach text whatsapp dial contact",
    "card": "card cards cc visa mastercard amex maestro debit credit",
    "cvv": "cvv cvc cv cv2 csc cvn cid signature",  # "the signature strip"
    "ssn": "ssn social socials",
    "account": "account accounts acct acc ac sortcode sort sc bank",  # "a/c", "s/c"
    "ni": "nino ni",
    "iban": "iban",
    KEEP: "order orders ticket tickets invoice invoices inv case cases reference ref booking "
    "tracking confirmation claim policy membership member receipt transaction parcel "
    "consignment quote job incident complaint serial model postcode zip flight room item "
    "product sku batch voucher promo discount coupon date dated year born birth dob "
    "customer id version extension ext pin otp po imei meter",
}.items():
    _WORDS.update(dict.fromkeys(_words.split(), _kind))
# "<qualifier> code": what the code is
_CODES = {
    "security": "cvv",
    "sec": "cvv",  # typed: "sec code"
    "sort": "account",
    "area": "area",  # an area code alone is part of a phone number
    "country": "phone",
    "dialling": "area",
    "dialing": "area",
    "post": KEEP,
    "zip": KEEP,
    "promo": KEEP,
    "discount": KEEP,
    "voucher": KEEP,
    "verification": "cvv",  # card verification code
    "digit": "cvv",  # "the three digit code"
}
_NUMBER_WORDS = frozenset({"number", "numbers", "num", "digits"})
_NAMING = (
    frozenset(_WORDS)
    | _NUMBER_WORDS
    | {"code", "value", "security", "insurance", "back", "front", "digit"}
)


def _spelled_back(toks: list[Tok], k: int) -> tuple[str, int]:
    """Single letters read back from `k` ("c v v", "n i", "a/c"), and the tokens they took."""
    letters, used = "", 0
    while k - used >= 0 and len(letters) < 4:
        tok = toks[k - used]
        if tok.kind == "word" and len(tok.text) == 1:
            letters = tok.low + letters
        elif tok.text not in ("/", ".") or not letters:
            break
        used += 1
    return letters, used


def _word_kind(toks: list[Tok], k: int) -> tuple[str | None, int]:
    """The kind the word at `k` names, reading back where it takes a qualifier or is spelled."""
    if k < 0:
        return None, 1
    word = toks[k].low.removesuffix("'s")  # "the security code's four uh two nine"
    before = toks[k - 1].low if k > 0 else ""
    if word == "security":
        return ("ssn" if before == "social" else "cvv"), 1
    if word == "insurance":
        return ("ni" if before == "national" else None), 1
    if word in ("back", "front"):  # "the three digits on the back", not "ring back at four"
        return ("cvv" if before == "the" else None), 1
    if len(word) == 1:
        letters, used = _spelled_back(toks, k)
        if len(letters) > 1:
            return _WORDS.get(letters), used
    return _WORDS.get(word), 1


def kind_at(toks: list[Tok], k: int) -> tuple[str | None, int]:
    """The kind named by the words ending at `k`, and how many tokens that took."""
    word = toks[k].low
    if word not in _NAMING and len(word) > 1 and not word.endswith("'s"):
        return None, 1  # most words name nothing: said quickly
    word = word.removesuffix("'s")
    before = toks[k - 1].low if k > 0 else ""
    if word in ("digits", "digit") and before in ("three", "3"):  # "the three digits are"
        return "cvv", 2
    if word in _NUMBER_WORDS:
        named, used = _word_kind(toks, k - 1)
        if named is not None:
            return named, used + 1
        return ("phone" if word in ("number", "num") else None), 1
    if word in ("code", "value"):  # "sort code", "card verification value"
        return _CODES.get(before), 2 if before in _CODES else 1
    return _word_kind(toks, k)


def kinds_before(toks: list[Tok], first: int, window: int = WINDOW) -> list[str]:
    """The kinds named in the `window` words before token `first`, nearest first.

    Only words count towards the window: "Bank details: 20-32-06 / 73155009" names both runs.
    """
    kinds: list[str] = []
    k = first - 1
    words = 0
    while k >= 0 and words < window:
        kind, used = kind_at(toks, k)
        if kind is not None and kind not in kinds:
            kinds.append(kind)
        words += toks[k].kind == "word"
        k -= used
    return kinds


AFTER_WINDOW = 5


def kinds_after(toks: list[Tok], last: int, window: int = AFTER_WINDOW) -> list[str]:
    """The kinds named in the `window` words after token `last`, up to the next number or the
    words that name it ("… 0173 ext 22": "ext" names the 22)."""
    kinds: list[str] = []
    k = last + 1
    while k < len(toks) and k <= last + window:
        if unit_at(toks, k) is not None:
            break
        kind, _ = kind_at(toks, k)
        if kind is not None and any(unit_at(toks, n) for n in range(k + 1, min(k + 3, len(toks)))):
            break
        if kind is not None and kind not in kinds:
            kinds.append(kind)
        k += 1
    return kinds
