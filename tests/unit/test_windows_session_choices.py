"""The choices behind the Windows session (installer mutexes, restart after an upgrade), here.

The Windows calls themselves run on Windows: tests/platform/test_windows_session.py.
"""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

import pytest

from companion import windows_session
from companion.windows_session import (
    MUTEX_NAMES,
    RESTART_FLAGS,
    RESTART_MAX_CMD_LINE,
    RESTART_NO_CRASH,
    RESTART_NO_HANG,
    RESTART_NO_PATCH,
    RESTART_NO_REBOOT,
    on_start,
    restart_arguments,
)


def test_the_mutex_names_are_the_ones_the_installer_checks():
    script = Path(__file__).parents[2] / "installers" / "windows" / "CallCompanion.iss"
    text = script.read_text(encoding="utf-8")
    assert MUTEX_NAMES == ("CallCompanionRunning", "Global\\CallCompanionRunning")
    assert "RunningMutex = 'CallCompanionRunning';" in text
    assert "'Global\\' + RunningMutex" in text


def test_restarted_after_an_update_and_its_reboot_not_after_a_crash_or_hang():
    assert RESTART_FLAGS & (RESTART_NO_PATCH | RESTART_NO_REBOOT) == 0
    assert RESTART_FLAGS & RESTART_NO_CRASH and RESTART_FLAGS & RESTART_NO_HANG


def test_the_restart_arguments_carry_the_chosen_data_folder_quoted(tmp_path):
    assert restart_arguments(None) == ""
    home = tmp_path / "José Müller" / "call companion"
    assert restart_arguments(home) == f'--data-dir "{home}"'
    assert " " not in str(tmp_path)
    assert restart_arguments(tmp_path / "cc") == f"--data-dir {tmp_path / 'cc'}"


def test_a_relative_data_folder_is_registered_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert restart_arguments(Path("home")) == f"--data-dir {tmp_path / 'home'}"


def test_a_data_folder_too_long_to_register_is_not_registered_at_all():
    long_home = PureWindowsPath("C:/") / ("d" * RESTART_MAX_CMD_LINE)
    assert restart_arguments(Path(str(long_home))) is None


@pytest.mark.skipif(sys.platform == "win32", reason="elsewhere than Windows only")
def test_elsewhere_than_windows_on_start_does_nothing(tmp_path):
    assert on_start(tmp_path) is None
    assert windows_session._held == []
