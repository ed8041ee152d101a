"""The follower's connection handling against a real TCP server on 127.0.0.1.

The server replays streams recorded from the real baresip, cut into small pieces, or garbage;
the follower must reconnect, report each change once, and keep going whatever its callbacks do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from companion.softphone.baresip import BaresipFollower, Request, Status
from tests.softphone.conftest import LOCALHOST, ScriptedServer, free_port, recorded, wait_until


class Recorder:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.statuses: list[tuple[Status, str]] = []

    def request(self, request: Request) -> None:
        self.requests.append(request)

    def status(self, status: Status, text: str) -> None:
        self.statuses.append((status, text))

    @property
    def cmds(self) -> list[str]:
        return [r.cmd for r in self.requests]


@pytest.fixture
def follower_for() -> Iterator[Callable[[int, Recorder], BaresipFollower]]:
    made: list[BaresipFollower] = []

    def make(port: int, rec: Recorder) -> BaresipFollower:
        follower = BaresipFollower(
            LOCALHOST, port, rec.request, on_status=rec.status, first_delay=0.05, max_delay=0.2
        )
        made.append(follower)
        follower.start()
        return follower

    yield make
    for follower in made:
        follower.stop()


def test_waits_for_baresip_then_follows_a_call(follower_for) -> None:  # type: ignore[no-untyped-def]
    port, rec = free_port(), Recorder()
    follower = follower_for(port, rec)
    assert wait_until(lambda: bool(rec.statuses))
    assert rec.statuses[0][0] == "waiting"
    assert f"not reachable at 127.0.0.1:{port}" in rec.statuses[0][1]
    server = ScriptedServer(port, [recorded("inbound_autoanswer.ns")])
    try:
        assert wait_until(lambda: len(rec.requests) >= 2)
        assert rec.requests[0] == Request("start", "5551234", "Jane Caller", "inbound")
        assert rec.cmds == ["start", "end"]
        assert [s for s, _ in rec.statuses] == ["waiting", "connected"]  # retries not repeated
        assert follower.connections == 1
    finally:
        server.close()


def test_garbage_gives_one_error_then_a_fresh_connection(follower_for) -> None:  # type: ignore[no-untyped-def]
    port, rec = free_port(), Recorder()
    started = recorded("inbound_autoanswer.ns").split(b"248:", 1)
    assert len(started) == 2  # cut just before CALL_ESTABLISHED's netstring
    live_then_garbage = recorded("inbound_autoanswer.ns")[: len(started[0])]
    live_then_garbage += b"248:" + started[1][:248] + b",GET / HTTP/1.0\r\n\r\n"
    server = ScriptedServer(port, [live_then_garbage, recorded("inbound_missed.ns")])
    try:
        follower = follower_for(port, rec)
        assert wait_until(lambda: len(rec.requests) >= 4)
        # the call live when the stream broke is ended: it can no longer be seen to end
        assert rec.cmds == ["start", "end", "prep", "end"]
        errors = [text for status, text in rec.statuses if status == "error"]
        assert len(errors) == 1
        assert "not a baresip event" in errors[0] and "\n" not in errors[0]
        assert follower.connections == 2
    finally:
        server.close()


def test_a_deeply_nested_message_is_bad_input_not_a_traceback(
    follower_for, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """JSON nested 100,000 deep (RecursionError in the parser) is refused like any garbage:
    one status line, no traceback in the log, and the next connection follows calls again."""
    port, rec = free_port(), Recorder()
    nested = b"[" * 100_000
    server = ScriptedServer(
        port, [str(len(nested)).encode() + b":" + nested + b",", recorded("inbound_missed.ns")]
    )
    try:
        follower = follower_for(port, rec)
        assert wait_until(lambda: len(rec.requests) >= 2)
        assert rec.cmds == ["prep", "end"]
        errors = [text for status, text in rec.statuses if status == "error"]
        assert len(errors) == 1 and "nested too deeply" in errors[0], errors
        assert follower.connections == 2
    finally:
        server.close()
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


def test_a_failing_handler_does_not_stop_the_follower(follower_for) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    seen: list[str] = []

    def handler(request: Request) -> None:
        seen.append(request.cmd)
        if len(seen) == 1:
            raise RuntimeError("the overlay refused")

    server = ScriptedServer(port, [recorded("inbound_ring_accept.ns")])
    follower = BaresipFollower(LOCALHOST, port, handler, first_delay=0.05)
    try:
        follower.start()
        assert wait_until(lambda: len(seen) >= 3)
        assert seen == ["prep", "start", "end"]
        assert follower.running
    finally:
        follower.stop()
        server.close()
    assert not follower.running


def test_stop_while_connected_ends_the_thread_without_an_end_request(follower_for) -> None:  # type: ignore[no-untyped-def]
    port, rec = free_port(), Recorder()
    half = recorded("inbound_autoanswer.ns").rsplit(b"240:", 1)[0]  # no CALL_CLOSED
    server = ScriptedServer(port, [half, b""])
    try:
        follower = follower_for(port, rec)
        assert wait_until(lambda: rec.cmds == ["start"])
        follower.stop()
        assert not follower.running
        assert rec.cmds == ["start"]  # quitting the app leaves the call state alone
    finally:
        server.close()
