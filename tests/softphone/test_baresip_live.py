"""End to end with the real programs: baresip answers a real SIP call placed by sipp on
127.0.0.1, and the follower reports it from baresip's control socket.

Every wait is bounded (a deadline, not an assertion on speed); baresip and sipp are stopped when
the test ends (see conftest.py).
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from companion.softphone.baresip import BaresipFollower, Request
from tests.softphone.conftest import (
    CALLER,
    CALLER_NAME,
    LOCALHOST,
    Baresip,
    place_call,
    wait_until,
)

Follow = Callable[[Baresip], tuple[BaresipFollower, list[Request]]]


@pytest.fixture
def follow() -> Iterator[Follow]:
    made: list[BaresipFollower] = []

    def start(phone: Baresip) -> tuple[BaresipFollower, list[Request]]:
        seen: list[Request] = []
        follower = BaresipFollower(LOCALHOST, phone.ctrl_port, seen.append, first_delay=0.1)
        made.append(follower)
        follower.start()
        assert wait_until(lambda: follower.connections == 1), phone.log
        time.sleep(0.3)  # let baresip's event loop accept the connection before the call
        return follower, seen

    yield start
    for follower in made:
        follower.stop()


def test_an_answered_call_starts_and_ends_in_the_overlay(
    start_baresip: Callable[..., Baresip], follow: Follow, tmp_path: Path
) -> None:
    phone = start_baresip(auto_answer=True)
    _follower, seen = follow(phone)
    sipp = place_call(tmp_path, phone.sip_port, "inbound_call.xml", hold_ms=3000)
    assert sipp.returncode == 0, (tmp_path / "sipp.log").read_text(errors="replace")
    assert wait_until(lambda: len(seen) >= 2), phone.log
    assert seen == [
        Request("start", CALLER, CALLER_NAME, "inbound"),
        Request("end", CALLER, CALLER_NAME, "inbound"),
    ]
    assert "Call established" in phone.log


def test_a_call_that_rings_and_is_given_up_opens_then_cancels_prep(
    start_baresip: Callable[..., Baresip], follow: Follow, tmp_path: Path
) -> None:
    phone = start_baresip(auto_answer=False)
    _follower, seen = follow(phone)
    sipp = place_call(tmp_path, phone.sip_port, "missed_call.xml")
    assert sipp.returncode == 0, (tmp_path / "sipp.log").read_text(errors="replace")
    assert wait_until(lambda: len(seen) >= 2), phone.log
    assert [(r.cmd, r.number, r.direction) for r in seen] == [
        ("prep", CALLER, "inbound"),
        ("end", CALLER, "inbound"),
    ]


def test_baresip_quitting_mid_call_ends_it_and_the_follower_waits_for_the_next_run(
    start_baresip: Callable[..., Baresip], follow: Follow, tmp_path: Path
) -> None:
    phone = start_baresip(auto_answer=True)
    follower, seen = follow(phone)
    result: list[subprocess.CompletedProcess[bytes]] = []
    caller = threading.Thread(
        target=lambda: result.append(
            place_call(tmp_path, phone.sip_port, "inbound_call.xml", hold_ms=8000)
        )
    )
    caller.start()
    try:
        assert wait_until(lambda: [r.cmd for r in seen] == ["start"]), phone.log
        phone.stop()
        assert wait_until(lambda: [r.cmd for r in seen] == ["start", "end"]), phone.log
        assert follower.running  # still there, retrying for the next baresip
    finally:
        caller.join(60)
