"""What a request from a softphone hook or `companion call …` does to the call session.

The channel (`server.py`) carries one JSON object each way; this decides what it means, with no
Qt, so every command is tested without a display. The overlay passes in the session and two
window actions (show, quit); the answer always carries the phase and the call, so a hook can
check that the overlay followed, and who the call is with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from companion.calls.lifecycle import CallInfo, Direction, Phase
from companion.calls.session import CallSession

COMMANDS = ("start", "end", "prep", "show", "state", "quit")


def handle_request(
    request: dict[str, Any],
    session: CallSession,
    *,
    show: Callable[[], None],
    quit_app: Callable[[], None],
) -> dict[str, Any]:
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
