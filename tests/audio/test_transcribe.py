"""Recorded audio through the real Vosk engine, from Python and from `companion transcribe`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from companion.events import Final, Partial, VoiceFrame, parse_lines
from companion.speech.transcribe import events_from_wav
from tests.fixtures.speech import pad_wav


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_korean_model_gives_finals_with_word_timings_from_speech(korean_model, librivox):
    clip = librivox[1]
    events = list(events_from_wav(clip, "caller", korean_model))
    finals = [e for e in events if isinstance(e, Final)]
    assert finals, "no final from real speech"
    words = [w for f in finals for w in f.result]
    assert words, "finals must carry words with times"
    duration = max(e.t for e in events if isinstance(e, VoiceFrame)) + 0.02
    for f in finals:
        assert f.channel == "caller"
        starts = [w.start for w in f.result]
        assert starts == sorted(starts)
        for w in f.result:
            assert 0 <= w.start <= w.end <= duration
            assert 0 <= w.conf <= 1
            assert f.t >= w.end - 0.02, "a final is emitted after the words it holds"
    # Word times land where the voice detector heard speech (within 0.3 s).
    speech_t = [e.t for e in events if isinstance(e, VoiceFrame) and e.speech]
    for w in words:
        assert any(abs(t - w.start) < 0.3 for t in speech_t)
    assert any(isinstance(e, Partial) for e in events)


@pytest.mark.parametrize(
    ("name", "sox_args"),
    [
        ("s16-16k-mono", ["-r", "16000", "-c", "1", "-b", "16"]),
        ("float-44k-stereo", ["-r", "44100", "-c", "2", "-e", "floating-point", "-b", "32"]),
        ("s24-48k-mono", ["-r", "48000", "-c", "1", "-b", "24"]),
        ("u8-8k-mono", ["-r", "8000", "-c", "1", "-b", "8", "-e", "unsigned-integer"]),
    ],
)
def test_transcribe_cli_converts_other_formats(name, sox_args, korean_model, librivox, tmp_path):
    src = pad_wav(librivox[4], tmp_path / "base.wav", lead=0.3, tail=0.5)
    wav = tmp_path / f"{name}.wav"
    subprocess.run(["sox", str(src), *sox_args, str(wav)], check=True, timeout=60)
    out = run_cli(
        "transcribe",
        str(wav),
        "--model",
        str(korean_model),
        "--channel",
        "agent",
        home=tmp_path / "home",
    )
    assert out.returncode == 0, out.stderr
    events = list(parse_lines(out.stdout.splitlines()))
    finals = [e for e in events if isinstance(e, Final)]
    assert finals and all(f.channel == "agent" for f in finals)
    assert all(w.end <= 4.5 for f in finals for w in f.result)
    if name != "s16-16k-mono":
        assert "converting" in out.stderr


def test_transcribe_rejects_a_file_that_is_not_audio(tmp_path):
    bogus = tmp_path / "notes.wav"
    bogus.write_text("this is not audio")
    out = run_cli("transcribe", str(bogus), "--model", str(tmp_path), home=tmp_path / "home")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "notes.wav" in lines[0] and "not a readable audio file" in lines[0]


def test_transcribe_on_a_folder_says_it_is_a_folder_not_missing(tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    out = run_cli("transcribe", str(folder), home=tmp_path / "home")
    assert out.returncode == 1
    assert out.stderr.strip() == f"companion: {folder} is a folder; give a WAV file"
    assert "no such file" not in out.stderr


def test_transcribe_refuses_a_folder_that_is_not_a_model(librivox, tmp_path):
    folder = tmp_path / "not-a-model"
    folder.mkdir()
    out = run_cli("transcribe", str(librivox[4]), "--model", str(folder), home=tmp_path / "home")
    assert out.returncode == 1
    assert "is not a Vosk model" in out.stderr and "am/final.mdl" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_transcribe_without_any_model_says_how_to_get_one(librivox, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_MODEL", "none")
    out = run_cli("transcribe", str(librivox[4]), home=tmp_path / "home")
    assert out.returncode == 1
    assert "companion model download" in out.stderr


def test_frames_only_output_is_valid_jsonl(librivox, tmp_path, korean_model):
    out = run_cli(
        "transcribe",
        str(librivox[4]),
        "--model",
        str(korean_model),
        "--frames",
        home=tmp_path / "home",
    )
    assert out.returncode == 0, out.stderr
    objs = [json.loads(line) for line in out.stdout.splitlines()]
    frames = [o for o in objs if "speech" in o]
    assert frames and all(set(o) == {"channel", "t", "dur", "level", "speech"} for o in frames)
