"""Resampling to 16 kHz mono keeps the signal (a real resampler, not decimation)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.audio.resample import StreamResampler


def tone(freq: float, rate: int, seconds: float, channels: int = 1) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    mono = (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.stack([mono] * channels, axis=1) if channels > 1 else mono


def dominant_frequency(x: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(x.astype(np.float64)))
    return float(np.fft.rfftfreq(x.shape[0], 1 / rate)[np.argmax(spectrum)])


@settings(max_examples=12, deadline=None)
@given(
    st.sampled_from([8000, 22050, 44100, 48000]), st.sampled_from([1, 2]), st.integers(200, 3000)
)
def test_blocks_of_any_rate_become_16k_mono_with_the_same_pitch(rate, channels, freq):
    signal = tone(freq, rate, 1.0, channels)
    resampler = StreamResampler(rate)
    block = rate // 50
    out = np.concatenate(
        [
            resampler.process(signal[i : i + block], last=i + block >= len(signal))
            for i in range(0, len(signal), block)
        ]
    )
    assert out.dtype == np.int16 and out.ndim == 1
    assert abs(out.shape[0] - 16000) <= 40
    if freq < 3900:
        assert abs(dominant_frequency(out[400:-400], 16000) - freq) < 3
    rms = np.sqrt(np.mean((out[400:-400] / 32768.0) ** 2))
    assert abs(rms - 0.5 / np.sqrt(2)) < 0.02
