"""The `companion` command: argument parsing only; the work lives in `companion.commands`.

Exit codes are the same for every command, so IT's scripts can branch on them:
0 done (including output cut short by `| head`); 1 not done, and stderr has one line saying
why and what to do; 2 the command line itself is wrong (an unknown option, a malformed date);
3 `companion call`: no overlay is running.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from companion.commands import COMMAND_MODULES, OUTPUT_CLOSED
from companion.errors import KnownError, one_line

if TYPE_CHECKING:
    from companion.context import Context

log = logging.getLogger(__name__)


class _Version(argparse.Action):
    """`--version`, reading the installed version only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        import companion

        print(f"companion {companion.__version__}")
        parser.exit()


def command_word(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, read before any parser exists."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Call Companion: an offline helper beside your softphone. "
        "Without a subcommand it opens the overlay.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
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
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if os.name == "posix":  # everything the app writes (history, logs, notes, models) is private
        os.umask(0o077)
    words = sys.argv[1:] if argv is None else list(argv)
    # a softphone runs `companion call …` on every call event: only that parser is built
    hook = command_word(words) == "call"
    parser = build_parser(("companion.commands.call",) if hook else COMMAND_MODULES)
    args, extra = parser.parse_known_args(words)
    trailing = getattr(args, "trailing", None)
    if extra and (trailing is None or len(extra) > 1 or extra[0].startswith("-")):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra and trailing:
        setattr(args, trailing, extra[0])

    from companion.context import build_context, folder_problem
    from companion.logsetup import install_excepthook, setup_logging

    # "create" (most commands), "never" (a command that only shows), "if-possible" (doctor)
    folders = getattr(args, "folders", "create")
    try:
        ctx = build_context(args.data_dir, create=folders != "never")
    except OSError as exc:
        if folders != "if-possible":
            print(f"companion: {folder_problem(exc)}", file=sys.stderr)
            return 1
        ctx = build_context(args.data_dir, create=False)
        ctx.folder_problem = folder_problem(exc)
    if ctx.paths.logs.is_dir():
        setup_logging(ctx.paths, logging.DEBUG if args.verbose else logging.INFO)
    else:  # not created for this command: no log file, and no stray warnings on the terminal
        logging.getLogger().addHandler(logging.NullHandler())
    install_excepthook(ctx.paths)
    # the softphone hook (`companion call`) reads no settings: it must start in a blink
    for problem in ctx.config.problems if getattr(args, "needs_config", True) else ():
        log.warning("config: %s", problem)
        if args.command is not None:
            print(f"companion: config problem: {problem}", file=sys.stderr)

    if args.self_test:
        from companion.selftest import run_self_test

        result: int = run_self_test(ctx)
        return result
    if args.command is None:
        return _run_overlay(ctx, args.demo)
    _quit_quietly_when_output_closes()
    try:
        code: int = args.func(args, ctx)
        if sys.stdout is not None:  # None in a windowed executable (the softphone hook)
            sys.stdout.flush()  # a closed pipe shows here, not in the final flush
    except BrokenPipeError:
        return _output_closed(args.command)
    except KnownError as exc:  # the user's to fix: one line, no traceback (bugs go to the hook)
        log.warning("%s: %s", args.command, one_line(exc))
        if sys.stderr is not None:
            print(f"companion {args.command}: {one_line(exc)}", file=sys.stderr)
        return 1
    return code


def _output_closed(command: str) -> int:
    """The reader of our output went away (`companion export | head -1`): a quiet exit 0.

    The reader took what it wanted, so it is not a failure: 0, as `head` asked for no more, and
    so a pipeline under `set -o pipefail` does not fail on it (141, "killed by SIGPIPE", means
    nothing on Windows and would fail that pipeline). Not a bug, so no crash report. Standard
    output is pointed at the null device so the interpreter's last flush does not raise again.
    """
    log.info("%s: the reader closed the output; stopped", command)
    _silence_stdout()
    return 0


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):  # no stdout at all (a windowed start)
        pass


def _quit_quietly_when_output_closes() -> None:
    """A command printing from a worker thread (`companion listen`) meets the closed pipe
    there: silence the output and tell the command (`OUTPUT_CLOSED`), which stops as on Ctrl-C,
    with no crash report. Not by interrupting the main thread: an exception that can land
    between any two lines, under load even before the command is ready to stop, once left
    its audio streams open at exit. Any other exception goes on to the crash-report hook."""
    report = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not None and issubclass(args.exc_type, BrokenPipeError):
            log.info("the reader closed the output; stopping")
            _silence_stdout()
            OUTPUT_CLOSED.set()
            return
        report(args)

    threading.excepthook = hook


def _run_overlay(ctx: Context, demo: bool) -> int:
    """The overlay; a failure to start is shown to the agent, not only logged."""
    try:
        from companion.launch import run_app

        return int(run_app(ctx, demo=demo))
    except Exception as exc:
        from companion.start_failure import explain_start_failure

        return explain_start_failure(ctx.paths, exc)
