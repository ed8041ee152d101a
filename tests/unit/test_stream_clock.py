"""The call clock of captured audio: exact from samples, honest when a driver loses audio."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from companion.audio.stream_clock import StreamClock


def test_blocks_that_arrive_on_time_are_stamped_by_their_samples():
    clock = StreamClock(start=2.0)
    stamps = [clock.stamp(arrived=2.0 + 0.02 * (i + 1) + 0.03, duration=0.02) for i in range(100)]
    assert [round(t, 6) for t, _ in stamps] == [round(2.0 + 0.02 * i, 6) for i in range(100)]
    assert all(skipped == 0 for _, skipped in stamps)


def test_audio_the_driver_never_delivered_moves_the_clock_forward():
    clock = StreamClock(start=0.0)
    for i in range(50):  # one second on time
        clock.stamp(arrived=0.02 * (i + 1), duration=0.02)
    t, skipped = clock.stamp(arrived=2.02, duration=0.02)  # then a second of audio is missing
    assert abs(skipped - 1.0) < 1e-9
    assert abs(t - 2.0) < 1e-9
    t_next, skipped_next = clock.stamp(arrived=2.04, duration=0.02)
    assert abs(t_next - 2.02) < 1e-9 and skipped_next == 0


def test_a_worker_that_falls_behind_does_not_move_the_clock():
    """Arrival is the callback's time, not the worker's, so a backlog is not a gap."""
    clock = StreamClock(start=0.0)
    for i in range(200):
        _, skipped = clock.stamp(arrived=0.02 * (i + 1), duration=0.02)
        assert skipped == 0


@given(st.lists(st.tuples(st.floats(0.0, 2.0), st.floats(0.005, 0.1)), min_size=1, max_size=200))
def test_times_never_run_backwards_and_never_lag_arrival_by_more_than_the_limit(blocks):
    clock = StreamClock(start=0.0, max_lag=0.25)
    arrived, last = 0.0, -1.0
    for delay, duration in blocks:
        arrived += delay
        t, _ = clock.stamp(arrived=arrived, duration=duration)
        assert t >= last
        assert arrived - (t + duration) <= 0.25 + 1e-9
        last = t


def test_a_new_call_shifts_the_origin():
    clock = StreamClock(start=5.0)
    clock.stamp(arrived=5.1, duration=0.1)
    clock.shift(-5.1)
    t, _ = clock.stamp(arrived=0.1, duration=0.1)
    assert abs(t - 0.0) < 1e-9
