"""Conversion of whatever a device or file delivers to the recognizer's 16 kHz mono int16.

Devices capture at their native rate (44.1 or 48 kHz on most headsets) because asking PortAudio
for 16 kHz makes some drivers resample badly or refuse. libsoxr (python-soxr) does the rate
change in streaming mode, so block boundaries leave no clicks.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import soxr

TARGET_RATE = 16000


def to_mono_float(block: npt.NDArray[np.generic]) -> npt.NDArray[np.float32]:
    """Any (frames,) or (frames, channels) block as float32 mono in [-1, 1]."""
    data = np.asarray(block)
    if data.dtype == np.int16:
        data = data.astype(np.float32) / 32768.0
    elif data.dtype == np.int32:
        data = data.astype(np.float32) / 2147483648.0
    else:
        data = data.astype(np.float32, copy=False)
    if data.ndim == 2:
        data = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
    return np.ascontiguousarray(data, dtype=np.float32)


def float_to_int16(samples: npt.NDArray[np.float32]) -> npt.NDArray[np.int16]:
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype(np.int16)


class StreamResampler:
    """Streaming conversion of one source's blocks to 16 kHz mono int16."""

    def __init__(self, in_rate: float) -> None:
        self.in_rate = float(in_rate)
        self._stream = (
            None
            if round(self.in_rate) == TARGET_RATE
            else soxr.ResampleStream(self.in_rate, TARGET_RATE, 1, dtype="float32", quality="HQ")
        )

    def process(self, block: npt.NDArray[np.generic], last: bool = False) -> npt.NDArray[np.int16]:
        mono = to_mono_float(block)
        if self._stream is not None:
            mono = self._stream.resample_chunk(mono, last=last)
        return float_to_int16(mono)
