"""Settings → Devices: the microphone and the caller channel from the real input list, and a
level test.

Devices are saved by `InputDevice.ref` ("name [host API]"), never by index. A saved device that
is not plugged in stays selected, marked "not connected", so opening settings never forgets it.
The caller channel is opt-in: "None" saves an empty value (the declared "mic-only cues").
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QWidget,
)

from companion.audio.devices import InputDevice, choose_agent_device, list_inputs
from companion.audio.levels import SILENCE_DB
from companion.ui.level_test import LevelTest
from companion.ui.plain_text import PlainLabel

FLOOR_DB = -60.0
AUTOMATIC = "Automatic: a headset, else the system default"
NO_CALLER = "None: mic-only cues"


def _device_combo(first: str, devices: list[InputDevice], saved: str, caller: bool) -> QComboBox:
    combo = QComboBox()
    combo.addItem(first, "")
    ordered = sorted(devices, key=lambda d: not d.looks_like_loopback) if caller else devices
    for device in ordered:
        note = " (default)" if device.is_default else ""
        combo.addItem(device.ref + note, device.ref)
    saved = "" if saved.strip().lower() == "none" else saved
    if saved and combo.findData(saved) < 0:
        combo.addItem(f"{saved} (not connected)", saved)
    combo.setCurrentIndex(max(0, combo.findData(saved)))
    return combo


class DevicesPage(QWidget):
    """The device pickers, the level meter, and a form the window adds the other audio keys to."""

    def __init__(self, agent_saved: str, caller_saved: str) -> None:
        super().__init__()
        self.form = QFormLayout(self)
        self.devices: list[InputDevice] = []
        self.problem = ""
        try:
            self.devices = list_inputs()
        except Exception as exc:  # no PortAudio, no sound system: say so, keep the page usable
            self.problem = f"Cannot list audio inputs: {exc}"
        self.agent = _device_combo(AUTOMATIC, self.devices, agent_saved, caller=False)
        self.caller = _device_combo(NO_CALLER, self.devices, caller_saved, caller=True)
        self.test_agent = QPushButton("Test level")
        self.test_agent.setAccessibleName("Test microphone level")
        self.test_caller = QPushButton("Test level")
        self.test_caller.setAccessibleName("Test caller channel level")
        self.meter = QProgressBar()
        self.meter.setObjectName("levelMeter")
        self.meter.setAccessibleName("Input level")
        self.meter.setRange(int(FLOOR_DB), 0)
        self.meter.setValue(int(FLOOR_DB))
        self.meter.setFormat("—")
        self.status = PlainLabel(self.problem or "Speak into the chosen input during the test.")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.tester = LevelTest(self)
        self.tester.level.connect(self.show_level)
        self.tester.finished.connect(self._finished)
        self.test_agent.clicked.connect(lambda: self.start_test(self.agent_ref()))
        self.test_caller.clicked.connect(lambda: self.start_test(self.caller_ref()))
        self.form.addRow("Microphone", self._row(self.agent, self.test_agent))
        self.form.addRow("Caller channel", self._row(self.caller, self.test_caller))
        self.form.addRow("Level", self.meter)
        self.form.addRow("", self.status)

    @staticmethod
    def _row(combo: QComboBox, button: QPushButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(combo, 1)
        row.addWidget(button)
        return box

    def agent_ref(self) -> str:
        chosen = str(self.agent.currentData() or "")
        if chosen or not self.devices:
            return chosen
        return choose_agent_device("", self.devices).ref

    def caller_ref(self) -> str:
        return str(self.caller.currentData() or "")

    def start_test(self, ref: str) -> None:
        if not ref:
            self.status.setText("Pick an input first.")
            return
        problem = self.tester.start(ref)
        if problem:
            self.status.setText(problem)
            return
        self.show_level(SILENCE_DB)
        self.status.setText(f"Testing {ref}… speak now.")
        self.test_agent.setEnabled(False)
        self.test_caller.setEnabled(False)

    def show_level(self, db: float) -> None:
        shown = max(FLOOR_DB, min(0.0, db))
        self.meter.setValue(round(shown))
        self.meter.setFormat(f"{db:.0f} dBFS" if db > SILENCE_DB else "silence")

    def _finished(self, reason: str) -> None:
        self.test_agent.setEnabled(True)
        self.test_caller.setEnabled(True)
        if reason:
            self.status.setText(reason)
            return
        peak = self.tester.peak
        verdict = (
            "no sound: check the input and that it is not muted"
            if peak < -55
            else "quiet: move the mic closer or raise its gain"
            if peak < -35
            else "good"
        )
        self.status.setText(f"Loudest: {peak:.0f} dBFS — {verdict}.")

    def stop_test(self) -> None:
        self.tester.stop("")
