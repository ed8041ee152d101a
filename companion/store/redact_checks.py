"""The validators behind redaction: Luhn, IBAN check digits, phone numbering plans, NI rules.

Where a maintained library knows the rules, it decides: `phonenumbers` (installed as
phonenumberslite, without geocoder and carrier data) knows every country's numbering plan, and
python-stdnum checks IBANs (country formats and the ISO 7064 mod 97 check). Both cost about a
tenth of a second to import, and most transcript lines hold no candidate at all, so they are
imported on first use, not when a transcript writer starts.

python-stdnum has no UK National Insurance number module, so that check follows HMRC's published
allocation rules (National Insurance Manual NIM39110) here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# where a number written without a country code is looked up first
PHONE_REGIONS = ("GB", "US")
_SUBSCRIBER_DIGITS = 9  # national significant number: UK 9–10 digits, North America 10
_NI_BAD_FIRST = frozenset("DFIQUV")
_NI_BAD_SECOND = frozenset("DFIOQUV")
_NI_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every payment card number passes."""
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


def card_like(digits: str) -> bool:
    """13–19 digits, Luhn-valid, starting like a payment card (major industry 2–6)."""
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits)


def _phonenumbers() -> Any:
    import phonenumbers

    return phonenumbers


def phone_international(digits: str) -> bool:
    """`digits` after a '+' (or "00") make a possible number of a real country."""
    pn = _phonenumbers()
    try:
        number = pn.parse("+" + digits, None)
    except pn.NumberParseException:
        return False
    return bool(pn.is_possible_number(number)) and len(str(number.national_number)) >= 6


def phone_national(digits: str, loose: bool) -> bool:
    """`digits` dialled in one of `PHONE_REGIONS` reach a phone.

    Valid by the numbering plan; or, when `loose`, of a possible length there: the caller says
    so for a number written like a phone ("555.123.4567": area code 555 is not assigned) or
    of full national length (Ofcom's drama ranges such as 07700 900xxx are never assigned, but
    they are still numbers someone reads out). Only a subscriber's number counts, as people
    say it at home: with the trunk prefix where the country has '0' (a UK number without its
    0 is a date, "13101981"), and not a short service number (US 310-xxxx).
    """
    pn = _phonenumbers()
    if digits.startswith("00"):
        return phone_international(digits[2:])
    for region in PHONE_REGIONS:
        metadata = pn.PhoneMetadata.metadata_for_region(region)
        if metadata is not None and metadata.national_prefix == "0" and digits[0] != "0":
            continue
        try:
            number = pn.parse(digits, region)
        except pn.NumberParseException:
            continue
        if len(str(number.national_number)) < _SUBSCRIBER_DIGITS:
            continue
        if pn.is_valid_number(number):
            return True
        if loose and pn.is_possible_number_with_reason(number) == pn.ValidationResult.IS_POSSIBLE:
            return True
    return False


def ssn_valid(digits: str) -> bool:
    """A US Social Security number SSA could issue (not 000/666/9xx area, 00 group, 0000 serial)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    from stdnum.us import ssn

    return bool(ssn.is_valid(digits))


def iban_valid(compact: str) -> bool:
    """A valid IBAN: known country, its length and format, and the mod 97 check digits."""
    if len(compact) < 15 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    if not (compact.isascii() and compact.isalnum()) or _mod97(compact) != 1:  # no import yet
        return False
    from stdnum import iban

    return bool(iban.is_valid(compact))


def _mod97(compact: str) -> int:
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97


def ni_valid(compact: str) -> bool:
    """A UK National Insurance number by HMRC's rules: 2 letters, 6 digits, A–D (or none).

    HMRC's specimen prefix QQ (on sample forms and in training material) passes too: callers
    read out what is in front of them, and masking a specimen costs nothing.
    """
    compact = compact.upper()
    if len(compact) not in (8, 9) or not compact[2:8].isdigit():
        return False
    prefix, suffix = compact[:2], compact[8:]
    allocatable = (
        prefix[0] not in _NI_BAD_FIRST
        and prefix[1] not in _NI_BAD_SECOND
        and prefix not in _NI_BAD_PREFIXES
    )
    return (
        prefix.isalpha() and (allocatable or prefix == "QQ") and suffix in ("", "A", "B", "C", "D")
    )


def date_like(groups: list[str]) -> bool:
    """Day, month and year in some order ("12 03 2024", "2024-03-12", "03 12 24")."""
    if len(groups) != 3 or not all(g.isdigit() for g in groups):
        return False
    a, b, c = (int(g) for g in groups)
    if len(groups[0]) == 4:
        orders = [(a, b, c)]
    elif len(groups[2]) in (2, 4) and len(groups[0]) <= 2 and len(groups[1]) <= 2:
        year = c if len(groups[2]) == 4 else 2000 + c
        orders = [(year, b, a), (year, a, b)]
    else:
        return False
    for year, month, day in orders:
        try:
            dt.date(year, month, day)
            return True
        except ValueError:
            continue
    return False
