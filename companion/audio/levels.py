"""Signal level in dBFS, the unit every level threshold in profiles and settings uses."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

SILENCE_DB = -100.0
FULL_SCALE = 32768.0


def rms_dbfs(frame: npt.NDArray[np.int16]) -> float:
    """RMS level of int16 samples relative to full scale; -100 dB for digital silence."""
    if frame.size == 0:
        return SILENCE_DB
    mean_square = float(np.mean(np.square(frame.astype(np.float64))))
    if mean_square <= 0.0:
        return SILENCE_DB
    return max(SILENCE_DB, 10.0 * float(np.log10(mean_square / (FULL_SCALE * FULL_SCALE))))


def frame_levels(frames: npt.NDArray[np.int16]) -> npt.NDArray[np.float64]:
    """`rms_dbfs` of each row of a (frames, samples) array in one pass (replay speed)."""
    mean_square = np.mean(np.square(frames.astype(np.float64)), axis=1)
    with np.errstate(divide="ignore"):
        levels = 10.0 * np.log10(mean_square / (FULL_SCALE * FULL_SCALE))
    result: npt.NDArray[np.float64] = np.maximum(levels, SILENCE_DB)
    return result
