"""One channel's audio turned into events: voice frames, partials and finals.

This is the part the live path and replay share. It takes 16 kHz mono int16 blocks with the call
time of their first sample, cuts them into 20 ms frames, runs the voice detector and emits a
`VoiceFrame` per frame. Only speech goes to the recognizer: 300 ms of pre-roll before the onset
(so the first syllable is not clipped) and every frame until the end of speech, fed in 100 ms
chunks. The end of speech forces Vosk's final at once instead of waiting for its endpointer.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt

from companion.audio.levels import frame_levels
from companion.audio.vad import DEFAULT_VAD, FRAME_SAMPLES, SAMPLE_RATE, VadSettings, VoiceDetector
from companion.events import Channel, Event, VoiceFrame
from companion.speech.recognizer import ChannelRecognizer

FRAME_S = FRAME_SAMPLES / SAMPLE_RATE
PREROLL_FRAMES = 15  # 300 ms
FEED_FRAMES = 5  # 100 ms per recognizer call


class ChannelProcessor:
    def __init__(
        self,
        channel: Channel,
        recognizer: ChannelRecognizer | None,
        vad: VadSettings = DEFAULT_VAD,
    ) -> None:
        self.channel = channel
        self.recognizer = recognizer
        self.detector = VoiceDetector(vad, nearfield=channel == "agent")
        self._pending = np.zeros(0, dtype=np.int16)
        self._pending_t = 0.0
        self._preroll: deque[tuple[float, npt.NDArray[np.int16]]] = deque(maxlen=PREROLL_FRAMES)
        self._feed: list[npt.NDArray[np.int16]] = []
        self._feed_t = 0.0
        self._in_speech = False

    def reset(self, recognizer_too: bool = True) -> None:
        """Start of a new call: clear buffers and the speech state."""
        self._pending = np.zeros(0, dtype=np.int16)
        self._preroll.clear()
        self._feed.clear()
        self._in_speech = False
        self.detector.reset()
        if recognizer_too and self.recognizer is not None:
            self.recognizer.reset()

    def resync(self) -> None:
        """The audio restarts at a later time (a device reopened): drop the part frame and the
        pre-roll left from before the gap, so the next block is timed by its own `t`."""
        self._pending = np.zeros(0, dtype=np.int16)
        self._preroll.clear()

    def push(self, block: npt.NDArray[np.int16], t: float, now: float | None = None) -> list[Event]:
        """Process a block whose first sample is at call time `t`; `now` stamps recognition
        events (defaults to the end of the block, which is when live audio has arrived)."""
        if self._pending.size == 0:
            self._pending_t = t
        self._pending = np.concatenate((self._pending, block)) if self._pending.size else block
        events: list[Event] = []
        count = self._pending.shape[0] // FRAME_SAMPLES
        frames = self._pending[: count * FRAME_SAMPLES].reshape(count, FRAME_SAMPLES)
        levels = frame_levels(frames).tolist()
        for i in range(count):
            frame_t = self._pending_t + i * FRAME_S
            stamp = frame_t + FRAME_S if now is None else now
            events.extend(self._frame(frames[i], frame_t, stamp, levels[i]))
        self._pending = self._pending[count * FRAME_SAMPLES :]
        self._pending_t += count * FRAME_S
        return events

    def flush(self, now: float) -> list[Event]:
        """Force out the utterance in progress (call end, device lost)."""
        events: list[Event] = []
        if self.recognizer is not None:
            events.extend(self._feed_recognizer(now))
            final = self.recognizer.finish(now)
            if final is not None:
                events.append(final)
        self._in_speech = False
        return events

    def _frame(
        self, frame: npt.NDArray[np.int16], t: float, now: float, level: float
    ) -> list[Event]:
        decision = self.detector.process(frame, level)
        events: list[Event] = [
            VoiceFrame(
                self.channel, round(t, 3), FRAME_S, round(decision.level, 1), decision.speech
            )
        ]
        if self.recognizer is None:
            return events
        if decision.started:
            self._in_speech = True
            self._feed = [f for _, f in self._preroll]
            self._feed_t = self._preroll[0][0] if self._preroll else t
            self._preroll.clear()
        if self._in_speech:
            if not self._feed:
                self._feed_t = t
            self._feed.append(frame)
            if len(self._feed) >= FEED_FRAMES:
                events.extend(self._feed_recognizer(now))
            if decision.ended:
                events.extend(self.flush(now))
        else:
            self._preroll.append((t, frame))
        return events

    def _feed_recognizer(self, now: float) -> list[Event]:
        if not self._feed or self.recognizer is None:
            return []
        audio = np.concatenate(self._feed)
        start = self._feed_t
        self._feed = []
        return list(self.recognizer.accept(audio, start, now))
