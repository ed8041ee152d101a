"""`companion transcribe FILE`: a recording through the live pipeline, printed as JSON lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("transcribe", help="print the events a recording produces (JSONL)")
    parser.add_argument("file", type=Path, help="a WAV (any rate, channels, sample format)")
    parser.add_argument("--model", type=Path, help="Vosk model folder (default: the one in use)")
    parser.add_argument("--channel", choices=("agent", "caller"), default="agent")
    parser.add_argument("--frames", action="store_true", help="also print voice/level frames")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.audio.vad import VadSettings
    from companion.audio.wavsource import AudioFileError, inspect_audio
    from companion.events import VoiceFrame, dumps
    from companion.speech.models import ModelLoadError
    from companion.speech.transcribe import events_from_wav

    try:
        info = inspect_audio(args.file)
    except AudioFileError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    model_path = args.model
    if model_path is None:
        from companion.speech.models import resolve_model

        choice = resolve_model(ctx.paths, ctx.config)
        if choice is None:
            print(
                "companion: no speech model: run 'companion model download "
                "vosk-model-small-en-us-0.15' or pass --model PATH",
                file=sys.stderr,
            )
            return 1
        model_path = choice.path
    if info.needs_conversion:
        print(f"companion: converting {info.describe()} to 16 kHz mono 16-bit", file=sys.stderr)
    try:
        for event in events_from_wav(
            args.file, args.channel, model_path, VadSettings.from_config(ctx.config.get)
        ):
            if args.frames or not isinstance(event, VoiceFrame):
                print(dumps(event), flush=False)
    except (AudioFileError, ModelLoadError) as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    sys.stdout.flush()
    return 0
