"""One Vosk recognizer per channel, kept for the whole shift.

A new KaldiRecognizer stalls about a second on its first speech while Vosk expands its graph, so
each channel gets one recognizer at start, warmed up on a short bundled utterance, and reused
with `Reset()` between calls.

Vosk's word times count every sample the recognizer was ever given, across `Reset()`. The app
only feeds speech (plus a little pre-roll) to save CPU, so the fed audio has holes that Vosk
does not know about. Each contiguous run fed is recorded as an anchor (recognizer seconds →
call seconds), and word times are mapped back through the latest anchor, which makes every
`start`/`end` in an event seconds since call start, as the event format promises.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_right
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from companion.events import Channel, Final, Partial, Word

SAMPLE_RATE = 16000
log = logging.getLogger(__name__)


def quiet_vosk_logs() -> None:
    from vosk import SetLogLevel

    SetLogLevel(-1)


class ChannelRecognizer:
    """Feeds int16 audio to Vosk and turns its JSON into the app's events. Not thread-safe."""

    def __init__(self, model: Any, channel: Channel) -> None:
        from vosk import KaldiRecognizer

        self.channel = channel
        self._rec = KaldiRecognizer(model, SAMPLE_RATE)
        self._rec.SetWords(True)
        self._fed = 0  # samples given to Vosk since creation; Vosk's own clock
        self._anchors_vosk: list[float] = []
        self._anchors_call: list[float] = []
        self._next_call_t: float | None = None
        self._last_partial = ""
        self.busy = False  # inside an utterance (fed since the last final)

    @property
    def fed_seconds(self) -> float:
        return self._fed / SAMPLE_RATE

    def warm_up(self, audio: npt.NDArray[np.int16]) -> None:
        """Run a short utterance through so the first real speech does not stall."""
        self._rec.AcceptWaveform(audio.tobytes())
        self._rec.FinalResult()
        self._fed += audio.shape[0]
        self._rec.Reset()
        self._last_partial = ""

    def reset(self) -> None:
        """Between calls: drop any half utterance; keep the warmed graph."""
        self._rec.Reset()
        self._anchors_vosk.clear()
        self._anchors_call.clear()
        self._next_call_t = None
        self._last_partial = ""
        self.busy = False

    def accept(
        self, audio: npt.NDArray[np.int16], call_t: float, now: float
    ) -> list[Final | Partial]:
        """Feed audio whose first sample is at `call_t`; returns new partials/finals."""
        if self._next_call_t is None or abs(call_t - self._next_call_t) > 1e-3:
            self._anchors_vosk.append(self.fed_seconds)
            self._anchors_call.append(call_t)
        self._next_call_t = call_t + audio.shape[0] / SAMPLE_RATE
        self._fed += audio.shape[0]
        self.busy = True
        if self._rec.AcceptWaveform(audio.tobytes()):
            final = self._final(self._rec.Result(), now)
            return [final] if final else []
        partial = str(json.loads(self._rec.PartialResult()).get("partial", ""))
        if partial and partial != self._last_partial:
            self._last_partial = partial
            return [Partial(self.channel, now, partial)]
        return []

    def finish(self, now: float) -> Final | None:
        """Force the final of the utterance in progress (end of speech, device lost, call end)."""
        if not self.busy:
            return None
        return self._final(self._rec.FinalResult(), now)

    def _final(self, raw: str, now: float) -> Final | None:
        self.busy = False
        self._last_partial = ""
        data = json.loads(raw)
        words = tuple(
            Word(
                str(w["word"]),
                self._to_call(float(w["start"])),
                self._to_call(float(w["end"])),
                float(w.get("conf", 1.0)),
            )
            for w in data.get("result", ())
        )
        text = str(data.get("text", ""))
        if not text and not words:
            return None
        return Final(self.channel, now, text, words)

    def _to_call(self, vosk_t: float) -> float:
        if not self._anchors_vosk:
            return vosk_t
        i = max(0, bisect_right(self._anchors_vosk, vosk_t + 1e-6) - 1)
        return round(vosk_t - self._anchors_vosk[i] + self._anchors_call[i], 3)


def load_warmup_audio(resources: Path) -> npt.NDArray[np.int16]:
    """The bundled warm-up utterance, or a second of quiet noise when it is missing."""
    from companion.audio.wavsource import AudioFileError, read_all

    try:
        return read_all(resources / "demo" / "warmup.wav")
    except AudioFileError:
        log.warning("warm-up audio missing from %s; the first utterance may be slow", resources)
        rng = np.random.default_rng(0)
        return (rng.standard_normal(SAMPLE_RATE) * 300).astype(np.int16)
