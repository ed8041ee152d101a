"""The Qt side: baresip requests reach the overlay's handler on the GUI thread, and the agent
sees a banner only while following does not work."""

from __future__ import annotations

import threading
from typing import Any

from companion.ui.softphone_bridge import BANNER_KEY, follow_baresip
from tests.softphone.conftest import ScriptedServer, free_port, recorded


class Overlay:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.threads: set[str] = set()
        self.messages: list[tuple[str, str, str]] = []

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(request)
        self.threads.add(threading.current_thread().name)
        return {"ok": True, "phase": "live" if request["cmd"] == "start" else "idle"}

    def post(self, key: str, text: str, level: str) -> None:
        self.messages.append((key, text, level))


def test_requests_arrive_on_the_gui_thread_and_the_banner_clears(qtbot) -> None:  # type: ignore[no-untyped-def]
    port, overlay = free_port(), Overlay()
    bridge = follow_baresip(f"127.0.0.1:{port}", overlay.handle, overlay.post)
    assert bridge is not None
    server = None
    try:
        qtbot.waitUntil(lambda: bool(overlay.messages), timeout=15000)
        key, text, level = overlay.messages[0]
        assert (key, level) == (BANNER_KEY, "info")
        assert text.startswith(f"baresip not reachable at 127.0.0.1:{port}")
        assert "\n" not in text
        server = ScriptedServer(port, [recorded("inbound_ring_accept.ns")])
        qtbot.waitUntil(lambda: len(overlay.requests) >= 3, timeout=15000)
        assert [r["cmd"] for r in overlay.requests] == ["prep", "start", "end"]
        assert overlay.requests[1] == {
            "cmd": "start",
            "number": "5551234",
            "name": "Jane Caller",
            "direction": "inbound",
        }
        assert overlay.threads == {threading.main_thread().name}
        assert (BANNER_KEY, "", "clear") in overlay.messages
        assert bridge.replies[-1] == {"ok": True, "phase": "idle"}
    finally:
        bridge.stop()
        if server is not None:
            server.close()


def test_a_bad_setting_is_one_banner_naming_the_setting_and_nothing_starts() -> None:
    overlay = Overlay()
    assert follow_baresip("localhost", overlay.handle, overlay.post) is None
    assert len(overlay.messages) == 1
    key, text, level = overlay.messages[0]
    assert (key, level) == (BANNER_KEY, "warning")
    assert "softphone.baresip" in text and "127.0.0.1:4444" in text


def test_an_empty_setting_means_off() -> None:
    overlay = Overlay()
    assert follow_baresip("", overlay.handle, overlay.post) is None
    assert overlay.messages == []
