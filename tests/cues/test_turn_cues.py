"""Time-based cues on a simulated clock: dead-air, monologue, interruption, pause, pace, loudness.

Each runs through `replay`, which ticks every 50 ms of call time, so the assertions are about
call time (when a cue would show live), never about wall-clock speed.
"""

from __future__ import annotations

import pytest

from companion.cues.engine import CueEngine
from companion.cues.replay import replay
from companion.events import DeviceEvent, DeviceState, Event
from tests.cues.streams import call, said, silence, voice


def kinds_at(
    events: list[Event], channels: tuple[str, ...] = ("agent", "caller"), tail_s: float = 0.0
) -> list[tuple[str, float]]:
    cues = replay(events, CueEngine(channels=channels), tail_s=tail_s)  # type: ignore[arg-type]
    return [(c.kind, round(c.t, 2)) for c in cues]


def test_dead_air_fires_ten_seconds_into_a_twelve_second_gap_not_at_the_next_line() -> None:
    first = said("agent", 0.5, "let me just look that up for you", partials=False)
    last_word_end = first[-1].result[-1].end  # type: ignore[union-attr]
    events = call(first, said("caller", last_word_end + 12.0, "hello are you still there"))
    fired = [t for kind, t in kinds_at(events) if kind == "dead-air"]
    assert len(fired) == 1
    assert last_word_end + 10.0 <= fired[0] <= last_word_end + 10.1
    assert fired[0] < last_word_end + 12.0  # before the next line arrives


def test_dead_air_is_quietly_off_without_the_caller_channel() -> None:
    events = call(
        said("agent", 0.5, "one moment please"), said("agent", 15.0, "thanks for waiting")
    )
    assert [k for k, _ in kinds_at(events, channels=("agent",))] == []
    assert [k for k, _ in kinds_at(events)] == ["dead-air"]  # with the caller channel it fires


@pytest.mark.parametrize("state", ["lost", "silent", "denied"])
def test_dead_air_is_off_while_an_input_gives_nothing_usable(state: DeviceState) -> None:
    """Lost, digital silence (muted in the driver) or access denied: silence proves nothing."""
    agent = call(said("agent", 0.5, "one moment please"), said("agent", 15.0, "thanks for waiting"))
    assert "dead-air" in [k for k, _ in kinds_at(agent)]  # the same call with the input there
    for channel in ("caller", "agent"):
        events = call(agent, [DeviceEvent(channel, 2.0, state)])
        assert "dead-air" not in [k for k, _ in kinds_at(events)], channel
    back = call(agent, [DeviceEvent("caller", 2.0, state), DeviceEvent("caller", 2.5, "restored")])
    assert "dead-air" in [k for k, _ in kinds_at(back)]


def test_monologue_from_voice_frames_alone_with_no_words() -> None:
    events = call(voice("agent", 1.0, 40.0), silence("caller", 0.0, 40.0))
    fired = [t for kind, t in kinds_at(events) if kind == "monologue"]
    assert len(fired) == 1 and 31.0 <= fired[0] <= 31.2


def test_caller_speech_resets_the_monologue_turn() -> None:
    events = call(
        voice("agent", 1.0, 20.0), voice("caller", 20.5, 22.0), voice("agent", 22.5, 45.0)
    )
    assert "monologue" not in [k for k, _ in kinds_at(events)]


def test_interruption_from_frames_needs_half_a_second_of_overlap() -> None:
    talks_over = call(voice("caller", 1.0, 6.0), voice("agent", 4.0, 8.0))
    backchannel = call(voice("caller", 1.0, 6.0), voice("agent", 4.0, 4.3))
    fired = [t for kind, t in kinds_at(talks_over) if kind == "interruption"]
    assert len(fired) == 1 and 4.5 <= fired[0] <= 4.6
    assert "interruption" not in [k for k, _ in kinds_at(backchannel)]


def test_caller_talking_over_the_agent_is_not_an_interruption() -> None:
    events = call(voice("agent", 1.0, 6.0), voice("caller", 3.0, 5.0))
    assert "interruption" not in [k for k, _ in kinds_at(events)]


def test_pause_only_for_an_instant_reply_to_an_upset_caller() -> None:
    upset = said("caller", 1.0, "this is the third time i have called about this")
    end = upset[-1].result[-1].end  # type: ignore[union-attr]
    calm = said("caller", 1.0, "my postcode is l eight four x y")
    calm_end = calm[-1].result[-1].end  # type: ignore[union-attr]
    quick_to_upset = call(upset, said("agent", end + 0.15, "okay let me look at that"))
    quick_to_calm = call(calm, said("agent", calm_end + 0.15, "thank you let me look at that"))
    slow_to_upset = call(upset, said("agent", end + 1.2, "i am sorry let me look at that"))
    assert "pause" in [k for k, _ in kinds_at(quick_to_upset)]
    assert "pause" not in [k for k, _ in kinds_at(quick_to_calm)]
    assert "pause" not in [k for k, _ in kinds_at(slow_to_upset)]


def test_pace_needs_a_full_window_of_fast_speech() -> None:
    fast_text = " ".join(["we"] * 80)
    fast = said("agent", 1.0, fast_text, rate=3.8)
    normal = said("agent", 1.0, fast_text, rate=2.4)
    short_fast = said("agent", 1.0, " ".join(["we"] * 30), rate=3.8)
    assert [k for k, _ in kinds_at(fast, channels=("agent",))].count("pace") == 1
    assert "pace" not in [k for k, _ in kinds_at(normal, channels=("agent",))]
    assert "pace" not in [k for k, _ in kinds_at(short_fast, channels=("agent",))]


def test_a_fast_list_inside_one_long_explanation_gets_the_pace_cue_while_it_goes_on() -> None:
    """Calm for 20 s, then a 15-second list at 240 words a minute in one breath, then calm
    again: the cue comes during the list, not in the next explanation."""
    calm = said("agent", 1.0, " ".join(["we"] * 40), rate=2.3)
    burst_start = 19.0
    burst = said("agent", burst_start, " ".join(["so"] * 60), rate=4.0)
    burst_end = burst[-1].t
    after = said("agent", burst_end + 1.0, " ".join(["ok"] * 40), rate=2.3)
    fired = [t for k, t in kinds_at(call(calm, burst, after), channels=("agent",)) if k == "pace"]
    assert len(fired) == 1 and burst_start + 8 <= fired[0] < burst_end
    slower = said("agent", burst_start, " ".join(["so"] * 60), rate=3.0)  # 180 a minute
    quiet = kinds_at(call(calm, slower), channels=("agent",))
    assert "pace" not in [k for k, t in quiet if t < burst_start + 20]


def test_raised_voice_over_the_agents_own_baseline_from_frames_only() -> None:
    events = call(voice("agent", 0.0, 15.0, level=-30.0), voice("agent", 15.0, 18.0, level=-18.0))
    fired = [t for kind, t in kinds_at(events, channels=("agent",)) if kind == "raised-voice"]
    assert len(fired) == 1 and 15.0 < fired[0] < 16.2
    steady = voice("agent", 0.0, 18.0, level=-30.0)
    assert "raised-voice" not in [k for k, _ in kinds_at(steady, channels=("agent",))]


def test_raised_voice_needs_a_baseline_first() -> None:
    events = call(voice("agent", 0.0, 3.0, level=-30.0), voice("agent", 3.0, 6.0, level=-10.0))
    assert "raised-voice" not in [k for k, _ in kinds_at(events, channels=("agent",))]
