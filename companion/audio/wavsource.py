"""Recorded audio as the live pipeline sees it: 16 kHz mono int16 in small blocks.

Replay and `companion transcribe` must hear a file exactly as the live path hears a device, so a
file is read in blocks, converted by the same resampler, and pushed through the same voice
detector. libsndfile (python-soundfile) reads every PCM and float WAV flavour; anything it
cannot read is rejected with one line naming the file and what was wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile

from companion.audio.resample import TARGET_RATE, StreamResampler
from companion.errors import KnownError

# A file has no clock, so it is read in 1 s blocks (fewer calls, faster replay); the frames,
# voice decisions and recognizer feeding inside a block are the same as live.
BLOCK_SECONDS = 1.0


class AudioFileError(KnownError, ValueError):
    """The file cannot be used as call audio; the message names it and says why."""


@dataclass(frozen=True)
class AudioInfo:
    path: Path
    rate: int
    channels: int
    subtype: str
    seconds: float

    @property
    def needs_conversion(self) -> bool:
        return self.rate != TARGET_RATE or self.channels != 1 or self.subtype != "PCM_16"

    def describe(self) -> str:
        return f"{self.path.name}: {self.rate} Hz, {self.channels} ch, {self.subtype}"


def inspect_audio(path: Path) -> AudioInfo:
    if path.is_dir():
        raise AudioFileError(f"{path} is a folder; give a WAV file")
    if not path.is_file():
        raise AudioFileError(f"{path}: no such file")
    try:
        info = soundfile.info(str(path))
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise AudioFileError(f"{path}: not a readable audio file ({exc})") from None
    if info.frames == 0 or info.samplerate <= 0:
        raise AudioFileError(f"{path}: the file holds no audio")
    if info.samplerate < 8000:
        raise AudioFileError(f"{path}: {info.samplerate} Hz is too low for speech (need ≥ 8000)")
    return AudioInfo(
        path,
        int(info.samplerate),
        int(info.channels),
        str(info.subtype),
        info.frames / info.samplerate,
    )


def read_blocks(
    path: Path, block_seconds: float = BLOCK_SECONDS
) -> Iterator[npt.NDArray[np.int16]]:
    """16 kHz mono int16 blocks of about `block_seconds`, converted as live capture converts."""
    info = inspect_audio(path)
    resampler = StreamResampler(info.rate)
    block_frames = max(1, int(info.rate * block_seconds))
    as_is = not info.needs_conversion  # 16 kHz mono 16-bit: read the samples straight
    try:
        with soundfile.SoundFile(str(path)) as handle:
            while True:
                if as_is:
                    out = handle.read(block_frames, dtype="int16")
                    last = out.shape[0] < block_frames
                    if out.size:
                        yield out
                    if last:
                        return
                    continue
                data = handle.read(block_frames, dtype="float32", always_2d=True)
                last = data.shape[0] < block_frames
                out = resampler.process(data, last=last)
                if out.size:
                    yield out
                if last:
                    return
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise AudioFileError(f"{path}: cannot be read to the end ({exc})") from None


def read_all(path: Path) -> npt.NDArray[np.int16]:
    blocks = list(read_blocks(path))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)
