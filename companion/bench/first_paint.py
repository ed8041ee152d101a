"""`companion bench`'s probe inside the real overlay: when the first frame is painted, and how
much CPU a demo call then costs, written to the file the bench names (COMPANION_STARTUP_PROBE).

It rides on the running app (an event filter on the overlay) so the figures are the app's own,
not a stand-in's; with the variable unset the app never creates it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from companion.bench.probe import PROBE_CALL_S_ENV
from companion.calls.lifecycle import CallInfo
from companion.calls.session import CallSession


class FirstPaintProbe(QObject):
    """Writes the first-paint time for `companion bench` (startup_ms), once."""

    def __init__(self, probe: Path, session: CallSession) -> None:
        super().__init__()
        self.probe, self.session, self.done = probe, session, False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        result: dict[str, float] = {"first_paint": time.time()}
        call_s = float(os.environ.get(PROBE_CALL_S_ENV, "0") or 0)
        if call_s <= 0:
            self.probe.write_text(json.dumps(result), encoding="utf-8")
            QApplication.quit()
            return
        self.session.start_call(CallInfo(identity="bench"))
        cpu0, wall0 = time.process_time(), time.monotonic()

        def measure() -> None:
            result["cpu_s"] = time.process_time() - cpu0
            result["wall_s"] = time.monotonic() - wall0
            self.probe.write_text(json.dumps(result), encoding="utf-8")
            QApplication.quit()

        QTimer.singleShot(int(call_s * 1000), measure)
