"""`companion demo --screenshots DIR`: one PNG of each state, from the real overlay.

The demo call is driven on a simulated clock (the same events the live demo plays, fed without
waiting), so the pictures are the same on every machine and take seconds, not a minute.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from companion.calls.lifecycle import CallInfo
from companion.events import Event
from companion.speech.demo_feed import demo_events

if TYPE_CHECKING:
    from companion.app import Companion

LIVE_AT_S = 24.8  # the caller has just asked for a manager: two cues on screen
TICK_S = 0.05
STATES = ("idle", "prep", "live", "peek", "wrapup", "breathing")


class SimClock:
    def __init__(self) -> None:
        self.t = 10_000.0

    def __call__(self) -> float:
        return self.t


def settle(ms: int = 60) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def save(app: Companion, folder: Path, name: str) -> Path:
    overlay = app.overlay
    settle()
    pixmap = overlay.grab()
    screen = QGuiApplication.primaryScreen()
    if screen is not None and QGuiApplication.platformName() == "xcb":
        pixmap = screen.grabWindow(overlay.winId())
    path = folder / f"{name}.png"
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def play_until(
    app: Companion, clock: SimClock, events: list[Event], start: float, until: float, pos: int
) -> int:
    c = app.controller
    t = start
    while t < until:
        t = round(t + TICK_S, 3)
        while pos < len(events) and events[pos].t <= t:
            clock.t = c.t0 + events[pos].t
            c.on_event(events[pos])
            pos += 1
        clock.t = c.t0 + t
        c.tick()
    return pos


def take_screenshots(app: Companion, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    c, w = app.controller, app.window
    clock = SimClock()
    c.clock = clock
    c.note.clock = clock
    app.overlay.set_expanded(True)
    out = [save(app, folder, "idle")]
    w.prepare()
    w.prep.identity.setText("Jane Morgan")
    c.lookup("Jane Morgan", "inbound")
    out.append(save(app, folder, "prep"))
    c.start_call(CallInfo(identity="Jane Morgan", name="Jane Morgan"))
    events = demo_events()
    pos = play_until(app, clock, events, 0.0, LIVE_AT_S, 0)
    w.live.search_box.setText("refund")
    c.search_notes("refund")
    settle(600)  # let the fade of cues that timed out finish, as it would live
    out.append(save(app, folder, "live"))
    app.overlay.set_expanded(False)  # the panel collapsed: the peek
    w.set_cues(c.on_screen())
    settle(200)
    out.append(save(app, folder, "peek"))
    app.overlay.set_expanded(True)
    play_until(app, clock, events, LIVE_AT_S, LIVE_AT_S + 1.5, pos)
    c.end_call()
    form = w.note
    form.caller_needed.setPlainText("Refund of the October double charge; third call about it")
    form.what_was_done.setPlainText(
        "Apologised, confirmed the refund is raised, offered a supervisor"
    )
    form.outcome.setCurrentIndex(form.outcome.findData("follow-up"))
    form.follow_ups.setPlainText("Email the refund confirmation by 2099-01-31")
    form.difficulty.setValue(4)
    form.caller_types["complainer"].setChecked(True)
    form.repeat.setChecked(True)
    form.pivotal.setCurrentRow(min(2, form.pivotal.count() - 1))
    reason = form.reason.findData("billing")
    form.reason.setCurrentIndex(max(0, reason))
    clock.t += 3
    form.set_saved(c.note.tick() or form.saved.text())
    out.append(save(app, folder, "wrapup"))
    errors = c.save_note(form.state())
    if errors:
        raise RuntimeError(f"demo note not saved: {errors}")
    if c.phase.value != "breathing":
        c.start_breathing()
    w.breathing.stop()
    w.breathing.show_at(2.6)
    out.append(save(app, folder, "breathing"))
    return out
