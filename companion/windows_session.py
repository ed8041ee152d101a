"""Windows: let the installer see the running overlay, and let Windows start it again after an
upgrade.

`on_start()` is called once by the overlay (not by `companion call …` or other commands) and does
two things; elsewhere than Windows it does nothing.

- **Named mutexes** `CallCompanionRunning` (this session) and `Global\\CallCompanionRunning`
  (every session), held until the process ends, as Inno Setup's AppMutex topic describes. The
  uninstaller (installers/windows/CallCompanion.iss, `InitializeUninstall`) looks for them, asks
  the overlay to quit, and does not remove files while one is still held. Everyone may open them
  for SYNCHRONIZE, all Inno's OpenMutex asks for, so an all-users uninstall sees overlays in other
  sessions too; the owner and SYSTEM have full access. (Inno's own IDE uses a NULL DACL, which
  would also let anyone change the mutexes' security.)
- **RegisterApplicationRestart**: an upgrade closes the overlay through the Restart Manager (the
  installer's `CloseApplications=force`) and the Restart Manager starts it again after the
  install (`RestartApplications=yes`), only for processes registered here. The arguments carry
  the data folder (`--data-dir`) when one was chosen, as an absolute path: the Restart Manager
  restores neither the working folder nor the environment. After a crash or a hang it is not
  restarted (the same choice Inno's IDE makes): the crash report is offered at the next start,
  and a crash that comes from a driver or a model would only come back.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

MUTEX_NAME = "CallCompanionRunning"
MUTEX_NAMES = (MUTEX_NAME, f"Global\\{MUTEX_NAME}")
# owner and SYSTEM: all access; Everyone: SYNCHRONIZE (0x00100000), enough to open and wait
MUTEX_SDDL = "D:(A;;GA;;;OW)(A;;GA;;;SY)(A;;0x00100000;;;WD)"

RESTART_NO_CRASH = 0x1
RESTART_NO_HANG = 0x2
RESTART_NO_PATCH = 0x4
RESTART_NO_REBOOT = 0x8
RESTART_FLAGS = RESTART_NO_CRASH | RESTART_NO_HANG  # restart after updates and update reboots
RESTART_MAX_CMD_LINE = 1024
S_OK = 0


def restart_arguments(home: Path | None) -> str | None:
    """The arguments the overlay is restarted with (Windows adds the program itself).

    "" for the usual folders; None when the data folder's path is too long to register, so the
    overlay is not restarted on the wrong data rather than restarted on the right one.
    """
    if home is None:
        return ""
    arguments = subprocess.list2cmdline(["--data-dir", str(home.absolute())])
    return arguments if len(arguments) < RESTART_MAX_CMD_LINE else None


@dataclass
class WindowsSession:
    """What `on_start` did: the mutex handles it holds and the restart registration's HRESULT."""

    mutexes: dict[str, int] = field(default_factory=dict)
    restart_hresult: int | None = None  # None: not registered
    problems: list[str] = field(default_factory=list)

    def close(self) -> None:
        """Release the mutexes and the registration (tests; the app keeps them until it exits,
        when Windows closes the handles)."""
        if sys.platform == "win32":
            _close(self)
        self.mutexes.clear()
        self.restart_hresult = None
        if self in _held:
            _held.remove(self)


def _hex(hresult: int) -> str:
    return f"0x{hresult & 0xFFFFFFFF:08x}"


_held: list[WindowsSession] = []  # the session of this process, alive as long as it is


def on_start(home: Path | None = None) -> WindowsSession | None:
    """Hold the installer's mutexes and register for restart; None elsewhere than Windows.

    `home` is the data folder given with `--data-dir`/`COMPANION_HOME` (`AppPaths.home`). Failures
    are logged and never stop the overlay: without them an upgrade only asks the agent to close it.
    """
    if sys.platform == "win32":
        if _held:
            return _held[0]
        session = _start(home)
        _held.append(session)
        for problem in session.problems:
            log.warning("windows session: %s", problem)
        log.info(
            "windows session: holding %s; restart registration %s",
            ", ".join(session.mutexes) or "no mutex",
            "none" if session.restart_hresult is None else _hex(session.restart_hresult),
        )
        return session
    return None


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    class _SecurityAttributes(ctypes.Structure):
        _fields_ = [
            ("nLength", wintypes.DWORD),
            ("lpSecurityDescriptor", wintypes.LPVOID),
            ("bInheritHandle", wintypes.BOOL),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    _kernel32.CreateMutexW.argtypes = [
        ctypes.POINTER(_SecurityAttributes),
        wintypes.BOOL,
        wintypes.LPCWSTR,
    ]
    _kernel32.CreateMutexW.restype = wintypes.HANDLE
    _kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    _kernel32.CloseHandle.restype = wintypes.BOOL
    _kernel32.LocalFree.argtypes = [wintypes.HLOCAL]
    _kernel32.LocalFree.restype = wintypes.HLOCAL
    _kernel32.RegisterApplicationRestart.argtypes = [wintypes.LPCWSTR, wintypes.DWORD]
    _kernel32.RegisterApplicationRestart.restype = ctypes.c_long
    _kernel32.UnregisterApplicationRestart.argtypes = []
    _kernel32.UnregisterApplicationRestart.restype = ctypes.c_long
    _convert_sddl = _advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW
    _convert_sddl.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.LPVOID),
        ctypes.POINTER(wintypes.ULONG),
    ]
    _convert_sddl.restype = wintypes.BOOL
    _SDDL_REVISION_1 = 1
    _ERROR_ALREADY_EXISTS = 183

    def _start(home: Path | None) -> WindowsSession:
        session = WindowsSession()
        descriptor = wintypes.LPVOID()
        if not _convert_sddl(MUTEX_SDDL, _SDDL_REVISION_1, ctypes.byref(descriptor), None):
            session.problems.append(
                f"mutex security not built (error {ctypes.get_last_error()}); default security"
            )
            descriptor = wintypes.LPVOID()
        attributes = _SecurityAttributes(
            ctypes.sizeof(_SecurityAttributes), descriptor.value, False
        )
        try:
            for name in MUTEX_NAMES:
                handle = _kernel32.CreateMutexW(ctypes.byref(attributes), False, name)
                error = ctypes.get_last_error()
                if not handle:  # e.g. another account created it first with its own security
                    session.problems.append(f"mutex {name} not created (error {error})")
                    continue
                session.mutexes[name] = handle
                if error == _ERROR_ALREADY_EXISTS:  # another overlay (another data folder)
                    log.info("windows session: mutex %s already existed", name)
        finally:
            if descriptor.value:
                _kernel32.LocalFree(descriptor.value)
        arguments = restart_arguments(home)
        if arguments is None:
            session.problems.append(
                f"not registered for restart: the data folder's path is too long ({home})"
            )
            return session
        session.restart_hresult = int(
            _kernel32.RegisterApplicationRestart(arguments or None, RESTART_FLAGS)
        )
        if session.restart_hresult != S_OK:
            session.problems.append(
                f"RegisterApplicationRestart failed ({_hex(session.restart_hresult)})"
            )
        return session

    def _close(session: WindowsSession) -> None:
        for handle in session.mutexes.values():
            _kernel32.CloseHandle(handle)
        if session.restart_hresult == S_OK:
            _kernel32.UnregisterApplicationRestart()
