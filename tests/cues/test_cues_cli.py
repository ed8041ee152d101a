"""`companion replay` and `companion profiles`, end to end in real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

from companion.events import dumps
from tests.cues.streams import call, said

ROOT = Path(__file__).resolve().parents[2]


def companion(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COMPANION_HOME": str(home), **env}
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def transcript(path: Path) -> Path:
    first = said("caller", 0.5, "this is the third time i have called about my bill")
    gap_from = first[-1].result[-1].end  # type: ignore[union-attr]
    events = call(
        first,
        said("agent", gap_from + 0.8, "well it's not my fault"),
        said("caller", gap_from + 15.0, "hello are you still there"),
    )
    path.write_text("\n".join(dumps(e) for e in events) + "\n", encoding="utf-8")
    return path


def test_replay_json_end_to_end(tmp_path: Path) -> None:
    result = companion(
        tmp_path / "home", "replay", str(transcript(tmp_path / "call.jsonl")), "--json"
    )
    assert result.returncode == 0, result.stderr
    cues = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["cue"] for c in cues] == ["empathy", "avoid-phrase", "dead-air"]
    assert all({"t", "cue", "channel", "message"} <= set(c) for c in cues)
    assert [c["channel"] for c in cues[:2]] == ["caller", "agent"]


def test_replay_timeline_and_profile_choice(tmp_path: Path) -> None:
    path = transcript(tmp_path / "call.jsonl")
    readable = companion(tmp_path / "home", "replay", str(path))
    assert readable.returncode == 0
    assert "empathy" in readable.stdout and "3 cue(s)" in readable.stdout
    veteran = companion(tmp_path / "home", "replay", str(path), "--profile", "veteran", "--json")
    assert veteran.returncode == 0 and veteran.stdout == ""


def test_replay_bad_input_gives_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"channel": "agent", "t": 1, "partial": "hi"}\n{"channel": "bob"}\n')
    for args in (
        [str(bad)],
        [str(tmp_path / "missing.jsonl")],
        [str(bad), "--profile", "nope"],
        ["--agent-audio", str(bad)],
    ):
        result = companion(tmp_path / "home", "replay", *args)
        assert result.returncode == 1, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert "bad.jsonl:2" in companion(tmp_path / "home", "replay", str(bad)).stderr


def _speech_wav(path: Path, librivox: list[Path], seconds: float) -> Path:
    """Real recorded speech, clips back to back with short pauses, as one 16 kHz mono WAV."""
    chunks: list[np.ndarray] = []
    total = 0.0
    while total < seconds:
        for clip in librivox:
            with wave.open(str(clip)) as src:
                assert src.getframerate() == 16000 and src.getnchannels() == 1
                audio = np.frombuffer(src.readframes(src.getnframes()), dtype="<i2")
            chunks += [audio, np.zeros(8000, dtype="<i2")]
            total += len(audio) / 16000 + 0.5
            if total >= seconds:
                break
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(np.concatenate(chunks).tobytes())
    return path


def test_replay_agent_audio_without_a_model_gives_audio_only_cues(
    tmp_path: Path, librivox: list[Path]
) -> None:
    wav = _speech_wav(tmp_path / "agent.wav", librivox, 40.0)
    result = companion(
        tmp_path / "home", "replay", "--agent-audio", str(wav), "--json", COMPANION_MODEL="none"
    )
    assert result.returncode == 0, result.stderr
    cues = [json.loads(line) for line in result.stdout.splitlines()]
    assert "monologue" in [c["cue"] for c in cues]
    assert all(c["channel"] == "agent" for c in cues)
    assert not {"dead-air", "interruption"} & {c["cue"] for c in cues}  # no caller channel


def test_profiles_validate_copy_list_show(tmp_path: Path) -> None:
    home = tmp_path / "home"
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[cues.pace]\nwpm = 5000\n")
    result = companion(home, "profiles", "validate", str(broken))
    assert result.returncode == 1
    assert f"{broken}:3: cues.pace.wpm:" in result.stdout
    ok = companion(home, "profiles", "validate", str(ROOT / "resources/profiles/standard.toml"))
    assert ok.returncode == 0 and "ok (format 1" in ok.stdout
    copied = companion(home, "profiles", "copy", "new-hire", "my-team")
    assert copied.returncode == 0, copied.stderr
    copy_text = (home / "config/profiles/my-team.toml").read_text(encoding="utf-8")
    assert copy_text == (ROOT / "resources/profiles/new-hire.toml").read_text(encoding="utf-8")
    assert "#" in copy_text  # the trainer's comments come along
    again = companion(home, "profiles", "copy", "new-hire", "my-team")
    assert again.returncode == 1 and "already exists" in again.stderr
    listing = companion(home, "profiles", "list")
    assert "my-team" in listing.stdout and "user" in listing.stdout
    assert "* standard" in listing.stdout
    shown = companion(home, "profiles", "show", "my-team")
    assert "cues.pace.wpm = 165.0  ← profile" in shown.stdout
    assert "cues.monologue.after_s = 20.0" in shown.stdout
