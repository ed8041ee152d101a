"""Logging to a rotating file, and crash reports for bugs.

Two kinds of errors exist in this app. Environment problems (no model, headset gone, disk full)
are expected: they are logged at WARNING and shown as a calm one-line message. Bugs are not:
the exception hook writes a crash report file with the traceback and versions, logs it, and
hands it to whoever registered a viewer (the UI shows a dialog with a copyable report). A crash
report left by an earlier run is offered at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Callable
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

import companion
from companion.errors import KnownError, one_line
from companion.paths import AppPaths

LOG_NAME = "companion.log"
log = logging.getLogger("companion")

CrashViewer = Callable[[Path, str], None]
_viewers: list[CrashViewer] = []
KnownErrorViewer = Callable[[str], None]
_known_viewers: list[KnownErrorViewer] = []


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files (and their rotated copies) readable by the agent's account only (0600): a
    log can name a device, a folder or an error text, and it is nobody else's business."""

    _companion: bool  # set on the app's own handler, so a second setup replaces it

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        with contextlib.suppress(OSError):  # e.g. a filesystem without modes
            os.chmod(self.baseFilename, 0o600)
        return stream


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> Path:
    """Send the app's log records to `logs/companion.log` (1 MB × 5 files)."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    logfile = paths.logs / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_companion", False):
            root.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingFileHandler(
        logfile, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._companion = True
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return logfile


def _platform() -> str:
    import platform  # only for a crash report: 3 ms of every softphone hook's start otherwise

    return platform.platform()


def crash_report_text(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    lines = [
        f"Call Companion {companion.__version__} crash report",
        f"time: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"python: {sys.version.split()[0]}  platform: {_platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
    ]
    return "\n".join(lines)


def write_crash_report(paths: AppPaths, text: str) -> Path:
    paths.crash_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    report = paths.crash_dir / f"crash-{stamp}.txt"
    fd = os.open(report, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return report


def add_known_error_viewer(viewer: KnownErrorViewer) -> None:
    """Called with the one line of a known problem (`KnownError`) that reached the top: the
    running overlay shows it as a banner. It is not a bug, so no crash report is written."""
    _known_viewers.append(viewer)


def add_crash_viewer(viewer: CrashViewer) -> None:
    """Called with (report path, report text) for each crash once the UI can show it."""
    _viewers.append(viewer)


def install_excepthook(paths: AppPaths) -> None:
    """Route uncaught exceptions (main thread and worker threads): a known problem to its one
    line (logged, and shown by the overlay), anything else, a bug, into a crash report."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, KnownError):
            line = one_line(exc)
            log.warning("%s", line)
            for known in list(_known_viewers):
                known(line)
            return
        text = crash_report_text(exc_type, exc, tb)
        try:
            report = write_crash_report(paths, text)
        except OSError:
            log.critical("uncaught exception (crash report not written):\n%s", text)
            return
        log.critical("uncaught exception, crash report %s:\n%s", report, text)
        for viewer in list(_viewers):
            try:
                viewer(report, text)
            except Exception:  # a broken viewer must not hide the crash
                log.exception("crash viewer failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def pending_crash_reports(paths: AppPaths) -> list[Path]:
    """Reports not yet seen by the agent (those without a `.seen` marker)."""
    if not paths.crash_dir.is_dir():
        return []
    return sorted(
        p for p in paths.crash_dir.glob("crash-*.txt") if not p.with_suffix(".seen").exists()
    )


def mark_crash_report_seen(report: Path) -> None:
    report.with_suffix(".seen").touch()
