"""The bundle used as an agent's desk uses it: the bundled overlay runs, and the bundled command a
softphone runs starts and ends a call in it; the call is in the history file afterwards.

A self-test that passes proves the parts; this proves the product opens. The overlay runs
offscreen in a clean environment (no COMPANION_*, no LD_LIBRARY_PATH, the system's Python out of
reach), and every request comes from a second process of the same bundle, as from a softphone.
A bundle with a Qt module missing (the QtNetwork the IPC channel needs, removed from a linked
copy) must fail its self-test and tell the agent why the overlay cannot open.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, Bundle, clean_env

SMOKE = ROOT / "installers" / "bundle_smoke.py"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def test_bundled_overlay_takes_a_call_from_a_second_bundled_process(
    built_bundle: Bundle, tmp_path: Path
) -> None:
    """installers/bundle_smoke.py, the same script the Windows and macOS jobs run."""
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, str(SMOKE), str(built_bundle.exe), "--home", str(home)],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines == [
        "ok    overlay answers: companion: idle",
        "ok    call start: companion: live (call 1)",
        "ok    during the call: companion: live (call 1)",
        "ok    call end: companion: wrapup (call 1)",
        "ok    call quit: companion: wrapup (call 1)",
        next(
            line for line in done.stdout.splitlines() if line.startswith("ok    stored: call 1, ")
        ),
        "ok    log: overlay started, no load failures, no crash report",
        "bundle smoke test: OK",
    ]
    with sqlite3.connect(home / "data" / "companion.db") as db:
        assert db.execute("SELECT count(*) FROM calls WHERE ended_at > started_at").fetchone() == (
            1,
        )


def _copy_without_qtnetwork(bundle: Bundle, folder: Path) -> Path:
    """A hard-linked copy of the bundle (fast, no extra space) minus PySide6.QtNetwork."""
    shutil.copytree(bundle.folder, folder, copy_function=os.link, symlinks=True)
    removed = list((folder / "_internal" / "PySide6").glob("QtNetwork.*"))
    assert removed, "the bundle has no PySide6.QtNetwork module to remove"
    for path in removed:
        path.unlink()
    return folder / bundle.exe.name


def test_bundle_missing_a_qt_module_fails_its_self_test_and_says_why_it_cannot_open(
    built_bundle: Bundle, tmp_path: Path
) -> None:
    exe = _copy_without_qtnetwork(built_bundle, tmp_path / "broken")
    env = clean_env(tmp_path)
    check = subprocess.run(
        [str(exe), "--self-test"], env=env, capture_output=True, text=True, timeout=300
    )
    assert check.returncode == 1, check.stdout + check.stderr
    lines = check.stdout.strip().splitlines()
    assert "FAIL  app: ModuleNotFoundError: No module named 'PySide6.QtNetwork'" in lines
    assert lines[-1].startswith("self-test: FAILED 1 of 10 checks (app)")
    opened = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=120)
    assert opened.returncode == 1
    assert opened.stderr.splitlines()[0] == (
        "companion: the overlay could not start: a part of the app is missing (No module named "
        "'PySide6.QtNetwork'); reinstall Call Companion"
    )


def test_bundled_hotkey_backend_loads_on_an_x_desktop(
    built_bundle: Bundle, tmp_path: Path, xvfb_display: str
) -> None:
    """pynput picks its backend by name at run time; a bundle once lacked it, and the overlay
    then said "Global hotkeys unavailable: pynput could not load" on every desktop."""
    done = subprocess.run(
        [str(built_bundle.exe), "--self-test"],
        env=clean_env(tmp_path, DISPLAY=xvfb_display),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "ok    hotkeys: pynput backend _xorg loads" in done.stdout.splitlines(), done.stdout
