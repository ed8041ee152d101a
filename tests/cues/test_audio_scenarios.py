"""Audio-only cues on real recorded speech, with no speech model: the calls an agent really has.

Each scenario builds a two-channel call (one 16 kHz mono WAV per channel) from real recorded
English (Debian's pocketsphinx-testdata: a LibriVox reader and the "cards" speaker, as agent,
caller and colleagues), runs it through the same voice detector as the live path and
the live cue engine on a simulated clock, and checks which cues fire, on which channel and when
(in call time), and which kinds must stay quiet. Truth times come from where the clips were
placed; the detector needs ~60 ms to confirm an onset and ~100 ms to close a word, so windows
allow a few tenths of a second around them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from companion.audio.levels import rms_dbfs
from companion.audio.wavsource import read_all
from companion.cues.cue import Cue
from companion.cues.engine import CueEngine
from companion.cues.replay import merge, replay
from companion.events import Channel, Event
from companion.speech.transcribe import voice_frames_from_wav
from tests.audio.conftest import (
    clean_clips,  # noqa: F401  (the session fixture, reused here)
    compose,
    office_noise,
    trimmed_clip,
    write_wav,
)
from tests.fixtures.speech import CARDS

Clip = npt.NDArray[np.int16]
Part = tuple[float, Clip, float]  # start (s), samples, gain (dB)
Wavs = tuple[Path, Path, float]  # agent WAV, caller WAV, when the agent starts talking over
RATE = 16000
ROOT = Path(__file__).resolve().parents[2]
QUIET_LINE_DB = -65.0  # the hiss of a quiet line or headset when nobody speaks
SLACK_S = 0.4  # onset confirmation, word hangover and the 50 ms tick, with room to spare


def length(clip: Clip) -> float:
    return float(clip.shape[0] / RATE)


def speech_db(clips: Sequence[Clip]) -> float:
    """Mean RMS level of the clips' speech (they are trimmed to the speech)."""
    return sum(rms_dbfs(c) for c in clips) / len(clips)


def turns(
    start: float, clips: Sequence[Clip], gaps: Sequence[float], gain_db: float = 0.0
) -> tuple[list[Part], list[float]]:
    """Clips one after another with the given pauses; returns the parts and where each ends."""
    parts: list[Part] = []
    ends: list[float] = []
    t = start
    for i, clip in enumerate(clips):
        parts.append((t, clip, gain_db))
        t += length(clip)
        ends.append(t)
        t += gaps[i % len(gaps)]
    return parts, ends


def channel_wav(path: Path, total_s: float, parts: list[Part], noise_db: float, seed: int) -> Path:
    """One channel of the call: the clips over a noise floor of its own (`seed`)."""
    speech = compose(total_s, parts).astype(np.float64)
    mix = speech + office_noise(total_s, noise_db, seed=seed)
    peak = float(np.max(np.abs(mix)))
    assert peak < 32767, f"{path.name} would clip (peak {peak:.0f}); lower the gains"
    return write_wav(path, mix.astype(np.int16))


@dataclass(frozen=True)
class Fired:
    kind: str
    channel: str
    t: float


def run_call(agent: Path, caller: Path | None) -> list[Fired]:
    """The engine's cues for the call, exactly as `companion replay` with no model runs it."""
    streams: list[list[Event]] = [list(voice_frames_from_wav(agent, "agent"))]
    channels: set[Channel] = {"agent"}
    if caller is not None:
        streams.append(list(voice_frames_from_wav(caller, "caller")))
        channels.add("caller")
    cues: list[Cue] = replay(merge(*streams), CueEngine(channels=channels))
    return [Fired(c.kind, c.channel, round(c.t, 2)) for c in cues]


def only(fired: list[Fired], kind: str) -> list[Fired]:
    return [f for f in fired if f.kind == kind]


@pytest.fixture(scope="session")
def agent_voice(clean_clips: list[Clip]) -> list[Clip]:  # noqa: F811
    """The LibriVox reader: five real sentences, 2.5–6.5 s each."""
    return clean_clips


@pytest.fixture(scope="session")
def other_voice(speech_cache: Path) -> list[Clip]:
    """A second real speaker (the pocketsphinx "cards" clips, 0.7–3 s): caller or colleague.

    They are recorded up to full scale; 6 dB down they sit at the LibriVox reader's level and
    leave headroom for the noise floor."""
    paths = sorted(CARDS.glob("*.wav"))
    assert paths, f"no clips in {CARDS}: install pocketsphinx-testdata"
    clips = [read_all(trimmed_clip(p, speech_cache / f"trim-cards-{p.stem}.wav")) for p in paths]
    return [(c // 2).astype(np.int16) for c in clips]


# -- 1. monologue ------------------------------------------------------------------------------


def monologue_call(agent_voice: list[Clip]) -> tuple[list[Part], float]:
    """Ten sentences (~44 s of speech) with natural pauses under a second, from 1.0 s."""
    parts, ends = turns(1.0, agent_voice + agent_voice[::-1], gaps=(0.6, 0.9, 0.45, 0.75))
    assert ends[-1] - 1.0 > 40.0
    return parts, ends[-1] + 2.0


def test_long_agent_monologue_fires_once_thirty_seconds_in(
    agent_voice: list[Clip], tmp_path: Path
) -> None:
    parts, total = monologue_call(agent_voice)
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, parts, QUIET_LINE_DB, seed=1),
        channel_wav(tmp_path / "caller.wav", total, [], QUIET_LINE_DB, seed=2),  # caller silent
    )
    assert [(f.kind, f.channel) for f in fired] == [("monologue", "agent")], fired
    assert 1.0 + 30.0 - 0.1 <= fired[0].t <= 1.0 + 30.0 + SLACK_S, fired


# -- 2. dead air under an office noise floor ---------------------------------------------------


def dead_air_call(
    agent_voice: list[Clip], other_voice: list[Clip], start: float = 1.0
) -> tuple[list[Part], list[Part], float, float]:
    """Agent speaks, caller asks, agent answers, then 12 s with nobody speaking, then the caller
    checks in. Returns the agent's and caller's parts, where the gap starts, and the length."""
    a_parts, a_ends = turns(start, agent_voice[1:2], gaps=(0.0,))
    c_parts, c_ends = turns(a_ends[-1] + 0.7, other_voice[4:5], gaps=(0.0,))
    a2_parts, a2_ends = turns(c_ends[-1] + 0.6, agent_voice[4:5], gaps=(0.0,))
    gap_from = a2_ends[-1]
    c2_parts, c2_ends = turns(gap_from + 12.0, other_voice[0:1], gaps=(0.0,))
    return a_parts + a2_parts, c_parts + c2_parts, gap_from, c2_ends[-1] + 1.5


def test_dead_air_under_office_noise_fires_ten_seconds_into_the_gap(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path
) -> None:
    agent_parts, caller_parts, gap_from, total = dead_air_call(agent_voice, other_voice)
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, agent_parts, -50.0, seed=3),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, -50.0, seed=4),
    )
    assert [(f.kind, f.channel) for f in fired] == [("dead-air", "agent")], fired
    assert gap_from + 10.0 - 0.1 <= fired[0].t <= gap_from + 10.0 + SLACK_S, (gap_from, fired)


# -- 3. dead air while colleagues talk in the background --------------------------------------


def colleagues_call(
    agent_voice: list[Clip], other_voice: list[Clip]
) -> tuple[list[Part], list[Part], float, float, list[Part]]:
    """The dead-air call after an opening sentence, with colleagues talking on the agent's mic
    through the gap at 24 dB below the agent's own voice (the "cards" speaker, repeated)."""
    opening: Part = (1.0, agent_voice[0], 0.0)
    agent_parts, caller_parts, gap_from, total = dead_air_call(
        agent_voice, other_voice, start=1.0 + length(agent_voice[0]) + 0.8
    )
    gain = speech_db(agent_voice) - 24.0 - speech_db(other_voice)
    chatter, ends = turns(gap_from + 0.5, other_voice * 2, (0.4,), gain)
    chatter = [p for p, end in zip(chatter, ends, strict=True) if end < gap_from + 11.8]
    return [opening, *agent_parts, *chatter], caller_parts, gap_from, total, chatter


def test_colleagues_in_the_background_do_not_fill_dead_air(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path
) -> None:
    agent_parts, caller_parts, gap_from, total, chatter = colleagues_call(agent_voice, other_voice)
    assert chatter[-1][0] + length(chatter[-1][1]) > gap_from + 10.0  # still talking at 10 s
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, agent_parts, -60.0, seed=5),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, QUIET_LINE_DB, seed=6),
    )
    assert [(f.kind, f.channel) for f in fired] == [("dead-air", "agent")], fired
    assert gap_from + 10.0 - 0.1 <= fired[0].t <= gap_from + 10.0 + SLACK_S, (gap_from, fired)


# -- 4. talking over the caller ----------------------------------------------------------------


def talk_over_call(
    agent_voice: list[Clip], other_voice: list[Clip], reply_after_s: float
) -> tuple[list[Part], list[Part], float, float]:
    """Agent greets, the caller explains (5.5 s), the agent replies `reply_after_s` after the
    caller's last word (negative: before it). Here the agent is the "cards" speaker and the
    caller the LibriVox reader."""
    a_parts, a_ends = turns(1.0, other_voice[1:2], gaps=(0.0,))
    c_parts, c_ends = turns(a_ends[-1] + 0.7, agent_voice[3:4], gaps=(0.0,))
    reply_at = c_ends[-1] + reply_after_s
    r_parts, r_ends = turns(reply_at, other_voice[4:5], gaps=(0.0,))
    return a_parts + r_parts, c_parts, reply_at, r_ends[-1] + 1.5


@pytest.fixture
def talk_over_wavs(agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path) -> Wavs:
    agent_parts, caller_parts, reply_at, total = talk_over_call(agent_voice, other_voice, -1.0)
    return (
        channel_wav(tmp_path / "agent.wav", total, agent_parts, QUIET_LINE_DB, seed=7),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, QUIET_LINE_DB, seed=8),
        reply_at,
    )


def test_agent_starting_a_second_before_the_caller_ends_is_an_interruption(
    talk_over_wavs: Wavs,
) -> None:
    agent, caller, reply_at = talk_over_wavs
    fired = run_call(agent, caller)
    assert [(f.kind, f.channel) for f in fired] == [("interruption", "agent")], fired
    assert reply_at + 0.5 - 0.1 <= fired[0].t <= reply_at + 0.5 + SLACK_S, (reply_at, fired)


def test_agent_waiting_after_the_caller_ends_is_not_an_interruption(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path
) -> None:
    agent_parts, caller_parts, _, total = talk_over_call(agent_voice, other_voice, 0.6)
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, agent_parts, QUIET_LINE_DB, seed=7),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, QUIET_LINE_DB, seed=8),
    )
    assert fired == [], fired


# -- 5. raised voice ---------------------------------------------------------------------------


def test_raised_voice_fires_in_the_loud_part_and_not_before(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path
) -> None:
    # Five sentences at a normal level (-14 dB), then the same five 12 dB louder; the caller
    # answers briefly after each, so this is a conversation, not a monologue.
    acks = other_voice[:4]
    agent_parts: list[Part] = []
    caller_parts: list[Part] = []
    t = 1.0
    loud_from = loud_to = 0.0
    for i, clip in enumerate(agent_voice + agent_voice):
        loud = i >= len(agent_voice)
        if loud and not loud_from:
            loud_from = t
        agent_parts.append((t, clip, -2.0 if loud else -14.0))
        t += length(clip)
        loud_to = t
        ack = acks[i % len(acks)]
        caller_parts.append((t + 0.5, ack, 0.0))
        t += 0.5 + length(ack) + 0.7
    total = t + 1.0
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, agent_parts, QUIET_LINE_DB, seed=9),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, QUIET_LINE_DB, seed=10),
    )
    raised = only(fired, "raised-voice")
    assert raised and all(loud_from <= f.t <= loud_to for f in raised), (loud_from, fired)
    # the current level is the median of the last second: the first loud sentence is enough
    assert raised[0].t <= loud_from + 1.5 and raised[0].channel == "agent", (loud_from, fired)
    assert {f.kind for f in fired} == {"raised-voice"}, fired


# -- 6. a calm call ----------------------------------------------------------------------------


def test_a_calm_call_with_normal_turns_gives_no_cues(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path
) -> None:
    gaps = (0.4, 1.1, 0.7, 1.5, 0.5, 0.9, 1.3, 0.6)
    agent_parts: list[Part] = []
    caller_parts: list[Part] = []
    t = 1.0
    for i in range(10):  # agent, caller, agent, ...: five sentences each
        speaker, voice = (agent_parts, agent_voice) if i % 2 == 0 else (caller_parts, other_voice)
        clip = voice[i // 2]
        speaker.append((t, clip, 0.0))
        t += length(clip) + gaps[i % len(gaps)]
    total = t + 1.0
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, agent_parts, -55.0, seed=11),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, QUIET_LINE_DB, seed=12),
    )
    assert fired == [], fired


# -- mic only ----------------------------------------------------------------------------------


def test_mic_only_calls_never_get_dead_air_or_interruption(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path, talk_over_wavs: Wavs
) -> None:
    # The agent channels of the dead-air, talk-over and monologue calls, with no caller channel.
    gap_parts, _, _, gap_total = dead_air_call(agent_voice, other_voice)
    gap = channel_wav(tmp_path / "gap.wav", gap_total, gap_parts, -50.0, seed=3)
    talk_over, _, _ = talk_over_wavs
    long_parts, long_total = monologue_call(agent_voice)
    long = channel_wav(tmp_path / "long.wav", long_total, long_parts, QUIET_LINE_DB, seed=1)
    assert run_call(gap, None) == []
    assert run_call(talk_over, None) == []
    # the cues that need no caller still work on the mic alone
    assert [(f.kind, f.channel) for f in run_call(long, None)] == [("monologue", "agent")]


def test_office_noise_before_anyone_speaks_does_not_start_the_dead_air_clock(
    agent_voice: list[Clip], other_voice: list[Clip], tmp_path: Path
) -> None:
    # The line is open, the office hums, nobody has said anything yet for 12 s; then the agent
    # greets and the caller answers. No silence cue: the call had not started.
    agent_parts, _ = turns(13.0, agent_voice[1:2], (0.0,))
    caller_parts, ends = turns(13.0 + length(agent_voice[1]) + 0.7, other_voice[4:5], (0.0,))
    total = ends[-1] + 1.0
    fired = run_call(
        channel_wav(tmp_path / "agent.wav", total, agent_parts, -50.0, seed=3),
        channel_wav(tmp_path / "caller.wav", total, caller_parts, -50.0, seed=4),
    )
    assert fired == [], fired


# -- the CLI ------------------------------------------------------------------------------------


def test_replay_cli_on_two_wavs_matches_the_engine(talk_over_wavs: Wavs, tmp_path: Path) -> None:
    agent, caller, reply_at = talk_over_wavs
    audio = ["--agent-audio", str(agent), "--caller-audio", str(caller)]
    result = subprocess.run(
        [sys.executable, "-m", "companion", "replay", "--json", *audio],
        cwd=ROOT,
        env={**os.environ, "COMPANION_HOME": str(tmp_path / "home"), "COMPANION_MODEL": "none"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    cues = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["cue"], c["channel"]) for c in cues] == [("interruption", "agent")], cues
    assert reply_at + 0.4 <= cues[0]["t"] <= reply_at + 0.5 + SLACK_S
    assert [Fired(c["cue"], c["channel"], round(c["t"], 2)) for c in cues] == run_call(
        agent, caller
    )
