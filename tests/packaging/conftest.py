"""Fixtures for the packaging tests: a clean environment for CLI subprocesses, and one bundle.

`built_bundle` runs the real build (`installers/build.py`, ~35 s once numpy's slim wheel is
cached) once per session into a temporary folder, never the repository's `dist/`; tests that
use it are marked `slow`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Bundle:
    folder: Path
    exe: Path
    build_s: float
    output: str


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment: no user's COMPANION_* settings, no LD_LIBRARY_PATH, offscreen."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "COMPANION_HOME": str(home / "companion"),
        "QT_QPA_PLATFORM": "offscreen",
        "COMPANION_MACHINE_CONFIG": str(home / "no-machine-config.toml"),
    }
    if "ALSA_CONFIG_PATH" in os.environ:
        env["ALSA_CONFIG_PATH"] = os.environ["ALSA_CONFIG_PATH"]
    env.update(extra)
    return env


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m companion ARGS` from source in a clean environment."""

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        full = clean_env(tmp_path, **{"PYTHONPATH": str(ROOT), **env})
        return subprocess.run(
            [sys.executable, "-m", "companion", *args],
            env=full,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def build_bundle(out: Path, *options: str) -> Bundle:
    """Run `installers/build.py` into `out` (the slim numpy wheel comes from the user cache)."""
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "installers" / "build.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
            *options,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,  # the first build on a machine compiles numpy (about 5 minutes on 2 cores)
        check=False,
    )
    build_s = time.monotonic() - started
    assert done.returncode == 0, f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    exe = Path(done.stdout.strip().splitlines()[-1])
    assert exe.is_file(), f"build.py's last line is not the executable: {exe}"
    return Bundle(exe.parent, exe, build_s, done.stdout)


@pytest.fixture(scope="session")
def built_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return build_bundle(tmp_path_factory.mktemp("bundle"))
