"""`companion replay`: the live cue engine over a recorded call, faster than real time.

Input is a transcript in the event format (`companion transcribe` writes one; trainers write
scenarios by hand) and/or one WAV per channel. WAVs go through the same voice detector as live,
and through the recognizer when a model is available (`--model`, `COMPANION_MODEL`, the
`speech.model` setting, or the best installed model; `COMPANION_MODEL=none` turns it off). The
profile is the active one unless `--profile` names another. `--json` prints one JSON object per
cue per line; otherwise a readable timeline.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:  # the command list is built on every start, softphone hooks included
    from companion.commands.arguments import Subparsers
    from companion.cues.cue import Cue
    from companion.events import Channel, Event


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("replay", help="run the cue engine over a recorded call")
    parser.add_argument("transcript", nargs="?", help="transcript .jsonl in the event format")
    parser.add_argument("--agent-audio", metavar="A.wav", help="recording of the agent channel")
    parser.add_argument("--caller-audio", metavar="B.wav", help="recording of the caller channel")
    parser.add_argument("--profile", metavar="NAME|FILE", help="cue profile (default: active)")
    parser.add_argument("--model", metavar="PATH", help="Vosk model folder for the WAVs")
    parser.add_argument(
        "--channels",
        metavar="LIST",
        help="channels of the call, e.g. 'agent' for a mic-only call (default: those in the input)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per cue per line")
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"companion replay: {message}", file=sys.stderr)
    return 1


def _model_path(args: argparse.Namespace, ctx: Context) -> Path | None:
    if args.model:
        return Path(args.model).expanduser()
    if os.environ.get("COMPANION_MODEL", "").strip().lower() == "none":
        return None
    from companion.speech.models import resolve_model

    choice = resolve_model(ctx.paths, ctx.config)
    return choice.path if choice is not None else None


def _audio_events(path: Path, channel: Channel, model: Path | None) -> Iterator[Event]:
    from companion.speech.transcribe import events_from_wav, voice_frames_from_wav

    if model is None:
        yield from voice_frames_from_wav(path, channel)
    else:
        yield from events_from_wav(path, channel, model)


def _timeline(cues: Iterable[Cue], out: list[str]) -> None:
    for cue in cues:
        heard = f"  (heard: {' '.join(cue.words)})" if cue.words else ""
        out.append(
            f"{cue.t:8.2f}s  {cue.channel:6}  {cue.kind:13} {cue.severity:5}  {cue.message}{heard}"
        )
        if cue.line:
            out.append(f"{'':42}→ {cue.line}")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.audio.wavsource import AudioFileError, inspect_audio
    from companion.config.profiles import ProfileError, load_profile
    from companion.cues.engine import CueEngine
    from companion.cues.replay import channels_of, load_transcript, merge, replay, with_partials
    from companion.events import CHANNELS, EventFormatError

    if not (args.transcript or args.agent_audio or args.caller_audio):
        return _fail("give a transcript .jsonl and/or --agent-audio / --caller-audio WAVs")
    streams: list[Iterable[Event]] = []
    channels: set[Channel] = set()
    if args.transcript:
        try:
            events = with_partials(load_transcript(Path(args.transcript).expanduser()))
        except FileNotFoundError:
            return _fail(f"{args.transcript}: no such file")
        except (OSError, UnicodeDecodeError) as exc:
            return _fail(f"{args.transcript}: cannot read ({exc})")
        except EventFormatError as exc:
            return _fail(f"{exc}; fix the transcript or re-run `companion transcribe`")
        streams.append(events)
        channels |= channels_of(events)
    sources: tuple[tuple[Channel, str | None], ...] = (
        ("agent", args.agent_audio),
        ("caller", args.caller_audio),
    )
    audio = [(ch, value) for ch, value in sources if value]
    model = _model_path(args, ctx) if audio else None
    for channel, value in audio:
        try:
            inspect_audio(Path(value).expanduser())
        except AudioFileError as exc:
            return _fail(str(exc))
        streams.append(_audio_events(Path(value).expanduser(), channel, model))
        channels.add(channel)
    if args.channels:
        wanted = {c.strip() for c in args.channels.split(",") if c.strip()}
        if not wanted <= set(CHANNELS):
            return _fail("--channels takes 'agent', 'caller' or 'agent,caller'")
        channels = wanted
    profile_name = args.profile or str(ctx.config.get("profiles.active"))
    try:
        profile = load_profile(profile_name, ctx.paths, ctx.config)
    except ProfileError as exc:
        return _fail(f"profile: {exc.problems[0]}")
    engine = CueEngine(profile.cue_settings(), channels=channels or {"agent"})
    try:
        cues = replay(merge(*streams), engine)
    except AudioFileError as exc:
        return _fail(str(exc))
    if args.json:
        for cue in cues:
            print(json.dumps(cue.to_dict(), ensure_ascii=False))
        return 0
    out = [
        f"replay: profile {profile.name}, channels {', '.join(sorted(channels)) or 'agent'}"
        + (f", model {model}" if model is not None else (", audio only" if audio else ""))
    ]
    _timeline(cues, out)
    out.append(f"{len(cues)} cue(s)")
    print("\n".join(out))
    return 0
