"""Windows lists each device once per host API; the app takes WASAPI, then DirectSound, then MME.

The lists below are shaped like PortAudio's on a Windows workstation with a USB headset: MME
first (names cut at 31 characters, the sound mapper as the default input), then DirectSound,
WASAPI and WDM-KS, each numbering on from the last.
"""

from __future__ import annotations

from companion.audio.devices import (
    MME_NAME_LIMIT,
    InputDevice,
    choose_agent_device,
    choose_caller_device,
    find_by_ref,
    same_device,
)

JABRA = "Headset Microphone (Jabra Evolve2 65)"
ARRAY = "Microphone Array (Realtek(R) Audio)"
MIX = "Stereo Mix (Realtek(R) Audio)"


def windows_inputs(*, with_wasapi: bool = True) -> list[InputDevice]:
    mme = [
        InputDevice(1, "Microsoft Sound Mapper - Input", "MME", 2, 44100, is_default=True),
        InputDevice(2, JABRA[:MME_NAME_LIMIT], "MME", 1, 44100),
        InputDevice(3, ARRAY[:MME_NAME_LIMIT], "MME", 2, 44100),
        InputDevice(4, MIX, "MME", 2, 44100),
    ]
    directsound = [
        InputDevice(9, "Primary Sound Capture Driver", "Windows DirectSound", 2, 44100),
        InputDevice(10, JABRA, "Windows DirectSound", 1, 44100),
        InputDevice(11, ARRAY, "Windows DirectSound", 2, 44100),
        InputDevice(12, MIX, "Windows DirectSound", 2, 44100),
    ]
    wasapi = [
        InputDevice(17, JABRA, "Windows WASAPI", 1, 16000),
        InputDevice(18, ARRAY, "Windows WASAPI", 2, 48000),
        InputDevice(19, MIX, "Windows WASAPI", 2, 48000),
    ]
    wdm_ks = [
        InputDevice(23, JABRA, "Windows WDM-KS", 1, 16000),
        InputDevice(
            24, "Microphone Array 1 (Realtek HD Audio Mic input)", "Windows WDM-KS", 2, 48000
        ),
    ]
    return mme + directsound + (wasapi if with_wasapi else []) + wdm_ks


def test_mme_cuts_the_headset_name_at_31_characters_in_these_lists():
    cut = windows_inputs()[1]
    assert len(JABRA) > MME_NAME_LIMIT and cut.name == "Headset Microphone (Jabra Evolv"
    assert [(d.index, d.hostapi) for d in same_device(cut, windows_inputs())] == [
        (2, "MME"),
        (10, "Windows DirectSound"),
        (17, "Windows WASAPI"),
        (23, "Windows WDM-KS"),
    ]


def test_with_nothing_saved_the_headset_is_taken_on_wasapi_not_mme():
    chosen = choose_agent_device("", windows_inputs())
    assert (chosen.index, chosen.name, chosen.hostapi) == (17, JABRA, "Windows WASAPI")
    assert chosen.ref == f"{JABRA} [Windows WASAPI]"  # the full name is what gets saved


def test_without_wasapi_directsound_comes_before_mme_and_wdm_ks_is_never_chosen():
    chosen = choose_agent_device("", windows_inputs(with_wasapi=False))
    assert (chosen.index, chosen.hostapi) == (10, "Windows DirectSound")
    only_mme_and_wdm_ks = [d for d in windows_inputs() if d.hostapi in ("MME", "Windows WDM-KS")]
    assert choose_agent_device("", only_mme_and_wdm_ks).index == 2  # MME, not WDM-KS's 23


def test_without_a_headset_the_default_input_is_used_as_listed():
    no_headset = [d for d in windows_inputs() if "Jabra" not in d.name]
    assert choose_agent_device("", no_headset).name == "Microsoft Sound Mapper - Input"


def test_a_saved_mme_ref_is_still_found_as_saved():
    saved = f"{JABRA[:MME_NAME_LIMIT]} [MME]"
    assert choose_agent_device(saved, windows_inputs()).index == 2
    assert find_by_ref(f"{JABRA} [Windows WDM-KS]", windows_inputs()).index == 23  # as chosen


def test_a_saved_ref_whose_host_api_is_gone_finds_the_same_device_on_the_best_one():
    without_mme = [d for d in windows_inputs() if d.hostapi != "MME"]
    cut_ref = f"{JABRA[:MME_NAME_LIMIT]} [MME]"
    assert (find_by_ref(cut_ref, without_mme).index, find_by_ref(JABRA, without_mme).index) == (
        17,
        17,
    )
    only_mme = [d for d in windows_inputs() if d.hostapi == "MME"]
    assert find_by_ref(f"{JABRA} [Windows WASAPI]", only_mme).index == 2  # the cut name


def test_a_name_without_host_api_prefers_wasapi_for_the_caller_channel_too():
    assert choose_caller_device(MIX, windows_inputs()).hostapi == "Windows WASAPI"
    assert choose_caller_device(f"{MIX} [MME]", windows_inputs()).index == 4


def test_a_31_character_name_is_not_taken_for_the_cut_of_a_different_device():
    other = InputDevice(30, "Headset Microphone (Jabra Evolv", "Windows WASAPI", 1, 16000)
    listed = [InputDevice(31, JABRA, "Windows WASAPI", 1, 16000), other]
    assert same_device(other, listed) == [other]  # only MME cuts names
