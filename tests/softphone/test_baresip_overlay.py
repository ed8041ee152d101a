"""The whole chain as real processes: the overlay (offscreen) with `softphone.baresip` set,
baresip answering a SIP call from sipp on 127.0.0.1, and `companion call state` from a third
process seeing the call go live, then to wrap-up, without anyone pressing a button."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.logsetup import LOG_NAME
from tests.gui.app_procs import offscreen_env, quit_or_kill
from tests.softphone.conftest import Baresip, place_call, wait_until

PY = sys.executable
pytestmark = pytest.mark.gui  # the overlay runs (offscreen)


def _state(home: Path) -> str:
    done = subprocess.run(
        [PY, "-m", "companion", "call", "state"],
        env=offscreen_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.strip()


def test_the_overlay_follows_a_real_baresip_call(
    start_baresip: Callable[..., Baresip], tmp_path: Path
) -> None:
    phone = start_baresip(auto_answer=True)
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        f'[softphone]\nbaresip = "127.0.0.1:{phone.ctrl_port}"\n', encoding="utf-8"
    )
    log = home / "logs" / LOG_NAME
    app = subprocess.Popen(
        [PY, "-m", "companion"],
        env=offscreen_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    caller: threading.Thread | None = None
    try:
        assert wait_until(
            lambda: log.exists() and "following baresip at" in log.read_text(), limit=60
        ), log.read_text() if log.exists() else "no log"
        assert _state(home) == "companion: idle"
        result: list[subprocess.CompletedProcess[bytes]] = []
        caller = threading.Thread(
            target=lambda: result.append(
                place_call(tmp_path, phone.sip_port, "inbound_call.xml", hold_ms=6000)
            )
        )
        caller.start()
        assert wait_until(lambda: _state(home) == "companion: live (call 1)", limit=30), (
            log.read_text()
        )
        caller.join(60)
        assert result and result[0].returncode == 0
        assert wait_until(lambda: _state(home) == "companion: wrapup (call 1)", limit=30)
        text = log.read_text()
        assert "baresip: start inbound" in text and "baresip: end inbound" in text
        assert "5551234" not in text  # the caller's number is their data, not the log's
    finally:
        if caller is not None:
            caller.join(60)
        quit_or_kill(app)
