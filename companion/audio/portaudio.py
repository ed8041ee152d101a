"""The one place that touches sounddevice's module-level state.

sounddevice loads PortAudio when imported; on a machine without it that raises OSError, which
the app turns into "no audio" instead of a crash. PortAudio also caches its device list at
initialisation and has no hot-plug event: a headset plugged back in stays invisible (and opening
it by name fails) until PortAudio is re-initialised. sounddevice has no public call for that, so
`refresh_device_list` uses its private `_terminate()` / `_initialize()` pair. Only call it when
no stream is open — it invalidates every open stream.
"""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Any

_lock = threading.Lock()


class AudioUnavailable(RuntimeError):
    """PortAudio could not be loaded; the message names the library to install."""


def sounddevice() -> ModuleType:
    try:
        import sounddevice as sd
    except OSError as exc:
        raise AudioUnavailable(
            f"the PortAudio library could not be loaded ({exc}); install libportaudio2 "
            "(Linux) or reinstall Call Companion"
        ) from None
    module: ModuleType = sd
    return module


def refresh_device_list() -> None:
    """Re-read the system's devices so a re-plugged headset can be found by name again."""
    sd = sounddevice()
    with _lock:
        terminate: Any = getattr(sd, "_terminate", None)
        initialize: Any = getattr(sd, "_initialize", None)
        if terminate is None or initialize is None:  # a future sounddevice may rename them
            return
        terminate()
        initialize()
