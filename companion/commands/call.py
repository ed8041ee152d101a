"""`companion call start|end|prep|state|quit`: softphone hooks into the running overlay.

A softphone runs this on call events (MicroSIP's call-start/call-end commands, Zoiper's "run on
incoming call"); it passes the request over the local IPC channel and exits. Exit codes: 0 done,
1 refused, 3 no overlay running (the hook must not block the softphone, so nothing is started).
`quit` closes the overlay as its menu's Quit does (the Windows uninstaller uses it).

On Windows the softphone runs the windowless `CallCompanion.exe call …`, which has no console:
there `sys.stdout` and `sys.stderr` are None and `print` writes nothing, so the exit code is the
answer and each request is also logged.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers

NOT_RUNNING = 3
log = logging.getLogger(__name__)


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("call", help="tell the running overlay a call started or ended")
    parser.add_argument("action", choices=("start", "end", "prep", "state", "quit"))
    parser.add_argument(
        "caller",
        nargs="?",
        default="",
        help="caller id a softphone appends to the command (a number or a SIP URI); "
        "MicroSIP and Zoiper add it after the command line they run",
    )
    parser.add_argument("--number", default="", help="caller's number (from the softphone)")
    parser.add_argument("--name", default="", help="caller's name (from the softphone)")
    parser.add_argument("--direction", choices=("inbound", "outbound"), default="inbound")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the overlay's answer as JSON (phase, call, caller)",
    )
    # A softphone appends the caller id (a number or SIP URI) after the command it runs
    # (MicroSIP, Zoiper); argparse cannot take an optional positional after options, so
    # cli.py hands one trailing word to commands that declare `trailing`.
    parser.set_defaults(func=run, trailing="caller", caller="", needs_config=False)


def build_request(args: argparse.Namespace) -> dict[str, str]:
    """The IPC request; `--number` wins over a caller id the softphone appended."""
    caller = args.caller.strip()
    number = args.number.strip()
    if not number and ":" in caller:  # a SIP or tel URI; its parser's module is slow to import
        from companion.softphone.baresip import number_from_uri

        number = number_from_uri(caller)
    number = number or caller
    return {
        "cmd": args.action,
        "number": number,
        "name": args.name.strip(),
        "direction": args.direction,
    }


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.ipc.channel import send, server_name  # plain sockets: no Qt in this process

    reply = send(server_name(ctx.paths.data), build_request(args))
    if reply is None:
        log.info("call %s: the overlay is not running", args.action)
        print("companion: the overlay is not running; start it with `companion`", file=sys.stderr)
        return NOT_RUNNING
    if not reply.get("ok"):
        log.warning("call %s refused: %s", args.action, reply.get("error"))
        print(f"companion: {reply.get('error', 'request refused')}", file=sys.stderr)
        return 1
    call = f" (call {reply['call_id']})" if reply.get("call_id") else ""
    log.info("call %s: %s%s", args.action, reply.get("phase", "?"), call)
    if reply.get("note"):
        log.info("call %s: %s", args.action, reply["note"])
        print(f"companion: {reply['note']}", file=sys.stderr)
    if args.json:
        import json

        print(json.dumps({k: v for k, v in reply.items() if k != "ok"}))
    else:
        print(f"companion: {reply.get('phase', '?')}{call}")
    return 0
