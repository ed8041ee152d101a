"""The live path end to end: virtual mics → capture → VAD → the real Vosk engine → events."""

from __future__ import annotations

import itertools
import queue
import time

import pytest

from companion.audio.devices import find_by_ref, list_inputs
from companion.events import DeviceEvent, Final, Partial, VoiceFrame
from companion.speech.live import LiveListener
from companion.speech.models import load_model
from companion.speech.transcribe import make_recognizer
from tests.fixtures.speech import pad_wav


@pytest.fixture(scope="module")
def ko_model(korean_model):
    return load_model(korean_model)


def collect(events: queue.Queue, until, timeout: float) -> list:
    got = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            got.append(events.get(timeout=0.1))
        except queue.Empty:
            continue
        if until(got):
            break
    return got


def test_two_channels_at_once_give_finals_with_word_times_on_the_right_channel(
    vmics, korean_model, ko_model, librivox, tmp_path
):
    agent_wav = pad_wav(librivox[1], tmp_path / "agent.wav", lead=0.5, tail=0.8)
    caller_wav = pad_wav(librivox[4], tmp_path / "caller.wav", lead=2.5, tail=0.8)
    events: queue.Queue = queue.Queue()
    recognizers = {ch: make_recognizer(ko_model, ch) for ch in ("agent", "caller")}
    listener = LiveListener(
        {"agent": "vmic_agent", "caller": "vmic_caller"}, events.put, recognizers=recognizers
    )
    listener.start()
    listener.start_call()
    try:
        vmics.play("agent", agent_wav)
        vmics.play("caller", caller_wav)

        def both_final(got):
            return {e.channel for e in got if isinstance(e, Final)} == {"agent", "caller"}

        got = collect(events, both_final, timeout=30)
    finally:
        listener.stop()
    finals = [e for e in got if isinstance(e, Final)]
    assert {f.channel for f in finals} == {"agent", "caller"}
    for final in finals:
        assert final.result, "a final must carry word timings"
        for word in final.result:
            assert 0.0 <= word.start <= word.end <= final.t + 0.05
    partials = [e for e in got if isinstance(e, Partial)]
    assert partials, "partials must stream while speech is in progress"
    # The caller's speech starts 2 s later than the agent's in the played audio.
    first_word = {
        ch: min(w.start for f in finals if f.channel == ch for w in f.result)
        for ch in ("agent", "caller")
    }
    assert first_word["caller"] - first_word["agent"] > 1.0
    frames = [e for e in got if isinstance(e, VoiceFrame)]
    assert {f.channel for f in frames} == {"agent", "caller"}


def test_headset_unplugged_mid_call_is_reported_and_restored_without_losing_words(
    vmics, ko_model, librivox, tmp_path
):
    wav = pad_wav(librivox[0], tmp_path / "long.wav", lead=0.5, tail=0.5)
    events: queue.Queue = queue.Queue()
    listener = LiveListener(
        {"agent": "vmic_agent", "caller": "vmic_caller"},
        events.put,
        recognizers={"agent": make_recognizer(ko_model, "agent")},
    )
    listener.start()
    listener.start_call()
    try:
        vmics.play("agent", wav)
        before = collect(events, lambda got: any(isinstance(e, Partial) for e in got), timeout=15)
        assert any(isinstance(e, Partial) for e in before), "no speech recognised before unplug"
        vmics.unplug("agent")
        lost = collect(events, lambda got: any(isinstance(e, DeviceEvent) for e in got), 10)
        device_events = [e for e in lost if isinstance(e, DeviceEvent)]
        assert device_events and device_events[0].device == "lost"
        assert device_events[0].channel == "agent"
        # The utterance in progress was finalised before the loss was reported.
        assert any(isinstance(e, Final) and e.channel == "agent" for e in before + lost)
        assert listener.status()["agent"] == "lost"
        assert listener.status()["caller"] == "ok"
        vmics.replug("agent")
        back = collect(
            events,
            lambda got: any(isinstance(e, DeviceEvent) and e.device == "restored" for e in got),
            timeout=15,
        )
        restored = [e for e in back if isinstance(e, DeviceEvent)]
        assert restored and restored[-1].device == "restored" and restored[-1].channel == "agent"
        assert listener.status()["agent"] == "ok"
        vmics.play("agent", wav)
        after = collect(events, lambda got: any(isinstance(e, Partial) for e in got), 15)
        assert any(isinstance(e, Partial) and e.channel == "agent" for e in after)
    finally:
        listener.stop()


def test_listen_cli_prints_live_events_from_the_virtual_mic(
    vmics, korean_model, librivox, tmp_path
):
    import json
    import os
    import subprocess
    import sys

    wav = pad_wav(librivox[4], tmp_path / "hello.wav", lead=0.5, tail=0.8)
    env = dict(os.environ, COMPANION_MODEL=str(korean_model))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion",
            "--data-dir",
            str(tmp_path / "home"),
            "listen",
            "--seconds",
            "9",
            "--device",
            "vmic_agent",
            "--frames",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # printed once the model is loaded and audio flows
    vmics.play("agent", wav)
    out, err = proc.communicate(timeout=60)
    err = first + err
    assert proc.returncode == 0, err
    assert "listening on agent=vmic_agent" in err
    events = [json.loads(line) for line in out.splitlines()]
    assert any(e.get("speech") for e in events), f"no speech frames in {out[-500:]!r} {err!r}"
    finals = [e for e in events if "text" in e]
    assert finals and all(e["channel"] == "agent" for e in finals)
    assert all("start" in w and "end" in w for f in finals for w in f.get("result", []))


def test_a_saved_headset_missing_at_start_is_switched_to_between_calls(
    vmics, librivox, tmp_path, monkeypatch
):
    """The app starts on a stand-in microphone; the saved headset, plugged in later, takes
    over, but only between calls (looking for it interrupts the streams for a moment)."""
    from companion.audio.portaudio import refresh_device_list
    from companion.speech import live

    monkeypatch.setattr(live, "PREFERRED_EVERY_S", 0.5)
    vmics.disconnect("agent")
    refresh_device_list()
    assert find_by_ref("vmic_agent", list_inputs()) is None  # not listed, as if never plugged
    events: queue.Queue = queue.Queue()
    switched: queue.Queue = queue.Queue()
    listener = LiveListener(
        {"agent": "vmic_caller"},  # the stand-in: what choose_agent_device picked
        events.put,
        preferred={"agent": "vmic_agent"},
        on_switch=lambda channel, name: switched.put((channel, name)),
    )
    listener.start()
    try:
        vmics.connect("agent")  # plugged in during a call: left alone
        time.sleep(2.0)
        assert switched.empty()
        assert listener.channels["agent"].ref == "vmic_caller"

        listener.set_between_calls(True)
        assert switched.get(timeout=15) == ("agent", "vmic_agent")
        assert listener.channels["agent"].ref == "vmic_agent"
        assert listener.status()["agent"] == "ok"
        while not events.empty():
            events.get_nowait()
        vmics.play("agent", pad_wav(librivox[0], tmp_path / "a.wav", lead=0.3, tail=0.3))
        heard = collect(
            events,
            lambda got: any(isinstance(e, VoiceFrame) and e.speech for e in got),
            timeout=15,
        )
        assert any(isinstance(e, VoiceFrame) and e.speech and e.channel == "agent" for e in heard)
    finally:
        listener.stop()


def test_a_missing_caller_side_is_looked_for_ever_less_often_and_never_cuts_the_mic_mid_call(
    vmics, monkeypatch
):
    """The caller's input is configured but not plugged in. Looking for it re-reads the device
    list, which closes every stream for a moment and costs ~30 ms of CPU: during a call that
    would cut the agent's microphone, so it waits for the call to end, and happens as soon as
    it does; then it backs off (every 2, 4, then 8 s), and the input is picked up once it is
    plugged in."""
    from companion.audio.portaudio import refresh_device_list
    from companion.speech import live

    vmics.disconnect("caller")
    refresh_device_list()
    rereads: list[float] = []

    def counted() -> bool:
        rereads.append(time.monotonic())
        return refresh_device_list()

    monkeypatch.setattr(live, "refresh_device_list", counted)
    events: queue.Queue = queue.Queue()
    listener = LiveListener({"agent": "vmic_agent", "caller": "vmic_caller"}, events.put)
    listener.start()
    try:
        mic = listener.channels["agent"].capture
        assert mic is not None and listener.channels["caller"].lost
        time.sleep(4.0)  # a live call (the listener starts in one)
        assert rereads == []
        assert listener.channels["agent"].capture is mic  # never closed and reopened
        assert listener.status()["agent"] == "ok"

        listener.set_between_calls(True)
        start = time.monotonic()
        time.sleep(10.0)
        gaps = [round(b - a) for a, b in itertools.pairwise(rereads)]
        assert rereads and rereads[0] - start < 1.0  # the look held back by the call
        assert 2 <= len(rereads) <= 4, rereads  # not ten: once a second would be ten
        assert gaps == sorted(gaps) and all(g >= 2 for g in gaps), gaps

        vmics.connect("caller")
        got = collect(
            events,
            lambda seen: any(
                isinstance(e, DeviceEvent) and e.channel == "caller" and e.device == "restored"
                for e in seen
            ),
            timeout=20,
        )
        assert any(isinstance(e, DeviceEvent) and e.device == "restored" for e in got)
        assert listener.status()["caller"] == "ok"
    finally:
        listener.stop()
