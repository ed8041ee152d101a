"""The `companion` command: argument parsing only; the work lives in `companion.commands`."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from companion import __version__
from companion.commands import COMMAND_MODULES

if TYPE_CHECKING:
    from companion.context import Context

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Call Companion: an offline helper beside your softphone. "
        "Without a subcommand it opens the overlay.",
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep every file (data, config, logs, models) under DIR; also COMPANION_HOME",
    )
    parser.add_argument("--demo", action="store_true", help="open the overlay on a demo call")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check resources, profiles, database, cue engine, model and audio; exit 1 on failure",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    trailing = getattr(args, "trailing", None)
    if extra and (trailing is None or len(extra) > 1 or extra[0].startswith("-")):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra and trailing:
        setattr(args, trailing, extra[0])

    from companion.context import build_context
    from companion.logsetup import install_excepthook, setup_logging

    try:
        ctx = build_context(args.data_dir)
    except OSError as exc:
        print(
            f"companion: cannot create the data folders ({exc}); "
            "pass --data-dir to a writable folder",
            file=sys.stderr,
        )
        return 2
    setup_logging(ctx.paths, logging.DEBUG if args.verbose else logging.INFO)
    install_excepthook(ctx.paths)
    for problem in ctx.config.problems:
        log.warning("config: %s", problem)
        if args.command is not None:
            print(f"companion: config problem: {problem}", file=sys.stderr)

    if args.self_test:
        from companion.selftest import run_self_test

        result: int = run_self_test(ctx)
        return result
    if args.command is None:
        return _run_overlay(ctx, args.demo)
    func = args.func
    code: int = func(args, ctx)
    return code


def _run_overlay(ctx: Context, demo: bool) -> int:
    """The overlay; a failure to start is shown to the agent, not only logged."""
    try:
        from companion.app import run_app

        return int(run_app(ctx, demo=demo))
    except Exception as exc:
        from companion.start_failure import explain_start_failure

        return explain_start_failure(ctx.paths, exc)
