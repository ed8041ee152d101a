"""A few seconds of live level from one input, for the Devices page's "Test level" button.

The PortAudio callback of `DeviceCapture` only fills its buffer; a QTimer on the GUI thread
drains it every 50 ms and turns each batch into a dBFS level (`rms_dbfs`), so nothing here
ever blocks the UI. The stream is closed when the test ends, is stopped, or its page closes;
a device that cannot be opened or goes away ends the test with a one-line reason.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from companion.audio.capture import DeviceCapture
from companion.audio.devices import InputDevice, find_by_ref, list_inputs
from companion.audio.levels import SILENCE_DB, rms_dbfs
from companion.audio.portaudio import hold_device_list, release_device_list

DRAIN_MS = 50
TEST_SECONDS = 5.0


def block_dbfs(blocks: list[np.ndarray]) -> float:
    """dBFS of float32 blocks in [-1, 1], through the same int16 maths every threshold uses."""
    if not blocks:
        return SILENCE_DB
    samples = np.concatenate(blocks)
    ints = np.clip(np.round(samples * 32767.0), -32768, 32767).astype(np.int16)
    return rms_dbfs(ints)


class LevelTest(QObject):
    """Opens a device for `seconds`, emitting `level(dBFS)` as audio arrives."""

    level = Signal(float)
    finished = Signal(str)  # "" when the test ran to its end, else why it stopped

    def __init__(self, parent: QObject | None = None, seconds: float = TEST_SECONDS) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self.capture: DeviceCapture | None = None
        self.peak = SILENCE_DB
        self._ticks_left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self._drain)

    @property
    def running(self) -> bool:
        return self.capture is not None

    def start(self, ref: str, devices: list[InputDevice] | None = None) -> str:
        """Start on the device saved as `ref`; returns "" or the reason it could not open."""
        self.stop("")
        problem = ""
        hold_device_list()  # the listener must not re-read devices under this stream
        try:
            found = find_by_ref(ref, list_inputs() if devices is None else devices)
            if found is None:
                problem = f"{ref} is not connected: plug it in or pick another input"
            else:
                self.capture = DeviceCapture(found).start()
        except Exception as exc:  # AudioUnavailable, PortAudioError...: the device, not a bug
            problem = f"cannot open {ref}: {exc}"
        if self.capture is None:
            release_device_list()
            return problem or f"cannot open {ref}"
        self.peak = SILENCE_DB
        self._ticks_left = max(1, int(self.seconds * 1000 / DRAIN_MS))
        self._timer.start()
        return ""

    def _drain(self) -> None:
        capture = self.capture
        if capture is None:
            return
        blocks: list[np.ndarray] = []
        while (block := capture.read(0)) is not None:
            blocks.append(block)
        if blocks:
            db = block_dbfs(blocks)
            self.peak = max(self.peak, db)
            self.level.emit(db)
        self._ticks_left -= 1
        if not capture.active:
            self.stop(f"{capture.device.ref} stopped delivering audio (unplugged?)")
        elif self._ticks_left <= 0:
            self.stop("")

    def stop(self, reason: str = "") -> None:
        self._timer.stop()
        capture, self.capture = self.capture, None
        if capture is not None:
            capture.close()
            release_device_list()
            self.finished.emit(reason)
