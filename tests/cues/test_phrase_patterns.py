"""Phrase families: what fires, and the look-alikes that must not (negation, scope, channel)."""

from __future__ import annotations

import pytest

from companion.cues.engine import CueEngine
from companion.cues.patterns import PatternSet, phrase_pattern
from companion.cues.phrase_packs import load_pack
from companion.cues.replay import replay
from companion.cues.settings import CueSettings
from companion.cues.text import Tokens, normalise
from tests.cues.streams import said

PACK = load_pack("en").kinds
AVOID = PACK["avoid-phrase"]
EMPATHY = PACK["empathy"]
CALLBACK = PACK["callback"]
BOUNDARY = PACK["boundary"]
ESCALATION = PACK["escalation"]
CLARIFY = PACK["clarify"]


def hits(patterns: PatternSet, text: str) -> list[str]:
    return [
        m.pattern.category for m in patterns.matches(Tokens.from_words(text.split()), final=True)
    ]


@pytest.mark.parametrize(
    "text, category",
    [
        ("it's not my fault", "blame"),
        ("look don't take it out on me", "blame"),
        ("what you need to do is restart the router", "order"),
        ("what you should have done was call us", "order"),
        ("no we can't do that", "refusal"),
        ("sorry that's not possible", "refusal"),
        ("that's not my department", "buck"),
        ("that's not really my job", "buck"),
        ("i don't know", "dont-know"),
        ("honestly i have no idea", "dont-know"),
        ("well you really should have", "blame"),
    ],
)
def test_agent_phrases_that_fire(text: str, category: str) -> None:
    assert category in hits(AVOID, text)


@pytest.mark.parametrize(
    "text",
    [
        "no problem at all",
        "not at all",
        "no worries",
        "there's no charge for that",
        "i don't know if you've seen our new app",
        "i don't know offhand but let me check",
        "we can't do that but what i can do is send a new one",
        "you should see a credit on your next bill",
        "you should have received a letter",
        "it's not your fault at all",
        "i can help you with that",
    ],
)
def test_agent_look_alikes_stay_quiet(text: str) -> None:
    assert hits(AVOID, text) == []


@pytest.mark.parametrize(
    "patterns, text",
    [
        (EMPATHY, "this is the third time i'm calling"),
        (EMPATHY, "nobody ever fixes anything"),
        (EMPATHY, "my mother passed away last month"),
        (EMPATHY, "i've been on hold for forty minutes"),
        (EMPATHY, "i am absolutely fed up"),
        (EMPATHY, "this damn router again"),
        (CALLBACK, "i'm driving at the moment"),
        (CALLBACK, "it's not a good time can you call me back"),
        (BOUNDARY, "are you actually thick"),
        (BOUNDARY, "you're a useless idiot"),
        (ESCALATION, "let me speak to a supervisor"),
        (ESCALATION, "put me through to your manager"),
        (CLARIFY, "sorry what do you mean"),
        (CLARIFY, "i don't understand"),
    ],
)
def test_caller_phrases_that_fire(patterns: PatternSet, text: str) -> None:
    assert hits(patterns, text)


@pytest.mark.parametrize(
    "patterns, text",
    [
        (EMPATHY, "i'm not upset at all"),
        (EMPATHY, "nobody ever helped more than you did"),
        (CALLBACK, "i was driving past your depot yesterday"),
        (CALLBACK, "it's not a bad time at all"),
        (BOUNDARY, "you are not stupid for asking"),
        (BOUNDARY, "i'm not having a go at you"),
        (BOUNDARY, "we're going to go away for the weekend"),
        (ESCALATION, "i don't want to talk to a manager"),
        (ESCALATION, "my manager at work needs the documents"),
        (CLARIFY, "i understand"),
        (CLARIFY, "i know what you mean"),
        (CLARIFY, "sorry what time is the appointment"),
    ],
)
def test_caller_look_alikes_stay_quiet(patterns: PatternSet, text: str) -> None:
    assert hits(patterns, text) == []


def test_guarded_pattern_waits_for_its_lookahead_on_partials() -> None:
    partial = Tokens.from_words(["i", "don't", "know"])
    assert list(AVOID.matches(partial, final=False)) == []
    assert [m.pattern.id for m in AVOID.matches(partial, final=True)] == ["i-dont-know"]


def test_normalise_expands_contractions_and_apostrophes() -> None:
    assert normalise("It’s NOT my fault, I can't!") == "it is not my fault i can not"


@pytest.mark.parametrize(
    "contracted, expanded",
    [
        ("well it's not my fault", "well it is not my fault"),
        ("no we can't do that", "no we cannot do that"),
        ("look don’t take it out on me", "look do not take it out on me"),
        ("you'll have to send it again", "you will have to send it again"),
        ("there's not a lot i can do", "there is not a lot i can do"),
    ],
)
def test_a_contracted_agent_phrase_fires_the_same_cue_as_the_expanded_one(
    contracted: str, expanded: str
) -> None:
    """Vosk writes the contraction; the cue (kind and suggested line) must not depend on it."""

    def cues(text: str) -> list[tuple[str, str]]:
        engine = CueEngine(channels=("agent",))
        return [(c.kind, c.line) for c in replay(said("agent", 1.0, text), engine)]

    fired = cues(contracted)
    assert [kind for kind, _ in fired] == ["avoid-phrase"]
    assert fired == cues(expanded)


def test_a_trainer_phrase_fires_on_either_spelling() -> None:
    settings = CueSettings.from_values({"cues.avoid-phrase.add_phrases": ["you're wrong"]})
    for text, spoken in [
        ("no you're wrong there", ("you're", "wrong")),
        ("no you are wrong there", ("you", "are", "wrong")),
        ("no you’re wrong there", ("you’re", "wrong")),
    ]:
        cues = replay(said("agent", 1.0, text), CueEngine(settings, channels=("agent",)))
        assert [(c.kind, c.words) for c in cues] == [("avoid-phrase", spoken)]


def test_trainer_phrase_syntax_with_wildcards_and_alternatives() -> None:
    pattern = phrase_pattern("we will * sue|prosecute you", "custom", 0)
    added = PatternSet(()).plus([pattern])
    assert hits(added, "we will have to sue you") == ["custom"]
    assert hits(added, "we will prosecute you") == ["custom"]
    assert hits(added, "we sue nobody") == []


def test_removing_a_builtin_by_example_phrase() -> None:
    assert "order" in hits(AVOID, "calm down please")
    trimmed = AVOID.without(["calm down"])
    assert "order" not in hits(trimmed, "calm down please")
    assert "blame" in hits(trimmed, "it's not my fault")
