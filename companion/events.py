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

import io
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias

from companion.errors import KnownError

Channel = Literal["agent", "caller"]
CHANNELS: tuple[Channel, Channel] = ("agent", "caller")
DeviceState = Literal["lost", "restored", "silent", "denied"]
DEVICE_STATES: tuple[DeviceState, ...] = ("lost", "restored", "silent", "denied")

MAX_CALL_S = 6 * 3600.0
"""The longest call a transcript may describe. Replay ticks through every 50 ms of call time,
so an absurd time (`"t": 1e12`) would spin for days; no real call is longer than this."""
JITTER_S = 1.0
"""How far a channel's time may step back in a transcript. Live events are stamped when they
are emitted: a final is stamped on recognition, voice frames at their audio's start, and a
capture block (about 0.1 s) plus a busy recognizer can put one behind the other by a few hundred
ms. A full second more than covers that; a larger step back is a mistyped or spliced time, which
replay would otherwise silently re-order."""
MAX_LISTED_PROBLEMS = 20
"""A transcript's problems are listed up to this many, then counted ("and N more")."""


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


def _finite(value: int | float) -> bool:
    """Whether a JSON number is a finite float (an integer of 400 digits is not)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _number(obj: dict[str, Any], key: str, default: float | None = None) -> float:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EventFormatError(f"'{key}' must be a number, got {value!r}")
    if not _finite(value):
        raise EventFormatError(f"'{key}' must be a finite number, got {value!r}")
    return float(value)


def _time(obj: dict[str, Any], key: str = "t") -> float:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
        raise EventFormatError(f"'{key}' must be a finite number of seconds, got {value!r}")
    if value < 0:
        raise EventFormatError(f"'{key}' must not be negative (seconds since the call started)")
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
        result = obj.get("result") or []
        if not isinstance(result, list):
            raise EventFormatError("'result' must be a list of words")
        for raw in result:
            if not isinstance(raw, dict) or "word" not in raw:
                raise EventFormatError("each 'result' entry needs 'word', 'start' and 'end'")
            start, end = _time(raw, "start"), _time(raw, "end")
            if end < start:
                raise EventFormatError(f"word {raw['word']!r} ends before it starts")
            words.append(Word(str(raw["word"]), start, end, _number(raw, "conf", 1.0)))
        text = obj.get("text")
        if text is None:
            text = " ".join(w.word for w in words)
        return Final(channel, t, str(text), tuple(words))
    if "speech" in obj:
        return VoiceFrame(
            channel,
            t,
            _number(obj, "dur", 0.02),
            _number(obj, "level", -100.0),
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
    yield from parse_lines(_read_lines(path), str(path))


def _read_lines(path: Path) -> io.StringIO:
    """The file's lines as `open` reads them (a BOM dropped: Notepad's is not a broken line);
    `EventFormatError` naming the line of a byte that is not UTF-8, or `OSError`."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise EventFormatError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the transcript as UTF-8"
        ) from None
    return io.StringIO(text, newline=None)


def _parse_line(line: str) -> Event:
    try:
        return event_from_dict(json.loads(line))
    except json.JSONDecodeError as exc:
        raise EventFormatError(f"not JSON ({exc.msg})") from None
    except EventFormatError:
        raise
    except ValueError:  # Python refuses to read an integer of over 4300 digits
        raise EventFormatError("not JSON (a number with thousands of digits)") from None
    except RecursionError:
        raise EventFormatError("not an event (JSON nested too deeply)") from None


def parse_lines(lines: Iterable[str], source: str = "<events>") -> Iterator[Event]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield _parse_line(line)
        except EventFormatError as exc:
            raise EventFormatError(f"{source}:{number}: {exc}") from None


def read_transcript(path: Path) -> list[Event]:
    """Every event of a transcript file, checked as a whole call (see `parse_transcript`)."""
    return parse_transcript(_read_lines(path), str(path))


def parse_transcript(lines: Iterable[str], source: str = "<events>") -> list[Event]:
    """The events of a whole recorded call, or one `EventFormatError` listing every problem.

    Beyond each line being an event: the call has at least one event, no time is past
    `MAX_CALL_S`, and no channel's time steps back more than `JITTER_S`. Every bad line is
    reported with its number (the first `MAX_LISTED_PROBLEMS`, then a count), so a trainer
    fixes a hand-written scenario in one pass.
    """
    events: list[Event] = []
    problems: list[tuple[int, str]] = []
    latest: dict[Channel, tuple[float, int]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = _parse_line(line)
        except EventFormatError as exc:
            problems.append((number, str(exc)))
            continue
        if event.t > MAX_CALL_S:
            problems.append(
                (
                    number,
                    f"'t' is {event.t:g} s, past the {MAX_CALL_S / 3600:g}-hour limit of a call",
                )
            )
            continue
        before = latest.get(event.channel)
        if before is not None and event.t < before[0] - JITTER_S:
            problems.append(
                (
                    number,
                    f"{event.channel} time goes back from {before[0]:g} s (line {before[1]}) "
                    f"to {event.t:g} s",
                )
            )
            continue
        if before is None or event.t >= before[0]:
            latest[event.channel] = (event.t, number)
        events.append(event)
    if problems:
        raise EventFormatError(_list_problems(source, problems))
    if not events:
        raise EventFormatError(f"{source}: no events (the transcript is empty)")
    return events


def _list_problems(source: str, problems: list[tuple[int, str]]) -> str:
    shown = [
        f"{source}:{number}: {text}" if i == 0 else f"line {number}: {text}"
        for i, (number, text) in enumerate(problems[:MAX_LISTED_PROBLEMS])
    ]
    more = len(problems) - MAX_LISTED_PROBLEMS
    if more > 0:
        shown.append(f"and {more} more bad line{'s' if more != 1 else ''}")
    return "; ".join(shown)
