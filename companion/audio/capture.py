"""Capture from one input device: the PortAudio callback only copies into a bounded buffer.

The callback runs on PortAudio's real-time thread; anything slow there (resampling, VAD, Vosk,
logging, locks held by the UI) causes dropouts. So it copies the block into a queue and notes
the time, nothing more. A worker drains the queue. When the worker falls behind by more than
the buffer (10 s), the newest blocks are dropped and counted rather than blocking the callback.
"""

from __future__ import annotations

import queue
import time
from typing import Any

import numpy as np
import numpy.typing as npt

from companion.audio.devices import InputDevice
from companion.audio.portaudio import sounddevice

BLOCK_SECONDS = 0.02
BUFFER_SECONDS = 10.0


class DeviceCapture:
    """An open input stream at the device's native rate, mono float32 blocks in a queue."""

    def __init__(self, device: InputDevice) -> None:
        self.device = device
        self.rate = float(device.default_rate)
        blocksize = max(1, int(self.rate * BLOCK_SECONDS))
        # (monotonic arrival time, block): the arrival time lets the worker notice audio the
        # driver never delivered and keep the call clock honest.
        self.buffer: queue.Queue[tuple[float, npt.NDArray[np.float32]]] = queue.Queue(
            maxsize=int(BUFFER_SECONDS / BLOCK_SECONDS)
        )
        self.dropped_blocks = 0
        self.last_data = time.monotonic()
        self.failed = False
        self.opened_at = time.monotonic()
        sd = sounddevice()
        self._stream: Any = sd.InputStream(
            device=device.index,
            samplerate=self.rate,
            channels=1,
            dtype="float32",
            blocksize=blocksize,
            latency="low",
            callback=self._callback,
            finished_callback=self._finished,
        )

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        now = time.monotonic()
        try:
            self.buffer.put_nowait((now, indata[:, 0].copy()))
        except queue.Full:
            self.dropped_blocks += 1
        self.last_data = now

    def _finished(self) -> None:
        self.failed = True

    def start(self) -> DeviceCapture:
        try:
            self._stream.start()
        except Exception:
            self.close()
            raise
        self.opened_at = self.last_data = time.monotonic()
        return self

    @property
    def active(self) -> bool:
        return not self.failed and bool(self._stream.active)

    def silent_for(self, now: float) -> float:
        return now - self.last_data

    def read(self, timeout: float) -> npt.NDArray[np.float32] | None:
        timed = self.read_timed(timeout)
        return None if timed is None else timed[1]

    def read_timed(self, timeout: float) -> tuple[float, npt.NDArray[np.float32]] | None:
        """The next block with the monotonic time its callback ran."""
        try:
            return self.buffer.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        try:
            self._stream.abort(ignore_errors=True)
            self._stream.close(ignore_errors=True)
        except Exception:
            pass
