"""The engine's contract: partials fire once, channels are respected, the gate limits cues."""

from __future__ import annotations

from companion.cues.engine import CueEngine
from companion.cues.replay import replay, with_partials
from companion.cues.settings import CueSettings
from companion.events import Final, Partial, Word
from tests.cues.streams import call, said


def settings(**values: object) -> CueSettings:
    return CueSettings.from_values(values)


def test_a_phrase_in_a_growing_partial_fires_then_and_not_again_at_the_final() -> None:
    engine = CueEngine()
    out = []
    for event in said("agent", 1.0, "well it's not my fault is it"):
        out += [(type(event).__name__, c.kind) for c in engine.feed(event)]
    assert out == [("Partial", "avoid-phrase")]
    cue = engine.emitted[0]
    assert cue.channel == "agent" and cue.words == ("not", "my", "fault")
    assert "not my fault" in cue.message and cue.line


def test_a_final_only_transcript_still_fires_once_with_the_word_time_as_due() -> None:
    engine = CueEngine()
    cues = replay(
        with_partials(said("caller", 1.0, "my mother passed away last week", partials=False)),
        engine,
    )
    assert [c.kind for c in cues] == ["empathy"]
    assert cues[0].t < 1.0 + 6 / 2.5 + 0.3  # from a synthesised partial, before the final
    assert cues[0].line.startswith("I'm so sorry for your loss")


def test_word_cues_only_fire_on_the_speakers_own_channel() -> None:
    caller_says_agent_phrase = said("caller", 1.0, "it's not my fault the parcel is late")
    agent_echoes_caller = said("agent", 1.0, "so you're driving at the moment")
    assert CueEngine().feed(caller_says_agent_phrase[-1]) == []
    cues = replay(call(caller_says_agent_phrase, agent_echoes_caller), CueEngine())
    assert [(c.kind, c.channel) for c in cues] == []
    # the same kinds of words do fire on the speaker's own channel
    agent_phrase = said("agent", 1.0, "it's not my fault the parcel is late")
    assert [(c.kind, c.channel) for c in replay(agent_phrase, CueEngine())] == [
        ("avoid-phrase", "agent")
    ]
    caller_phrase = said("caller", 1.0, "i'm driving at the moment")
    assert [(c.kind, c.channel) for c in replay(caller_phrase, CueEngine())] == [
        ("callback", "caller")
    ]
    assert replay(said("agent", 1.0, "i'm driving at the moment"), CueEngine()) == []


def test_abuse_climbs_the_ladder_boundary_then_warning_then_end_each_with_its_script() -> None:
    events = call(
        said("caller", 1.0, "are you an idiot"),
        said("caller", 8.0, "oh give over you useless jobsworth"),
        said("caller", 15.0, "go on then you brainless cow"),
    )
    cues = replay(events, CueEngine())
    assert [c.kind for c in cues] == ["boundary", "boundary-warning", "boundary-end"]
    kinds = CueSettings.defaults().kinds
    for cue in cues:
        assert cue.severity == "high" and cue.line == kinds[cue.kind].lines["abuse"][0]
    assert "end this call" in cues[1].line and "end the call now" in cues[2].line
    # a trainer's own script for a step is the one shown
    mine = settings(**{"cues.boundary-warning.lines.abuse": ["Last warning, politely."]})
    assert replay(events, CueEngine(mine))[1].line == "Last warning, politely."


def test_safety_talk_cues_safeguarding_with_the_protocol_and_outranks_the_rest() -> None:
    defaults = CueSettings.defaults()
    cases = {
        "honestly my family would be better off without me": "self-harm",
        "if nobody comes i swear someone's gonna get hurt you useless lot": "threat",
        "hang on my chest has gone really tight and i can't breathe": "medical",
        "the kids next door have been left on their own since friday": "at-risk",
    }
    for text, risk in cases.items():
        cues = replay(call(said("caller", 1.0, text)), CueEngine())
        assert [c.kind for c in cues] == ["safeguarding"], text  # not also boundary or empathy
        line = defaults.kinds["safeguarding"].lines[risk][0]
        assert cues[0].line == f"{line} {defaults.safeguarding_protocol}"
        assert cues[0].severity == "high" and "Safety risk" in cues[0].message
    # figures of speech stay quiet
    for text in (
        "this router is killing me",
        "i could murder a cup of tea right now",
        "my phone died halfway through the call",
        "i nearly died laughing when i saw it",
        "i nearly had a heart attack when i saw the bill",
        "my kids are grown up now so i live alone",
    ):
        kinds = [c.kind for c in replay(call(said("caller", 1.0, text)), CueEngine())]
        assert "safeguarding" not in kinds, text


def test_safeguarding_is_never_held_back_by_budget_severity_floor_or_a_full_screen() -> None:
    quiet = settings(
        **{"budget.max_per_call": 1, "budget.min_severity": "high", "budget.max_on_screen": 1}
    )
    events = call(
        said("caller", 1.0, "are you an idiot"),
        said("caller", 3.0, "i don't see the point anymore they'd be better off without me"),
    )
    engine = CueEngine(quiet)
    cues = replay(events, engine)
    assert [c.kind for c in cues] == ["boundary", "safeguarding"]
    assert cues[1].replaces == cues[0].id  # it takes the only place on screen
    assert [c.kind for c in engine.on_screen(4.0)] == ["safeguarding"]
    # with suggested lines off (veterans) the protocol still shows
    bare = settings(**{"cues.show_lines": False})
    cue = replay(call(said("caller", 1.0, "my chest is so tight")), CueEngine(bare))[0]
    assert cue.line == bare.safeguarding_protocol


def test_cooldown_per_kind_and_budget_per_call() -> None:
    upset = [said("caller", 1.0 + 10 * i, "this is the third time i have called") for i in range(6)]
    cues = replay(
        call(*upset), CueEngine(settings(**{"cues.empathy.cooldown_s": 25.0}), channels=("caller",))
    )
    times = [c.t for c in cues if c.kind == "empathy"]
    assert len(times) == 2 and times[1] - times[0] >= 25.0  # 1, 11, 21 held back; 31 shows
    budget = replay(
        call(*upset),
        CueEngine(settings(**{"cues.empathy.cooldown_s": 0.0, "budget.max_per_call": 2})),
    )
    assert [c.kind for c in budget] == ["empathy", "empathy"]
    assert len(budget) == 2


def test_never_more_than_two_on_screen_and_a_severe_cue_pushes_the_weakest_off() -> None:
    engine = CueEngine(settings(**{"budget.min_gap_s": 0.0}))
    engine.feed(
        Final(
            "caller",
            1.0,
            "i am driving",
            (Word("i", 0.2, 0.3), Word("am", 0.3, 0.5), Word("driving", 0.5, 0.9)),
        )
    )
    engine.feed(Final("caller", 2.0, "what do you mean", ()))
    assert [c.kind for c in engine.on_screen(2.0)] == ["callback", "clarify"]
    engine.feed(Final("caller", 3.0, "this is the third time i have called", ()))
    assert len(engine.on_screen(3.0)) == 2
    third = engine.emitted[-1]
    assert third.kind == "empathy" and third.replaces == engine.emitted[0].id
    assert engine.dismiss(third.id) and len(engine.on_screen(3.0)) == 1
    assert engine.on_screen(3.0 + 60) == ()


def test_veteran_style_min_severity_and_hidden_lines() -> None:
    engine = CueEngine(settings(**{"budget.min_severity": "high", "cues.show_lines": False}))
    cues = replay(
        call(
            said("caller", 1.0, "this is the third time i have called"),
            said("caller", 10.0, "are you an idiot"),
        ),
        engine,
    )
    assert [(c.kind, c.line) for c in cues] == [("boundary", "")]


def test_profile_phrases_added_and_removed() -> None:
    values = {
        "cues.avoid-phrase.add_phrases": ["legal action"],
        "cues.avoid-phrase.remove_phrases": ["calm down"],
        "budget.min_gap_s": 0.0,
    }
    cues = replay(
        call(
            said("agent", 1.0, "please calm down"),
            said("agent", 40.0, "we will start legal action"),
        ),
        CueEngine(settings(**values), channels=("agent",)),
    )
    assert [(c.kind, c.words) for c in cues] == [("avoid-phrase", ("legal", "action"))]


def test_disabled_kind_never_fires() -> None:
    upset = said("caller", 1.0, "this is the third time i have called")
    engine = CueEngine(settings(**{"cues.empathy.enabled": False}))
    assert replay(upset, engine) == []
    assert [c.kind for c in replay(upset, CueEngine())] == ["empathy"]  # enabled, it fires


def test_repeated_identical_partials_are_cheap_no_ops() -> None:
    engine = CueEngine()
    assert engine.feed(Partial("caller", 1.0, "hello")) == []
    assert engine.feed(Partial("caller", 1.1, "hello")) == []
    assert engine.activity["caller"].ends[-1] == 1.0


def test_two_different_phrases_to_avoid_in_one_call_both_cue_the_same_one_again_waits() -> None:
    """Cooldown per phrase family: blame then an order 10 s later is two mistakes, two cues;
    the same family again inside the kind's cooldown is not; two phrases in one breath are
    one cue (the kind's short gap)."""
    events = call(
        said("agent", 1.0, "well it's not my fault the engineer didn't turn up"),
        said("agent", 11.0, "what you need to do is unplug the router"),
        said("agent", 21.0, "honestly that's not my fault either"),
        said("agent", 24.0, "you have to wait for the letter"),
    )
    cues = replay(events, CueEngine())
    assert [(c.kind, c.t < 11.0) for c in cues] == [("avoid-phrase", True), ("avoid-phrase", False)]
    assert "not my fault" in cues[0].message and "what you need to do" in cues[1].message
    burst = call(said("agent", 1.0, "it's not my fault and what you need to do is call them"))
    assert [c.kind for c in replay(burst, CueEngine())] == ["avoid-phrase"]
