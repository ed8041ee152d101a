"""The call lifecycle state machine, without a display."""

from __future__ import annotations

import json

import pytest

from companion.calls.lifecycle import (
    CallInfo,
    Lifecycle,
    Phase,
    State,
    TransitionError,
    is_difficult,
    recover,
)


def test_full_cycle_idle_prep_live_wrapup_breathing_idle() -> None:
    life = Lifecycle()
    assert life.phase is Phase.IDLE
    life.prepare(CallInfo(identity="C-1042", direction="outbound"), at="t0")
    assert life.phase is Phase.PREP
    step = life.start_call(at="t1")
    assert step is not None and step.after.phase is Phase.LIVE
    assert life.state.call is not None and life.state.call.identity == "C-1042"
    assert life.state.call.direction == "outbound"
    life.attach_call_id(7)
    life.end_call(at="t2")
    assert life.phase is Phase.WRAPUP and life.state.call is not None
    assert life.state.call.call_id == 7
    life.note_saved(difficult=True, autostart=True, at="t3")
    assert life.phase is Phase.BREATHING and life.state.difficult
    life.finish_breathing(at="t4")
    assert life.phase is Phase.IDLE
    assert [t.trigger for t in life.history] == [
        "prepare",
        "start_call",
        "end_call",
        "note_saved",
        "finish_breathing",
    ]


def test_note_saved_without_autostart_goes_idle() -> None:
    life = Lifecycle()
    life.start_call(CallInfo(number="+44 20 7946 0958"), source="softphone")
    life.end_call(source="hotkey")
    step = life.note_saved(difficult=False, autostart=False)
    assert step.after.phase is Phase.IDLE and step.source == "button"


def test_repeated_start_is_ignored_and_end_when_idle_is_a_no_op() -> None:
    life = Lifecycle()
    assert life.end_call() is None
    assert life.start_call(CallInfo(number="1")) is not None
    assert life.start_call(CallInfo(number="2")) is None
    assert life.state.call is not None and life.state.call.number == "1"


def test_softphone_details_merge_with_prep() -> None:
    life = Lifecycle()
    life.prepare(CallInfo(identity="Jane Morgan"))
    life.start_call(CallInfo(number="+44 1", direction="inbound"), source="softphone")
    assert life.state.call == CallInfo(identity="Jane Morgan", number="+44 1")


def test_new_call_ends_breathing_at_once() -> None:
    life = Lifecycle()
    life.start_breathing()
    step = life.start_call(CallInfo(number="5"), source="softphone")
    assert step is not None and step.before.phase is Phase.BREATHING
    assert life.phase is Phase.LIVE


def test_new_call_during_wrapup_leaves_the_note_as_a_draft() -> None:
    life = Lifecycle()
    life.start_call()
    life.attach_call_id(3)
    life.end_call()
    step = life.start_call(CallInfo(number="9"), source="softphone")
    assert step is not None and step.left_note == 3
    assert life.state.call is not None and life.state.call.call_id is None


def test_end_during_prep_cancels() -> None:
    life = Lifecycle()
    life.prepare(CallInfo(identity="x"))
    step = life.end_call()
    assert step is not None and step.trigger == "cancel_prep" and life.phase is Phase.IDLE


def test_refusals_name_the_phase() -> None:
    life = Lifecycle()
    with pytest.raises(TransitionError, match="save a note while idle"):
        life.note_saved(difficult=False, autostart=True)
    life.start_call()
    with pytest.raises(TransitionError, match="prepare while live"):
        life.prepare(CallInfo())
    with pytest.raises(TransitionError, match="start breathing while live"):
        life.start_breathing()
    assert life.cancel() is None  # a live call is never dropped by cancel


def test_skip_note_keeps_the_call_id_for_the_draft() -> None:
    life = Lifecycle()
    life.start_call()
    life.attach_call_id(11)
    life.end_call()
    step = life.skip_note()
    assert step.left_note == 11 and life.phase is Phase.IDLE


def test_open_note_needs_a_call_id() -> None:
    life = Lifecycle()
    with pytest.raises(TransitionError):
        life.open_note(CallInfo())
    life.open_note(CallInfo(call_id=4))
    assert life.phase is Phase.WRAPUP


def test_state_round_trips_through_json_and_recovers_to_wrapup() -> None:
    life = Lifecycle()
    life.start_call(CallInfo(identity="C-1", number="+1 555", name="Ann"), at="2024-01-01T10:00")
    life.attach_call_id(42)
    saved = json.loads(json.dumps(life.state.to_dict()))
    back = State.from_dict(saved)
    assert back == life.state
    resumed = recover(back, at="later")
    assert resumed.phase is Phase.WRAPUP and resumed.call is not None
    assert resumed.call.call_id == 42 and resumed.call.name == "Ann"


@pytest.mark.parametrize("phase", ["prep", "breathing", "idle"])
def test_recover_other_phases_to_idle(phase: str) -> None:
    assert recover(State.from_dict({"phase": phase})).phase is Phase.IDLE


def test_recover_live_without_call_row_goes_idle() -> None:
    assert recover(State(Phase.LIVE, CallInfo())).phase is Phase.IDLE


@pytest.mark.parametrize(
    "raw", [{"phase": "flying"}, {"phase": "live", "call": {"call_id": "x"}}, {"phase": 3}]
)
def test_malformed_saved_state_is_idle_or_harmless(raw: dict[str, object]) -> None:
    state = State.from_dict(raw)
    assert recover(state).phase is Phase.IDLE


def test_is_difficult() -> None:
    assert is_difficult(4, set())
    assert not is_difficult(3, {"empathy"})
    assert is_difficult(None, {"boundary"})
    assert is_difficult(1, {"escalation", "pace"})
