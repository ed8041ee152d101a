"""`companion call …` as the windowless `CallCompanion.exe` runs it: no console at all.

A windowed PyInstaller app has `sys.stdout` and `sys.stderr` set to None. The softphone only sees
the exit code (3: no overlay), and the request is in the log. Each run here is a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WITHOUT_STREAMS = """
import sys
sys.stdout = None
sys.stderr = None
from companion.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def run_without_streams(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_STREAMS, *args], capture_output=True, timeout=60
    )


@pytest.mark.parametrize("action", ["state", "quit"])  # quit: what the uninstaller runs
def test_call_without_stdout_and_stderr_exits_3_and_logs_it(tmp_path: Path, action: str) -> None:
    done = run_without_streams("--data-dir", str(tmp_path), "call", action)
    assert (done.returncode, done.stdout, done.stderr) == (3, b"", b"")
    log = (tmp_path / "logs" / "companion.log").read_text(encoding="utf-8")
    assert f"call {action}: the overlay is not running" in log


def test_a_bad_command_line_without_streams_is_exit_code_2_not_a_crash(tmp_path: Path) -> None:
    done = run_without_streams("--data-dir", str(tmp_path), "call", "ring")
    assert (done.returncode, done.stderr) == (2, b"")


@pytest.mark.skipif(sys.platform == "win32", reason="closes POSIX file descriptors")
def test_call_start_with_closed_stdout_and_stderr_exits_3(tmp_path: Path) -> None:
    """Started with descriptors 1 and 2 closed, Python itself sets the streams to None."""
    command = ["call", "start", "--number", "5551234"]
    done = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(tmp_path), *command],
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: (os.close(1), os.close(2)),
        timeout=60,
    )
    assert done.returncode == 3
