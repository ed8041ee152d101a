"""A cue is always seen: with the panel collapsed it drops out under the bar, the bar counts it,
and what limits a call's cues is said when that call starts. The real app (composition root,
controller, cue engine, SQLite history) offscreen; cues come from a caller's words fed as events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from companion.calls.lifecycle import CallInfo, Phase
from companion.events import Final
from companion.store import call_log
from companion.ui.overlay import WIDTH
from companion.ui.theme import SEVERITY

ABUSE = "you people are useless idiots"


def _build(open_panel_on_call: bool | None = None, caller_device: str = ""):  # type: ignore[no-untyped-def]
    from companion.app import build
    from companion.context import build_context

    ctx = build_context(None)
    if open_panel_on_call is not None:
        ctx.config.set_user("ui.open_panel_on_call", open_panel_on_call)
    if caller_device:
        ctx.config.set_user("audio.caller_device", caller_device)
    return build(ctx)


@pytest.fixture
def collapsed_app(app_home: Path, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    app = _build(open_panel_on_call=False)
    qtbot.addWidget(app.overlay)
    app.show()
    yield app
    app.shutdown()


def test_a_cue_on_a_collapsed_panel_drops_out_under_the_bar(
    collapsed_app, qtbot, artifacts: Path
) -> None:  # type: ignore[no-untyped-def]
    app = collapsed_app
    c, w, overlay = app.controller, app.window, app.overlay
    c.start_call(CallInfo(identity="Jane Morgan", name="Jane Morgan"))
    assert not overlay.expanded, "the agent keeps the panel collapsed"
    c.on_event(Final("caller", c.call_t(), ABUSE))
    cues = c.on_screen()
    assert [cue.kind for cue in cues] == ["boundary"], "an abusive line gives its one cue"
    # the next tick adds the card; Qt shows a child added to a visible layout one turn later
    qtbot.waitUntil(
        lambda: bool(w.peek.cues.cards()) and all(c.isVisible() for c in w.peek.cues.cards()),
        timeout=3000,
    )
    assert w.peek.isVisible()
    # the overlay grows to hold the notice and the card, whole (on the next turn of the loop)
    qtbot.waitUntil(lambda: overlay.height() >= 48 + w.peek.heightForWidth(WIDTH - 8))
    shown = {card.cue.id for card in w.peek.cues.cards()}
    assert shown == {cue.id for cue in cues}
    assert w.bar.badge.isVisible() and w.bar.badge.text() == str(len(cues))
    assert SEVERITY["high"] in w.bar.badge.styleSheet()  # abuse is the top severity
    assert w.bar.detail.text() == "Jane Morgan"  # the name in full: "On call" gave way
    overlay.grab().save(str(artifacts / "peek-collapsed-cue.png"))
    # dismissed from the peek: recorded for the trainer, and the peek tucks back in
    card = w.peek.cues.cards()[0]
    close = next(b for b in card.findChildren(type(w.bar.menu)) if b.text() == "×")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    timeline = call_log.cue_timeline(c.db, c.call_id)
    assert [r.dismissed for r in timeline if r.kind == card.cue.kind] == [True]
    qtbot.waitUntil(lambda: not w.peek.cues.cards(), timeout=3000)
    assert not w.bar.badge.isVisible()
    # once the call-start notice has had its few seconds, the peek tucks back into the bar
    qtbot.waitUntil(lambda: not w.peek.isVisible(), timeout=12000)
    qtbot.waitUntil(lambda: overlay.height() == 48, timeout=3000)


def test_an_open_panel_shows_the_cards_once_not_twice(app_home: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = _build()  # default: the panel opens on every call
    qtbot.addWidget(app.overlay)
    app.show()
    try:
        c, w = app.controller, app.window
        c.start_call(CallInfo(identity="Jane"))
        assert app.overlay.expanded
        c.on_event(Final("caller", c.call_t(), ABUSE))
        qtbot.waitUntil(lambda: bool(w.live.cues.cards()), timeout=3000)
        assert not w.peek.cues.isVisibleTo(app.overlay)  # the panel has them
        assert w.bar.badge.isVisible()
    finally:
        app.shutdown()


def test_the_agents_panel_choice_is_remembered_and_kept_on_calls(app_home: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = _build(open_panel_on_call=False)
    qtbot.addWidget(app.overlay)
    app.show()
    try:
        qtbot.mouseClick(app.window.bar.expand, Qt.MouseButton.LeftButton)  # the agent opens it
        assert app.overlay.expanded
        saved = json.loads((app_home / "config" / "window.json").read_text(encoding="utf-8"))
        assert saved["panel_open"] is True
    finally:
        app.shutdown()
    again = _build(open_panel_on_call=False)
    qtbot.addWidget(again.overlay)
    again.show()
    try:
        assert again.overlay.expanded, "the panel comes back as the agent left it"
        again.controller.start_call(CallInfo(identity="x"))
        assert again.overlay.expanded
        qtbot.mouseClick(again.window.bar.expand, Qt.MouseButton.LeftButton)  # collapsed mid-call
        assert not again.overlay.expanded and again.controller.phase is Phase.LIVE
        again.controller.end_call()
        assert again.overlay.expanded  # the note needs the panel
        again.controller.skip_note()
        again.controller.finish_breathing()
        assert again.controller.phase is Phase.IDLE
        assert not again.overlay.expanded  # and then it is as the agent keeps it
    finally:
        again.shutdown()


def test_what_limits_cues_is_said_at_the_first_call_it_affects_and_only_then(
    app_home: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    app = _build()  # no caller device, no speech model installed
    qtbot.addWidget(app.overlay)
    app.show()
    app._load_model()  # what start_audio does: no model is installed here
    try:
        assert "caller" not in app.overlay.banners.texts(), "not said at start-up any more"
        c, peek = app.controller, app.window.peek
        c.start_call(CallInfo(identity="first"))
        assert peek.isVisible() and peek.notice.isVisible()
        text = peek.notice.text()
        assert "No caller channel" in text and "No speech model" in text
        qtbot.waitUntil(lambda: not peek.isVisible(), timeout=15000)  # brief: gone by itself
        c.end_call()
        c.skip_note()
        app.window.bar.set_muted(True, emit=True)
        c.start_call(CallInfo(identity="second"))
        assert peek.notice.isVisible()
        assert peek.notice.text().startswith("Cues are muted")  # only what is new
        assert "No caller channel" not in peek.notice.text()
    finally:
        app.shutdown()
