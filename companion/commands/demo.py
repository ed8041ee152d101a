"""`companion demo`: the overlay on a bundled difficult call, or a PNG of each state."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "demo", help="open the overlay on a demo call, or save screenshots of every state"
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        help="save idle/prep/live/wrapup/breathing PNGs to DIR and exit",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if not args.screenshots:
        from companion.launch import run_app

        return run_app(ctx, demo=True)
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from companion.app import build
    from companion.ui.qt_log import install_qt_log_handler
    from companion.ui.screenshots import take_screenshots

    install_qt_log_handler()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("Call Companion")
    app = build(ctx, demo=True)
    app.show()
    folder = Path(args.screenshots)
    try:
        paths = take_screenshots(app, folder)
    except OSError as exc:
        print(f"companion: cannot save screenshots in {folder}: {exc}", file=sys.stderr)
        return 1
    finally:
        app.shutdown()
        app.overlay.close()
    for path in paths:
        print(path)
    # A normal exit: the overlay is deleted while the QApplication still exists. (The abort
    # at exit this once worked around with os._exit was PySide6 6.12.0's Signal.emit dropping
    # a reference to True; pyproject excludes that release.)
    app.overlay.deleteLater()
    QApplication.sendPostedEvents(None, 0)
    return 0
