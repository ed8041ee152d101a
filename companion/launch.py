"""Starting the overlay: the window paints first, and everything behind it comes after.

Agents start the app at sign-in or from a shortcut and judge it by how soon the window is there.
So the start has two steps. First, only what the first frame needs: Qt, the settings already
read (theme, opacity), the single-instance check, the softphone link's endpoint, and the overlay
with its bar where the agent left it. Then, once that frame is painted, `companion.app.assemble`
imports and builds the rest into the same window: the history, the call session and cue engine,
the pages, the tray, the audio and the speech model. A softphone request that arrives in between
is held by the server and answered as soon as the session exists (`InstanceServer.serve`).

This module imports nothing the first frame does not need; `companion bench --only ui` measures
both steps (startup_ms to the first paint, ready_ms until the overlay is built and wired).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from companion.bench.probe import PROBE_ENV
from companion.context import Context
from companion.ipc.client import send
from companion.ipc.endpoint import EndpointUnsafe, server_name
from companion.ipc.server import InstanceServer
from companion.ui.overlay import Overlay, themed_overlay

if TYPE_CHECKING:
    from companion.bench.first_paint import StartupProbe

log = logging.getLogger(__name__)
# If no paint event ever comes (a platform that does not expose the window), build anyway.
BUILD_ANYWAY_MS = 1000


class _AfterFirstPaint(QObject):
    """Runs `then` once, in the event loop's turn after the overlay's first frame."""

    def __init__(self, overlay: Overlay, then: Callable[[], None]) -> None:
        super().__init__(overlay)
        self.overlay = overlay
        self.then: Callable[[], None] | None = then
        overlay.installEventFilter(self)
        QTimer.singleShot(BUILD_ANYWAY_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            self.overlay.removeEventFilter(self)
            then()


def _already_running(reply: dict[str, Any]) -> int:
    print(
        f"companion: already running (phase: {reply.get('phase', '?')}); brought it to the front",
        file=sys.stderr,
    )
    return 0


def _quit_on_terminate(qapp: QApplication) -> None:
    """SIGTERM (a logout, `kill`, an installer stopping the app) quits like the menu's Quit, so
    the pending draft is written and a live call is ended in the store. Python only runs signal
    handlers between bytecodes, and Qt's event loop sits in C, so a timer wakes it four times a
    second."""
    if not hasattr(signal, "SIGTERM"):
        return
    signal.signal(signal.SIGTERM, lambda _signum, _frame: qapp.quit())
    wake = QTimer(qapp)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _no_display() -> bool:
    return (
        not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and sys.platform.startswith("linux")
        and "QT_QPA_PLATFORM" not in os.environ
    )


def run_app(ctx: Context, demo: bool = False) -> int:
    from companion.ui.qt_log import install_qt_log_handler

    if _no_display():
        print(
            "companion: no display found (DISPLAY is not set); the overlay needs a desktop session",
            file=sys.stderr,
        )
        return 1
    install_qt_log_handler()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Call Companion")
    qapp.setQuitOnLastWindowClosed(False)
    if sys.platform == "darwin":
        from companion.ui.macos import make_accessory_app

        make_accessory_app()  # no Dock icon or menu bar
    link_problem = ""
    try:
        name: str | None = server_name(ctx.paths.data, create=True)
    except EndpointUnsafe as exc:
        name, link_problem = None, str(exc)
    # Before anything opens the database: a second start (or a newer version started while an
    # older one runs) must not open, migrate or move aside the running overlay's store.
    reply = send(name, {"cmd": "show"}) if name else None
    if reply is not None:
        return _already_running(reply)
    server: InstanceServer | None = None
    if name is not None:
        server = InstanceServer(name)  # holds requests until the session exists
        try:
            if not server.listen():  # another overlay started in the same moment
                return _already_running(send(name, {"cmd": "show"}) or {})
        except EndpointUnsafe as exc:
            server, link_problem = None, str(exc)
    config = ctx.config
    overlay = themed_overlay(
        ctx.paths.config, str(config.get("ui.theme")), float(config.get("ui.opacity"))
    )
    overlay.place()
    overlay.set_expanded(demo or overlay.agent_wants_panel)
    probe: StartupProbe | None = None
    if os.environ.get(PROBE_ENV):
        from companion.bench.first_paint import StartupProbe  # only when the bench asks

        probe = StartupProbe(Path(os.environ[PROBE_ENV]))

    def build_the_rest() -> None:
        if probe is not None:
            probe.painted()
        try:
            from companion.app import assemble

            assemble(
                ctx,
                qapp,
                overlay,
                server,
                link_problem=link_problem,
                demo=demo,
                on_ready=None if probe is None else lambda app: probe.ready(app.controller.session),
            )
        except Exception as exc:
            from companion.start_failure import explain_start_failure

            overlay.hide()
            qapp.exit(explain_start_failure(ctx.paths, exc))

    _AfterFirstPaint(overlay, build_the_rest)
    overlay.show()
    _quit_on_terminate(qapp)
    return int(qapp.exec())
