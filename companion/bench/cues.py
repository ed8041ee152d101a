"""Cue-engine figures: replay speed on words and on audio, and the live cue delay.

- `replay_speed_x`: seconds of call replayed per second of wall time, on a generated 10-minute
  two-channel transcript (partials every three words, finals with word times, a few cue
  phrases). Target ≥ 2000.
- `audio_replay_speed_x`: the same for one 2-minute WAV per channel without a model: voice
  frames are computed by the live voice detector, then the engine runs on them. Target ≥ 200.
- `cue_latency_p95_ms`: a live-paced run of a short call — a thread feeds events at their real
  times, the engine thread ticks every 50 ms on a real timer, everything timestamped with
  `time.monotonic` — measuring, per cue, the delay from the end of the triggering word (or the
  moment a time threshold was crossed, the cue's `due`) to the moment the engine emitted it.
  The run lasts about 20 s because dead air takes 10 s of silence to be due.
"""

from __future__ import annotations

import queue
import random
import statistics
import tempfile
import threading
import time
import wave
from dataclasses import replace
from pathlib import Path

from companion.bench import BenchReport, Figure
from companion.context import Context
from companion.cues.engine import CueEngine
from companion.cues.replay import TICK_S, merge, replay, with_partials
from companion.cues.settings import CueSettings
from companion.events import Channel, Event, Final, Partial, Word

_FILLER = [
    "okay",
    "so",
    "let",
    "me",
    "just",
    "have",
    "a",
    "look",
    "at",
    "the",
    "account",
    "for",
    "you",
    "now",
    "and",
    "see",
    "what",
    "happened",
    "with",
    "the",
    "last",
    "bill",
    "because",
    "it",
    "looks",
    "like",
    "there",
    "was",
    "a",
    "change",
    "to",
    "the",
    "tariff",
    "in",
    "march",
]
_CUE_LINES = {
    "caller": [
        "this is the third time i have called about this",
        "i am driving at the moment",
        "what do you mean",
        "i want to speak to a manager",
    ],
    "agent": [
        "well that is not my fault",
        "what you need to do is restart it",
        "no we can not do that",
    ],
}


def _utterance(
    channel: Channel, start: float, words: list[str], rate: float, every: int = 3
) -> list[Event]:
    """Words at `rate` per second; a partial every `every` words (live Vosk: about every word)."""
    times = [Word(w, start + i / rate, start + (i + 0.85) / rate) for i, w in enumerate(words)]
    events: list[Event] = [
        Partial(channel, times[i].end + 0.05, " ".join(words[: i + 1]))
        for i in range(every - 1, len(words), every)
    ]
    events.append(Final(channel, times[-1].end + 0.3, " ".join(words), tuple(times)))
    return events


def synthetic_call(seconds: float, seed: int = 3) -> list[Event]:
    """A two-channel call of about `seconds`, alternating turns, with some cue phrases."""
    rng = random.Random(seed)
    events: list[Event] = []
    t, channel = 0.5, "agent"
    while t < seconds:
        ch: Channel = "agent" if channel == "agent" else "caller"
        if rng.random() < 0.15:
            words = rng.choice(_CUE_LINES[ch]).split()
        else:
            n = rng.randint(4, 20)
            i = rng.randrange(len(_FILLER))
            words = (_FILLER * 2)[i : i + n]
        events += _utterance(ch, t, words, rate=2.4)
        t = events[-1].t + rng.uniform(0.3, 1.5)
        channel = "caller" if channel == "agent" else "agent"
    return sorted(events, key=lambda e: e.t)


def _replay_speed(report: BenchReport) -> Figure:
    events = with_partials(synthetic_call(600.0))
    call_s = events[-1].t
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        replay(events, CueEngine(CueSettings.defaults()))
        best = min(best, time.perf_counter() - started)
    report.say(f"cues: replayed {call_s:.0f} s of transcript in {best * 1000:.0f} ms")
    return Figure(round(call_s / best, 1), "x real time")


def _speechlike_wav(path: Path, seconds: float, seed: int) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    rate = 16000
    signal = np.zeros(int(seconds * rate), dtype=np.float32)
    t = 0.5
    while t < seconds - 3:
        length = rng.uniform(1.0, 4.0)
        n = int(length * rate)
        start = int(t * rate)
        tt = np.arange(n) / rate
        pitch = rng.uniform(100, 220)
        voiced = sum(np.sin(2 * np.pi * pitch * k * tt) / k for k in range(1, 8))
        envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4.0 * tt) ** 2
        signal[start : start + n] = 0.2 * voiced * envelope
        t += length + rng.uniform(0.3, 2.0)
    signal += rng.normal(0, 0.002, signal.shape).astype(np.float32)
    pcm = (np.clip(signal, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())


def _audio_speed(report: BenchReport) -> Figure | None:
    try:
        from companion.speech.transcribe import voice_frames_from_wav
    except ImportError as exc:
        report.notes.append(f"cues: audio replay not measured ({exc})")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        agent, caller = Path(tmp) / "agent.wav", Path(tmp) / "caller.wav"
        _speechlike_wav(agent, 120.0, 1)
        _speechlike_wav(caller, 120.0, 2)
        started = time.perf_counter()
        replay(
            merge(voice_frames_from_wav(agent, "agent"), voice_frames_from_wav(caller, "caller")),
            CueEngine(CueSettings.defaults()),
        )
        wall = time.perf_counter() - started
    report.say(f"cues: replayed 120 s of two-channel audio in {wall * 1000:.0f} ms")
    return Figure(round(120.0 / wall, 1), "x real time")


def _latency_script() -> list[Event]:
    events: list[Event] = []
    events += _utterance("agent", 0.3, ["hello", "you", "are", "through", "to", "support"], 2.5, 1)
    events += _utterance(
        "caller", 3.0, ["this", "is", "the", "third", "time", "i", "have", "called"], 2.5, 1
    )
    events += _utterance("agent", 6.8, ["well", "that", "is", "not", "my", "fault"], 2.5, 1)
    events += _utterance(
        "caller", 9.5, ["sorry", "i", "am", "driving", "at", "the", "moment"], 2.5, 1
    )
    return sorted(events, key=lambda e: e.t)  # then 10 s of silence: dead air


def _latency(report: BenchReport) -> Figure:
    # the gate (gap, two on screen) is not what is measured here
    settings = replace(CueSettings.defaults(), min_gap_s=0.0, show_s=2.0)
    events = with_partials(_latency_script())
    engine = CueEngine(settings)
    inbox: queue.Queue[Event | None] = queue.Queue()
    start = time.monotonic()

    def feeder() -> None:
        for event in events:
            delay = start + event.t - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            inbox.put(event)

    thread = threading.Thread(target=feeder, daemon=True)
    thread.start()
    delays: list[float] = []
    kinds: list[str] = []
    end = events[-1].t + settings.threshold("dead-air", "after_s") + 0.5
    next_tick = start + TICK_S
    while time.monotonic() - start < end:
        timeout = max(0.0, next_tick - time.monotonic())
        try:
            event = inbox.get(timeout=timeout)
        except queue.Empty:
            event = None
        if event is not None:
            cues = engine.feed(event)
        else:
            next_tick += TICK_S
            cues = engine.tick(time.monotonic() - start)
        emitted = time.monotonic()
        delays += [(emitted - (start + cue.due)) * 1000.0 for cue in cues]
        kinds += [cue.kind for cue in cues]
    thread.join(timeout=1.0)
    if not delays:
        report.notes.append("cues: the live-paced run emitted no cue; latency not measured")
        return Figure(float("nan"), "ms")
    p95 = statistics.quantiles(delays, n=20)[-1] if len(delays) > 1 else delays[0]
    report.say(
        f"cues: {len(delays)} cues in a live-paced run ({', '.join(kinds)}), delays "
        + ", ".join(f"{d:.0f}" for d in delays)
        + " ms"
    )
    return Figure(round(p95, 1), "ms")


def measure(ctx: Context, report: BenchReport) -> dict[str, Figure]:
    figures = {"replay_speed_x": _replay_speed(report)}
    audio = _audio_speed(report)
    if audio is not None:
        figures["audio_replay_speed_x"] = audio
    figures["cue_latency_p95_ms"] = _latency(report)
    return figures
