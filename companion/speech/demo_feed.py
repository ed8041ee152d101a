"""The bundled demo call, played through the real pipeline: one WAV per side.

Each side's audio goes through `ChannelProcessor` (resampler, voice detector and, when a model
is loaded, the recognizer) exactly as a headset's would, paced at real time on its own thread,
and the events go to `emit`. Without a recognizer the script's words (`call.jsonl`) are played
as captions too, so a trainer still sees word cues; the app says so in a banner.

`demo_events` gives the same events at once, without pacing, for screenshots and tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from companion.audio.resample import TARGET_RATE
from companion.audio.wavsource import read_blocks
from companion.cues.replay import merge, with_partials
from companion.events import Channel, Event, read_jsonl
from companion.paths import resources_dir
from companion.speech.channel import ChannelProcessor
from companion.speech.recognizer import ChannelRecognizer

CHANNELS: tuple[Channel, Channel] = ("agent", "caller")


def demo_folder() -> Path:
    return resources_dir() / "demo"


def channel_events(
    folder: Path, channel: Channel, recognizer: ChannelRecognizer | None = None
) -> list[Event]:
    processor = ChannelProcessor(channel, recognizer)
    events: list[Event] = []
    t = 0.0
    for block in read_blocks(folder / f"{channel}.wav"):
        events += processor.push(block, t)
        t += block.shape[0] / TARGET_RATE
    events += processor.flush(round(t, 3))
    return events


def script_events(folder: Path) -> list[Event]:
    return with_partials(read_jsonl(folder / "call.jsonl"))


def demo_events(folder: Path | None = None) -> list[Event]:
    """Every event of the demo call in time order (voice frames + scripted words)."""
    folder = folder or demo_folder()
    streams = [channel_events(folder, ch) for ch in CHANNELS]
    return list(merge(script_events(folder), *streams))


class DemoCall:
    def __init__(
        self,
        emit: Callable[[Event], None],
        recognizers: dict[Channel, ChannelRecognizer] | None = None,
        folder: Path | None = None,
    ) -> None:
        self.emit = emit
        self.recognizers = recognizers or {}
        self.folder = folder or demo_folder()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def scripted(self) -> bool:
        return not self.recognizers

    def start(self) -> None:
        self._stop.clear()
        t0 = time.monotonic()
        for channel in CHANNELS:
            self._spawn(self._play_audio, channel, t0)
        if self.scripted:
            self._spawn(self._play_script, t0)

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="demo-call")
        thread.start()
        self._threads.append(thread)

    def _wait_until(self, t0: float, t: float) -> bool:
        delay = t0 + t - time.monotonic()
        return not (delay > 0 and self._stop.wait(delay)) and not self._stop.is_set()

    def _play_audio(self, channel: Channel, t0: float) -> None:
        rec = self.recognizers.get(channel)
        if rec is not None:
            rec.reset()
        processor = ChannelProcessor(channel, rec)
        t = 0.0
        for block in read_blocks(self.folder / f"{channel}.wav"):
            t_end = t + block.shape[0] / TARGET_RATE
            if not self._wait_until(t0, t_end):
                return
            for event in processor.push(block, t, now=time.monotonic() - t0):
                self.emit(event)
            t = t_end
        for event in processor.flush(round(time.monotonic() - t0, 3)):
            self.emit(event)

    def _play_script(self, t0: float) -> None:
        for event in script_events(self.folder):
            if not self._wait_until(t0, event.t):
                return
            self.emit(event)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._threads.clear()


class DemoFeed:
    """The demo call as the app's audio feed, in place of the headset: it plays from the start of
    a call and stops when the call ends. It answers what `LiveListener` answers, so the app wires
    one feed, live or demo, the same way."""

    def __init__(self, emit: Callable[[Event], None]) -> None:
        self.emit = emit
        self.recognizers: dict[Channel, ChannelRecognizer] = {}
        self.call: DemoCall | None = None

    def start(self) -> None:
        """Nothing plays until a call starts."""

    def start_call(self) -> None:
        self._end_call()
        self.call = DemoCall(self.emit, dict(self.recognizers))
        self.call.start()

    def set_between_calls(self, between: bool) -> None:
        if between:
            self._end_call()

    def set_recognizer(self, channel: Channel, recognizer: ChannelRecognizer | None) -> None:
        if recognizer is None:
            self.recognizers.pop(channel, None)
        else:
            self.recognizers[channel] = recognizer

    def stop(self) -> None:
        self._end_call()

    def _end_call(self) -> None:
        if self.call is not None:
            self.call.stop()
            self.call = None
