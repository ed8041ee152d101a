"""Choosing the agent's microphone: by saved name, else a headset, else the default."""

from __future__ import annotations

import pytest

from companion.audio.devices import (
    InputDevice,
    NoInputDevice,
    choose_agent_device,
    choose_caller_device,
    find_by_ref,
)

LAPTOP = InputDevice(0, "Built-in Microphone", "Core Audio", 1, 48000, is_default=True)
JABRA = InputDevice(3, "Jabra Evolve2 65", "Core Audio", 1, 16000)
JABRA_MME = InputDevice(7, "Jabra Evolve2 65", "MME", 1, 44100)
MIX = InputDevice(5, "Stereo Mix (Realtek Audio)", "Windows WASAPI", 2, 48000)


def test_saved_device_wins_by_name_and_host_api_even_after_renumbering():
    devices = [LAPTOP, JABRA_MME, JABRA]
    assert choose_agent_device("Jabra Evolve2 65 [Core Audio]", devices) is JABRA
    assert choose_agent_device("Jabra Evolve2 65 [MME]", devices) is JABRA_MME


def test_a_headset_is_preferred_over_the_system_default():
    assert choose_agent_device("", [LAPTOP, MIX, JABRA]) is JABRA


def test_a_saved_device_that_is_gone_falls_back_to_a_headset_then_default():
    assert choose_agent_device("Poly Blackwire 3320 [MME]", [LAPTOP, JABRA]) is JABRA
    assert choose_agent_device("Poly Blackwire 3320 [MME]", [LAPTOP, MIX]) is LAPTOP


def test_loopback_inputs_are_never_taken_for_the_agent_headset():
    usb_mix = InputDevice(9, "USB Audio Stereo Mix", "ALSA", 2, 48000)
    assert choose_agent_device("", [LAPTOP, usb_mix]) is LAPTOP
    assert MIX.looks_like_loopback and not MIX.looks_like_headset


def test_no_inputs_at_all_is_a_clear_error():
    with pytest.raises(NoInputDevice, match="plug in a headset"):
        choose_agent_device("", [])


def test_the_caller_channel_is_opt_in():
    assert choose_caller_device("", [LAPTOP, MIX]) is None
    assert choose_caller_device("Stereo Mix (Realtek Audio) [Windows WASAPI]", [LAPTOP, MIX]) is MIX


def test_a_unique_part_of_a_name_finds_the_device():
    assert find_by_ref("Evolve2", [LAPTOP, JABRA]) is JABRA
    assert find_by_ref("Evolve2", [JABRA, JABRA_MME]) is None  # ambiguous: refuse to guess
