"""The one place that touches sounddevice's module-level state.

sounddevice loads PortAudio when imported; on a machine without it that raises OSError, which
the app turns into "no audio" instead of a crash. PortAudio also caches its device list at
initialisation and has no hot-plug event: a headset plugged back in stays invisible (and opening
it by name fails) until PortAudio is re-initialised. sounddevice has no public call for that, so
`refresh_device_list` uses its private `_terminate()` / `_initialize()` pair. It invalidates
every open stream: the listener closes its own first, and any other stream (the settings level
test) holds the device list (`hold_device_list`) while it is open, which makes a refresh skip.
"""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Any

from companion.errors import KnownError

_lock = threading.Lock()
_holds = 0  # streams opened outside the listener; a refresh would pull them from under them


class AudioUnavailable(KnownError, RuntimeError):
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


def refresh_device_list() -> bool:
    """Re-read the system's devices so a re-plugged headset can be found by name again.

    False when it was skipped: a held stream is open, or this sounddevice has no way to do it."""
    sd = sounddevice()
    with _lock:
        terminate: Any = getattr(sd, "_terminate", None)
        initialize: Any = getattr(sd, "_initialize", None)
        if _holds or terminate is None or initialize is None:
            return False
        terminate()
        initialize()
        return True


def hold_device_list() -> None:
    """Before opening a stream outside the listener: no refresh until `release_device_list`
    (and none is half-way through when this returns)."""
    global _holds
    with _lock:
        _holds += 1


def device_list_held() -> bool:
    return _holds > 0


def release_device_list() -> None:
    global _holds
    with _lock:
        _holds = max(0, _holds - 1)
