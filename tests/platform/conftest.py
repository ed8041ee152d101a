"""Tests of one operating system's native behaviour, run by that OS's CI job.

`test_windows_*.py` runs on Windows and `test_macos_*.py` on macOS (the installers workflow runs
them on hosted runners); they call that OS's own APIs, so elsewhere they are not collected at
all rather than skipped. What can be checked on every OS (the pure choices behind them) is
tested in the ordinary suites.
"""

from __future__ import annotations

import sys

import pytest

collect_ignore_glob = [
    pattern
    for pattern, platform in (("test_windows_*.py", "win32"), ("test_macos_*.py", "darwin"))
    if sys.platform != platform
]


@pytest.fixture
def cocoa(qapp):  # type: ignore[no-untyped-def]
    """Qt on macOS's own platform: the native window and hot keys live only there."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() != "cocoa":
        pytest.fail(
            f"Qt runs on {QGuiApplication.platformName()!r}: set QT_QPA_PLATFORM=cocoa "
            "to test the native window and hot keys"
        )
    return qapp
