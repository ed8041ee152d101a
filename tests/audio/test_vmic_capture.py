"""The virtual microphone is a real input device: what is played is what is captured."""

from __future__ import annotations

import time

import numpy as np

from companion.audio.capture import DeviceCapture
from companion.audio.devices import find_by_ref, list_inputs
from companion.audio.resample import StreamResampler
from companion.audio.wavsource import read_all
from tests.audio.conftest import estimate_lag
from tests.fixtures.speech import pad_wav


def record(capture: DeviceCapture, seconds: float) -> np.ndarray:
    resampler = StreamResampler(capture.rate)
    out = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        block = capture.read(timeout=0.2)
        if block is not None:
            out.append(resampler.process(block))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int16)


def test_three_seconds_from_the_virtual_mic_correlate_with_the_wav(vmics, librivox, tmp_path):
    """What is played is what is captured. The stream settles first (PulseAudio's ALSA plugin
    stalls once after opening); on a loaded machine the sound server may still stall mid-way,
    so a damaged capture is played again, up to three times, and the first whole one is
    compared."""
    wav = pad_wav(librivox[1], tmp_path / "speech.wav", lead=0.5, tail=0.5)
    source = read_all(wav)
    device = find_by_ref("vmic_agent", list_inputs())
    assert device is not None, "the virtual agent device is not visible to PortAudio"
    # 3 s of speech after the 0.5 s lead-in
    window = source[int(0.6 * 16000) : int(3.6 * 16000)]
    tries = []
    for _ in range(3):
        capture = DeviceCapture(device).start()
        try:
            record(capture, seconds=1.0)  # settle
            player = vmics.play("agent", wav)
            captured = record(capture, seconds=source.shape[0] / 16000 + 1.0)
            player.wait(timeout=10)
        finally:
            capture.close()
        _lag, corr = estimate_lag(captured, window)
        tries.append((round(corr, 3), capture.dropped_blocks))
        if corr > 0.95 and capture.dropped_blocks == 0:
            break
    else:
        raise AssertionError(f"captured audio never matched the WAV: (correlation, drops) {tries}")


def test_the_caller_device_is_a_separate_input(vmics, librivox, tmp_path):
    wav = pad_wav(librivox[0], tmp_path / "caller.wav", lead=0.5, tail=0.3)
    devices = list_inputs()
    agent = DeviceCapture(find_by_ref("vmic_agent", devices)).start()
    caller = DeviceCapture(find_by_ref("vmic_caller", devices)).start()
    try:
        vmics.play("caller", wav).wait(timeout=30)
        time.sleep(0.3)
    finally:
        agent.close()
        caller.close()

    def energy(cap: DeviceCapture) -> float:
        blocks = []
        while (b := cap.read(timeout=0.01)) is not None:
            blocks.append(b)
        return float(np.sqrt(np.mean(np.square(np.concatenate(blocks)))))

    assert energy(caller) > 0.01
    assert energy(agent) < 1e-4
