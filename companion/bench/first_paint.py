"""`companion bench`'s probe inside the real overlay: when the first frame is painted, when the
overlay is ready to use, and how much CPU a demo call then costs, written to the file the bench
names (COMPANION_STARTUP_PROBE).

It rides on the running app (the start sequence calls it) so the figures are the app's own, not a
stand-in's; with the variable unset the app never creates it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from companion.bench.probe import PROBE_CALL_S_ENV

if TYPE_CHECKING:  # loaded before the first paint: nothing of the call session yet
    from companion.calls.session import CallSession

SETTLE_MS = 2000  # after ready, before the measured call starts


class StartupProbe:
    """Writes the first-paint and ready times for `companion bench` (startup_ms, ready_ms)."""

    def __init__(self, probe: Path) -> None:
        self.probe = probe
        self.result: dict[str, float] = {}

    def painted(self) -> None:
        """The overlay's first frame is on screen."""
        self.result["first_paint"] = time.time()

    def ready(self, session: CallSession) -> None:
        """The overlay is built and wired: note the time, then measure a call if asked to."""
        self.result["ready"] = time.time()
        call_s = float(os.environ.get(PROBE_CALL_S_ENV, "0") or 0)
        if call_s <= 0:
            self._write()
            return
        # The call starts once the overlay has settled, as an agent's calls do: the start's
        # own tail (audio, hotkeys, the privacy upkeep) is not the cost of a call.
        QTimer.singleShot(SETTLE_MS, lambda: self._measure_call(session, call_s))

    def _measure_call(self, session: CallSession, call_s: float) -> None:
        from companion.calls.lifecycle import CallInfo, Phase

        if session.phase is Phase.LIVE:  # the demo's own call: start afresh, from its start
            session.end_call()
        session.start_call(CallInfo(identity="bench"))
        cpu0, wall0 = time.process_time(), time.monotonic()

        def measure() -> None:
            self.result["cpu_s"] = time.process_time() - cpu0
            self.result["wall_s"] = time.monotonic() - wall0
            self._write()

        QTimer.singleShot(int(call_s * 1000), measure)

    def _write(self) -> None:
        self.probe.write_text(json.dumps(self.result), encoding="utf-8")
        QApplication.quit()
