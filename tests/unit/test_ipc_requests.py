"""Each request a softphone hook sends, against a real headless call session (no display)."""

from __future__ import annotations

from pathlib import Path

from companion.calls.lifecycle import Phase
from companion.ipc.requests import handle_request
from tests.unit.session_kit import Clock, Heard, make_session


def test_a_softphone_drives_a_call_and_sees_its_phase(tmp_path: Path) -> None:
    s = make_session(tmp_path, Clock(), Heard())
    s.restore()
    window: list[str] = []

    def ask(request: dict[str, object]) -> dict[str, object]:
        return handle_request(
            request, s, show=lambda: window.append("show"), quit_app=lambda: window.append("quit")
        )

    assert ask({"cmd": "state"}) == {"ok": True, "phase": "idle", "call_id": None, "caller": ""}
    assert ask({"cmd": "prep", "number": "020 7946 0958"})["phase"] == "prep"
    started = ask({"cmd": "start", "number": "020 7946 0958", "name": "Jane Morgan"})
    assert started == {"ok": True, "phase": "live", "call_id": 1, "caller": "Jane Morgan"}
    assert s.life.state.call is not None and s.life.state.call.name == "Jane Morgan"
    assert s.life.history[-1].source == "softphone"
    again = ask({"cmd": "start", "number": "020 7946 0958"})  # sent twice: said, and ignored
    assert again["call_id"] == 1
    assert again["note"] == "a call is already live (call 1); this start was ignored"
    assert ask({"cmd": "end"}) == {
        "ok": True,
        "phase": "wrapup",
        "call_id": 1,
        "caller": "Jane Morgan",
    }
    assert s.phase is Phase.WRAPUP
    assert ask({"cmd": "show"})["ok"] and ask({"cmd": "quit"})["ok"]
    assert window == ["show", "quit"]
    assert ask({"cmd": "dial"}) == {"ok": False, "error": "unknown command 'dial'"}


def test_an_outbound_call_by_name_only(tmp_path: Path) -> None:
    s = make_session(tmp_path, Clock(), Heard())
    s.restore()
    reply = handle_request(
        {"cmd": "start", "name": "Jane Morgan", "direction": "outbound"},
        s,
        show=lambda: None,
        quit_app=lambda: None,
    )
    assert reply["phase"] == "live"
    call = s.life.state.call
    assert call is not None and (call.identity, call.direction) == ("Jane Morgan", "outbound")
