"""The netstring decoder on baresip's real control stream, split every way TCP may split it."""

from __future__ import annotations

import json

import pytest

from companion.softphone.netstring import NetstringDecoder, NetstringError, encode
from tests.softphone.conftest import recorded

STREAM = recorded("inbound_ring_accept.ns")


def whole_stream() -> list[bytes]:
    return NetstringDecoder().feed(STREAM)


def test_a_recorded_stream_decodes_to_json_objects_and_nothing_is_left() -> None:
    decoder = NetstringDecoder()
    payloads = decoder.feed(STREAM)
    types = [json.loads(p).get("type", "response") for p in payloads]
    assert types == [
        "CALL_INCOMING",
        "CALL_REMOTE_SDP",
        "CALL_LOCAL_SDP",
        "response",
        "CALL_ESTABLISHED",
        "CALL_CLOSED",
    ]
    assert decoder.pending == 0


def test_byte_by_byte_gives_the_same_messages_each_exactly_once() -> None:
    decoder = NetstringDecoder()
    got: list[bytes] = []
    for i in range(len(STREAM)):
        got += decoder.feed(STREAM[i : i + 1])
    assert got == whole_stream()


@pytest.mark.parametrize("size", [2, 7, 100, 251, 4096])
def test_any_chunk_size_gives_the_same_messages(size: int) -> None:
    decoder = NetstringDecoder()
    got: list[bytes] = []
    for i in range(0, len(STREAM), size):
        got += decoder.feed(STREAM[i : i + size])
    assert got == whole_stream()
    assert decoder.pending == 0


def test_a_message_cut_before_its_comma_waits_for_it() -> None:
    one = encode(b'{"event":true}')
    decoder = NetstringDecoder()
    assert decoder.feed(one[:-1]) == []
    assert decoder.pending == len(one) - 1
    assert decoder.feed(one[-1:]) == [b'{"event":true}']


def test_several_messages_in_one_read_and_an_empty_payload() -> None:
    data = encode(b"a") + encode(b"") + encode(b"bc") + b"3:de"
    decoder = NetstringDecoder()
    assert decoder.feed(data) == [b"a", b"", b"bc"]
    assert decoder.feed(b"f,") == [b"def"]


@pytest.mark.parametrize(
    ("garbage", "reason"),
    [
        (b"HTTP/1.1 200 OK\r\n", "bad length"),
        (b"12x:abc", "bad length"),
        (b":abc,", "empty length"),
        (b"3:abcX", "no ','"),
        (b"99999999999", "too long"),
        (b"2000000:", "over the"),
    ],
)
def test_garbage_is_an_error_naming_what_was_wrong(garbage: bytes, reason: str) -> None:
    with pytest.raises(NetstringError, match=reason):
        NetstringDecoder().feed(garbage)


def test_garbage_after_good_messages_is_reported_at_once() -> None:
    decoder = NetstringDecoder()
    assert decoder.feed(encode(b"ok")) == [b"ok"]
    with pytest.raises(NetstringError):
        decoder.feed(b"GET / HTTP/1.0")


def test_good_messages_before_garbage_in_the_same_read_are_not_lost() -> None:
    with pytest.raises(NetstringError) as caught:
        NetstringDecoder().feed(encode(b"one") + encode(b"two") + b"garbage")
    assert caught.value.payloads == [b"one", b"two"]
