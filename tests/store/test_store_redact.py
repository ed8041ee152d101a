"""Redaction: cards (digits and words), SSNs, emails, phones; order numbers left alone."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.events import Final, Partial, Word
from companion.store.call_log import TranscriptWriter, start_call, transcript
from companion.store.redact import DIGIT_WORDS, luhn_valid, redact

WORDS = {
    "0": "zero",
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
}
DIGITISH = re.compile(r"\d|\b(" + "|".join(sorted(DIGIT_WORDS)) + r"|double|triple)\b", re.I)


def luhn_complete(body: str) -> str:
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    length = draw(st.integers(13, 19))
    first = draw(st.sampled_from("3456"))
    rest = draw(st.text("0123456789", min_size=length - 2, max_size=length - 2))
    return luhn_complete(first + rest)


@st.composite
def spoken(draw: st.DrawFn, digits: str) -> str:
    """Digits as a recognizer writes them: words, 'oh' for zero, 'double'/'triple'."""
    out: list[str] = []
    i = 0
    while i < len(digits):
        d = digits[i]
        run = len(digits[i:]) - len(digits[i:].lstrip(d))
        word = draw(st.sampled_from(["zero", "oh"])) if d == "0" else WORDS[d]
        if run >= 3 and draw(st.booleans()):
            out += ["triple", word]
            i += 3
        elif run >= 2 and draw(st.booleans()):
            out += ["double", word]
            i += 2
        else:
            out.append(word)
            i += 1
    return " ".join(out)


@st.composite
def written(draw: st.DrawFn, digits: str) -> str:
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


PREFIXES = ["my card number is", "it's", "the long number on the card is", "card"]
SUFFIXES = ["", "thanks", "and that's all", "is that right"]


@settings(max_examples=200, deadline=None)
@given(card=card_numbers(), data=st.data())
def test_luhn_valid_cards_in_digits_are_redacted(card: str, data: st.DataObject) -> None:
    text = (
        f"{data.draw(st.sampled_from(PREFIXES))} {data.draw(written(card))} "
        f"{data.draw(st.sampled_from(SUFFIXES))}"
    )
    out = redact(text)
    assert "[card]" in out
    assert not re.search(r"\d", out), out


@settings(max_examples=200, deadline=None)
@given(card=card_numbers(), data=st.data())
def test_luhn_valid_cards_in_words_are_redacted(card: str, data: st.DataObject) -> None:
    text = (
        f"{data.draw(st.sampled_from(PREFIXES))} {data.draw(spoken(card))} "
        f"{data.draw(st.sampled_from(SUFFIXES))}"
    )
    out = redact(text)
    assert "[card]" in out
    assert not DIGITISH.search(out), out


@st.composite
def order_numbers(draw: st.DrawFn) -> str:
    length = draw(st.integers(4, 19))
    digits = draw(st.text("0123456789", min_size=length, max_size=length))
    if 13 <= length <= 19 and luhn_valid(digits):  # flip the last digit: no longer Luhn-valid
        digits = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    return digits


@settings(max_examples=300, deadline=None)
@given(number=order_numbers(), data=st.data())
def test_order_numbers_are_kept(number: str, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(["digits", "words"]))
    said = number if form == "digits" else data.draw(spoken(number))
    text = f"your order number is {said} please keep it"
    assert redact(text) == text


def test_luhn_valid_long_reference_is_redacted_even_without_context() -> None:
    assert redact("reference 4111111111111111 ok") == "reference [card] ok"


def test_card_followed_by_expiry_in_one_breath() -> None:
    out = redact("four one one one one one one one one one one one one one one one oh four two six")
    assert out.startswith("[card]")


def test_social_security_numbers() -> None:
    assert redact("it is 123-45-6789") == "it is [ssn]"
    assert (
        redact("my social is one two three four five six seven eight nine") == "my social is [ssn]"
    )
    assert redact("order 123456789") == "order 123456789"


def test_emails_written_and_spoken() -> None:
    assert redact("send it to j.smith+bills@example.co.uk please") == "send it to [email] please"
    assert redact("it's john dot smith at example dot com") == "it's [email]"
    assert redact("mary underscore lee at mail dot example dot org ok") == "[email] ok"
    assert redact("we met at noon") == "we met at noon"


def test_phone_numbers() -> None:
    assert redact("call me on +44 20 7946 0958") == "call me on [phone]"
    assert redact("the number is (555) 010-7788") == "the number is [phone]"
    assert (
        redact("my mobile is oh seven seven double oh nine oh oh one two three")
        == "my mobile is [phone]"
    )
    assert redact("ticket 55501077") == "ticket 55501077"


def _final(channel: str, text: str, t: float) -> Final:
    return Final(channel, t, text, (Word(text.split()[0], t - 1.0, t - 0.5),))  # type: ignore[arg-type]


def test_transcripts_are_redacted_before_they_reach_disk(db: Database) -> None:
    call_id = start_call(db, contact_id=None, direction="inbound", started_at="2025-01-01T09:00")
    writer = TranscriptWriter(db, call_id, enabled=True)

    assert writer.feed(_final("caller", "my card is 4111 1111 1111 1111 thanks", 5.0))
    assert not writer.feed(Partial("caller", 6.0, "my card"))
    assert writer.feed(_final("agent", "and your email", 8.0))

    rows = db.execute("SELECT text FROM transcript_segments").fetchall()
    assert rows == [("my card is [card] thanks",), ("and your email",)]
    assert [s.t for s in transcript(db, call_id)] == [4.0, 7.0]
    raw = db.execute("SELECT group_concat(text) FROM transcript_segments").fetchone()[0]
    assert "4111" not in raw


def test_transcripts_are_not_stored_when_the_setting_is_off(db: Database) -> None:
    call_id = start_call(db, contact_id=None, direction="inbound", started_at="2025-01-01T09:00")
    writer = TranscriptWriter(db, call_id, enabled=False)
    assert not writer.feed(_final("caller", "hello there", 1.0))
    assert db.execute("SELECT COUNT(*) FROM transcript_segments").fetchone()[0] == 0
