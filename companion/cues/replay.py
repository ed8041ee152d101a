"""Replay: the live engine over a recorded call, on a simulated clock.

Events (a transcript and/or the events of one WAV per channel) are merged in time order and fed
to a `CueEngine`; between events the clock advances in `TICK_S` steps, the same tick the app
uses live, so a time-based cue fires at the call time it would have fired live — dead air 10 s
into a silence, not when the next line arrives. Nothing here sleeps or reads the wall clock.

A hand-written transcript may hold only finals. Live, Vosk would have shown a growing partial as
each word ended, so for an utterance with no partials `with_partials` adds them at the word end
times; cues then fire when they would have live rather than at the final.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from pathlib import Path

from companion.cues.cue import Cue
from companion.cues.engine import CueEngine
from companion.events import Channel, Event, Final, Partial, read_transcript

TICK_S = 0.05


def load_transcript(path: Path) -> list[Event]:
    """All events of a `.jsonl` transcript, checked as a whole call (times finite, within a
    call's length, not stepping back, at least one event); raises `EventFormatError` listing
    every bad line, or `OSError`."""
    return read_transcript(path)


def with_partials(events: Iterable[Event]) -> list[Event]:
    """Events in time order, with growing partials added for utterances that have none."""
    out: list[Event] = []
    had_partial: dict[Channel, bool] = {"agent": False, "caller": False}
    for event in events:
        out.append(event)
        if isinstance(event, Partial):
            had_partial[event.channel] = True
        elif isinstance(event, Final):
            if not had_partial[event.channel] and len(event.result) > 1:
                words = [w.word for w in event.result]
                for i, word in enumerate(event.result[:-1]):
                    if word.end < event.t:
                        out.append(Partial(event.channel, word.end, " ".join(words[: i + 1])))
            had_partial[event.channel] = False
    out.sort(key=lambda e: e.t)  # stable: a final stays after the partials of its words
    return out


def merge(*streams: Iterable[Event]) -> Iterator[Event]:
    """Several time-ordered event streams as one (e.g. one WAV per channel)."""
    return heapq.merge(*streams, key=lambda e: e.t)


def channels_of(events: Iterable[Event]) -> set[Channel]:
    return {e.channel for e in events}


def replay(
    events: Iterable[Event], engine: CueEngine, *, tick_s: float = TICK_S, tail_s: float = 0.0
) -> list[Cue]:
    """Feed `events` (time-ordered) to `engine`, ticking every `tick_s` of call time."""
    cues: list[Cue] = []
    step = 1
    last = 0.0
    for event in events:
        while step * tick_s <= event.t:
            cues += engine.tick(step * tick_s)
            step += 1
        cues += engine.feed(event)
        last = max(last, event.t)
    while step * tick_s <= last + tail_s:
        cues += engine.tick(step * tick_s)
        step += 1
    return cues
