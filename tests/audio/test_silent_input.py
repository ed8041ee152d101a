"""A headset that delivers only exact zeros, through the real virtual microphone.

The virtual devices normally carry a faint noise floor (`room_tone` in fixtures/vmic.py), as
every real microphone does, even in a silent room. Taking it away leaves what a microphone
withheld by the OS (macOS with microphone access off) or muted in its driver delivers: blocks on
time, every sample exactly 0. A null sink with nothing at all playing delivers exactly that
too, so here it is reported "silent" as well — rightly: it is the "delivers only silence" case,
which an idle real headset never is. The test plays a WAV of exact zeros (a stream that is
running, as a muted driver's is) and then real recorded speech.
"""

from __future__ import annotations

import queue
import time
from pathlib import Path

import numpy as np

from companion.events import DeviceEvent, VoiceFrame
from companion.speech.live import LiveListener
from tests.audio.conftest import write_wav
from tests.fixtures.speech import pad_wav
from tests.fixtures.vmic import VirtualMics


def drain(events: queue.Queue, seconds: float, until=None) -> list:  # type: ignore[no-untyped-def]
    got: list = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            got.append(events.get(timeout=0.1))
        except queue.Empty:
            continue
        if until is not None and until(got[-1]):
            break
    return got


def silence_reports(events: list) -> list[DeviceEvent]:
    return [e for e in events if isinstance(e, DeviceEvent) and e.device in ("silent", "denied")]


def without_noise_floor(vmics: VirtualMics, channel: str) -> None:
    """Stop the device's faint noise: it now delivers exact zeros (unplug+replug restores)."""
    for proc in vmics.room_tone.pop(channel, []):
        proc.kill()
        proc.wait(timeout=5)


def test_exact_zeros_are_reported_silent_and_real_speech_clears_it(vmics, librivox, tmp_path):
    zeros = write_wav(tmp_path / "zeros.wav", np.zeros(16000 * 12, dtype=np.int16))
    speech = pad_wav(librivox[0], tmp_path / "speech.wav", lead=0.5, tail=0.5)
    for channel in ("agent", "caller"):
        without_noise_floor(vmics, channel)
    vmics.play("agent", zeros)
    events: queue.Queue = queue.Queue()
    listener = LiveListener({"agent": "vmic_agent", "caller": "vmic_caller"}, events.put)
    try:
        started = time.monotonic()
        listener.start()
        before = drain(events, 10, until=lambda e: bool(silence_reports([e])))
        reports = silence_reports(before)
        # "silent", not "denied": there is no microphone permission to withhold it here
        assert [(e.channel, e.device) for e in reports] == [("agent", "silent")]
        assert time.monotonic() - started >= 2.0
        # the caller side is not watched: a loopback is exact zeros whenever the line is quiet
        assert listener.status() == {"agent": "silent", "caller": "ok"}
        levels = {e.level for e in before if isinstance(e, VoiceFrame) and e.channel == "agent"}
        assert levels == {-100.0}, "the agent's input must have been exact zeros"

        vmics.play("agent", speech)
        after = drain(events, 10, until=lambda e: isinstance(e, DeviceEvent))
        device_events = [e for e in after if isinstance(e, DeviceEvent)]
        assert [(e.channel, e.device) for e in device_events] == [("agent", "restored")]
        assert listener.status()["agent"] == "ok"
        more = drain(events, 3)
        assert silence_reports(more) == []
        assert any(isinstance(e, VoiceFrame) and e.channel == "agent" and e.speech for e in more)
    finally:
        listener.stop()
        for channel in ("agent", "caller"):  # back to a microphone with its noise floor
            vmics.unplug(channel)
            vmics.replug(channel)


def test_a_quiet_headset_with_its_noise_floor_and_speech_is_never_silent(
    vmics, librivox, tmp_path: Path
):
    speech = pad_wav(librivox[1], tmp_path / "speech.wav", lead=0.5, tail=0.5)
    events: queue.Queue = queue.Queue()
    listener = LiveListener({"agent": "vmic_agent"}, events.put)
    try:
        listener.start()
        idle = drain(events, 3.5)  # nobody speaks: only the room through the microphone
        vmics.play("agent", speech)
        spoken = drain(events, 5)
    finally:
        listener.stop()
    assert silence_reports(idle + spoken) == []
    assert listener.status()["agent"] == "ok"
    idle_levels = [e.level for e in idle if isinstance(e, VoiceFrame)]
    assert idle_levels and max(idle_levels) < -60.0  # quiet, yet not one exact-zero report
    assert any(isinstance(e, VoiceFrame) and e.speech for e in spoken)
