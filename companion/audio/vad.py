"""Voice activity per 20 ms frame: a real VAD, then a near-field gate, then smoothing.

WebRTC's VAD (webrtcvad-wheels) says whether a frame holds a voice; it is fast enough to run far
faster than real time, which replay of recorded audio needs. It cannot say *whose* voice: in an
open-plan call centre the headset mic also hears colleagues. The agent's own voice is near-field
and far louder, so on the agent channel a voiced frame only counts when its level is within
`nearfield_margin_db` of the agent's own recent speech level (a slowly decaying peak of voiced
levels) and clearly above the room's noise floor. The caller channel has no room around it, so
it uses only the noise-floor check.

Smoothing turns frame decisions into speech segments: speech starts after 3 voiced frames out of
the last 5 (60 ms, which keeps clicks and keyboard taps out). A frame is marked as speech until
100 ms after the last voiced frame, so short gaps inside words do not flicker; the utterance
itself ends after `end_of_speech_ms` of no voice (300 ms by default). The end of speech is what
forces the recognizer's final, instead of waiting one to two seconds for Vosk's own endpointer.

The first 200 ms after the detector starts only learn the room's noise floor: a device always
opens on room noise, and starting from a guessed floor made loud offices look like speech.

Known limit: until the agent has spoken once in a call, a loud colleague nearby can set the
near-field reference; the reference then corrects itself within the agent's first sentence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import webrtcvad

from companion.audio.levels import rms_dbfs

SAMPLE_RATE = 16000
FRAME_MS = 20
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000

_ONSET_WINDOW = 5
_ONSET_VOICED = 3
_NOISE_FLOOR_START = -70.0
_PEAK_DECAY_DB_PER_S = 0.1
_SPEECH_HANGOVER_FRAMES = 5  # gaps inside words shorter than 100 ms stay speech
_FLOOR_MARGIN_DB = 9.0
_LEARN_FRAMES = 10  # the first 200 ms only learn the room: every device opens on room noise


@dataclass(frozen=True)
class VadSettings:
    """The detector's tunables, read from the declared `audio.*` settings in one place so live
    capture, replay and `companion transcribe` hear a recording the same way."""

    aggressiveness: int = 2
    nearfield_margin_db: float = 15.0
    end_of_speech_ms: int = 300

    @classmethod
    def from_config(cls, get: Callable[[str], Any]) -> VadSettings:
        return cls(
            aggressiveness=int(get("audio.vad_aggressiveness")),
            nearfield_margin_db=float(get("audio.nearfield_margin_db")),
            end_of_speech_ms=int(get("audio.end_of_speech_ms")),
        )


DEFAULT_VAD = VadSettings()


@dataclass(frozen=True, slots=True)
class FrameDecision:
    level: float
    voiced: bool  # this frame alone, after the near-field gate
    speech: bool  # smoothed: from onset until 100 ms after the last voiced frame
    started: bool  # speech began at this frame
    ended: bool  # speech ended at this frame (end of utterance)


class VoiceDetector:
    """Feed 20 ms int16 frames in order; one decision per frame. Not thread-safe."""

    def __init__(self, settings: VadSettings = DEFAULT_VAD, *, nearfield: bool = True) -> None:
        self._vad = webrtcvad.Vad(settings.aggressiveness)
        self._nearfield = nearfield
        self._margin = settings.nearfield_margin_db
        self._hangover_frames = max(1, settings.end_of_speech_ms // FRAME_MS)
        self._recent: deque[bool] = deque(maxlen=_ONSET_WINDOW)
        self._speaking = False
        self._silent_run = 0
        self._noise_floor = _NOISE_FLOOR_START
        self._peak: float | None = None
        self._seen = 0

    @property
    def noise_floor(self) -> float:
        return self._noise_floor

    def reset(self) -> None:
        """Forget the speech state between calls; keep what was learnt about the room and voice."""
        self._recent.clear()
        self._speaking = False
        self._silent_run = 0

    def process(self, frame: npt.NDArray[np.int16], level: float | None = None) -> FrameDecision:
        """One 20 ms frame; `level` may be passed when computed for many frames at once."""
        if frame.shape[0] != FRAME_SAMPLES:
            raise ValueError(f"a VAD frame is {FRAME_SAMPLES} samples, got {frame.shape[0]}")
        if level is None:
            level = rms_dbfs(frame)
        raw_voiced = level > -90.0 and self._vad.is_speech(frame.tobytes(), SAMPLE_RATE)
        if self._seen < _LEARN_FRAMES:
            self._noise_floor = level if self._seen == 0 else min(self._noise_floor, level)
            self._seen += 1
            return self._smooth(level, False)
        voiced = raw_voiced and self._passes_gates(level)
        self._learn(level, raw_voiced, voiced)
        return self._smooth(level, voiced)

    def _passes_gates(self, level: float) -> bool:
        if level < self._noise_floor + _FLOOR_MARGIN_DB:
            return False
        if not self._nearfield or self._peak is None:
            return True
        return level >= self._peak - self._margin

    def _learn(self, level: float, raw_voiced: bool, voiced: bool) -> None:
        frame_s = FRAME_MS / 1000.0
        if not raw_voiced:
            # The floor follows quiet frames quickly down and slowly up (a noisy room).
            step = 0.05 if level < self._noise_floor else 0.005
            self._noise_floor += step * (level - self._noise_floor)
            if self._peak is not None:
                self._peak -= _PEAK_DECAY_DB_PER_S * frame_s
        elif voiced or self._peak is None:
            self._peak = level if self._peak is None else max(level, self._peak - 0.02)
        if self._peak is not None and self._peak < self._noise_floor + _FLOOR_MARGIN_DB:
            self._peak = self._noise_floor + _FLOOR_MARGIN_DB

    def _smooth(self, level: float, voiced: bool) -> FrameDecision:
        self._recent.append(voiced)
        started = ended = False
        if not self._speaking:
            if sum(self._recent) >= _ONSET_VOICED:
                self._speaking = started = True
                self._silent_run = 0
        elif voiced:
            self._silent_run = 0
        else:
            self._silent_run += 1
            if self._silent_run >= self._hangover_frames:
                self._speaking = False
                ended = True
                self._recent.clear()
        speech = self._speaking and self._silent_run < _SPEECH_HANGOVER_FRAMES
        return FrameDecision(level, voiced, speech, started, ended)
