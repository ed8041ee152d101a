"""One spelling for cues and checklist: contracted or expanded, either side, the same match."""

from __future__ import annotations

import pytest

from companion.calls.in_call import phrase_heard, phrase_words, words_of
from companion.cues.patterns import PatternSet, phrase_pattern
from companion.cues.text import Tokens
from companion.text_norm import normalise, slot, words


def slots(text: str) -> list[str]:
    return [slot(w) for w in words(text)]


@pytest.mark.parametrize(
    "text, spelled",
    [
        ("I’m sorry", "i am sorry"),  # curly apostrophe
        ("I‘m", "i am"),
        ("don't", "do not"),
        ("DON'T!", "do not"),
        ("dont", "do not"),
        ("can't", "can not"),
        ("cannot", "can not"),
        ("won't", "will not"),
        ("you're", "you are"),
        ("we'll", "we will"),
        ("i've", "i have"),
        ("let's", "let us"),
        ("it's", "it is"),  # is-or-has, spelled "is"
        ("that's", "that is"),
        ("nobody's", "nobody is"),
        ("i'd", "i would"),  # would-or-had, spelled "would"
        ("she’d", "she would"),
        ("the customer's bill", "the customer s bill"),  # possessive: never "customer is"
        ("my dad's", "my dad s"),
        ("customers'", "customers"),
        ("[unk] hello [unk]", "hello"),
        ("Hello, how are you?", "hello how are you"),
        ("e-mail", "e mail"),
        ("José’s café", "josé s café"),
        ("", ""),
    ],
)
def test_spelling(text: str, spelled: str) -> None:
    assert normalise(text) == spelled


def test_possessive_is_not_turned_into_is() -> None:
    assert "customer is" not in normalise("the customer's bill")
    assert words("the customer's bill") == ["the", "customer", "s", "bill"]


@pytest.mark.parametrize(
    "one, other",
    [
        ("so what you're saying", "so what you are saying"),
        ("i'm sorry", "I am sorry"),
        ("I’m sorry", "i'm sorry"),
        ("don't", "do not"),
        ("it's been sorted", "it has been sorted"),
        ("it's been sorted", "it is been sorted"),
        ("i'd already called", "i had already called"),
        ("i'd like that", "i would like that"),
        ("the bill's wrong", "the bill is wrong"),
        ("there's nothing", "there is nothing"),
        ("we can't", "we cannot"),
        ("we won't", "we will not"),
    ],
)
def test_contracted_and_expanded_fill_the_same_slots(one: str, other: str) -> None:
    assert slots(one) == slots(other)


@pytest.mark.parametrize(
    "phrase, said",
    [
        ("i am sorry", "i'm sorry about that"),
        ("i'm sorry", "i am sorry about that"),
        ("so what you are saying", "so what you're saying is it stopped"),
        ("so what you're saying", "so what you are saying is it stopped"),
        ("I’m sorry", "i'm sorry"),
        ("do not worry", "don't worry about it"),
        ("i will call you", "i'll call you back tomorrow"),
        ("don't worry", "do not worry about it"),
        ("it has been sorted", "it's been sorted now"),
        ("the bill is wrong", "the bill's wrong"),
        ("the account holder's name", "the account holder's name"),
    ],
)
def test_checklist_and_cue_phrases_match_either_spelling(phrase: str, said: str) -> None:
    """Both consumers: the checklist's loose word match and a trainer's cue phrase."""
    assert phrase_heard(phrase_words(phrase), words_of(said), slack=3)
    custom = PatternSet(()).plus([phrase_pattern(phrase, "custom", 0)])
    assert [m.pattern.category for m in custom.matches(Tokens.from_words(said.split()), final=True)]


@pytest.mark.parametrize(
    "phrase, said",
    [
        ("i am sorry", "i'm not really"),
        ("do not worry", "don't know"),
        ("the customer is", "the customers"),  # no apostrophe: a plural, not "is"
    ],
)
def test_different_words_still_differ(phrase: str, said: str) -> None:
    assert not phrase_heard(phrase_words(phrase), words_of(said), slack=3)
    custom = PatternSet(()).plus([phrase_pattern(phrase, "custom", 0)])
    assert not list(custom.matches(Tokens.from_words(said.split()), final=True))


def test_tokens_keep_the_spoken_word_of_each_token() -> None:
    tokens = Tokens.from_words(["[unk]", "I’m", "the", "customer's"])
    assert tokens.text == "i am the customer s"
    assert tokens.token_word == (1, 1, 2, 3, 3)
