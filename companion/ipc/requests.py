"""What a request from a softphone hook or `companion call …` does to the call session.

The channel (`server.py`) carries one JSON object each way; this decides what it means, with no
Qt, so every command is tested without a display. The overlay passes in the session and two
window actions (show, quit); the answer always carries the phase and the call, so a hook can
check that the overlay followed, and who the call is with.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the overlay listens before the call session is built (first paint first)
    from companion.calls.lifecycle import Direction
    from companion.calls.session import CallSession

COMMANDS = ("start", "end", "prep", "show", "state", "quit")
MAX_REQUEST_BYTES = 4 * 1024  # a request is a few hundred bytes (see server.py on the cost)
_TEXT_FIELDS = ("number", "name")


class BadRequest(ValueError):
    """A request line that is not one the channel speaks; the reply says why, nothing is logged."""


def parse_request(line: bytes) -> dict[str, Any]:
    """One request line as the handler expects it, or `BadRequest` naming what is wrong.

    Anything may connect to the endpoint (a hook written by IT, a script, a fuzzer), so this
    checks the shape, not only the syntax: an object, a known string command, text fields that
    are text (a number is accepted as its digits) and a direction that is one of the two.
    """
    if len(line) > MAX_REQUEST_BYTES:
        raise BadRequest(f"longer than {MAX_REQUEST_BYTES // 1024} KiB")
    try:
        request = json.loads(line)
    except RecursionError:
        raise BadRequest("nested too deeply") from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise BadRequest(f"not JSON ({exc})") from None
    if not isinstance(request, dict):
        raise BadRequest(f"expected a JSON object, got {type(request).__name__}")
    cmd = request.get("cmd")
    if not isinstance(cmd, str):
        raise BadRequest('"cmd" must be one of ' + ", ".join(COMMANDS))
    for key in _TEXT_FIELDS:
        value = request.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            request[key] = str(value)
        elif value is not None and not isinstance(value, str):
            raise BadRequest(f'"{key}" must be text')
    if request.get("direction") not in (None, "inbound", "outbound"):
        raise BadRequest('"direction" must be "inbound" or "outbound"')
    return request


def handle_request(
    request: dict[str, Any],
    session: CallSession,
    *,
    show: Callable[[], None],
    quit_app: Callable[[], None],
) -> dict[str, Any]:
    from companion.calls.lifecycle import CallInfo, Phase

    cmd = request.get("cmd")
    direction: Direction = "outbound" if request.get("direction") == "outbound" else "inbound"
    number = str(request.get("number") or "")
    name = str(request.get("name") or "")
    note = ""
    if cmd == "start":
        if session.phase is Phase.LIVE:  # softphones repeat events; say so, keep the live call
            note = f"a call is already live (call {session.call_id}); this start was ignored"
        info = CallInfo(identity=number or name, number=number, name=name, direction=direction)
        session.start_call(info, source="softphone")
    elif cmd == "end":
        session.end_call(source="softphone")
    elif cmd == "prep":
        session.prepare(number or name, direction, source="softphone")
    elif cmd == "show":
        show()
    elif cmd == "quit":
        quit_app()
    elif cmd != "state":
        return {"ok": False, "error": f"unknown command {cmd!r}"}
    reply: dict[str, Any] = {
        "ok": True,
        "phase": session.phase.value,
        "call_id": session.call_id,
        "caller": session.who(),
    }
    if note:
        reply["note"] = note
    return reply
