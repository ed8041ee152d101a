"""Property tests: random event streams never crash the engine, never put a word cue on the
wrong channel, and never exceed the budget or the on-screen limit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.cues.cue import AGENT_WORD_KINDS, CALLER_WORD_KINDS
from companion.cues.engine import CueEngine
from companion.cues.settings import CueSettings
from companion.events import DeviceEvent, Event, Final, Partial, VoiceFrame, Word

PHRASES = [
    "it's not my fault",
    "this is the third time i'm calling",
    "i'm driving",
    "you're an idiot",
    "let me speak to a manager",
    "what do you mean",
    "no we can't do that",
    "i don't know",
    "no problem at all",
    "my mother passed away",
    "hello",
    "",
    "fuck",
    "calm down",
]
channels = st.sampled_from(["agent", "caller"])
texts = st.one_of(st.sampled_from(PHRASES), st.text(max_size=40))


@st.composite
def events(draw: st.DrawFn) -> Event:
    kind = draw(st.sampled_from(["partial", "final", "frame", "device"]))
    channel = draw(channels)
    t = draw(st.floats(0.0, 120.0, allow_nan=False))
    if kind == "partial":
        return Partial(channel, t, draw(texts))
    if kind == "final":
        text = draw(texts)
        start = draw(st.floats(-5.0, 120.0, allow_nan=False))
        words = tuple(
            Word(w, start + i * 0.3, start + i * 0.3 + 0.25) for i, w in enumerate(text.split())
        )
        return Final(channel, t, text, words if draw(st.booleans()) else ())
    if kind == "frame":
        return VoiceFrame(channel, t, 0.02, draw(st.floats(-100.0, 0.0)), draw(st.booleans()))
    return DeviceEvent(channel, t, draw(st.sampled_from(["lost", "restored"])))


@settings(max_examples=150, deadline=None)
@given(
    stream=st.lists(events(), max_size=80),
    sort=st.booleans(),
    budget=st.integers(0, 6),
    on_screen=st.integers(1, 2),
    mic_only=st.booleans(),
)
def test_random_streams(
    stream: list[Event], sort: bool, budget: int, on_screen: int, mic_only: bool
) -> None:
    engine = CueEngine(
        CueSettings.from_values(
            {
                "budget.max_per_call": budget,
                "budget.max_on_screen": on_screen,
                "budget.min_gap_s": 0.0,
            }
        ),
        channels=("agent",) if mic_only else ("agent", "caller"),
    )
    if sort:
        stream = sorted(stream, key=lambda e: e.t)
    clock = 0.0
    for event in stream:
        for now in (clock + 0.05, event.t):
            engine.tick(now)
            assert len(engine.on_screen(now)) <= on_screen
        clock = event.t
        engine.feed(event)
        assert len(engine.on_screen(event.t)) <= on_screen
    assert len(engine.emitted) <= budget
    for cue in engine.emitted:
        if cue.kind in AGENT_WORD_KINDS:
            assert cue.channel == "agent"
        if cue.kind in CALLER_WORD_KINDS:
            assert cue.channel == "caller"
        if mic_only:
            assert cue.kind not in ("dead-air", "interruption")
    assert len({c.id for c in engine.emitted}) == len(engine.emitted)
