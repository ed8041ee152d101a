"""Audio test helpers: composed WAVs with known speech regions, and lag estimation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from companion.audio.wavsource import read_all


def trimmed_clip(src: Path, out: Path) -> Path:
    """`src` at 16 kHz mono with leading and trailing silence removed (clean studio speech)."""
    if not out.exists():
        subprocess.run(
            [
                "sox",
                str(src),
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                str(out),
                "silence",
                "1",
                "0.02",
                "1%",
                "reverse",
                "silence",
                "1",
                "0.02",
                "1%",
                "reverse",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return out


def write_wav(path: Path, samples: npt.NDArray[np.int16], rate: int = 16000) -> Path:
    import soundfile

    soundfile.write(str(path), samples, rate, subtype="PCM_16")
    return path


def office_noise(seconds: float, level_db: float, seed: int = 1) -> npt.NDArray[np.float64]:
    """Pink-ish noise (HVAC and keyboard hum) at `level_db` dBFS RMS."""
    rng = np.random.default_rng(seed)
    n = int(seconds * 16000)
    white = rng.standard_normal(n)
    spectrum = np.fft.rfft(white)
    freqs = np.fft.rfftfreq(n, 1 / 16000)
    spectrum[1:] /= np.sqrt(freqs[1:])
    spectrum[0] = 0
    pink = np.fft.irfft(spectrum, n)
    pink /= np.sqrt(np.mean(pink**2))
    return pink * 32768 * 10 ** (level_db / 20)


def compose(
    length_s: float,
    parts: list[tuple[float, npt.NDArray[np.int16], float]],
    noise_db: float | None = None,
) -> npt.NDArray[np.int16]:
    """Place clips at start times with a gain in dB, over optional office noise."""
    mix = np.zeros(int(length_s * 16000), dtype=np.float64)
    if noise_db is not None:
        mix += office_noise(length_s, noise_db)
    for start, clip, gain_db in parts:
        i = int(start * 16000)
        seg = clip.astype(np.float64)[: mix.shape[0] - i] * 10 ** (gain_db / 20)
        mix[i : i + seg.shape[0]] += seg
    return np.clip(mix, -32768, 32767).astype(np.int16)


def estimate_lag(
    captured: npt.NDArray[np.int16], source: npt.NDArray[np.int16]
) -> tuple[int, float]:
    """(lag in samples of `source` inside `captured`, normalised correlation at that lag)."""
    a = captured.astype(np.float64)
    b = source.astype(np.float64)
    n = 1 << int(np.ceil(np.log2(a.shape[0] + b.shape[0])))
    xc = np.fft.irfft(np.fft.rfft(a, n) * np.conj(np.fft.rfft(b, n)), n)[: a.shape[0]]
    lag = int(np.argmax(xc))
    seg = a[lag : lag + b.shape[0]]
    ref = b[: seg.shape[0]]
    corr = float(np.dot(seg, ref) / (np.linalg.norm(seg) * np.linalg.norm(ref) + 1e-9))
    return lag, corr


def segments(flags: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    start: float | None = None
    last_t = 0.0
    for t, on in flags:
        if on and start is None:
            start = t
        elif not on and start is not None:
            out.append((start, t))
            start = None
        last_t = t
    if start is not None:
        out.append((start, last_t))
    return out


@pytest.fixture(scope="session")
def clean_clips(librivox: list[Path], speech_cache: Path) -> list[npt.NDArray[np.int16]]:
    """Real recorded English sentences, trimmed to the speech."""
    return [read_all(trimmed_clip(p, speech_cache / f"trim-{p.stem}.wav")) for p in librivox]
