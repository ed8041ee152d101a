"""The call time of captured audio, counted in samples and kept honest by arrival times.

Counting samples gives every frame an exact, jitter-free time. But a driver can lose audio
without saying so — PulseAudio's ALSA plugin swallows about a second after a stream opens, a
busy USB headset drops blocks — and a pure sample count then runs behind the real call, so
"the caller stopped 0.2 s ago" would be judged against a clock a second late. Each block also
carries the time its callback ran; when the sample clock's end of the block lags that arrival by
more than `max_lag`, the clock jumps forward by the gap. It never runs backwards.
"""

from __future__ import annotations


class StreamClock:
    def __init__(self, start: float, max_lag: float = 0.25) -> None:
        self.start = start
        self.max_lag = max_lag
        self.seconds = 0.0  # audio counted since `start`

    def stamp(self, arrived: float, duration: float) -> tuple[float, float]:
        """(call time of the block's first sample, seconds skipped to catch up; 0 normally).

        `arrived` is when the block's callback ran, in call time; `duration` its length."""
        t = self.start + self.seconds
        gap = arrived - (t + duration)
        skipped = 0.0
        if gap > self.max_lag:
            skipped = gap
            self.start += gap
            t += gap
        self.seconds += duration
        return t, skipped

    def shift(self, delta: float) -> None:
        """Move the origin (a new call starts: all times become relative to it)."""
        self.start += delta
