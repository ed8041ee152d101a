"""Telling a microphone that delivers nothing from one that hears a quiet room.

A real microphone always has a noise floor: even in a silent room its samples wobble around
zero (about -80 to -60 dBFS), and an idle headset is never exact zeros. A microphone the OS
withholds (macOS with microphone access off), or one muted in its driver, instead delivers
blocks of *exact* digital zeros, on time and without an error, so a watchdog that only checks
whether blocks arrive sees nothing wrong. `ZeroRun` watches the blocks for that: a run of
`SILENT_AFTER_S` of input in which every sample is exactly 0 means "this input delivers only
silence"; the first block holding any other sample ends it.

Time is counted in samples at the capture rate, not on the wall clock, so the same blocks give
the same answer live and in tests. Pure numpy: the listener's worker feeds it (never the audio
callback, which only copies blocks into a buffer).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

SILENT_AFTER_S = 2.0

Change = Literal["silent", "signal"]


class ZeroRun:
    """Follows the current run of exact-zero samples of one input stream."""

    def __init__(self, rate: float, after_s: float = SILENT_AFTER_S, silent: bool = False) -> None:
        """`silent`: the input was already reported silent (a stream reopened on the same
        device), so the first real signal reports "signal" and more zeros report nothing."""
        self.after_samples = max(1, round(rate * after_s))
        self.zeros = 0  # samples in the current run of exact zeros
        self.silent = silent

    def feed(self, block: npt.NDArray[np.floating] | npt.NDArray[np.integer]) -> Change | None:
        """Account for one block; returns "silent" when the run reaches `after_s`, "signal"
        when a block with any non-zero sample ends a run that had, and None otherwise."""
        if block.size == 0:
            return None
        if np.any(block):  # NaN counts as signal too: it is not a withheld microphone
            self.zeros = 0
            if self.silent:
                self.silent = False
                return "signal"
            return None
        self.zeros += int(block.size)
        if not self.silent and self.zeros >= self.after_samples:
            self.silent = True
            return "silent"
        return None
