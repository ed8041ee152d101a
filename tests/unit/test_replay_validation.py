"""`companion replay` checks a whole transcript before running it: an absurd time is an error
in a blink (it used to spin for minutes), every bad line is named, and an empty file is an error."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.events import JITTER_S, MAX_LISTED_PROBLEMS, EventFormatError, parse_transcript

ROOT = Path(__file__).resolve().parents[2]
GOOD = '{"channel": "caller", "t": 1.0, "text": "hello"}'


def replay(home: Path, transcript: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), "replay", str(transcript)],
        cwd=ROOT,
        env={**os.environ, "COMPANION_MODEL": "none"},
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_an_absurd_time_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(GOOD + '\n{"channel": "caller", "t": 1e12, "text": "later"}\n')
    started = time.monotonic()
    line = one_line_error(replay(tmp_path / "home", path))
    assert time.monotonic() - started < 30
    assert f"{path}:2:" in line and "6-hour limit" in line and "re-run" in line


def test_every_bad_line_is_listed_up_to_the_limit(tmp_path: Path) -> None:
    bad = [
        '{"channel": "caller", "t": NaN, "text": "x"}',
        '{"channel": "caller", "t": -3, "text": "x"}',
        '{"channel": "agent", "t": Infinity, "speech": true}',
        '{"channel": "agent", "t": 2, "speech": true, "level": 1e999}',
        '{"channel": "agent", "t": 2, "result": 5}',
        '{"channel": "agent", "t": 2, "result": [{"word": "a", "start": 2, "end": 1}]}',
        '{"channel": "agent", "t": 2, "result": [{"word": "a", "start": 1, "end": 2, '
        '"conf": "x"}]}',
        "[" * 100_000,
    ]
    path = tmp_path / "call.jsonl"
    path.write_text("\n".join([GOOD, *bad]) + "\n")
    line = one_line_error(replay(tmp_path / "home", path))
    assert line.count("line ") == len(bad) - 1 and f"{path}:2:" in line, line
    for number in range(3, len(bad) + 2):
        assert f"line {number}:" in line
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join([GOOD] + ['{"channel": "x"}'] * (MAX_LISTED_PROBLEMS + 5)) + "\n")
    line = one_line_error(replay(tmp_path / "home", many))
    assert line.count("'channel'") == MAX_LISTED_PROBLEMS and "and 5 more bad lines" in line


def test_empty_transcripts_are_errors(tmp_path: Path) -> None:
    for text in ("", "\n\n  \n"):
        path = tmp_path / "empty.jsonl"
        path.write_text(text)
        assert "no events" in one_line_error(replay(tmp_path / "home", path))


def test_time_going_back_beyond_jitter_per_channel() -> None:
    ok = [
        '{"channel": "agent", "t": 10.0, "partial": "a"}',
        f'{{"channel": "agent", "t": {10.0 - JITTER_S}, "speech": true}}',  # recognizer jitter
        '{"channel": "caller", "t": 2.0, "partial": "b"}',  # another channel's own clock
    ]
    assert len(parse_transcript(ok, "ok.jsonl")) == 3
    with pytest.raises(EventFormatError) as err:
        parse_transcript([*ok, '{"channel": "agent", "t": 1.25, "text": "typo"}'], "bad.jsonl")
    assert str(err.value) == "bad.jsonl:4: agent time goes back from 10 s (line 1) to 1.25 s"


def test_a_notepad_bom_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8-sig")
    result = replay(tmp_path / "home", path)
    assert result.returncode == 0, result.stderr
    assert "0 cue(s)" in result.stdout
