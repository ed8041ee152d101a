"""Phone numbers as people type them, reduced to a key that matches across formats.

"+44 20 7946 0958", "020 7946 0958" and "(0)20-7946-0958" are the same line. Country codes
and trunk prefixes differ, the subscriber number does not, so the key is the last 9 digits
(or all of them for a short number). A softphone hook, a typed number, a contact record and a
note's front matter all go through `phone_key`, so they meet in one indexed column.
"""

from __future__ import annotations

import re

KEY_DIGITS = 9
MIN_DIGITS = 5
_PHONE_CHARS = re.compile(r"^[\d\s+().\-/]+$")


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def phone_key(text: str) -> str | None:
    """The matching key of a phone number, or None when it has too few digits to be one."""
    digits = digits_of(text)
    if len(digits) < MIN_DIGITS:
        return None
    return digits[-KEY_DIGITS:]


def looks_like_phone(text: str) -> bool:
    """True for input made only of digits and phone punctuation, with enough digits."""
    stripped = text.strip()
    return bool(_PHONE_CHARS.match(stripped)) and len(digits_of(stripped)) >= 7
