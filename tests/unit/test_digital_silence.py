"""A microphone that delivers exact zeros (withheld or muted) told apart from a quiet one."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from companion.audio import mic_permission
from companion.audio.digital_silence import ZeroRun
from companion.audio.mic_permission import (
    DENIED_MESSAGE,
    PROMPT_MESSAGE,
    RESTRICTED_MESSAGE,
    MicAccess,
    access_from_status,
    microphone_access,
    silence_message,
    withheld_message,
)
from companion.events import DeviceEvent, dumps, event_from_dict

RATE = 48000.0
BLOCK = 960  # 20 ms, as the capture delivers


def zeros(seconds: float) -> list[np.ndarray]:
    return [np.zeros(BLOCK, dtype=np.float32)] * round(seconds * RATE / BLOCK)


def room(seconds: float, level_db: float = -80.0, seed: int = 3) -> list[np.ndarray]:
    """A quiet room through a real microphone: faint noise, never exact zeros."""
    rng = np.random.default_rng(seed)
    amp = 10 ** (level_db / 20)
    n = round(seconds * RATE / BLOCK)
    return [(rng.standard_normal(BLOCK) * amp).astype(np.float32) for _ in range(n)]


def feed(run: ZeroRun, blocks: list[np.ndarray]) -> list[tuple[int, str]]:
    """(block index, change) for each change the blocks cause."""
    return [(i, c) for i, b in enumerate(blocks) if (c := run.feed(b)) is not None]


def test_two_seconds_of_exact_zeros_is_silent_once():
    run = ZeroRun(RATE)
    changes = feed(run, zeros(5.0))
    assert changes == [(99, "silent")]  # the 100th 20 ms block completes 2 s
    assert run.silent


def test_a_quiet_room_is_never_silent_even_at_minus_90_dbfs():
    run = ZeroRun(RATE)
    assert feed(run, room(10.0, level_db=-90.0)) == []
    # int16 input, as a 16-bit driver's quietest noise: a single LSB now and then
    rng = np.random.default_rng(5)
    lsb = (rng.random((500, 320)) < 0.01).astype(np.int16)
    int_run = ZeroRun(16000.0)
    assert feed(int_run, list(lsb)) == []


def test_gaps_of_zeros_shorter_than_the_run_do_not_count_up():
    run = ZeroRun(RATE)
    blocks = (zeros(1.5) + room(0.02)) * 4  # digital gaps between bursts: each run restarts
    assert feed(run, blocks) == []


def test_real_signal_ends_the_silence_and_zeros_again_report_again():
    run = ZeroRun(RATE)
    blocks = zeros(2.5) + room(0.5) + zeros(2.5)
    changes = [c for _, c in feed(run, blocks)]
    assert changes == ["silent", "signal", "silent"]


def test_one_non_zero_sample_is_signal():
    run = ZeroRun(RATE)
    feed(run, zeros(2.0))
    block = np.zeros(BLOCK, dtype=np.float32)
    block[17] = 1e-7
    assert run.feed(block) == "signal"


def test_a_reopened_silent_stream_reports_its_first_signal_and_no_new_silence():
    run = ZeroRun(16000.0, silent=True)
    assert feed(run, zeros(3.0)) == []
    assert run.feed(np.full(320, 0.01, dtype=np.float32)) == "signal"


def test_the_run_is_counted_in_samples_not_blocks():
    run = ZeroRun(16000.0, after_s=1.0)
    assert run.feed(np.zeros(15999, dtype=np.float32)) is None
    assert run.feed(np.zeros(0, dtype=np.float32)) is None
    assert run.feed(np.zeros(1, dtype=np.float32)) == "silent"


# -- the permission, and what the agent is told ---------------------------------------------


@pytest.mark.parametrize(
    ("status", "access", "withheld"),
    [
        (0, MicAccess.NOT_DETERMINED, False),
        (1, MicAccess.RESTRICTED, True),
        (2, MicAccess.DENIED, True),
        (3, MicAccess.AUTHORIZED, False),
        (4, MicAccess.UNKNOWN, False),
        (-1, MicAccess.UNKNOWN, False),
    ],
)
def test_apple_statuses_map_to_access(status, access, withheld):
    assert access_from_status(status) is access
    assert access.withheld is withheld


@pytest.mark.skipif(sys.platform == "darwin", reason="elsewhere than macOS only")
def test_elsewhere_the_permission_is_not_applicable_and_never_raises():
    assert microphone_access() is MicAccess.NOT_APPLICABLE
    with pytest.raises(OSError):
        mic_permission.authorization_status()  # no Objective-C runtime here


def test_the_denied_message_names_the_fix_on_one_line():
    for text in (DENIED_MESSAGE, RESTRICTED_MESSAGE):
        assert "\n" not in text
        assert "Privacy & Security → Microphone" in text
        assert "restart Call Companion" in text
    assert "System Settings" in DENIED_MESSAGE
    assert "IT" in RESTRICTED_MESSAGE
    assert withheld_message(MicAccess.DENIED) == DENIED_MESSAGE
    assert withheld_message(MicAccess.RESTRICTED) == RESTRICTED_MESSAGE


def test_silence_message_tells_denied_from_muted(monkeypatch):
    assert "muted or disconnected?" in silence_message("Headset", denied=False)
    assert silence_message("Headset", denied=False).startswith("Headset delivers only silence")
    monkeypatch.setattr(mic_permission, "microphone_access", lambda: MicAccess.RESTRICTED)
    assert silence_message("Headset", denied=True) == RESTRICTED_MESSAGE
    # the access changed back since the event: still the permission's fix, not a shrug
    monkeypatch.setattr(mic_permission, "microphone_access", lambda: MicAccess.AUTHORIZED)
    assert silence_message("Headset", denied=True) == DENIED_MESSAGE
    assert "muted or disconnected?" in silence_message("Headset", denied=False)
    # macOS still shows its prompt (opening the microphone asked): zeros until it is answered
    monkeypatch.setattr(mic_permission, "microphone_access", lambda: MicAccess.NOT_DETERMINED)
    assert silence_message("Headset", denied=False) == PROMPT_MESSAGE


@pytest.mark.parametrize("state", ["silent", "denied"])
def test_silence_device_events_round_trip(state):
    event = DeviceEvent("agent", 4.5, state)
    line = dumps(event)
    assert json.loads(line) == {"channel": "agent", "t": 4.5, "device": state}
    assert event_from_dict(json.loads(line)) == event
