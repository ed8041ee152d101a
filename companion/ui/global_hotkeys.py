"""System-wide hotkeys: the call actions from any app, while the softphone or CRM has focus.

Qt only sees keys pressed in our own windows, and the overlay never takes focus, so the in-app
shortcuts alone are not enough. pynput listens system-wide (a low-level hook on Windows, a
Quartz event tap on macOS, the X RECORD extension on X11) in its own thread. Its callback does
nothing but emit a signal; the queued connection delivers `activated(action)` on the GUI thread,
and the composition root runs the very handler the in-app shortcut runs.

Run once, not twice: when a global combination equals an in-app shortcut, that QShortcut is
switched off while the listener runs, because the listener also sees keys pressed in our window.

Degrades, never breaks: on Wayland, without an X display, when pynput cannot load its backend
or macOS has not granted the permission, one line is logged, one banner says so, and the in-app
shortcuts and `companion call start|end` carry on.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShortcut

from companion.hotkeys.spec import ACTIONS, Plan, combo_from_qt, current_reason, plan_hotkeys

log = logging.getLogger(__name__)
Post = Callable[[str, str, str], None]
BANNER_KEY = "hotkeys"
READY_LIMIT_S = 5.0
FALLBACK = "the in-app shortcuts and `companion call start|end` still work"
MAC_PERMISSION = (
    "macOS has not allowed Call Companion to watch the keyboard (System Settings → Privacy & "
    "Security → Accessibility and Input Monitoring, then restart Call Companion)"
)


class GlobalHotkeys(QObject):
    """pynput's `GlobalHotKeys` listener, delivering `activated(action)` on the GUI thread."""

    activated = Signal(str)
    _heard = Signal(str)  # emitted on the listener thread

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self._listener: Any = None
        self._heard.connect(self.activated.emit, Qt.ConnectionType.QueuedConnection)

    def start(self) -> str | None:
        """Start listening; returns why it cannot (None: listening)."""
        reason = current_reason()
        if reason is not None:
            return reason
        try:
            from pynput import keyboard
        except Exception as exc:  # the backend failed to load (no X connection, no pyobjc, …)
            return f"pynput could not load ({str(exc).splitlines()[0] if str(exc) else exc!r})"
        hotkeys = {
            combo.pynput(): self._emitter(action) for action, combo in self.plan.bindings.items()
        }
        if not hotkeys:
            return "no hotkey is set"
        try:
            listener = keyboard.GlobalHotKeys(hotkeys)
            listener.daemon = True
            listener.start()
        except Exception as exc:
            return f"the keyboard listener did not start ({exc})"
        if not _became_ready(listener):
            listener.stop()
            return "the keyboard listener did not start (see the log)"
        if sys.platform == "darwin" and not getattr(listener, "IS_TRUSTED", True):
            listener.stop()
            return MAC_PERMISSION
        if not listener.is_alive():
            return "the keyboard listener stopped at once"
        self._listener = listener
        return None

    def _emitter(self, action: str) -> Callable[[], None]:
        return lambda: self._heard.emit(action)

    @property
    def running(self) -> bool:
        return self._listener is not None and bool(self._listener.is_alive())

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None


def _became_ready(listener: Any, limit_s: float = READY_LIMIT_S) -> bool:
    """pynput's own `wait()` blocks for ever when its thread fails before it is ready (an X
    server without RECORD, a refused event tap), so wait on its condition with a limit."""
    deadline = time.monotonic() + limit_s
    with listener._condition:
        while not listener._ready and listener.is_alive() and time.monotonic() < deadline:
            listener._condition.wait(0.1)
        return bool(listener._ready) and bool(listener.is_alive())


def start_global_hotkeys(
    setting: Callable[[str], Any], shortcuts: Mapping[str, QShortcut], post: Post
) -> GlobalHotkeys | None:
    """Listen for the configured combinations and run the in-app shortcuts' handlers.

    `shortcuts` are the window's QShortcuts by action name; a global hotkey fires the handler
    of the shortcut with the same action name, and any in-app shortcut whose combination the
    listener covers is switched off (so it runs once). Returns None when off or unavailable.
    """
    if not bool(setting("hotkeys.enabled")):
        log.info("global hotkeys are off (hotkeys.enabled = false)")
        return None
    plan = plan_hotkeys({action: str(setting(f"hotkeys.{action}") or "") for action in ACTIONS})
    for problem in plan.problems:
        post(f"{BANNER_KEY}-{problem.split(':')[0]}", f"Settings problem: {problem}", "warning")
    hotkeys = GlobalHotkeys(plan)
    reason = hotkeys.start()
    if reason is not None:
        post(BANNER_KEY, f"Global hotkeys unavailable: {reason}; {FALLBACK}.", "info")
        return None
    for shortcut in shortcuts.values():
        if plan.covers(combo_from_qt(shortcut.key().toString(), platform=sys.platform)):
            shortcut.setEnabled(False)
    hotkeys.activated.connect(lambda action: _run(shortcuts, action))
    labels = ", ".join(f"{a} {c.label()}" for a, c in plan.bindings.items())
    log.info("global hotkeys listening: %s", labels)
    return hotkeys


def _run(shortcuts: Mapping[str, QShortcut], action: str) -> None:
    shortcut = shortcuts.get(action)
    if shortcut is not None:
        shortcut.activated.emit()
