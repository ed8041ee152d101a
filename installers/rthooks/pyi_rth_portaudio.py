"""Runtime hook: make sounddevice load the PortAudio library shipped inside the bundle.

sounddevice finds PortAudio with `ctypes.util.find_library("portaudio")`. In a frozen app that
asks the *system*: on a workstation without PortAudio the import fails, and on one with a
different PortAudio (Homebrew, a distro package) the app would silently use that instead of
the copy it was tested with. This hook runs before any app code and answers that one lookup with
the bundled file; every other lookup goes to the original function.
"""

import ctypes.util
import os
import sys
from pathlib import Path


def _bundled_portaudio() -> str | None:
    base = Path(getattr(sys, "_MEIPASS", os.path.dirname(sys.executable)))
    wheel_dir = base / "_sounddevice_data" / "portaudio-binaries"  # Windows and macOS wheels
    found = sorted(wheel_dir.glob("libportaudio*")) + sorted(base.glob("libportaudio*"))
    found = [p for p in found if p.suffix in (".dll", ".dylib") or ".so" in p.name]
    if sys.platform == "win32":
        bits = "64bit" if sys.maxsize > 2**32 else "32bit"
        asio = "SD_ENABLE_ASIO" in os.environ
        found = [p for p in found if bits in p.name and ("asio" in p.name) == asio] or found
    return str(found[0]) if found else None


_BUNDLED = _bundled_portaudio()
_system_find_library = ctypes.util.find_library


def _find_library(name: str) -> str | None:
    if name == "portaudio" and _BUNDLED is not None:
        return _BUNDLED
    return _system_find_library(name)


ctypes.util.find_library = _find_library
