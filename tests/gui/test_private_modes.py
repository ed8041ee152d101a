"""Everything the app writes is private to the agent: folders 0700, files 0600, whatever the
umask, on every path that creates them, and folders an older version left open are closed.
Real processes (the overlay, the command line) on a real data folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gui.app_procs import PY, offscreen_env, quit_or_kill

pytestmark = [pytest.mark.gui, pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")]


def modes(home: Path) -> dict[str, str]:
    """Every path under `home` that is readable, writable or searchable by others."""
    found = {}
    for path in [home, *home.rglob("*")]:
        if path.is_symlink() or path.is_socket():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        want = 0o700 if path.is_dir() else 0o600
        if mode & 0o077 or (path.is_dir() and mode != want):
            found[str(path.relative_to(home))] = oct(mode)
    return found


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PY, "-m", "companion", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COMPANION_MODEL": "none"},
        preexec_fn=lambda: os.umask(0o022),  # the usual desktop umask: group and others read
    )


def test_the_overlay_and_the_commands_write_only_private_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = offscreen_env(home)
    overlay = subprocess.Popen(
        [PY, "-m", "companion"], env=env, text=True, preexec_fn=lambda: os.umask(0o022)
    )
    try:
        deadline = time.monotonic() + 60
        while (
            not (home / "data" / "companion.db").exists() or run(home, "call", "state").returncode
        ):
            assert overlay.poll() is None and time.monotonic() < deadline
            time.sleep(0.3)
        assert run(home, "call", "start", "--number", "+44 20 7946 0958").returncode == 0
        assert run(home, "call", "end").returncode == 0
        assert run(home, "call", "quit").returncode == 0
        overlay.wait(timeout=30)
    finally:
        if overlay.poll() is None:
            quit_or_kill(overlay)
    assert run(home, "export", "--out", str(home / "calls.json")).returncode == 0
    assert run(home, "profiles", "copy", "standard", "my-team").returncode == 0
    created = sorted(p.relative_to(home).as_posix() for p in home.rglob("*"))
    for expected in ("data/companion.db", "logs/companion.log", "config/profiles/my-team.toml"):
        assert expected in created, created
    assert modes(home) == {}


def test_folders_an_older_version_left_open_are_closed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("data", "config", "logs", "cache"):
        (home / name).mkdir(parents=True)
        (home / name).chmod(0o755)
    home.chmod(0o755)
    assert run(home, "doctor").returncode == 0
    assert modes(home) == {}
