"""Tests of one operating system's native behaviour, run by that OS's CI job.

`test_windows_*.py` runs on Windows and `test_macos_*.py` on macOS (the installers workflow runs
them on hosted runners); they call that OS's own APIs, so elsewhere they are not collected at
all rather than skipped. What can be checked on every OS (the pure choices behind them) is
tested in the ordinary suites.
"""

from __future__ import annotations

import sys

collect_ignore_glob = [
    pattern
    for pattern, platform in (("test_windows_*.py", "win32"), ("test_macos_*.py", "darwin"))
    if sys.platform != platform
]
