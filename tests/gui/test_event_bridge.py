"""Events cross from worker threads into the GUI thread in batches, in order, none lost: a live
call's 100+ events a second wake the GUI thread about ten times a second, not once per event."""

from __future__ import annotations

import threading
import time
from typing import Any

from companion.events import Channel, Final, VoiceFrame
from companion.ui.event_bridge import BATCH_MS, EventBridge


def frame(channel: Channel, t: float) -> VoiceFrame:
    return VoiceFrame(channel, t, dur=0.02, level=0.1, speech=False)


def test_two_channels_of_frames_arrive_in_order_in_a_few_batches(qtbot: Any) -> None:
    bridge = EventBridge()
    got: list[Any] = []
    wakes: list[float] = []
    bridge.add_receiver(got.append)
    bridge._timer.timeout.connect(lambda: wakes.append(time.monotonic()))
    sent: dict[Channel, list[Any]] = {"agent": [], "caller": []}

    def worker(channel: Channel) -> None:
        for i in range(100):  # two seconds of 20 ms frames
            event = frame(channel, i * 0.02)
            sent[channel].append(event)
            bridge.post(event)
            time.sleep(0.02)

    threads = [threading.Thread(target=worker, args=(ch,)) for ch in sent]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    qtbot.waitUntil(lambda: len(got) == 200, timeout=20_000)
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    for channel, events in sent.items():
        assert [e for e in got if e.channel == channel] == events  # each channel in order
    assert len(wakes) <= took * 1000 / BATCH_MS + 2, (len(wakes), took)
    assert len(wakes) >= 5  # delivered as the call goes, not all at the end


def test_drop_pending_discards_what_was_posted_on_the_old_clock(qtbot: Any) -> None:
    bridge = EventBridge()
    got: list[Any] = []
    bridge.add_receiver(got.append)
    for i in range(5):
        bridge.post(frame("caller", 300.0 + i))
    bridge.drop_pending()  # the call starts: the listener's clock was just reset
    fresh = Final("caller", 0.1, "hello")
    bridge.post(fresh)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    qtbot.wait(2 * BATCH_MS)
    assert got == [fresh]
