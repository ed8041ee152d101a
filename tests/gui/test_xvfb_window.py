"""The real overlay on a real X server (Xvfb): it shows, on screen, and every state's
screenshot is a real picture. Screenshots land in tests/artifacts/ to be looked at."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

PY = sys.executable
STATES = ("idle", "prep", "live", "peek", "wrapup", "breathing")


def _env(home: Path, display: str) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display, COMPANION_HOME=str(home))


def _pixels(path: Path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), f"{path} is not a PNG"
    raw = image.constBits().tobytes()
    return np.frombuffer(raw, np.uint8)[: image.height() * image.bytesPerLine()]


def test_demo_screenshots_of_every_state(
    tmp_path: Path, xvfb_display: str, artifacts: Path
) -> None:
    folder = artifacts / "screenshots"
    result = subprocess.run(
        [PY, "-m", "companion", "demo", "--screenshots", str(folder)],
        env=_env(tmp_path / "home", xvfb_display),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.split()
    for state in STATES:
        png = folder / f"{state}.png"
        assert str(png) in printed
        pixels = _pixels(png)
        assert pixels.std() > 10, f"{png} looks blank"
        assert png.stat().st_size < 150_000


def test_overlay_shows_on_the_x_screen(tmp_path: Path, xvfb_display: str, artifacts: Path) -> None:
    home = tmp_path / "home"
    env = _env(home, xvfb_display)
    app = subprocess.Popen(
        [PY, "-m", "companion", "--demo"],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        state = None
        while time.monotonic() < deadline:
            assert app.poll() is None
            state = subprocess.run(
                [PY, "-m", "companion", "call", "state"],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            if "live" in state.stdout:
                break
            time.sleep(0.5)
        assert state is not None and "live" in state.stdout, state
        time.sleep(4)  # a few seconds of the demo call: captions and the first cue
        shot = artifacts / "xvfb-root.png"
        subprocess.run(
            ["import", "-display", xvfb_display, "-window", "root", str(shot)],
            check=True,
            timeout=30,
        )
        pixels = _pixels(shot).reshape(800, 1280, 3)
        # the overlay sits at the top right of the 1280x800 screen; the rest is the bare root
        overlay_area = pixels[40:600, 1280 - 16 - 380 : 1280 - 16]
        assert overlay_area.std() > 10
        assert pixels[700:, :400].std() < 1  # nothing else was drawn
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
