"""Subcommands of the `companion` CLI, one module each.

Each module exposes `register(subparsers)`, which adds its parser and sets `func` to a callable
taking `(args, ctx)` and returning an exit code. Modules import heavy libraries (Qt, Vosk,
sounddevice) inside their functions so that `companion --version` stays instant.
"""

import threading

COMMAND_MODULES = (
    "companion.commands.doctor",
    "companion.commands.model",
    "companion.commands.devices",
    "companion.commands.transcribe",
    "companion.commands.listen",
    "companion.commands.bench",
    "companion.commands.privacy",
    "companion.commands.export",
    "companion.commands.profiles",
    "companion.commands.phrases",
    "companion.commands.replay",
    "companion.commands.config",
    "companion.commands.call",
    "companion.commands.demo",
)

OUTPUT_CLOSED = threading.Event()
"""Set when a worker thread met the closed end of standard output (`companion listen | head`):
a command that prints from threads stops on it, as it would on Ctrl-C."""
