"""The broader phrase families (upset said sideways, agent shields and shrugs, new insults and
confusion) and the look-alikes each must leave alone. Wording here differs from the corpus on
purpose: a family should catch a paraphrase, not a remembered sentence."""

from __future__ import annotations

import pytest

from companion.cues.patterns import PatternSet
from companion.cues.phrase_packs import load_pack
from companion.cues.sentiment import negative_words
from companion.cues.text import Tokens

PACK = load_pack("en").kinds
AVOID = PACK["avoid-phrase"]
EMPATHY = PACK["empathy"]
BOUNDARY = PACK["boundary"]
CLARIFY = PACK["clarify"]


def hits(patterns: PatternSet, text: str, *, final: bool = True) -> list[str]:
    tokens = Tokens.from_words(text.split())
    return [m.pattern.id for m in patterns.matches(tokens, final=final)]


@pytest.mark.parametrize(
    "text, pattern",
    [
        ("honestly i'm at the end of my rope with this", "exasperation-idiom"),
        ("i'm at my wit's end", "exasperation-idiom"),
        ("this meter is driving me up the wall", "exasperation-idiom"),
        ("i'm sick to death of these letters", "exasperation-idiom"),
        ("if it's not fixed by friday i'm going to switch provider", "threat-to-leave"),
        ("i'll take my business elsewhere", "threat-to-leave"),
        ("i'll be writing to my mp about this", "threat-to-report"),
        ("i'm reporting you to ofcom", "threat-to-report"),
        ("i've basically given up on you lot", "resignation"),
        ("what's the point i ring and ring", "resignation"),
        ("well cheers for nothing", "sarcasm"),
        ("surprise surprise it's late", "sarcasm"),
        ("i've been in tears all week", "in-bits"),
        ("i'm worried sick about it", "in-bits"),
        ("we won't be able to pay the mortgage", "money-fear"),
        ("the bailiffs have written to me", "money-fear"),
        ("the vet said she'll have to be put to sleep", "put-to-sleep"),
        ("we lost him last spring", "lost-them"),
        ("my grandad passed in april", "kin-passed"),
        ("my wife was admitted into hospital on sunday", "in-hospital"),
        ("they've taken her into hospital", "in-hospital"),
        ("i'm ringing for the fourth time", "repeated-failure"),
        ("my signal's dropped again", "repeated-failure"),
        ("i just keep getting passed around", "passed-around"),
        ("no one's ever rung me back", "passed-around"),
    ],
)
def test_upset_families_fire(text: str, pattern: str) -> None:
    assert pattern in hits(EMPATHY, text)


@pytest.mark.parametrize(
    "text",
    [
        "i'm switching to paperless billing",
        "if you don't mind i'll cancel the direct debit myself",
        "i'd like to cancel my contract please",
        "i've given up smoking so the health cover should be cheaper",
        "what's the point of the pin on the letter",
        "my nan passed her driving test",
        "my son passed me your number",
        "my daughter works in the hospital",
        "i lost my card on the bus",
        "i lost her number so i'm ringing you",
        "i'm going to court as a witness tomorrow",
        "i'm not at the end of my tether i just want to know",
        "hopefully it won't go down again",
        "the laptop was put to sleep mode",
        "i'm calling again because i forgot to ask",
        "is the offer still available",
        "we're moving somewhere else next month",
    ],
)
def test_upset_look_alikes_stay_quiet(text: str) -> None:
    assert hits(EMPATHY, text) == []


def test_a_factual_wrong_is_not_a_loaded_word() -> None:
    assert negative_words(["i", "booked", "the", "wrong", "day"]) == ()
    assert negative_words(["that", "is", "just", "wrong"]) == ("wrong",)


@pytest.mark.parametrize(
    "text, pattern",
    [
        ("look i don't set the prices", "rules-shield"),
        ("it's all in the small print", "rules-shield"),
        ("it's company policy i'm afraid", "policy-shield"),
        ("you were meant to tell us within a week", "supposed-to"),
        ("you'll just have to wait", "you-will-have-to"),
        ("there's not much we can do", "not-much-i-can-do"),
        ("that's not something we handle", "not-my-department"),
        ("not a clue", "i-dont-know"),
        ("i honestly couldn't say", "i-dont-know"),
        ("i don't know why it did that", "i-dont-know"),
    ],
)
def test_agent_families_fire(text: str, pattern: str) -> None:
    assert pattern in hits(AVOID, text)


@pytest.mark.parametrize(
    "text",
    [
        "it's our policy to refund missed visits",
        "you're supposed to get a text the day before",
        "all you'll have to do is tap yes",
        "you won't have to do anything",
        "is there anything else i can do for you",
        "i don't know why that happened but i'll find out",
        "i couldn't tell you how sorry i am",
    ],
)
def test_agent_look_alikes_stay_quiet(text: str) -> None:
    assert hits(AVOID, text) == []


def test_i_dont_know_why_waits_for_the_final() -> None:
    assert hits(AVOID, "i don't know why that happened", final=False) == []
    assert "i-dont-know" in hits(AVOID, "i don't know why that happened", final=True)


def test_policy_shield_waits_to_hear_what_the_policy_is() -> None:
    assert hits(AVOID, "it's our policy", final=False) == []


@pytest.mark.parametrize(
    "patterns, text",
    [
        (BOUNDARY, "are you deaf or what"),
        (BOUNDARY, "you fucking muppet"),
        (CLARIFY, "sorry i'm totally baffled"),
        (CLARIFY, "none of that makes any sense"),
        (CLARIFY, "that makes no sense to me"),
        (CLARIFY, "sorry i didn't catch that"),
    ],
)
def test_boundary_and_clarify_families_fire(patterns: PatternSet, text: str) -> None:
    assert hits(patterns, text)


@pytest.mark.parametrize(
    "patterns, text",
    [
        (BOUNDARY, "this fucking printer"),
        (BOUNDARY, "this is bullshit"),
        (BOUNDARY, "is she deaf the letter says hard of hearing"),
        (CLARIFY, "i didn't understand the bill at first but it's fine now"),
        (CLARIFY, "that makes sense"),
    ],
)
def test_boundary_and_clarify_look_alikes_stay_quiet(patterns: PatternSet, text: str) -> None:
    assert hits(patterns, text) == []


def test_swearing_at_a_thing_is_empathy() -> None:
    assert "swearing-at-thing" in hits(EMPATHY, "this fucking printer")
    assert "swearing-at-thing" in hits(EMPATHY, "honestly this is bullshit")
