"""The event format: the one contract between the speech engine, the cue engine, storage and replay.

Every event is one JSON object (one line in a `.jsonl` file). Recognition events are exactly
Vosk's own JSON plus two fields, so a transcript written by `companion transcribe`, a live call
and a trainer's hand-written scenario all look the same:

- `channel`: `"agent"` (the headset mic) or `"caller"` (the optional caller-side input);
- `t`: seconds since the call started, at the moment the event was emitted.

Shapes (the key that is present tells the kind):

- partial: `{"channel": "caller", "t": 3.52, "partial": "this is the third"}` — the running
  hypothesis of the utterance in progress; each one replaces the previous.
- final: `{"channel": "caller", "t": 4.10, "result": [{"word": "this", "start": 2.91,
  "end": 3.05, "conf": 0.98}, ...], "text": "this is the third time"}` — word `start`/`end` are
  seconds since call start (not since the recognizer's reset); `result` may be absent when
  Vosk heard nothing.
- voice frame: `{"channel": "agent", "t": 5.02, "dur": 0.02, "level": -23.4, "speech": true}`
  — one per 20 ms audio frame: `level` in dBFS (RMS, -100 for digital silence), `speech` is the
  near-field voice decision for that frame, `t` is the frame's start.
- device: `{"channel": "agent", "t": 61.0, "device": "lost"}` — `"lost"` / `"restored"` for the
  channel's input device; `"silent"` when it delivers only exact digital zeros (muted in its
  driver, or withheld by the OS), `"denied"` when that is because macOS's microphone access is
  off for the app; `"restored"` again once real signal arrives.

Voice frames are plentiful (50 per second per channel); a transcript file may leave them out,
and replay then runs on the words alone. Consumers ignore keys they do not know, so the format
can grow without breaking old files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias

from companion.errors import KnownError

Channel = Literal["agent", "caller"]
CHANNELS: tuple[Channel, Channel] = ("agent", "caller")
DeviceState = Literal["lost", "restored", "silent", "denied"]
DEVICE_STATES: tuple[DeviceState, ...] = ("lost", "restored", "silent", "denied")


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    start: float
    end: float
    conf: float = 1.0


@dataclass(frozen=True, slots=True)
class Partial:
    channel: Channel
    t: float
    partial: str


@dataclass(frozen=True, slots=True)
class Final:
    channel: Channel
    t: float
    text: str
    result: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class VoiceFrame:
    channel: Channel
    t: float
    dur: float
    level: float
    speech: bool


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    channel: Channel
    t: float
    device: DeviceState


Event: TypeAlias = Partial | Final | VoiceFrame | DeviceEvent


class EventFormatError(KnownError, ValueError):
    """A line is not a valid event; the message says which field is wrong."""


def _channel(obj: dict[str, Any]) -> Channel:
    ch = obj.get("channel")
    if ch not in CHANNELS:
        raise EventFormatError(f"'channel' must be 'agent' or 'caller', got {ch!r}")
    return ch  # type: ignore[no-any-return]


def _time(obj: dict[str, Any], key: str = "t") -> float:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EventFormatError(f"'{key}' must be a number of seconds, got {value!r}")
    return float(value)


def event_from_dict(obj: dict[str, Any]) -> Event:
    """Parse one event object; raises `EventFormatError` naming the field at fault."""
    if not isinstance(obj, dict):
        raise EventFormatError("an event must be a JSON object")
    channel, t = _channel(obj), _time(obj)
    if "partial" in obj:
        return Partial(channel, t, str(obj["partial"]))
    if "text" in obj or "result" in obj:
        words = []
        for raw in obj.get("result") or ():
            if not isinstance(raw, dict) or "word" not in raw:
                raise EventFormatError("each 'result' entry needs 'word', 'start' and 'end'")
            words.append(
                Word(
                    str(raw["word"]),
                    _time(raw, "start"),
                    _time(raw, "end"),
                    float(raw.get("conf", 1.0)),
                )
            )
        text = obj.get("text")
        if text is None:
            text = " ".join(w.word for w in words)
        return Final(channel, t, str(text), tuple(words))
    if "speech" in obj:
        return VoiceFrame(
            channel,
            t,
            float(obj.get("dur", 0.02)),
            float(obj.get("level", -100.0)),
            bool(obj["speech"]),
        )
    if "device" in obj:
        state = obj["device"]
        if state not in DEVICE_STATES:
            raise EventFormatError(f"'device' must be one of {DEVICE_STATES}, got {state!r}")
        return DeviceEvent(channel, t, state)
    raise EventFormatError("no 'partial', 'text'/'result', 'speech' or 'device' key")


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON object for one event, in the documented key order."""
    base: dict[str, Any] = {"channel": event.channel, "t": round(event.t, 3)}
    if isinstance(event, Partial):
        base["partial"] = event.partial
    elif isinstance(event, Final):
        if event.result:
            base["result"] = [
                {
                    "word": w.word,
                    "start": round(w.start, 3),
                    "end": round(w.end, 3),
                    "conf": round(w.conf, 6),
                }
                for w in event.result
            ]
        base["text"] = event.text
    elif isinstance(event, VoiceFrame):
        base.update(dur=round(event.dur, 4), level=round(event.level, 1), speech=event.speech)
    else:
        base["device"] = event.device
    return base


def dumps(event: Event) -> str:
    return json.dumps(event_to_dict(event), ensure_ascii=False)


def read_jsonl(path: Path) -> Iterator[Event]:
    """Events of a `.jsonl` transcript; a bad line raises `EventFormatError` naming its number."""
    with path.open(encoding="utf-8") as handle:
        yield from parse_lines(handle, str(path))


def parse_lines(lines: Iterable[str], source: str = "<events>") -> Iterator[Event]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield event_from_dict(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EventFormatError(f"{source}:{number}: not JSON ({exc.msg})") from None
        except EventFormatError as exc:
            raise EventFormatError(f"{source}:{number}: {exc}") from None
