"""Windows: the overlay's installer mutexes and its restart registration, through the real API.

What the installer does with them (Restart Manager, the uninstaller's mutex check) is exercised
by the installers workflow; here the process itself checks what Windows recorded.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from ctypes import wintypes
from pathlib import Path

import pytest

from companion.windows_session import (
    MUTEX_NAMES,
    RESTART_FLAGS,
    RESTART_MAX_CMD_LINE,
    S_OK,
    WindowsSession,
    on_start,
    restart_arguments,
)

SYNCHRONIZE = 0x00100000
ERROR_FILE_NOT_FOUND = 2

kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
kernel32.OpenMutexW.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.LPCWSTR]
kernel32.OpenMutexW.restype = wintypes.HANDLE
kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
kernel32.GetCurrentProcess.restype = wintypes.HANDLE
kernel32.GetApplicationRestartSettings.argtypes = [
    wintypes.HANDLE,
    wintypes.LPWSTR,
    ctypes.POINTER(wintypes.DWORD),
    ctypes.POINTER(wintypes.DWORD),
]
kernel32.GetApplicationRestartSettings.restype = ctypes.c_long


def mutex_exists(name: str) -> bool:
    """As Inno Setup's CheckForMutexes: OpenMutex for SYNCHRONIZE."""
    handle = kernel32.OpenMutexW(SYNCHRONIZE, False, name)
    if handle:
        kernel32.CloseHandle(handle)
        return True
    assert ctypes.get_last_error() == ERROR_FILE_NOT_FOUND
    return False


def restart_settings() -> tuple[int, str, int]:
    size = wintypes.DWORD(RESTART_MAX_CMD_LINE)
    flags = wintypes.DWORD(0)
    buffer = ctypes.create_unicode_buffer(RESTART_MAX_CMD_LINE)
    result = kernel32.GetApplicationRestartSettings(
        kernel32.GetCurrentProcess(), buffer, ctypes.byref(size), ctypes.byref(flags)
    )
    return result, buffer.value, flags.value


Starter = Callable[[Path | None], WindowsSession]


@pytest.fixture
def started() -> Iterator[Starter]:
    holder: list[WindowsSession] = []

    def start(home: Path | None) -> WindowsSession:
        session = on_start(home)
        assert session is not None
        holder.append(session)
        return session

    yield start
    for session in holder:
        session.close()


def test_the_mutexes_exist_while_the_session_holds_them(started: Starter, tmp_path: Path) -> None:
    assert not any(mutex_exists(name) for name in MUTEX_NAMES)
    session = started(tmp_path / "home")
    assert session.problems == []
    assert set(session.mutexes) == set(MUTEX_NAMES)
    assert all(mutex_exists(name) for name in MUTEX_NAMES)
    assert on_start(tmp_path / "other") is session  # once per process
    session.close()
    assert not any(mutex_exists(name) for name in MUTEX_NAMES)


def test_the_overlay_is_registered_for_restart_with_its_data_folder(
    started: Starter, tmp_path: Path
) -> None:
    home = tmp_path / "agent home"
    session = started(home)
    assert session.restart_hresult == S_OK
    result, arguments, flags = restart_settings()
    assert result == S_OK
    assert arguments == restart_arguments(home) == f'--data-dir "{home}"'
    assert flags == RESTART_FLAGS


def test_the_usual_folders_register_without_arguments(started: Starter) -> None:
    session = started(None)
    assert session.restart_hresult == S_OK and session.problems == []
