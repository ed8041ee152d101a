"""The live listener's clock across a headset unplugged and plugged back in (virtual mics).

After a restore, audio is timed from the new stream's opening: frames must not carry on from
where the old stream stopped, or every cue rule would see the agent speak seconds in the past.
"""

from __future__ import annotations

import queue
import time
from itertools import pairwise

from companion.events import DeviceEvent, Event, VoiceFrame
from companion.speech.live import LiveListener


def _until(events: queue.Queue[Event], got: list[Event], done, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not done(got):
        try:
            got.append(events.get(timeout=0.1))
        except queue.Empty:
            continue


def test_frames_after_a_restore_are_on_the_call_clock(vmics) -> None:  # type: ignore[no-untyped-def]
    events: queue.Queue[Event] = queue.Queue()
    listener = LiveListener({"agent": "vmic_agent"}, events.put)
    listener.start()
    listener.start_call()
    got: list[Event] = []
    try:
        _until(events, got, lambda g: sum(isinstance(e, VoiceFrame) for e in g) > 100, 15)
        vmics.unplug("agent")
        _until(events, got, lambda g: any(isinstance(e, DeviceEvent) for e in g), 10)
        vmics.replug("agent")
        restored = lambda g: any(  # noqa: E731
            isinstance(e, DeviceEvent) and e.device == "restored" for e in g
        )
        _until(events, got, restored, 15)
        mark = len(got)
        _until(events, got, lambda g: sum(isinstance(e, VoiceFrame) for e in g[mark:]) > 50, 10)
    finally:
        listener.stop()
    lost = next(e for e in got if isinstance(e, DeviceEvent) and e.device == "lost")
    back = next(e for e in got if isinstance(e, DeviceEvent) and e.device == "restored")
    assert back.t - lost.t >= 1.0  # the device was away at least one retry period
    after = [e for e in got[mark:] if isinstance(e, VoiceFrame)]
    assert after, "no audio after the headset came back"
    # Audio after the restore starts no earlier than the new stream opened (which was after the
    # loss), and frames follow each other without going back in time.
    assert after[0].t > lost.t
    assert all(b.t >= a.t for a, b in pairwise(after))


def test_frames_keep_up_with_the_call_clock_when_the_driver_swallows_audio(vmics) -> None:  # type: ignore[no-untyped-def]
    """PulseAudio's ALSA plugin loses about a second of audio after a stream opens; counted by
    samples alone, every frame would then be stamped ~1 s early for the rest of the call."""
    events: queue.Queue[Event] = queue.Queue()
    listener = LiveListener({"agent": "vmic_agent"}, events.put)
    listener.start()
    listener.start_call()
    got: list[Event] = []
    try:
        _until(events, got, lambda g: False, 4.0)
        now = listener.now()
    finally:
        listener.stop()
    frames = [e for e in got if isinstance(e, VoiceFrame)]
    assert len(frames) > 100
    # The newest frame is at most a few blocks of driver latency behind the call clock.
    assert now - frames[-1].t < 0.6, f"frames lag the call clock by {now - frames[-1].t:.2f} s"
    assert all(b.t >= a.t for a, b in pairwise(frames))
