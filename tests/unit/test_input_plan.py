"""The start-up input policy on device lists as machines report them (pure, no PortAudio)."""

from __future__ import annotations

from companion.audio.devices import InputDevice
from companion.audio.input_plan import plan_inputs

LAPTOP = InputDevice(0, "Built-in Microphone", "ALSA", 2, 48000.0, is_default=True)
HEADSET = InputDevice(1, "Jabra Evolve2 65", "ALSA", 1, 16000.0)
LOOPBACK = InputDevice(2, "Monitor of Softphone", "ALSA", 2, 48000.0)


def test_the_saved_headset_and_caller_channel_are_opened() -> None:
    plan = plan_inputs(HEADSET.ref, LOOPBACK.ref, [LAPTOP, HEADSET, LOOPBACK])
    assert plan.devices == {"agent": HEADSET.ref, "caller": LOOPBACK.ref}
    assert plan.preferred == {} and plan.notices == []


def test_a_missing_saved_headset_is_looked_for_between_calls() -> None:
    plan = plan_inputs(HEADSET.ref, "", [LAPTOP])
    assert plan.devices == {"agent": LAPTOP.ref}
    assert plan.preferred == {"agent": HEADSET.ref}
    ((key, text, level),) = plan.notices
    assert key == "device-agent" and level == "warning"
    assert text.startswith(f"Headset {HEADSET.ref} not found: listening to {LAPTOP.name}")


def test_no_input_at_all_still_listens_for_one() -> None:
    plan = plan_inputs("", "", [])
    assert plan.devices == {"agent": ""}
    assert plan.notices[0][1].startswith("No microphone found: plug in a headset")


def test_the_caller_channel_is_opt_in() -> None:
    plan = plan_inputs("", "", [LAPTOP, HEADSET, LOOPBACK])
    assert "caller" not in plan.devices
    assert plan.devices["agent"] == HEADSET.ref  # a headset over the laptop's microphone
