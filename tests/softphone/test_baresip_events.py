"""baresip events → overlay requests, from streams recorded from the real baresip (pure)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from companion.softphone.baresip import (
    CallTracker,
    Request,
    backoff_delays,
    decode_message,
    number_from_uri,
    parse_address,
)
from companion.softphone.netstring import NetstringDecoder
from tests.softphone.conftest import recorded

JANE = {"number": "5551234", "name": "Jane Caller", "direction": "inbound"}


def events(name: str) -> list[dict[str, Any]]:
    found = [decode_message(p) for p in NetstringDecoder().feed(recorded(name))]
    return [e for e in found if e is not None]


def follow(*streams: list[dict[str, Any]]) -> list[Request]:
    tracker = CallTracker()
    return [r for e in itertools.chain(*streams) for r in tracker.feed(e)]


def test_an_auto_answered_call_starts_with_the_callers_number_and_ends() -> None:
    assert follow(events("inbound_autoanswer.ns")) == [
        Request("start", "5551234", "Jane Caller", "inbound"),
        Request("end", "5551234", "Jane Caller", "inbound"),
    ]


def test_a_ringing_call_opens_prep_then_starts_when_answered() -> None:
    requests = follow(events("inbound_ring_accept.ns"))
    assert [r.cmd for r in requests] == ["prep", "start", "end"]
    assert {r.number for r in requests} == {"5551234"}
    assert requests[0].to_ipc() == {"cmd": "prep", **JANE}


def test_a_missed_call_cancels_the_prep_it_opened() -> None:
    assert [r.cmd for r in follow(events("inbound_missed.ns"))] == ["prep", "end"]


def test_a_dialled_call_is_outbound_with_the_dialled_number() -> None:
    requests = follow(events("outbound_dial_hangup.ns"))
    assert [(r.cmd, r.number, r.direction) for r in requests] == [
        ("prep", "5550000", "outbound"),
        ("start", "5550000", "outbound"),
        ("end", "5550000", "outbound"),
    ]


def test_baresip_quitting_mid_call_ends_the_call() -> None:
    stream = events("shutdown_midcall.ns")
    assert [e["type"] for e in stream][-2:] == ["SHUTDOWN", "EXIT"]
    assert [r.cmd for r in follow(stream)] == ["start", "end"]


def test_command_responses_and_media_events_give_no_request() -> None:
    tracker = CallTracker()
    for event in events("outbound_dial_hangup.ns"):
        if event["type"] in ("CALL_LOCAL_SDP", "CALL_REMOTE_SDP"):
            assert tracker.feed(event) == []
    assert decode_message(b'{"response":true,"ok":true,"data":"","token":"t1"}') is None


def _as_call(event: dict[str, Any], call_id: str, number: str) -> dict[str, Any]:
    return {**event, "id": call_id, "peeruri": f"sip:{number}@127.0.0.1:5060"}


def test_a_second_call_ringing_during_a_live_call_cannot_end_it() -> None:
    first = events("inbound_autoanswer.ns")
    established = next(e for e in first if e["type"] == "CALL_ESTABLISHED")
    closed = next(e for e in first if e["type"] == "CALL_CLOSED")
    ring = events("inbound_missed.ns")[0]
    tracker = CallTracker()
    assert [r.cmd for r in tracker.feed(established)] == ["start"]
    assert tracker.feed(_as_call(ring, "other", "5559999")) == []
    assert tracker.feed(_as_call(closed, "other", "5559999")) == []
    assert [r.cmd for r in tracker.feed(closed)] == ["end"]


def test_call_waiting_follows_the_second_call_when_the_first_ends() -> None:
    first = events("inbound_autoanswer.ns")
    established = next(e for e in first if e["type"] == "CALL_ESTABLISHED")
    closed = next(e for e in first if e["type"] == "CALL_CLOSED")
    tracker = CallTracker()
    tracker.feed(established)
    assert tracker.feed(_as_call(established, "b", "5550002")) == []
    assert tracker.feed(established) == []  # a repeated event
    after = tracker.feed(closed)
    assert [(r.cmd, r.number) for r in after] == [("end", "5551234"), ("start", "5550002")]
    assert [r.cmd for r in tracker.feed(_as_call(closed, "b", "5550002"))] == ["end"]


def test_lost_connection_ends_only_an_announced_call() -> None:
    tracker = CallTracker()
    assert tracker.lost() == []
    tracker.feed(events("inbound_missed.ns")[0])
    assert tracker.lost() == [Request("end")]
    assert tracker.lost() == []


def test_malformed_messages_are_value_errors() -> None:
    for bad in (b"not json", b"[1, 2]", b"\xff\xfe"):
        with pytest.raises(ValueError):
            decode_message(bad)
    assert decode_message(json.dumps({"event": "true", "type": "EXIT"}).encode()) == {
        "event": "true",
        "type": "EXIT",
    }


@pytest.mark.parametrize(
    ("uri", "number"),
    [
        ("sip:5551234@127.0.0.1:15070", "5551234"),
        ("sips:+442079460000@pbx.example;transport=tls", "+442079460000"),
        ("sip:%2B4420%207946@host;user=phone", "+4420 7946"),
        ('"Jane" <sip:0201234567;isub=1@host>', "0201234567"),
        ("sip:alice:secret@host", "alice"),
        ("tel:+1-555-0100;phone-context=example.com", "+1-555-0100"),
        ("sip:pbx.example", ""),
        ("mailto:x@y", ""),
        ("", ""),
    ],
)
def test_number_from_uri(uri: str, number: str) -> None:
    assert number_from_uri(uri) == number


def test_parse_address() -> None:
    assert parse_address("127.0.0.1:4444") == ("127.0.0.1", 4444)
    assert parse_address(" [::1]:4444 ") == ("::1", 4444)
    assert parse_address("localhost:5") == ("localhost", 5)
    for bad, reason in [("localhost", "not host:port"), ("h:0", "port"), ("h:x", "port")]:
        with pytest.raises(ValueError, match=reason):
            parse_address(bad)


def test_backoff_doubles_up_to_the_cap() -> None:
    assert list(itertools.islice(backoff_delays(0.5, 4.0), 6)) == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
