"""An overlay that cannot start says so on screen: a box with the one-line reason and the log.

The failure is the one a bundle once shipped with: `PySide6.QtNetwork` missing, so importing the
app fails before any window exists (tests/fixtures/broken_install.py reproduces it in the real
`python -m companion` process).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from companion.start_failure import TITLE, failure_reason, message_text
from tests.fixtures.broken_install import MISSING, site_without_qtnetwork

PY = sys.executable
REASON = f"a part of the app is missing ({MISSING}); reinstall Call "


def _without_qtnetwork(tmp_path: Path, **env: str) -> dict[str, str]:
    site = site_without_qtnetwork(tmp_path / "site")
    root = Path(__file__).resolve().parents[2]
    return dict(
        os.environ,
        PYTHONPATH=f"{site}{os.pathsep}{root}",
        COMPANION_HOME=str(tmp_path / "home"),
        **env,
    )


def test_reasons_name_the_fix() -> None:
    assert failure_reason(ModuleNotFoundError("No module named 'x'")) == (
        "a part of the app is missing (No module named 'x'); reinstall Call Companion"
    )
    assert "pass --data-dir" in failure_reason(PermissionError(13, "Permission denied", "/d"))
    assert failure_reason(RuntimeError("boom\nsecond line")) == "RuntimeError: boom second line"
    text = message_text("why", Path("/logs/companion.log"))
    assert text.startswith(f"{TITLE}: why.") and text.endswith("/logs/companion.log.")


def test_without_a_screen_the_reason_is_one_line_and_a_crash_report(tmp_path: Path) -> None:
    env = _without_qtnetwork(tmp_path, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [PY, "-m", "companion"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0] == f"companion: the overlay could not start: {REASON}Companion"
    assert lines[1] == f"companion: details in {tmp_path / 'home' / 'logs' / 'companion.log'}"
    reports = list((tmp_path / "home" / "logs" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "ModuleNotFoundError: No module named 'PySide6.QtNetwork'" in reports[0].read_text()
    assert "the overlay could not start" in (tmp_path / "home/logs/companion.log").read_text()


def _window_named(display: str, title: str, timeout_s: float) -> str | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title],
            env=dict(os.environ, DISPLAY=display),
            capture_output=True,
            text=True,
            check=False,
        )
        if found.stdout.split():
            return found.stdout.split()[0]
        time.sleep(0.2)
    return None


def test_on_a_desktop_a_box_shows_the_reason_and_the_log(
    tmp_path: Path, xvfb_display: str, artifacts: Path
) -> None:
    env = _without_qtnetwork(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=xvfb_display)
    app = subprocess.Popen(
        [PY, "-m", "companion"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        window = _window_named(xvfb_display, TITLE, 60)
        assert window is not None, "no message box appeared"
        time.sleep(0.5)  # drawn
        shot = artifacts / "start-failure-box.png"
        subprocess.run(
            ["import", "-display", xvfb_display, "-window", window, str(shot)],
            check=True,
            timeout=30,
        )
        assert shot.stat().st_size > 2000
        assert app.poll() is None, "the box must wait for the agent"
        # real key events (XTEST) into the focused box, as a keyboard would send them
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window, "key", "Return"],
            env=dict(os.environ, DISPLAY=xvfb_display),
            check=True,
            timeout=30,
        )
        _out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=30)
    assert app.returncode == 1
    assert f"{REASON}Companion" in err
