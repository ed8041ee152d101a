"""Who is speaking when: merged speech intervals per channel.

The activity signal is the voice frames when a channel has any (they are the only signal with no
model, and the most exact); otherwise it is the words' start/end times from finals, and the
growth of partials (a partial that grew means the person was speaking just then). Word times
arrive after the words were spoken, so intervals can be added out of order; they are kept
sorted and merged. Gaps shorter than `join_gap` (VAD flicker, gaps between words) are bridged.
Partials only give an estimate (the utterance started about a word-length per word before the
first partial); when the final brings exact word times, the engine restores the snapshot taken
before the utterance and adds the exact words instead.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

JOIN_GAP_S = 0.3
KEEP_S = 180.0


@dataclass
class Activity:
    join_gap: float = JOIN_GAP_S
    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)
    frames: bool = False  # voice frames seen: they are the signal, words are not
    lost: bool = False  # the input device is gone

    def add(self, start: float, end: float) -> None:
        if end < start:
            start, end = end, start
        starts, ends = self.starts, self.ends
        if starts and start >= starts[-1]:
            # the common case: in time order, touching or after the last interval
            if start - ends[-1] <= self.join_gap:
                if end > ends[-1]:
                    ends[-1] = end
                return
            starts.append(start)
            ends.append(end)
            return
        # out of order (word times arriving with a final): insert, then merge neighbours
        i = bisect_right(starts, start)
        starts.insert(i, start)
        ends.insert(i, end)
        j = max(0, i - 1)
        while j + 1 < len(starts):
            if starts[j + 1] - ends[j] <= self.join_gap:
                ends[j] = max(ends[j], ends[j + 1])
                del starts[j + 1]
                del ends[j + 1]
            elif starts[j + 1] > end + self.join_gap:
                break
            else:
                j += 1

    def snapshot(self) -> tuple[list[float], list[float]]:
        return list(self.starts), list(self.ends)

    def restore(self, saved: tuple[list[float], list[float]]) -> None:
        self.starts, self.ends = list(saved[0]), list(saved[1])

    def prune(self, now: float) -> None:
        cut = 0
        while cut < len(self.ends) - 1 and self.ends[cut] < now - KEEP_S:
            cut += 1
        if cut:
            del self.starts[:cut]
            del self.ends[:cut]

    @property
    def last_end(self) -> float | None:
        return self.ends[-1] if self.ends else None

    def interval_at(self, t: float) -> tuple[float, float] | None:
        i = bisect_right(self.starts, t) - 1
        if i >= 0 and self.ends[i] >= t:
            return self.starts[i], self.ends[i]
        return None

    def last_end_before(self, t: float, min_len: float = 0.0) -> float | None:
        """End of the latest interval (at least `min_len` long) that ended by `t`."""
        i = bisect_right(self.starts, t) - 1
        while i >= 0:
            if self.ends[i] <= t and self.ends[i] - self.starts[i] >= min_len:
                return self.ends[i]
            if self.ends[i] > t and t - self.starts[i] >= min_len:
                return t
            i -= 1
        return None

    def overlap(self, other: Activity, lo: float, hi: float) -> float:
        """Seconds in [lo, hi] when both channels were speaking."""
        total = 0.0
        i = max(0, bisect_right(self.starts, lo) - 1)
        while i < len(self.starts) and self.starts[i] < hi:
            a0, a1 = max(lo, self.starts[i]), min(hi, self.ends[i])
            if a1 > a0:
                j = max(0, bisect_right(other.starts, a0) - 1)
                while j < len(other.starts) and other.starts[j] < a1:
                    b0, b1 = max(a0, other.starts[j]), min(a1, other.ends[j])
                    if b1 > b0:
                        total += b1 - b0
                    j += 1
            i += 1
        return total

    def recent_starts(self, since: float) -> list[float]:
        i = bisect_right(self.starts, since)
        return self.starts[i:]
