"""Small event streams for the cue tests: utterances with word times, partials, voice frames."""

from __future__ import annotations

from companion.events import Channel, Event, Final, Partial, VoiceFrame, Word


def said(
    channel: Channel, start: float, text: str, *, rate: float = 2.5, partials: bool = True
) -> list[Event]:
    """One utterance: a partial after each word (like live Vosk), then the final 0.3 s later."""
    words = text.split()
    times = tuple(Word(w, start + i / rate, start + (i + 0.85) / rate) for i, w in enumerate(words))
    events: list[Event] = []
    if partials:
        events += [
            Partial(channel, times[i].end + 0.05, " ".join(words[: i + 1]))
            for i in range(len(words))
        ]
    events.append(Final(channel, times[-1].end + 0.3, text, times))
    return events


def voice(
    channel: Channel, start: float, end: float, level: float = -30.0, dur: float = 0.02
) -> list[Event]:
    """Voice frames: speech from `start` to `end`."""
    frames: list[Event] = []
    t = start
    while t < end:
        frames.append(VoiceFrame(channel, round(t, 3), dur, level, True))
        t += dur
    return frames


def silence(channel: Channel, start: float, end: float, dur: float = 0.02) -> list[Event]:
    frames: list[Event] = []
    t = start
    while t < end:
        frames.append(VoiceFrame(channel, round(t, 3), dur, -70.0, False))
        t += dur
    return frames


def call(*parts: list[Event]) -> list[Event]:
    return sorted((e for part in parts for e in part), key=lambda e: e.t)
