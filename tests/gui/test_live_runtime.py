"""The running app's live path on real (virtual) microphones: the composition root with a real
`LiveListener`, the event bridge into the GUI thread, and the call controller's cue engine.

These cover what only shows when the parts run together: events still queued from before a call
must not reach the new call's engine (their `t` is on the old clock), a headset missing at start
is picked up when it is plugged in, and quitting mid-call leaves the note to finish at restart.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.calls.lifecycle import CallInfo, Phase
from companion.events import Final
from companion.store import call_log


def _build(home: Path, agent_device: str = "vmic_agent"):  # type: ignore[no-untyped-def]
    from companion.app import build
    from companion.context import build_context

    ctx = build_context(None)
    ctx.config.set_user("audio.agent_device", agent_device)
    return build(ctx)


@pytest.fixture
def live_app(app_home: Path, vmics, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    app = _build(app_home)
    qtbot.addWidget(app.overlay)
    app.show()
    app.start_audio()
    yield app
    app.shutdown()


def test_events_queued_before_a_call_do_not_reach_the_new_calls_engine(live_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = live_app
    c = app.controller
    assert app.listener is not None
    # The overlay has been idle a while: the listener's clock (since start) is well past 3 s.
    qtbot.waitUntil(lambda: app.listener.now() > 4.5, timeout=15000)
    # The GUI thread is busy for a moment (a prep lookup, a DB write): frames keep arriving.
    time.sleep(0.3)
    c.start_call(CallInfo(identity="caller"))
    qtbot.wait(600)  # the queued frames are delivered now, after the call started
    assert c.phase is Phase.LIVE and c.engine is not None
    # Every event the engine saw is on the call clock: none is later than the call itself.
    assert c.engine._now <= c.call_t()
    # So an upset line said now still gets its cue (a stale clock made it "too late").
    c.on_event(Final("caller", c.call_t(), "you people are useless idiots"))
    assert call_log.cue_timeline(c.db, c.call_id), "no cue for an abusive line at call start"


def test_quitting_mid_call_keeps_the_checklist_and_cues_for_the_note_at_restart(
    app_home: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    first = _build(app_home, agent_device="")
    qtbot.addWidget(first.overlay)
    first.show()
    c = first.controller
    c.start_call(CallInfo(identity="Jane"))
    call_id = c.call_id
    assert c.checklist is not None and c.checklist.states()
    item = c.checklist.states()[0].item_id
    c.check(item, True)
    c.on_event(Final("caller", c.call_t(), "you people are useless idiots"))
    kinds = {cue.kind for cue in call_log.cue_timeline(c.db, call_id)}
    assert kinds
    first.shutdown()  # the agent quits (or logs off) during the call

    again = _build(app_home, agent_device="")
    qtbot.addWidget(again.overlay)
    again.show()
    r = again.controller
    assert r.phase is Phase.WRAPUP and r.call_id == call_id
    saved = call_log.load_checklist(r.db, call_id, "in_call")
    assert [s.item_id for s in saved if s.checked] == [item]
    assert "1/" in again.window.note.facts.text()
    # The cues of the call still count for the note (a hard call offers the longer reset).
    assert kinds <= r.fired_kinds
    again.shutdown()


def test_a_headset_plugged_in_after_a_start_without_any_input_is_picked_up(
    app_home: Path, vmics, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import companion.audio.devices as devices
    import companion.speech.live  # noqa: F401  (binds the real device list before the patch)

    # This machine always lists ALSA's own inputs, so "no input at all" at start is simulated
    # for the start-up choice only; the listener then looks for the headset on the real list.
    monkeypatch.setattr(devices, "list_inputs", lambda: [])
    vmics.unplug("agent")
    app = _build(app_home)
    qtbot.addWidget(app.overlay)
    app.show()
    app.start_audio()
    try:
        assert app.listener is not None, "nothing would ever listen in this session"
        banners = app.overlay.banners
        qtbot.waitUntil(lambda: "device-agent" in banners.texts(), timeout=5000)
        assert app.listener.status()["agent"] == "lost"
        vmics.replug("agent")
        qtbot.waitUntil(lambda: app.listener.status()["agent"] == "ok", timeout=15000)
        qtbot.waitUntil(lambda: "restored" in banners.texts().get("device-agent", ""), timeout=5000)
        c = app.controller
        levels: list[str] = []
        c.level.connect(lambda channel, _level, _speech: levels.append(channel))
        c.start_call(CallInfo(identity="x"))
        qtbot.waitUntil(lambda: "agent" in levels, timeout=5000)  # the meter moves
    finally:
        app.shutdown()
