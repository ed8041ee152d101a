"""An agent's shift as it is lived, on a real X server: nothing the agent should see is hidden.

The overlay runs as its own process on Xvfb with the Korean test model (the real Vosk engine),
the two virtual microphones and baresip. sipp calls baresip from the caller's number: prep
opens with the caller; the agent answers in baresip (a key on its console); real recorded
English speech plays on both microphones, the agent starting to talk before the caller has
finished; the cue engine fires. The screenshot taken right after the cue
reaches the history file must show the cue's words (read back with OCR). The caller hangs up,
the note is typed with real key events (xdotool, XTEST) and saved with Ctrl+Enter, breathing
starts, and the caller's next call shows that note in prep.

The same shift runs twice: with the panel opening on every call (the default), and with the
panel collapsed by the agent (Ctrl+Shift+O, the system-wide hotkey) and `ui.open_panel_on_call`
off, where the cue must drop out under the bar. The second runs with both cores kept busy
(`busy_machine`), as on an agent's laptop with a CRM and a browser open. Screenshots of every
step are kept in tests/artifacts/shift-*/ to be looked at.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from companion.logsetup import LOG_NAME
from tests.audio.conftest import (
    clean_clips,  # noqa: F401  (the session fixture, reused here)
    compose,
    write_wav,
)
from tests.gui.app_procs import quit_or_kill
from tests.softphone.conftest import CALLER, Baresip, place_call, wait_until

PY = sys.executable
RATE = 16000
SCREEN = (1280, 800)
OVERLAY_X = SCREEN[0] - 16 - 380  # the overlay's default spot: top right
OCR_COLUMN = f"420x{SCREEN[1]}+{OVERLAY_X - 20}+0"  # the overlay with a margin, whole height
REASON = "Double charge on the October bill"  # comes back in the next call's prep
pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.timeout(600)]


class Shift:
    """The overlay process and what the test does as the agent and as the softphone."""

    def __init__(self, home: Path, display: str, phone: Baresip, shots: Path) -> None:
        self.home, self.display, self.phone, self.shots = home, display, phone, shots
        self.env = dict(
            os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display, COMPANION_HOME=str(home)
        )
        self.calls: list[threading.Thread] = []

    def state(self) -> str:
        done = subprocess.run(
            [PY, "-m", "companion", "call", "state"],
            env=dict(self.env, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.stdout.strip()

    def log(self) -> str:
        path = self.home / "logs" / LOG_NAME
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def shot(self, name: str) -> Path:
        """A screenshot of the whole X screen, and its OCR text (of the overlay's column)."""
        path = self.shots / f"{name}.png"
        subprocess.run(
            ["import", "-display", self.display, "-window", "root", str(path)],
            check=True,
            timeout=30,
        )
        return path

    def ocr(self, path: Path) -> str:
        crop = path.with_suffix(".ocr.png")
        subprocess.run(
            [
                *("convert", str(path), "-crop", OCR_COLUMN),
                *("+repage", "-resize", "300%", "-colorspace", "Gray", "-negate"),
                *("-threshold", "55%", str(crop)),  # black text on white: what tesseract reads
            ],
            check=True,
            timeout=60,
        )
        text = subprocess.run(
            ["tesseract", str(crop), "-"], capture_output=True, text=True, timeout=120
        ).stdout
        (path.with_suffix(".txt")).write_text(text, encoding="utf-8")
        return " ".join(text.split())

    def xdotool(self, *args: str) -> None:
        subprocess.run(
            ["xdotool", *args], env=dict(os.environ, DISPLAY=self.display), check=True, timeout=60
        )

    def ring(self, hold_ms: int) -> None:
        """sipp calls baresip from the caller's number; it hangs up `hold_ms` after the answer."""
        folder = self.home.parent / f"sipp{len(self.calls)}"
        folder.mkdir()
        call = threading.Thread(
            target=place_call,
            args=(folder, self.phone.sip_port, "inbound_call.xml"),
            kwargs={"hold_ms": hold_ms, "timeout_s": 90},
        )
        call.start()
        self.calls.append(call)

    def cue_rows(self, call_id: int) -> list[tuple[str, str]]:
        with sqlite3.connect(self.home / "data" / "companion.db") as db:
            rows = db.execute(
                "SELECT kind, message FROM cue_events WHERE call_id = ? ORDER BY t", (call_id,)
            ).fetchall()
        return [(str(kind), str(message)) for kind, message in rows]


def _speech(clips: list[npt.NDArray[np.int16]], folder: Path) -> tuple[Path, Path]:
    """(agent, caller) WAVs: the caller explains; the agent starts replying 1.2 s before the
    caller has finished."""
    caller_clip, agent_clip = clips[1], clips[3]
    caller_end = 0.6 + caller_clip.shape[0] / RATE
    agent_at = caller_end - 1.2
    total = agent_at + agent_clip.shape[0] / RATE + 1.0
    caller = compose(total, [(0.6, caller_clip, 0.0)])
    agent = compose(total, [(agent_at, agent_clip, 0.0)])
    return write_wav(folder / "agent.wav", agent), write_wav(folder / "caller.wav", caller)


def _words(message: str, n: int = 3) -> str:
    """The first words of a cue's message, as OCR reads them back (letters only)."""
    return " ".join(message.replace(":", " ").split()[:n])


def _run_shift(
    shift: Shift,
    speech: tuple[Path, Path],
    vmics,
    *,
    collapsed: bool,  # type: ignore[no-untyped-def]
) -> None:
    s = shift
    # -- before the call: the agent keeps the panel collapsed (the hotkey, twice: open, close)
    if collapsed:
        for _ in range(2):
            s.xdotool("key", "ctrl+shift+o")
            time.sleep(0.5)
        assert '"panel_open": false' in (s.home / "config" / "window.json").read_text()
    s.shot("0-idle")
    # -- the caller rings: prep opens with them
    s.ring(hold_ms=16000)
    assert wait_until(lambda: s.state() == "companion: prep", limit=30), s.log()
    time.sleep(0.8)
    prep = s.ocr(s.shot("1-prep"))
    assert CALLER in prep.replace(" ", ""), prep
    # -- the agent answers in the softphone: live
    s.phone.press("a")
    assert wait_until(lambda: s.state() == "companion: live (call 1)", limit=30), s.log()
    agent_wav, caller_wav = speech
    vmics.play("caller", caller_wav)
    vmics.play("agent", agent_wav)
    # -- a cue fires: a screenshot within a second of it shows the card
    assert wait_until(lambda: bool(s.cue_rows(1)), limit=30), s.log()
    stored_at = time.monotonic()
    shots = []
    while not shots or time.monotonic() - stored_at < 1.0:
        shots.append((time.monotonic() - stored_at, s.shot(f"2-live-cue-{len(shots)}")))
        time.sleep(0.15)
    rows = s.cue_rows(1)
    words = [_words(message).lower() for _kind, message in rows]
    shown = [(after, path) for after, path in shots if any(w in s.ocr(path).lower() for w in words)]
    print(f"\ncues {rows}; shown in {[round(a, 2) for a, _ in shown]} of {len(shots)} shots")
    assert shown and shown[0][0] < 1.0, (rows, [s.ocr(p) for _, p in shots])
    shown[0][1].rename(s.shots / "2-live-cue.png")
    # -- the caller hangs up: the note
    assert wait_until(lambda: s.state() == "companion: wrapup (call 1)", limit=40), s.log()
    time.sleep(0.8)
    s.shot("3-note-open")
    window = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^Call Companion$"],
        env=dict(os.environ, DISPLAY=s.display),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    s.xdotool("windowfocus", "--sync", window)
    # focus is in "What the caller needed"; back to the reason, then forward through the form
    s.xdotool("key", "shift+Tab", "shift+Tab", "b", "Tab")
    s.xdotool("type", "--delay", "20", REASON)
    s.xdotool("key", "Tab")
    s.xdotool("type", "--delay", "20", "A refund for the double charge")
    s.xdotool("key", "Tab")
    s.xdotool("type", "--delay", "20", "Raised the refund and confirmed it by email")
    s.xdotool("key", "Tab", "r", "Tab", "3")
    time.sleep(0.5)
    s.shot("4-note-typed")
    s.xdotool("key", "ctrl+Return")
    assert wait_until(lambda: s.state().startswith("companion: breathing"), limit=20), s.ocr(
        s.shot("4-note-not-saved")
    )
    time.sleep(1.5)
    breathing = s.ocr(s.shot("5-breathing"))
    assert "breath" in breathing.lower(), breathing
    # -- the same caller calls again: their prep shows the note just saved
    s.ring(hold_ms=1000)
    assert wait_until(lambda: s.state() == "companion: prep", limit=30), s.log()
    time.sleep(0.8)
    again = s.ocr(s.shot("6-next-prep"))
    assert "october bill" in again.lower() and "billing" in again.lower(), again
    s.phone.press("b")  # the agent declines this one
    assert wait_until(lambda: not s.state().startswith("companion: prep"), limit=30)


@pytest.mark.parametrize("collapsed", [False, True], ids=["panel-opens", "panel-collapsed"])
def test_a_shift_with_a_softphone_shows_every_cue(
    collapsed: bool,
    start_baresip: Callable[..., Baresip],
    vmics,  # type: ignore[no-untyped-def]
    xvfb_display: str,
    korean_model: Path,
    clean_clips: list[npt.NDArray[np.int16]],  # noqa: F811
    tmp_path: Path,
    artifacts: Path,
    request: pytest.FixtureRequest,
) -> None:
    if collapsed:
        request.getfixturevalue("busy_machine")
    phone = start_baresip(auto_answer=False)
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        "\n".join(
            [
                "[audio]",
                'agent_device = "vmic_agent"',
                'caller_device = "vmic_caller"',
                "[softphone]",
                f'baresip = "127.0.0.1:{phone.ctrl_port}"',
                "[ui]",
                f"open_panel_on_call = {'false' if collapsed else 'true'}",
                "",
            ]
        ),
        encoding="utf-8",
    )
    shots = artifacts / f"shift-{'collapsed' if collapsed else 'open'}"
    shots.mkdir(parents=True, exist_ok=True)
    shift = Shift(home, xvfb_display, phone, shots)
    speech = _speech(clean_clips, tmp_path)
    app = subprocess.Popen(
        [PY, "-m", "companion"],
        env=dict(shift.env, COMPANION_MODEL=str(korean_model)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = ("following baresip at", "global hotkeys listening")
        assert wait_until(lambda: all(r in shift.log() for r in ready), limit=60), shift.log()
        _run_shift(shift, speech, vmics, collapsed=collapsed)
        assert "Traceback" not in shift.log()
    finally:
        quit_or_kill(app)
        for call in shift.calls:
            call.join(120)
