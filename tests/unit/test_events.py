"""The event format is the contract between engine, cues, storage and replay."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.events import (
    DeviceEvent,
    EventFormatError,
    Final,
    Partial,
    VoiceFrame,
    Word,
    dumps,
    event_from_dict,
    parse_lines,
)


def test_vosk_final_plus_channel_and_t_parses():
    raw = {
        "channel": "caller",
        "t": 4.1,
        "text": "third time",
        "result": [
            {"word": "third", "start": 3.0, "end": 3.3, "conf": 0.9},
            {"word": "time", "start": 3.3, "end": 3.6, "conf": 1.0},
        ],
    }
    event = event_from_dict(raw)
    assert event == Final(
        "caller", 4.1, "third time", (Word("third", 3.0, 3.3, 0.9), Word("time", 3.3, 3.6, 1.0))
    )
    assert json.loads(dumps(event)) == raw


def test_each_kind_round_trips():
    for event in (
        Partial("agent", 1.5, "hello"),
        VoiceFrame("agent", 0.02, 0.02, -30.5, True),
        DeviceEvent("caller", 9.0, "lost"),
        Final("agent", 2.0, "", ()),
    ):
        assert event_from_dict(json.loads(dumps(event))) == event


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"t": 1, "partial": "x"}', "'channel'"),
        ('{"channel": "boss", "t": 1, "partial": "x"}', "'channel'"),
        ('{"channel": "agent", "t": "soon", "partial": "x"}', "'t'"),
        ('{"channel": "agent", "t": 1}', "no 'partial'"),
        ('{"channel": "agent", "t": 1, "device": "gone"}', "'device'"),
        ('{"channel": "agent", "t": 1, "result": [{"start": 1}]}', "'word'"),
        ("not json", "not JSON"),
    ],
)
def test_bad_lines_name_the_line_and_the_field(line, reason):
    with pytest.raises(EventFormatError) as err:
        list(parse_lines(['{"channel": "agent", "t": 0, "partial": ""}', line], "call.jsonl"))
    assert str(err.value).startswith("call.jsonl:2:")
    assert reason in str(err.value)


@given(st.text(), st.floats(0, 1e5, allow_nan=False), st.sampled_from(["agent", "caller"]))
def test_partials_survive_any_text(text, t, channel):
    event = Partial(channel, round(t, 3), text)
    assert event_from_dict(json.loads(dumps(event))) == event
