"""System-wide hotkeys: the call actions from any app, while the softphone or CRM has focus.

Qt only sees keys pressed in our own windows, and the overlay never takes focus, so the in-app
shortcuts alone are not enough. Two backends deliver `activated(action)` on the GUI thread, and
the composition root runs the very handler the in-app shortcut runs:

- macOS: Carbon's `RegisterEventHotKey` (`companion.hotkeys.carbon`). It needs no privacy
  grant and its events arrive on the main thread through the Cocoa event loop Qt runs; pynput's
  event tap there calls layout APIs off the main thread and crashes on macOS 14 and later.
- Windows and X11: pynput listens (a low-level hook, the X RECORD extension) in its own thread;
  its callback does nothing but emit a signal.

Either way the report is queued, so the action runs on the next turn of the event loop, not
inside the OS callback.

Run once, not twice: when a global combination equals an in-app shortcut, that QShortcut is
switched off while the hotkeys are on, because the backend also sees keys pressed in our window.

Degrades, never breaks: on Wayland, without an X display, when pynput cannot load its backend
or macOS refuses a combination, one line is logged, one banner says so, and the in-app
shortcuts and `companion call start|end` carry on.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShortcut

from companion.hotkeys.spec import (
    ACTIONS,
    Combo,
    Plan,
    combo_from_qt,
    current_reason,
    plan_hotkeys,
)

if TYPE_CHECKING:
    from companion.hotkeys.carbon import CarbonHotkeys

log = logging.getLogger(__name__)
Post = Callable[[str, str, str], None]
BANNER_KEY = "hotkeys"
READY_LIMIT_S = 5.0
FALLBACK = "the in-app shortcuts and `companion call start|end` still work"


class GlobalHotkeys(QObject):
    """The plan's combinations, system-wide, delivering `activated(action)` on the GUI thread.

    After `start`, `bound` holds the combinations that really listen and `problems` one line
    per combination the backend could not take (the others still work).
    """

    activated = Signal(str)
    _heard = Signal(str)  # emitted on the listener thread (pynput) or in the OS callback (Carbon)

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.bound: dict[str, Combo] = {}
        self.problems: list[str] = []
        self._listener: Any = None  # pynput
        self._carbon: CarbonHotkeys | None = None
        self._heard.connect(self.activated.emit, Qt.ConnectionType.QueuedConnection)

    def start(self) -> str | None:
        """Start listening; returns why it cannot (None: listening)."""
        reason = current_reason()
        if reason is not None:
            return reason
        if not self.plan.bindings:
            return "no hotkey is set"
        if sys.platform == "darwin":
            return self._start_carbon()
        return self._start_pynput()

    def _start_carbon(self) -> str | None:
        from companion.hotkeys import carbon

        try:
            layout = carbon.keyboard_layout() or carbon.ANSI_KEYS
            hotkeys, self.problems = carbon.map_bindings(self.plan.bindings, layout)
            backend = carbon.CarbonHotkeys(self._heard.emit)
            refused = backend.start(hotkeys)
            bindings = self.plan.bindings
            self.problems += [carbon.refusal(a, bindings[a], s) for a, s in refused.items()]
        except OSError as exc:  # Carbon missing or the handler refused
            return f"macOS did not accept the hotkeys ({exc})"
        if not backend.registered:
            backend.stop()
            return "macOS accepted none of the combinations"
        self._carbon = backend
        self.bound = {action: self.plan.bindings[action] for action in backend.registered}
        return None

    def _start_pynput(self) -> str | None:
        try:
            from pynput import keyboard
        except Exception as exc:  # the backend failed to load (no X connection, …)
            return f"pynput could not load ({str(exc).splitlines()[0] if str(exc) else exc!r})"
        hotkeys = {
            combo.pynput(): self._emitter(action) for action, combo in self.plan.bindings.items()
        }
        try:
            listener = keyboard.GlobalHotKeys(hotkeys)
            listener.daemon = True
            listener.start()
        except Exception as exc:
            return f"the keyboard listener did not start ({exc})"
        if not _became_ready(listener):
            listener.stop()
            return "the keyboard listener did not start (see the log)"
        if not listener.is_alive():
            return "the keyboard listener stopped at once"
        self._listener = listener
        self.bound = dict(self.plan.bindings)
        return None

    def _emitter(self, action: str) -> Callable[[], None]:
        return lambda: self._heard.emit(action)

    @property
    def running(self) -> bool:
        if self._carbon is not None:
            return bool(self._carbon.registered)
        return self._listener is not None and bool(self._listener.is_alive())

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._carbon is not None:
            failures = self._carbon.stop()
            if failures:
                log.info("macOS did not release every hotkey (OSStatus %s)", failures)
            self._carbon = None
        self.bound = {}


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
    hotkeys cover is switched off (so it runs once). Returns None when off or unavailable.
    """
    if not bool(setting("hotkeys.enabled")):
        log.info("global hotkeys are off (hotkeys.enabled = false)")
        return None
    plan = plan_hotkeys({action: str(setting(f"hotkeys.{action}") or "") for action in ACTIONS})
    for problem in plan.problems:
        post(f"{BANNER_KEY}-{problem.split(':')[0]}", f"Settings problem: {problem}", "warning")
    hotkeys = GlobalHotkeys(plan)
    reason = hotkeys.start()
    for problem in hotkeys.problems:
        post(f"{BANNER_KEY}-{problem.split(':')[0]}", f"Global hotkey: {problem}", "warning")
    if reason is not None:
        post(BANNER_KEY, f"Global hotkeys unavailable: {reason}; {FALLBACK}.", "info")
        return None
    bound = Plan(hotkeys.bound, [])
    for shortcut in shortcuts.values():
        if bound.covers(combo_from_qt(shortcut.key().toString(), platform=sys.platform)):
            shortcut.setEnabled(False)
    hotkeys.activated.connect(lambda action: _run(shortcuts, action))
    labels = ", ".join(f"{a} {c.label()}" for a, c in hotkeys.bound.items())
    log.info("global hotkeys listening: %s", labels)
    return hotkeys


def _run(shortcuts: Mapping[str, QShortcut], action: str) -> None:
    shortcut = shortcuts.get(action)
    if shortcut is not None:
        shortcut.activated.emit()
