"""Build the demo call: a difficult billing call, one WAV per side, plus its script as events.

Run from the repository root (needs espeak-ng):  python resources/demo/make_demo_call.py

Writes `agent.wav` and `caller.wav` (16 kHz mono, IMA ADPCM so both stay under 1 MB together)
and `call.jsonl`: the finals of the script with word times, in the format of
`companion.events`. `companion --demo` plays the WAVs through the real pipeline (voice detection,
and recognition when an English model is installed); without a model it shows the script's words
as captions so word cues can still be seen. The word times are estimates (espeak gives none):
each utterance's length is shared between its words by their number of letters.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile
import soxr

RATE = 16000
HERE = Path(__file__).resolve().parent
VOICES = {"agent": ("en-gb", "150"), "caller": ("en-us+f3", "165")}
# (speaker, start second, words)
SCRIPT = [
    (
        "caller",
        0.6,
        "Hi. This is the third time I'm calling about my bill, and it's still not working.",
    ),
    ("agent", 6.4, "I am sorry to hear that. Can I confirm your date of birth, please?"),
    (
        "caller",
        11.2,
        "Fourth of May, nineteen eighty. I have been waiting for weeks, and nobody "
        "ever calls me back.",
    ),
    ("agent", 16.0, "So what you are saying is the refund never arrived."),
    ("caller", 21.4, "You people are useless. I want to speak to a manager right now."),
    (
        "agent",
        26.2,
        "I understand. What I can do is ask my supervisor to join us. Would you prefer that?",
    ),
    ("agent", 32.0, "Let me check that for you."),
    ("caller", 45.0, "Hello? Are you still there?"),
    (
        "agent",
        48.0,
        "Yes, thank you for waiting. I will call you back by five today with the "
        "refund confirmation.",
    ),
]
LENGTH_S = 55.0


def speak(text: str, voice: str, speed: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "say.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", speed, "-w", str(out), text], check=True)
        audio, rate = soundfile.read(str(out), dtype="float32")
    audio = soxr.resample(audio, rate, RATE, quality="VHQ")
    nonzero = np.flatnonzero(np.abs(audio) > 0.01)
    return audio[nonzero[0] : nonzero[-1] + 1] * 0.8 if nonzero.size else audio


def word_times(text: str, start: float, seconds: float) -> list[dict[str, object]]:
    words = text.replace(",", "").replace(".", "").replace("?", "").split()
    weights = [len(w) + 1 for w in words]
    total = sum(weights)
    out, t = [], start
    for word, weight in zip(words, weights, strict=True):
        span = seconds * weight / total
        out.append(
            {
                "word": word.lower(),
                "start": round(t, 3),
                "end": round(t + span * 0.9, 3),
                "conf": 1.0,
            }
        )
        t += span
    return out


def main() -> int:
    tracks = {ch: np.zeros(int(LENGTH_S * RATE), dtype=np.float32) for ch in VOICES}
    events = []
    for channel, start, text in SCRIPT:
        voice, speed = VOICES[channel]
        audio = speak(text, voice, speed)
        first = int(start * RATE)
        end = min(len(tracks[channel]), first + len(audio))
        tracks[channel][first:end] += audio[: end - first]
        seconds = (end - first) / RATE
        words = word_times(text, start, seconds)
        events.append(
            {
                "channel": channel,
                "t": round(start + seconds + 0.3, 3),
                "result": words,
                "text": " ".join(str(w["word"]) for w in words),
            }
        )
    for channel, track in tracks.items():
        soundfile.write(
            str(HERE / f"{channel}.wav"), np.clip(track, -1, 1), RATE, subtype="IMA_ADPCM"
        )
    events.sort(key=lambda e: float(e["t"]))  # type: ignore[arg-type]
    with (HERE / "call.jsonl").open("w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event) + "\n")
    sizes = sum((HERE / f"{ch}.wav").stat().st_size for ch in VOICES)
    print(f"wrote agent.wav, caller.wav ({sizes / 1e6:.2f} MB together) and call.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
