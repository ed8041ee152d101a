"""When the overlay cannot open, the agent is told on screen, not only in a log file.

Agents start the app from a shortcut or at sign-in, with no terminal: a failure that only goes to
the log looks like "nothing happens", and on a rollout to hundreds of desks nobody knows why. So
whatever stops the start (a part missing from the installation, a Qt library that does not load,
a folder that cannot be written), the agent gets one box with the one-line reason and the log's
path, and IT gets the full traceback in a crash report beside the log.

The box is Qt's while Qt's widgets still load; otherwise the OS's own: `MessageBoxW` on Windows,
an AppleScript alert on macOS, zenity, kdialog or xmessage on a Linux desktop. Without a screen
(the offscreen platform, no DISPLAY) only the line on stderr remains.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.errors import KnownError, one_line
from companion.logsetup import LOG_NAME, crash_report_text, write_crash_report
from companion.paths import AppPaths

if TYPE_CHECKING:  # Qt is imported only when a box is shown
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)
TITLE = "Call Companion could not start"
HEADLESS_PLATFORMS = ("offscreen", "minimal")


def failure_reason(exc: BaseException) -> str:
    """One line for the agent: what went wrong and the fix."""
    detail = one_line(exc)
    if isinstance(exc, KnownError):
        return detail  # names the thing and the fix already
    if isinstance(exc, ImportError):
        return f"a part of the app is missing ({detail}); reinstall Call Companion"
    if isinstance(exc, OSError):
        return f"{detail}; check that the folder exists and can be written, or pass --data-dir"
    return f"{type(exc).__name__}: {detail}"


def message_text(reason: str, log_file: Path) -> str:
    return f"{TITLE}: {reason}.\n\nThe details are in {log_file}."


def explain_start_failure(paths: AppPaths, exc: BaseException) -> int:
    """Record the failure, tell the agent, and return the exit code (1).

    A known problem (a full disk, a damaged profile...) is logged as its one line; anything else
    is a bug and gets a crash report with the traceback."""
    if isinstance(exc, KnownError):
        log.error("the overlay could not start: %s", one_line(exc))
    else:
        text = crash_report_text(type(exc), exc, exc.__traceback__)
        try:
            report: Path | None = write_crash_report(paths, text)
        except OSError:
            report = None
        log.critical("the overlay could not start (crash report %s):\n%s", report, text)
    reason = failure_reason(exc)
    log_file = paths.logs / LOG_NAME
    if sys.stderr is not None:  # None in a windowed executable
        print(f"companion: the overlay could not start: {reason}", file=sys.stderr)
        print(f"companion: details in {log_file}", file=sys.stderr)
    if has_screen():
        show_message(message_text(reason, log_file))
    return 1


def has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in HEADLESS_PLATFORMS:
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def show_message(text: str) -> None:
    """A modal box with `text`, by the first means that works here."""
    try:
        _qt_box(text)
        return
    except Exception as exc:  # Qt itself may be what is broken
        log.warning("no Qt message box (%s); trying the system's", exc)
    try:
        _system_box(text)
    except Exception as exc:
        log.warning("no system message box either: %s", exc)


def _qt_box(text: str) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    failure_box(text).exec()


def failure_box(text: str) -> QMessageBox:
    """The box that says why the overlay could not start (a QApplication must exist)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, text)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a path or a file's text
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def _system_box(text: str) -> None:
    if sys.platform == "win32":
        import ctypes

        mb_iconerror, mb_setforeground, mb_topmost = 0x10, 0x10000, 0x40000
        ctypes.windll.user32.MessageBoxW(
            None, text, TITLE, mb_iconerror | mb_setforeground | mb_topmost
        )
        return
    if sys.platform == "darwin":
        script = [
            "on run argv",
            "display alert (item 1 of argv) message (item 2 of argv) as critical",
            "end run",
        ]
        lines = [arg for line in script for arg in ("-e", line)]
        subprocess.run(["osascript", *lines, TITLE, text], check=False, timeout=3600)
        return
    for tool, args in (
        ("zenity", ["--error", "--no-markup", f"--title={TITLE}", f"--text={text}"]),
        ("kdialog", ["--title", TITLE, "--error", text]),
        ("xmessage", ["-center", text]),
    ):
        found = shutil.which(tool)
        if found:
            subprocess.run([found, *args], check=False, timeout=3600)
            return
    raise RuntimeError("neither Qt nor zenity, kdialog or xmessage could show it")
