"""`companion devices`: the inputs an agent can pick, and which one the app would use."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("devices", help="list audio inputs and the ones that would be used")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.audio.devices import (
        AudioUnavailable,
        NoInputDevice,
        choose_agent_device,
        choose_caller_device,
        list_inputs,
        wasapi_loopback_note,
    )

    try:
        inputs = list_inputs()
    except AudioUnavailable as exc:
        print(f"companion: audio unavailable: {exc}", file=sys.stderr)
        return 1
    for dev in inputs:
        default = " (system default)" if dev.is_default else ""
        print(f"{dev.ref}\t{dev.channels} ch\t{dev.default_rate:.0f} Hz{default}")
    try:
        agent = choose_agent_device(ctx.config.get("audio.agent_device"), inputs)
        print(f"agent channel: {agent.ref}")
    except NoInputDevice as exc:
        print(f"agent channel: {exc}")
    caller = choose_caller_device(ctx.config.get("audio.caller_device"), inputs)
    print(f"caller channel: {caller.ref if caller else 'none (mic-only cues)'}")
    note = wasapi_loopback_note(inputs)
    if note:
        print(f"note: {note}")
    return 0
