"""Hypothesis fuzzing of every parser that reads what users, IT and other programs write.

The property is the same for each: any input gives a result, or the parser's documented error
(a `KnownError`, or its documented problem list) whose message is one line naming the file and
line where there is one — never another exception type, never a hang (`deadline`), never a
traceback or pydantic's phrasing. Inputs that once broke a parser are kept as `@example`s.

Every parser gets `EXAMPLES` inputs (2000 unless `COMPANION_FUZZ_EXAMPLES` says otherwise, e.g.
200 while working on one parser). `tests/run.sh` runs this file in a second, lower-priority
process beside the rest of the suite, which spends much of its time waiting on real-time audio.
The deadline catches a hang (a parser spinning on an absurd value), not slowness: it is far above
what one input takes even on a machine that is busy with the suite.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from companion.calls.session import CallSession
from companion.config.layers import load_config
from companion.config.profile_keys import CHECKLIST_KEYS, PROFILE_KEYS
from companion.config.profiles import read_profile
from companion.config.settings import SETTINGS
from companion.config.tomlfile import Problem
from companion.cues.replay import load_transcript
from companion.events import EventFormatError, parse_lines, read_jsonl
from companion.ipc.client import parse_reply
from companion.ipc.requests import BadRequest, handle_request, parse_request
from companion.softphone.baresip import CallTracker, Request, decode_message
from companion.softphone.netstring import NetstringDecoder, NetstringError, encode
from companion.store.database import open_store
from companion.store.notes_index import NotesIndex
from tests.unit.session_kit import Clock, Heard, make_session

PYDANTIC_PHRASES = ("Input should be", "Value error,", "Traceback", "validation error")
EXAMPLES = int(os.environ.get("COMPANION_FUZZ_EXAMPLES", "2000"))
# 2000 inputs take a minute per parser on a quiet machine and several beside the busy suite; the
# suite's 300 s per test would stop one mid-input (which Hypothesis reports as flaky data).
pytestmark = pytest.mark.timeout(1800)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=10_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_one_line(message: str, names: str | None = None) -> None:
    """A message a user can act on: one line, no traceback or pydantic words, naming the file."""
    assert message.strip(), "empty message"
    assert "\n" not in message and "\r" not in message, message
    for phrase in PYDANTIC_PHRASES:
        assert phrase not in message, message
    if names is not None:
        assert names in message, message


# -- shared strategies ------------------------------------------------------------------------

WEIRD_FLOATS = st.sampled_from(
    [0.0, -0.0, 1e308, -1e308, 5e-324, float("inf"), float("-inf"), float("nan"), 1e12, -1.0]
)
NUMBERS = st.one_of(
    st.booleans(), st.integers(), st.integers(-(2**70), 2**70), st.floats(), WEIRD_FLOATS
)
TEXT = st.text(max_size=30)
SCALARS = st.one_of(st.none(), NUMBERS, TEXT)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=6,
)


def _toml_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        st.floats(),
        WEIRD_FLOATS,
        TEXT,
        st.datetimes(),
        st.dates(),
        st.times(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=3),
        max_leaves=6,
    )


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    """`{"a.b": 1}` → `{"a": {"b": 1}}`, dropping a key that clashes with an earlier table."""
    nested: dict[str, Any] = {}
    for dotted, value in flat.items():
        *parents, last = dotted.split(".")
        node = nested
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            if last not in node:
                node[last] = value
    return nested


def toml_documents(names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Valid TOML tables: declared keys and random ones, any TOML type, `format`/`locked` too."""
    key = st.one_of(st.sampled_from(names), st.text(string.ascii_letters + "._-", min_size=1))
    flat = st.dictionaries(key, _toml_values(), max_size=6)
    meta = st.fixed_dictionaries(
        {},
        optional={
            "format": st.one_of(st.just(1), NUMBERS.filter(lambda n: n == n), TEXT),
            "locked": st.one_of(st.lists(st.sampled_from(names) | TEXT, max_size=4), TEXT),
        },
    )
    return st.builds(lambda m, f: {**m, **_nest(f)}, meta, flat)


ENCODINGS = st.sampled_from(
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (b"", "utf-16-le"),  # no mark: refused, never guessed
    ]
)


def toml_bytes(names: list[str]) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, valid documents in every encoding, and valid documents with damage."""

    def encoded(doc: dict[str, Any], enc: tuple[bytes, str]) -> bytes:
        return enc[0] + tomli_w.dumps(doc).encode(enc[1])

    def damaged(raw: bytes, at: int, junk: bytes) -> bytes:
        cut = at % (len(raw) + 1)
        return raw[:cut] + junk + raw[cut:]

    valid = st.builds(encoded, toml_documents(names), ENCODINGS)
    return st.one_of(
        st.binary(max_size=200),
        valid,
        st.builds(damaged, valid, st.integers(0, 10_000), st.binary(min_size=1, max_size=8)),
    )


def assert_problem(problem: Problem, path: Path) -> None:
    assert problem.file == str(path), problem
    assert_one_line(str(problem), str(path))


# -- config layers ----------------------------------------------------------------------------

SETTING_NAMES = [k.name for k in SETTINGS] + ["format", "locked"]


@FUZZ
@given(raw=toml_bytes(SETTING_NAMES), user=toml_bytes(SETTING_NAMES))
@example(raw=b"", user=b'[_]\n"\\r" = false')  # a control character in a key
def test_config_layers_read_any_file(tmp_path: Path, raw: bytes, user: bytes) -> None:
    machine, user_file = tmp_path / "config.toml", tmp_path / "user.toml"
    machine.write_bytes(raw)
    user_file.write_bytes(user)
    config = load_config(machine, user_file)
    for problem in config.problems:
        assert problem.file in (str(machine), str(user_file))
        assert_problem(problem, Path(problem.file))
    for key in SETTINGS:
        value, source = config.lookup(key.name)
        assert key.validate(value) == value or value != value  # NaN is not equal to itself
        assert_one_line(source)


# -- profiles ---------------------------------------------------------------------------------

ITEM = st.fixed_dictionaries(
    {},
    optional={
        "id": TEXT | _toml_values(),
        "label": TEXT | _toml_values(),
        "phrases": st.lists(TEXT, max_size=3) | _toml_values(),
        "extra": TEXT,
    },
)
CHECKLISTS = st.dictionaries(
    st.sampled_from([*CHECKLIST_KEYS, "checklist.unknown"]).map(lambda k: k.split(".", 1)[1]),
    st.lists(ITEM, max_size=3) | _toml_values(),
    max_size=3,
)


def _profile_bytes() -> st.SearchStrategy[bytes]:
    names = [k.name for k in PROFILE_KEYS]
    with_items = st.builds(
        lambda doc, lists, enc: enc[0] + tomli_w.dumps({**doc, "checklist": lists}).encode(enc[1]),
        toml_documents(names),
        CHECKLISTS,
        ENCODINGS,
    )
    return st.one_of(toml_bytes(names), with_items)


@FUZZ
@given(raw=_profile_bytes())
@example(raw=b'format = 1\n[[checklist.in_call]]\nid = "a"\nlabel = "b"\nphrases = 5\n')
def test_profiles_read_any_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzzed.toml"
    path.write_bytes(raw)
    profile, problems = read_profile(path)
    assert (profile is None) == bool(problems)
    for problem in problems:
        assert_problem(problem, path)


# -- transcripts (JSONL) ----------------------------------------------------------------------

EVENT_FIELDS = {
    "channel": st.sampled_from(["agent", "caller"]) | JSON,
    "t": NUMBERS | JSON,
    "partial": JSON,
    "text": JSON,
    "result": st.lists(
        st.fixed_dictionaries(
            {}, optional={"word": JSON, "start": NUMBERS, "end": NUMBERS, "conf": NUMBERS}
        ),
        max_size=3,
    )
    | JSON,
    "speech": JSON,
    "dur": NUMBERS,
    "level": NUMBERS,
    "device": st.sampled_from(["lost", "restored", "silent", "denied"]) | JSON,
}
EVENTS = st.fixed_dictionaries({}, optional=EVENT_FIELDS)
LINES = st.one_of(
    st.builds(json.dumps, EVENTS),
    st.builds(json.dumps, JSON),
    st.text(max_size=40),
    st.sampled_from(["[" * 100_000, "1" * 5000, '{"t": 1' + "0" * 400 + "}"]),
    st.builds(
        lambda digits: f'{{"channel": "agent", "t": 1{"0" * digits}, "text": "x"}}',
        st.integers(300, 5000),
    ),
)


@FUZZ
@given(lines=st.lists(LINES, max_size=8))
@example(lines=['{"channel": "agent", "t": 1' + "0" * 400 + ', "text": "hi"}'])
@example(lines=["1" * 5000])
def test_event_lines_parse_or_name_their_line(lines: list[str]) -> None:
    try:
        events = list(parse_lines(lines, "call.jsonl"))
    except EventFormatError as exc:
        assert_one_line(str(exc), "call.jsonl:")
    else:
        assert len(events) == sum(1 for line in lines if line.strip())


def _jsonl_bytes() -> st.SearchStrategy[bytes]:
    text = st.lists(LINES, max_size=6).map("\n".join)
    return st.one_of(
        st.binary(max_size=200),
        st.builds(
            lambda t, bom: bom + t.encode("utf-8"), text, st.sampled_from([b"", codecs.BOM_UTF8])
        ),
        st.builds(
            lambda t, junk: t.encode("utf-8") + junk, text, st.binary(min_size=1, max_size=4)
        ),
    )


@FUZZ
@given(raw=_jsonl_bytes())
@example(raw=b'{"channel": "agent", "t": 1.0, "text": "hi"}\n\xff\n')
def test_transcript_files_load_or_name_their_line(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "call.jsonl"
    path.write_bytes(raw)
    for read in (load_transcript, lambda p: list(read_jsonl(p))):
        try:
            read(path)
        except EventFormatError as exc:
            assert_one_line(str(exc), f"{path}:")


# -- notes front matter -----------------------------------------------------------------------

YAML_VALUES = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.sampled_from(
        [
            "customer_id: C-1\nphones: ['+44 20 7946 0958', null]\ntags: [a, b]",
            "phones: 020 7946 0958\ntitle: 12",
            "- a list\n- not a mapping",
            "just text",
            "&a [*a]",
            "title: !!python/object:os.system x",
            "phone: {a: b}\ncustomer_id: [1, 2]",
            "? [a]\n: b",
            "title: 2024-13-45",
            "tags: !!binary aGVsbG8=",
        ]
    ),
)
NOTE_TEXT = st.one_of(
    st.builds(lambda meta, body: f"---\n{meta}\n---\n{body}", YAML_VALUES, st.text(max_size=60)),
    st.text(max_size=80),
)
NOTE_BYTES = st.one_of(st.builds(lambda t: t.encode("utf-8"), NOTE_TEXT), st.binary(max_size=60))


@contextlib.contextmanager
def _notes_store() -> Iterator[tuple[NotesIndex, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "companion.db")
        try:
            yield NotesIndex(store.db, Path(folder) / "notes"), Path(folder) / "notes"
        finally:
            store.db.close()


@FUZZ
@given(files=st.lists(NOTE_BYTES, min_size=1, max_size=4), query=st.text(max_size=20))
def test_notes_folder_indexes_any_file(files: list[bytes], query: str) -> None:
    with _notes_store() as (index, folder):
        folder.mkdir()
        for number, raw in enumerate(files):
            (folder / f"note-{number}.md").write_bytes(raw)
        result = index.refresh()
        assert result.added == len(files)
        for problem in result.problems:
            assert_one_line(problem)
            assert problem.startswith("note-"), problem
        index.search(query)
        index.for_caller(query, [query])


# -- the IPC request and reply ----------------------------------------------------------------

REQUESTS = st.fixed_dictionaries(
    {},
    optional={
        "cmd": st.sampled_from(["start", "end", "prep", "show", "state", "quit"]) | JSON,
        "number": JSON,
        "name": JSON,
        "direction": st.sampled_from(["inbound", "outbound"]) | JSON,
    },
).flatmap(lambda known: st.dictionaries(TEXT, JSON, max_size=2).map(lambda x: {**x, **known}))


@FUZZ
@given(requests=st.lists(REQUESTS, min_size=1, max_size=6))
def test_ipc_requests_always_answer(session: CallSession, requests: list[dict[str, Any]]) -> None:
    for raw in requests:
        try:
            request = parse_request(json.dumps(raw).encode())
        except BadRequest as exc:
            assert_one_line(str(exc))
            continue
        reply = handle_request(request, session, show=lambda: None, quit_app=lambda: None)
        json.dumps(reply)  # the answer goes back over the channel as JSON
        if reply["ok"]:
            assert reply["phase"] == session.phase.value
        else:
            assert_one_line(reply["error"])


@FUZZ
@given(line=st.binary(max_size=300) | st.builds(lambda v: json.dumps(v).encode(), JSON))
@example(line=b"[" * 100_000)
@example(line=b'{"cmd": "start", "number": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
@example(line=b"\xff\xfe{}")
def test_ipc_request_lines_are_a_request_or_one_line_refusal(line: bytes) -> None:
    try:
        request = parse_request(line)
    except BadRequest as exc:
        assert_one_line(str(exc))
    else:
        assert isinstance(request["cmd"], str)


@pytest.fixture(scope="module")
def session() -> Iterator[CallSession]:
    with tempfile.TemporaryDirectory() as folder:
        s = make_session(Path(folder), Clock(), Heard())
        s.restore()
        yield s
        s.db.close()


@FUZZ
@given(data=st.binary(max_size=200) | st.builds(lambda v: json.dumps(v).encode(), JSON))
@example(data=b"[" * 100_000)
def test_ipc_replies_parse_to_an_answer(data: bytes) -> None:
    reply = parse_reply(data)
    assert isinstance(reply, dict)
    if not reply.get("ok", True) and "error" in reply and isinstance(reply["error"], str):
        assert_one_line(reply["error"]) if reply["error"] else None


# -- baresip: netstrings and events -----------------------------------------------------------


def _split(stream: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(stream) + 1) for c in cuts})
    return [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]


@FUZZ
@given(chunks=st.lists(st.binary(max_size=40), max_size=8))
@example(chunks=[b"9" * 30])
@example(chunks=[b"1048577:"])
def test_netstrings_decode_or_refuse_any_bytes(chunks: list[bytes]) -> None:
    decoder = NetstringDecoder()
    for chunk in chunks:
        try:
            decoder.feed(chunk)
        except NetstringError as exc:
            assert_one_line(str(exc))
            return
        assert decoder.pending <= len(b"".join(chunks))


@FUZZ
@given(payloads=st.lists(st.binary(max_size=50), max_size=6), cuts=st.lists(st.integers(0, 500)))
def test_netstrings_arrive_whole_however_they_are_cut(
    payloads: list[bytes], cuts: list[int]
) -> None:
    decoder = NetstringDecoder()
    got = [
        p for piece in _split(b"".join(map(encode, payloads)), cuts) for p in decoder.feed(piece)
    ]
    assert got == payloads and decoder.pending == 0


BARESIP_EVENTS = st.fixed_dictionaries(
    {"event": st.sampled_from([True, "true", False, None])},
    optional={
        "type": st.sampled_from(
            ["CALL_INCOMING", "CALL_RINGING", "CALL_ESTABLISHED", "CALL_CLOSED", "EXIT", "X"]
        )
        | JSON,
        "id": st.sampled_from(["1", "2"]) | JSON,
        "direction": st.sampled_from(["incoming", "outgoing"]) | JSON,
        "peeruri": st.sampled_from(["sip:5551234@host", "tel:+44%2020", "<sip:a@b>"]) | JSON,
        "peerdisplayname": JSON,
    },
)
BARESIP_PAYLOADS = st.one_of(
    st.binary(max_size=80),
    st.builds(lambda v: json.dumps(v).encode(), JSON),
    st.builds(lambda e: json.dumps(e).encode(), BARESIP_EVENTS),
)


@FUZZ
@given(payloads=st.lists(BARESIP_PAYLOADS, max_size=5))
@example(payloads=[b"[" * 100_000])
def test_baresip_events_map_or_are_refused(payloads: list[bytes]) -> None:
    tracker = CallTracker()
    for payload in payloads:
        try:
            event = decode_message(payload)
        except ValueError as exc:
            assert_one_line(str(exc))
            continue
        if event is not None:
            for request in tracker.feed(event):
                assert isinstance(request, Request)
                json.dumps(request.to_ipc())
