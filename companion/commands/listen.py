"""`companion listen`: live events from the microphone (and caller input), as JSON lines."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import TYPE_CHECKING

from companion.commands import OUTPUT_CLOSED
from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("listen", help="print live events from the mic (JSONL)")
    parser.add_argument("--seconds", type=float, default=0.0, help="stop after N s (0: Ctrl-C)")
    parser.add_argument("--device", help="agent input ('name [host API]'); default: settings")
    parser.add_argument("--caller-device", help="caller input; default: settings (or none)")
    parser.add_argument("--frames", action="store_true", help="also print voice/level frames")
    parser.add_argument("--no-model", action="store_true", help="audio-only: no recognition")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.audio.devices import (
        AudioUnavailable,
        NoInputDevice,
        choose_agent_device,
        choose_caller_device,
    )
    from companion.audio.vad import VadSettings
    from companion.events import Channel, Event, VoiceFrame, dumps
    from companion.speech.live import LiveListener
    from companion.speech.recognizer import ChannelRecognizer

    try:
        agent = choose_agent_device(args.device or ctx.config.get("audio.agent_device"))
        caller = choose_caller_device(args.caller_device or ctx.config.get("audio.caller_device"))
    except (AudioUnavailable, NoInputDevice) as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    devices: dict[Channel, str] = {"agent": agent.ref}
    if caller is not None:
        devices["caller"] = caller.ref

    recognizers: dict[Channel, ChannelRecognizer] = {}
    if not args.no_model:
        from companion.speech.models import ModelLoadError, load_model, resolve_model
        from companion.speech.transcribe import make_recognizer

        choice = resolve_model(ctx.paths, ctx.config)
        if choice is None:
            print("companion: no speech model: audio-only events", file=sys.stderr)
        else:
            try:
                model = load_model(choice.path)
            except ModelLoadError as exc:
                print(f"companion: {exc}", file=sys.stderr)
                return 1
            recognizers = {ch: make_recognizer(model, ch) for ch in devices}

    out_lock = threading.Lock()

    def emit(event: Event) -> None:
        if isinstance(event, VoiceFrame) and not args.frames:
            return
        with out_lock:
            print(dumps(event), flush=True)

    listener = LiveListener(
        devices,
        emit,
        recognizers=recognizers,
        vad=VadSettings.from_config(ctx.config.get),
    )
    try:
        listener.start()
        listener.start_call()
        print(
            f"companion: listening on {', '.join(f'{k}={v}' for k, v in devices.items())}",
            file=sys.stderr,
            flush=True,
        )
        deadline = time.monotonic() + args.seconds if args.seconds > 0 else None
        while not OUTPUT_CLOSED.wait(0.05):  # `| head` took what it wanted
            if deadline is not None and time.monotonic() >= deadline:
                break
    except KeyboardInterrupt:
        pass
    finally:
        listener.stop()
    return 0
