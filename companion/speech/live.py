"""Live listening: capture → worker → events, per channel, with a device watchdog.

Each channel has a capture (callback → buffer) and a worker thread that resamples, runs the
voice detector and the recognizer, and hands events to `emit` (the UI wraps that in a Qt signal;
the CLI prints JSON lines). `emit` is called from worker threads, under the channel's lock:
it must return quickly and never call back into the listener.

PortAudio reports no unplugged device: a blocking read errors, a callback stream simply stops.
So a watchdog checks every 250 ms: a channel whose stream failed or delivered nothing for a
second is reported `device` "lost" (its utterance in progress is finalised first, so no words are
lost), and the device is looked for again by name once a second. A device that vanished from
PortAudio's cached list needs the list re-read, which closes every stream; the other channel is
reopened at once and loses only a moment of audio. "restored" is reported when audio flows
again. An empty device ref (nothing saved, no input at all at start) takes the best input
(`choose_agent_device`) as soon as one appears.

A microphone that delivers blocks of exact digital zeros is not listening at all: muted in its
driver, or withheld by macOS when the app's microphone access is off (CoreAudio then gives
zeros, without an error). A real microphone always has a noise floor, so the worker counts runs
of exact zeros on the headset channel (`digital_silence.ZeroRun`, 2 s) and reports `device`
"denied" when macOS says access is off (`mic_permission`), "silent" otherwise; "restored" when
real signal arrives. The caller channel is not watched: it is usually a loopback of the
softphone, which is exact zeros whenever the line is quiet.

A saved headset that was not plugged in at start (the channel runs on a stand-in, `preferred`
holds the saved ref) is switched to once it appears. Looking for it means re-reading the device
list, which interrupts every stream for a moment, so it only happens between calls
(`set_between_calls`), every `PREFERRED_EVERY_S`; a stand-in that is lost looks for the saved
headset first, in or out of a call.

Time: `t` is seconds since `start_call()` (since `start()` before the first call), taken from
the monotonic clock at stream open plus the samples received, so both channels share one clock;
when a driver loses audio the sample count is re-anchored to the blocks' arrival times
(`companion.audio.stream_clock`). `clock` must be `time.monotonic` or run with it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from companion.audio.capture import DeviceCapture
from companion.audio.devices import (
    InputDevice,
    NoInputDevice,
    choose_agent_device,
    find_by_ref,
    list_inputs,
)
from companion.audio.digital_silence import Change, ZeroRun
from companion.audio.mic_permission import microphone_access
from companion.audio.portaudio import AudioUnavailable, device_list_held, refresh_device_list
from companion.audio.resample import TARGET_RATE, StreamResampler
from companion.audio.stream_clock import StreamClock
from companion.audio.vad import DEFAULT_VAD, VadSettings
from companion.events import Channel, DeviceEvent, Event
from companion.speech.channel import ChannelProcessor
from companion.speech.recognizer import ChannelRecognizer

log = logging.getLogger(__name__)

LOST_AFTER_S = 0.75  # + one watchdog period: lost is reported within 1 s of the last data
STARTUP_GRACE_S = 3.0  # some drivers (PulseAudio's ALSA plugin) stall ~1 s after opening
RETRY_EVERY_S = 1.0  # a lost device is looked for after 1 s, then 2, 4 and every 8 s:
RETRY_MAX_S = 8.0  # re-reading the device list costs ~30 ms of CPU (seconds on some drivers)
WATCH_EVERY_S = 0.25
PREFERRED_EVERY_S = 10.0
ZEROS_WATCHED: tuple[Channel, ...] = ("agent",)  # the microphone; not the caller's loopback

Emit = Callable[[Event], None]
Switched = Callable[[Channel, str], None]  # channel, the device name now listened to


@dataclass
class _Channel:
    name: Channel
    ref: str
    processor: ChannelProcessor
    preferred: str = ""  # the saved device, while `ref` is a stand-in for it
    capture: DeviceCapture | None = None
    resampler: StreamResampler | None = None
    clock: StreamClock = field(default_factory=lambda: StreamClock(0.0))
    lost: bool = False
    zeros: ZeroRun | None = None  # runs of exact-zero input (ZEROS_WATCHED channels)
    silent: Literal["silent", "denied"] | None = None  # while that is reported
    next_retry: float = 0.0
    retry_s: float = RETRY_EVERY_S  # the wait before the next look, while it stays missing
    worker: threading.Thread | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def mark_lost(self, now: float) -> None:
        self.lost, self.retry_s, self.next_retry = True, RETRY_EVERY_S, now + RETRY_EVERY_S

    def retry_due(self, now: float) -> bool:
        """Whether to look for the lost device now; each look waits twice as long as the last,
        up to `RETRY_MAX_S`."""
        if now < self.next_retry:
            return False
        self.retry_s = min(self.retry_s * 2, RETRY_MAX_S)
        self.next_retry = now + self.retry_s
        return True


class LiveListener:
    def __init__(
        self,
        devices: dict[Channel, str],
        emit: Emit,
        *,
        recognizers: dict[Channel, ChannelRecognizer] | None = None,
        vad: VadSettings = DEFAULT_VAD,
        clock: Callable[[], float] = time.monotonic,
        preferred: dict[Channel, str] | None = None,
        on_switch: Switched | None = None,
    ) -> None:
        self._emit = emit
        self._on_switch = on_switch
        self._clock = clock
        self._origin = clock()
        self._stop = threading.Event()
        recognizers = recognizers or {}
        self.channels: dict[Channel, _Channel] = {
            name: _Channel(name, ref, ChannelProcessor(name, recognizers.get(name), vad))
            for name, ref in devices.items()
        }
        for name, ref in (preferred or {}).items():
            if name in self.channels and ref and ref != self.channels[name].ref:
                self.channels[name].preferred = ref
        self._between_calls = threading.Event()
        self._next_preferred = 0.0
        self._watchdog: threading.Thread | None = None

    # -- control -------------------------------------------------------------------------
    def now(self) -> float:
        return round(self._clock() - self._origin, 3)

    def start(self) -> None:
        """Open every channel; a channel that cannot open starts in the 'lost' state."""
        for ch in self.channels.values():
            self._open(ch, announce=False)
            ch.worker = threading.Thread(
                target=self._work, args=(ch,), daemon=True, name=f"capture-{ch.name}"
            )
            ch.worker.start()
        self._watchdog = threading.Thread(target=self._watch, daemon=True, name="device-watchdog")
        self._watchdog.start()

    def start_call(self) -> None:
        """t = 0 from now; recognizers drop any half utterance (warm graphs are kept).

        Every channel's lock is held while the clock moves, and events are emitted under that
        lock, so once this returns every event on the old clock has been emitted and none
        after it is (the app drops the former: `EventBridge.drop_pending`)."""
        with contextlib.ExitStack() as held:  # released even if Ctrl-C lands half-way
            for ch in self.channels.values():
                held.enter_context(ch.lock)
            origin = self._clock()
            for ch in self.channels.values():
                ch.processor.reset()
                ch.clock.shift(self._origin - origin)
            self._origin = origin

    def set_between_calls(self, between: bool) -> None:
        """Between calls a stand-in device may be swapped for the saved headset (see above)."""
        if between:
            self._between_calls.set()
            for ch in self.channels.values():
                if ch.lost:  # a look held back during the call (`_may_reread`) happens now
                    ch.next_retry = 0.0
        else:
            self._between_calls.clear()

    def set_recognizer(self, channel: Channel, recognizer: ChannelRecognizer | None) -> None:
        """Attach a recognizer once the model has loaded in the background."""
        ch = self.channels.get(channel)
        if ch is not None:
            with ch.lock:
                ch.processor.recognizer = recognizer

    def stop(self) -> None:
        self._stop.set()
        if self._watchdog is not None:
            self._watchdog.join(timeout=10)
        for ch in self.channels.values():
            if ch.worker is not None:
                ch.worker.join(timeout=2)
            with ch.lock:
                for event in ch.processor.flush(self.now()):
                    self._emit(event)
                self._close(ch)

    def status(self) -> dict[Channel, str]:
        """Each channel's input: "ok", "lost", or "silent"/"denied" (exact zeros)."""
        return {
            name: ("lost" if ch.lost else ch.silent or "ok") for name, ch in self.channels.items()
        }

    # -- workers -------------------------------------------------------------------------
    def _work(self, ch: _Channel) -> None:
        while not self._stop.is_set():
            capture = ch.capture
            if capture is None:
                time.sleep(0.05)
                continue
            timed = capture.read_timed(timeout=0.1)
            if timed is None:
                continue
            arrived, block = timed
            with ch.lock:
                if ch.capture is not capture or ch.resampler is None:
                    continue
                change = ch.zeros.feed(block) if ch.zeros is not None else None
                audio = ch.resampler.process(block)
                t, skipped = ch.clock.stamp(arrived - self._origin, audio.shape[0] / TARGET_RATE)
                if skipped:  # the driver lost audio: frames must not straddle the hole
                    ch.processor.resync()
                for event in ch.processor.push(audio, t, now=self.now()):
                    self._emit(event)
                if change is not None:
                    self._report_zeros(ch, change)

    def _report_zeros(self, ch: _Channel, change: Change) -> None:
        """Under the channel's lock: the input became exact zeros, or real signal again."""
        if change == "signal":
            ch.silent = None
            log.info("%s device delivers signal again: %s", ch.name, ch.ref)
            self._emit(DeviceEvent(ch.name, self.now(), "restored"))
            return
        access = microphone_access()
        ch.silent = "denied" if access.withheld else "silent"
        log.warning(
            "%s device delivers only exact zeros: %s (microphone access: %s)",
            ch.name,
            ch.ref,
            access.name.lower(),
        )
        self._emit(DeviceEvent(ch.name, self.now(), ch.silent))

    def _watch(self) -> None:
        while not self._stop.wait(WATCH_EVERY_S):
            now = self._clock()
            for ch in self.channels.values():
                cap = ch.capture
                if not ch.lost and (cap is None or not self._healthy(cap, now)):
                    self._lose(ch)
                elif ch.lost and ch.retry_due(now):
                    self._open(ch, announce=True)
            if self._between_calls.is_set() and now >= self._next_preferred:
                self._next_preferred = now + PREFERRED_EVERY_S
                self._look_for_preferred()

    def _look_for_preferred(self) -> None:
        waiting = [c for c in self.channels.values() if c.preferred and not c.lost]
        if not waiting:
            return
        try:
            inputs = list_inputs()
        except AudioUnavailable:
            return
        if not any(find_by_ref(c.preferred, inputs) for c in waiting):
            self._reread_device_list()  # PortAudio's cached list never shows a new device;
            return  # re-reading reopens each channel on its saved device when it is there
        for ch in waiting:
            device = find_by_ref(ch.preferred, inputs)
            if device is not None:
                self._try_open(ch, device)

    @staticmethod
    def _is_preferred(ch: _Channel, device: InputDevice | None) -> bool:
        return (
            bool(ch.preferred)
            and device is not None
            and (find_by_ref(ch.preferred, [device]) is not None)
        )

    # -- device handling -----------------------------------------------------------------
    @staticmethod
    def _healthy(cap: DeviceCapture, now: float) -> bool:
        if not cap.active:
            return False
        if cap.silent_for(now) <= LOST_AFTER_S:
            return True
        return now - cap.opened_at < STARTUP_GRACE_S

    def _lose(self, ch: _Channel) -> None:
        with ch.lock:
            ch.mark_lost(self._clock())
            events: list[Event] = list(ch.processor.flush(self.now()))
            events.append(DeviceEvent(ch.name, self.now(), "lost"))
            self._close(ch)
            for event in events:
                self._emit(event)
        log.warning("%s device lost: %s", ch.name, ch.ref)

    def _emit_device(self, ch: _Channel, what: Literal["lost", "restored"]) -> None:
        with ch.lock:  # stamped and emitted under the lock, like audio events (start_call)
            self._emit(DeviceEvent(ch.name, self.now(), what))

    def _close(self, ch: _Channel) -> None:
        if ch.capture is not None:
            ch.capture.close()
            ch.capture = None

    def _find(self, ch: _Channel) -> InputDevice | None:
        try:
            inputs = list_inputs()
        except AudioUnavailable:
            return None
        if ch.preferred:  # the saved headset first, once it is plugged in
            found = find_by_ref(ch.preferred, inputs)
            if found is not None:
                return found
        if not ch.ref:  # nothing saved and no input at start: the best one once one appears
            try:
                return choose_agent_device("", inputs)
            except NoInputDevice:
                return None
        return find_by_ref(ch.ref, inputs)

    def _open(self, ch: _Channel, *, announce: bool) -> None:
        device = self._find(ch)
        if device is None and announce and self._may_reread(ch):
            self._reread_device_list()
            device = self._find(ch)
        if device is None or not self._try_open(ch, device):
            if not ch.lost:
                ch.mark_lost(self._clock())
                self._emit_device(ch, "lost")
            return
        if ch.lost:
            ch.lost = False
            log.info("%s device restored: %s", ch.name, ch.ref)
            if announce:
                self._emit_device(ch, "restored")

    def _try_open(self, ch: _Channel, device: InputDevice) -> bool:
        try:
            capture = DeviceCapture(device).start()
        except Exception as exc:
            log.info("cannot open %s yet: %s", ch.ref, exc)
            return False
        with ch.lock:
            self._close(ch)
            if ch.lost:  # the loss report replaced the silence report
                ch.silent = None
            ch.zeros = (  # a reopened silent input must still report its first real signal
                ZeroRun(capture.rate, silent=ch.silent is not None)
                if ch.name in ZEROS_WATCHED
                else None
            )
            ch.capture = capture
            ch.resampler = StreamResampler(capture.rate)
            ch.clock = StreamClock(round(capture.opened_at - self._origin, 3))
            ch.processor.resync()
        if self._is_preferred(ch, device):
            log.info("%s device switched from %s to the saved %s", ch.name, ch.ref, ch.preferred)
            ch.ref, ch.preferred = ch.preferred, ""
            if self._on_switch is not None:
                self._on_switch(ch.name, device.name)
        return True

    def _may_reread(self, lost: _Channel) -> bool:
        """Re-reading closes every open stream for a moment. During a call that is worth it to
        get the agent's microphone back, but not to look for the caller's side at the cost of
        a gap in the agent's: that waits until the call ends."""
        if self._between_calls.is_set() or lost.name == "agent":
            return True
        return not any(c is not lost and not c.lost for c in self.channels.values())

    def _reread_device_list(self) -> None:
        """PortAudio only sees re-plugged devices after re-initialising, which ends every open
        stream: close the healthy channels, re-read, and reopen them straight away. Not while
        another stream holds the list (the settings level test): the next retry re-reads."""
        if device_list_held():
            return
        healthy = [c for c in self.channels.values() if not c.lost and c.capture is not None]
        for c in healthy:
            with c.lock:
                self._close(c)
        try:
            refresh_device_list()
        except AudioUnavailable:
            return
        for c in healthy:
            device = self._find(c)
            if device is None or not self._try_open(c, device):
                c.mark_lost(self._clock())
                self._emit_device(c, "lost")
