"""Redaction of each kind, written and spoken, and of the harmless numbers it must leave alone.

The broad property tests (any Luhn-valid card, any order number) are in test_store_redact.py;
the corpus score is in test_redaction_corpus.py. These pin one behaviour each.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from companion.store.redact import LABELS, find_sensitive, redact


def test_labels() -> None:
    assert set(LABELS.values()) == {
        "[card]",
        "[phone]",
        "[iban]",
        "[account]",
        "[cvv]",
        "[ni]",
        "[email]",
        "[ssn]",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no naming word at all: a UK number by its numbering plan
        ("zero two zero seven nine four six oh nine five eight", "[phone]"),
        (
            "i'm free on the twelfth of march oh two oh seven nine four six oh three two one",
            "i'm free on the twelfth of march [phone]",
        ),
        # Ofcom drama range: never assigned, still a full-length number read out
        ("yeah it's oh seven seven oh oh nine double oh one two three", "yeah it's [phone]"),
        ("alt no. 555.123.4567", "alt no. [phone]"),
        (
            "Her US cell is (555) 123-4567, best after 6pm.",
            "Her US cell is [phone], best after 6pm.",
        ),
        (
            "reach me on plus four four double seven double oh nine double oh four six one",
            "reach me on [phone]",
        ),
        ("Please call me back on +44 20 7946 0958.", "Please call me back on [phone]."),
        ("it's oh seven seven oh oh er nine oh oh six one two", "it's [phone]"),  # filler inside
        ("the number is two one two triple five oh one four seven", "the number is [phone]"),
    ],
)
def test_phones(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN GB82 WEST 1234 5698 7654 32", "IBAN [iban]"),
        ("Pay into DE89 3704 0044 0532 0130 00 please.", "Pay into [iban] please."),
        ("iban: gb29nwbk60161331926819", "iban: [iban]"),
        ("Refund to FR14 2004 1010 0505 0001 3M02 606 (Lyon).", "Refund to [iban] (Lyon)."),
        (
            "i e two nine a i b k nine three double one five two one two three four five six seven "
            "eight is my irish account",
            "[iban] is my irish account",
        ),
        # spelling alphabet, no naming word: the check digits decide
        (
            "right so november lima nine one alpha bravo november alpha zero four one seven one "
            "six four three zero zero that should be it",
            "right so [iban] that should be it",
        ),
        # "o" between letters is the letter: l o y d
        (
            "g b six oh l o y d three oh nine six three three one two three four five six seven "
            "eight",
            "[iban]",
        ),
        # wrong check digits: named, so masked anyway; unnamed, it is no IBAN
        ("my iban is GB00 WEST 1234 5698 7654 32", "my iban is [iban]"),
        ("code GB00 WEST 1234 5698 7654 32", "code GB00 WEST 1234 5698 7654 32"),
    ],
)
def test_ibans(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sort code 60-16-13, account 31926819", "Sort code [account], account [account]"),
        ("s/c 309634 a/c 55117193", "s/c [account] a/c [account]"),
        ("Bank details: 20-32-06 / 73155009", "Bank details: [account] / [account]"),
        ("Acct no 40051512, sort 40-05-15", "Acct no [account], sort [account]"),
        (
            "sort code forty twelve seventy six account number one two three four five six seven "
            "eight",
            "sort code [account] account number [account]",
        ),
        (
            "sort code two oh double oh double oh and the account is double four one oh seven two "
            "nine three",
            "sort code [account] and the account is [account]",
        ),
        ("my account was charged 450 pounds", "my account was charged 450 pounds"),
    ],
)
def test_sort_codes_and_accounts(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CVV: 047", "CVV: [cvv]"),
        ("CC# 4929 2917 0342 3660 exp 11/26 cvv 208", "CC# [card] exp 11/26 cvv [cvv]"),
        ("Amex 3440 242646 28897, CID 7314", "Amex [card], CID [cvv]"),
        (
            "and the three digits on the back are seven one four",
            "and the three digits on the back are [cvv]",
        ),
        ("um the security code's four uh two nine", "um the security code's [cvv]"),
        ("c v v is nine oh six", "c v v is [cvv]"),
        (
            "it's the four digit one on the front of the amex two seven seven one",
            "it's the four digit one on the front of the amex [cvv]",
        ),
        ("i'll ring back at four thirty", "i'll ring back at four thirty"),
    ],
)
def test_card_security_codes(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NI number JG 10 37 52 A", "NI number [ni]"),
        ("NINO: PW489327D", "NINO: [ni]"),
        ("Cust NI no. is sr 72 44 10 b (old notes)", "Cust NI no. is [ni] (old notes)"),
        (
            "my national insurance number is j k four five one two eight eight b",
            "my national insurance number is [ni]",
        ),
        ("national insurance a b double six seven four one two c", "national insurance [ni]"),
        ("sierra romeo nine oh one one two three delta is my n i number", "[ni] is my n i number"),
        ("it's q q one two three four five six c", "it's [ni]"),  # HMRC's specimen prefix
        ("ticket AB123456 closed", "ticket AB123456 closed"),  # no suffix letter, not named
    ],
)
def test_national_insurance_numbers(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "okay it's an amex so it's thirty seven seventy five one four oh two six one four oh "
            "one four oh have you got that",
            "okay it's an amex so it's [card] have you got that",
        ),
        (
            "it's four five three nine uh one oh four nine uh seven four six five uh oh seven five "
            "eight and that's a visa debit",
            "it's [card] and that's a visa debit",
        ),
        (
            "social security number four six one twenty two ninety three eighty one",
            "social security number [ssn]",
        ),
        ("social security no. 531 72 0946", "social security no. [ssn]"),
        (
            "my email address is sarah underscore jones eighty seven at hotmail dot co dot uk",
            "my email address is [email]",
        ),
        ("yeah it's d wilson at yahoo dot com d for delta", "yeah it's [email] d for delta"),
        ("it's priya dot patel at b t internet dot com", "it's [email]"),
    ],
)
def test_spoken_numbers_with_tens_fillers_and_initials(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Appointment booked for 12 03 2024.",
        "the appointment is on 12.03.2024 at 10.30",
        "Last payment 2024-01-15, next due 15/02/2024.",
        "oh one oh three twenty twenty four",
        "i was born on oh four oh seven nineteen eighty two",
        "Order 4471-2290-18 still hasn't arrived.",
        "ticket number 88213457",
        "Invoice INV-2024-00317 was paid twice.",
        "Case reference 5521 8834 re complaint.",
        "order reference 1234 5678 9012 3456",  # 16 digits, fails Luhn
        "my order number is four four seven one two two nine oh",
        "case number is c r seven seven one oh four",
        "can you put me through to extension two one four",
        "Transferred to ext. 3302.",
        "Callback scheduled at 14:30. Call duration 00:12:47.",
        "Outstanding balance $1,250.00",
        "App version 2.3.1 on Android 14.",
        "the postcode is m one four five g h",
        "Postcode SW1A 1AA",
        "the card ending 4242 was declined",
        "they charged me forty nine ninety nine twice",
    ],
)
def test_harmless_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_spans_name_their_kind() -> None:
    text = "Cust details: 4485 7127 6842 6849, mob 07700 900611, NINO PW489327D"
    assert [s.kind for s in find_sensitive(text)] == ["card", "phone", "ni"]


def test_a_line_without_candidates_imports_no_validator_library() -> None:
    """phonenumbers and stdnum take ~0.1 s each to import: only a candidate number pays that."""
    code = (
        "import sys; from companion.store.redact import redact; "
        "redact('hi yeah i am calling about my phone bill from the twelfth'); "
        "print(sorted(m for m in ('phonenumbers', 'stdnum') if m in sys.modules)); "
        "redact('it is oh seven seven oh oh nine double oh one two three'); "
        "print(sorted(m for m in ('phonenumbers', 'stdnum') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[]", "['phonenumbers']"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hundreds: "forty one hundred" is 4100
        (
            "my account number is forty one hundred twenty two thirty three",
            "my account number is [account]",
        ),
        # a spoken "dash" between groups
        (
            "social security five one two dash three four dash six seven eight nine",
            "social security [ssn]",
        ),
        # homophones beside digit words, where the run is named or validates
        ("sort code is for oh too ate one nine", "sort code is [account]"),
        ("call me on oh to oh seven nine four six oh for ate three", "call me on [phone]"),
        ("the area code is two one two", "the area code is [phone]"),
        ("Sec code 482", "Sec code [cvv]"),
        ("signature panel says one nine four", "signature panel says [cvv]"),
        # nine digits that make a valid SSN, named by nothing
        ("yeah it is five one two three four six seven eight nine", "yeah it is [ssn]"),
        # named only by the words after it
        (
            "it is one two three four five six seven eight that is my account number",
            "it is [account] that is my account number",
        ),
        # read back, corrected, started again, tail fixed
        (
            "account number one two three four five six seven eight so that is one two three four"
            " five six seven eight",
            "account number [account] so that is [account]",
        ),
        (
            "it is one two three four five six seven eight sorry one two three four five six eight"
            " seven that is my account number",
            "it is [account] sorry [account] that is my account number",
        ),
        (
            "card number four five three two oh one five no sorry four five three two oh one five"
            " one one two eight three oh three six six",
            "card number [card] no sorry [card]",
        ),
        (
            "oh seven seven oh oh nine oh oh one two three no sorry three two one",
            "[phone] no sorry [phone]",
        ),
        # split by an aside, judged joined
        ("oh two oh seven nine four six hang on oh nine five eight", "[phone] hang on [phone]"),
        (
            "g b eight two w e s t one two three four hold on five six nine eight seven six five"
            " four three two",
            "[iban] hold on [iban]",
        ),
        ("a b one two three just a second four five six c", "[ni] just a second [ni]"),
        # "t for tango" spelling, fillers and a homophone inside an NI number
        ("it is t for tango e for echo one two three four five six a", "it is [ni]"),
        ("it is c e um one two to four five six er b", "it is [ni]"),
    ],
)
def test_numbers_said_the_way_people_say_them(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the bill was four hundred and twelve pounds",
        "we landed at nineteen hundred hours",
        "the score was three dash two",
        "i need to pay for two months",
        "we ate two pizzas for four people",
        "we are in area two one",
        "my last three bills came to one hundred forty two",
        # nine digits that are no SSN (area 9xx), or named harmless before or after
        "it is nine one two three four five six seven eight",
        "my order number is five one two three four six seven eight nine",
        "five one two three four six seven eight nine that is the order number",
        "Transferred from desk 4 ext 22",
        # a repeat or a correction of a harmless number stays harmless
        "the ticket number is one two three four so that is one two three four",
        "the order number is four four one two no sorry four four one two nine",
        # pieces that are named harmless, too short together, or typed
        "meter reading one two three four hang on five six seven eight",
        "flat twelve forty five and then the bus at nine thirty",
        "Readings 03317 / 22954",
        # spelled letters that make no identifier
        "postcode is s for sugar w one",
        "a b one two three just a second four five six",
        "g b eight two w e s t one two three four hold on five six",
    ],
)
def test_spoken_forms_keep_harmless_numbers(text: str) -> None:
    assert redact(text) == text


def test_words_after_a_number_name_only_that_number() -> None:
    assert redact("Transferred from 1-202-555-0173 ext 22") == "Transferred from [phone] ext 22"
    # only a correction ("no sorry") makes the next number part of the one before
    tail = "oh seven seven oh oh nine oh oh one two three i will be in at nine thirty"
    assert redact(tail) == "[phone] i will be in at nine thirty"
