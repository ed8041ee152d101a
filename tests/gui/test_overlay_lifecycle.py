"""The overlay end to end (offscreen): flags, every lifecycle transition by button, hotkey and
softphone request, cue cards from engine signals, and the note form's autosave."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from companion.calls.lifecycle import CallInfo, Phase
from companion.cues.cue import Cue
from companion.events import DeviceEvent, Final, Partial, VoiceFrame
from companion.store import call_log
from companion.store.contacts import add_contact
from companion.store.drafts import load_draft

NOTE = {
    "caller_needed": "Refund of a double charge",
    "what_was_done": "Raised the refund",
    "outcome": "resolved",
    "difficulty": 2,
}


def fill_note(app, **extra) -> None:  # type: ignore[no-untyped-def]
    form = app.window.note
    form.caller_needed.setPlainText(extra.get("caller_needed", NOTE["caller_needed"]))
    form.what_was_done.setPlainText(NOTE["what_was_done"])
    form.outcome.setCurrentIndex(form.outcome.findData(extra.get("outcome", "resolved")))
    form.difficulty.setValue(extra.get("difficulty", 2))
    reason = form.reason.findData("billing")
    if reason >= 0:
        form.reason.setCurrentIndex(reason)


def test_window_flags_keep_it_on_top_and_out_of_focus(companion) -> None:  # type: ignore[no-untyped-def]
    flags = companion.overlay.windowFlags()
    for flag in (
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.Tool,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowDoesNotAcceptFocus,
    ):
        assert flags & flag, flag
    assert companion.overlay.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert companion.overlay.isVisible()
    assert companion.overlay.accessibleName() == "Call Companion"


def test_every_transition_by_button(companion, qtbot) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    assert c.phase is Phase.IDLE and companion.overlay.current_page() == "idle"
    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)
    assert c.phase is Phase.PREP and companion.overlay.current_page() == "prep"
    # typing a prep accepts focus; a live call must not
    assert not companion.overlay.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    w.prep.identity.setText("C-9")
    w.prep.identity.returnPressed.emit()
    assert w.prep.items.count() >= 1
    assert "from" in w.prep.items.item(0).text()
    qtbot.mouseClick(w.prep.start_button, Qt.MouseButton.LeftButton)
    assert c.phase is Phase.LIVE and companion.overlay.current_page() == "live"
    assert companion.overlay.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    call_id = c.call_id
    assert call_id is not None
    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)
    assert c.phase is Phase.WRAPUP and companion.overlay.current_page() == "wrapup"
    record = call_log.get_call(c.db, call_id)
    assert record is not None and record.ended_at
    fill_note(companion)
    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)  # "Save" in wrap-up
    assert c.phase is Phase.BREATHING and companion.overlay.current_page() == "breathing"
    assert w.breathing.running()
    row = c.db.execute("SELECT outcome FROM calls WHERE id = ?", [call_id]).fetchone()
    assert row[0] == "resolved"
    w.breathing.skipped.emit()
    assert c.phase is Phase.IDLE


def test_prep_suggests_contacts_as_the_agent_types(companion) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    add_contact(
        c.db,
        created_at="2026-01-01T09:00:00",
        customer_id="C-1042",
        name="Jane Morgan",
        phones=["020 7946 0958"],
    )
    add_contact(c.db, created_at="2026-01-01T09:00:00", name="Bob Stone")
    c.prepare()
    w.prep.identity_typed.emit("j")  # one letter suggests nothing yet
    assert w.prep.completer.model().stringList() == []
    shown = "Jane Morgan · C-1042 · 020 7946 0958"
    for typed in ("jane", "c-10", "7946", "+44 20 7946 0958"):  # name, id, part/other-format phone
        w.prep.identity_typed.emit(typed)
        assert w.prep.completer.model().stringList() == [shown], typed
    c.lookup(shown, "inbound")  # picking the suggestion resolves the contact it names
    assert c.prep is not None and c.prep.contact is not None
    assert c.prep.contact.customer_id == "C-1042"


def test_invalid_note_shows_errors_and_stays(companion, qtbot) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    c.start_call(CallInfo(identity="x"))
    c.end_call()
    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)
    assert c.phase is Phase.WRAPUP
    assert "caller needed: required" in w.note.errors.text()
    assert w.note.errors.isVisibleTo(companion.overlay)


def _press(companion, keys: str) -> None:  # type: ignore[no-untyped-def]
    """The keys as the agent presses them (the shortcuts are application-wide)."""
    QTest.keySequence(companion.overlay, QKeySequence(keys))


def test_every_transition_by_hotkey(companion) -> None:  # type: ignore[no-untyped-def]
    # The keys are written out here, not read from the code's table: a changed or lost key
    # fails this test.
    c, w = companion.controller, companion.window
    assert c.phase is Phase.IDLE
    _press(companion, "Ctrl+Shift+P")
    assert c.phase is Phase.PREP
    _press(companion, "Ctrl+Shift+S")
    assert c.phase is Phase.LIVE and c.life.history[-1].source == "hotkey"
    assert not c.muted
    _press(companion, "Ctrl+Shift+M")
    assert c.muted and w.bar.muted
    _press(companion, "Ctrl+Shift+M")
    assert not c.muted and not w.bar.muted
    _press(companion, "Ctrl+Shift+E")
    assert c.phase is Phase.WRAPUP and c.life.history[-1].source == "hotkey"
    w.note.skip_requested.emit()
    assert c.phase is Phase.IDLE
    _press(companion, "Ctrl+Shift+B")
    assert c.phase is Phase.BREATHING and w.breathing.running()
    _press(companion, "Ctrl+Shift+S")  # a new call ends breathing at once
    assert c.phase is Phase.LIVE and not w.breathing.running()
    assert companion.overlay.expanded  # a call opens the panel (ui.open_panel_on_call)
    _press(companion, "Ctrl+Shift+O")
    assert not companion.overlay.expanded
    _press(companion, "Ctrl+F")  # search opens the panel on the notes search
    assert companion.overlay.expanded
    _press(companion, "Ctrl+Shift+O")
    assert not companion.overlay.expanded


def test_every_transition_by_softphone_request(companion) -> None:  # type: ignore[no-untyped-def]
    reply = companion.handle({"cmd": "prep", "number": "+44 20 7946 0958"})
    assert reply["ok"] and reply["phase"] == "prep"
    reply = companion.handle(
        {"cmd": "start", "number": "+44 20 7946 0958", "name": "Jane", "direction": "inbound"}
    )
    assert reply["phase"] == "live" and reply["call_id"]
    assert companion.handle({"cmd": "start"})["phase"] == "live"  # repeated event ignored
    assert companion.handle({"cmd": "end"})["phase"] == "wrapup"
    assert companion.handle({"cmd": "nonsense"})["ok"] is False
    assert companion.controller.life.history[-1].source == "softphone"


def _cue_ids(companion) -> list[str]:  # type: ignore[no-untyped-def]
    return companion.window.live.cues.shown_ids()


def _card_button(card, name: str):  # type: ignore[no-untyped-def]
    (button,) = (b for b in card.findChildren(QToolButton) if b.accessibleName() == name)
    return button


def test_cue_cards_come_from_engine_signals_two_at_most(companion, fake_clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    c.clock = fake_clock
    c.start_call(CallInfo(identity="caller"))
    seen: list[tuple[Cue, ...]] = []
    c.cues_changed.connect(lambda cues: seen.append(tuple(cues)))
    lines = [
        (1.0, "this is the third time i am calling and it is still not working"),
        (4.0, "you people are useless idiots"),
        (7.0, "i want to speak to a manager right now"),
    ]
    for t, text in lines:
        fake_clock.t = 1000.0 + t
        words = text.split()
        for i in range(1, len(words) + 1):
            c.on_event(Partial("caller", t - 0.5 + i * 0.05, " ".join(words[:i])))
        c.on_event(Final("caller", t + 0.2, text))
        c.tick()
    # one cue per line; the oldest is pushed off screen when a third comes
    assert [tuple(cue.kind for cue in cues) for cues in seen] == [
        ("empathy",),
        ("empathy", "boundary"),
        ("boundary", "escalation"),
    ]
    cards = w.live.cues.cards()
    assert [card.cue.kind for card in cards] == ["boundary", "escalation"]
    fired = call_log.cue_timeline(c.db, c.call_id)
    assert [cue.kind for cue in fired] == ["empathy", "boundary", "escalation"]  # all recorded
    # dismiss and not-helpful go to the store for trainers
    dismissed, unhelpful = cards

    def feedback(card) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        return c.db.execute(
            "SELECT dismissed, not_helpful FROM cue_events WHERE call_id = ? AND kind = ?",
            [c.call_id, card.cue.kind],
        ).fetchone()

    qtbot.mouseClick(_card_button(dismissed, "Dismiss cue"), Qt.MouseButton.LeftButton)
    assert _cue_ids(companion) == [unhelpful.cue.id]
    assert feedback(dismissed) == (1, 0)
    qtbot.mouseClick(_card_button(unhelpful, "Not helpful"), Qt.MouseButton.LeftButton)
    assert _cue_ids(companion) == []
    assert feedback(unhelpful) == (1, 1)
    assert feedback(dismissed) == (1, 0)


def test_cues_time_out_and_fade(companion, fake_clock) -> None:  # type: ignore[no-untyped-def]
    c = companion.controller
    c.clock = fake_clock
    c.start_call(CallInfo(identity="caller"))
    fake_clock.t = 1002.0
    c.on_event(Final("caller", 2.0, "you people are useless idiots"))
    c.tick()
    assert len(_cue_ids(companion)) == 1
    fake_clock.t += 30
    c.tick()
    assert _cue_ids(companion) == []


def test_captions_partials_grey_finals_solid_and_levels(companion) -> None:  # type: ignore[no-untyped-def]
    c, live = companion.controller, companion.window.live
    c.start_call()
    c.on_event(Partial("caller", 0.5, "hello there"))
    assert live.captions.partial_text("caller") == "hello there"
    box = live.captions.boxes["caller"]
    assert (box.partial, box.text) == ("hello there", "hello there")  # grey italic
    assert box.accessibleDescription() == "hello there"
    as_partial = box.grab().toImage()
    c.on_event(Final("caller", 1.0, "hello there"))
    assert live.captions.final_texts("caller") == ["hello there"]
    assert live.captions.partial_text("caller") == ""
    assert (box.partial, box.text) == ("", "hello there")  # solid now
    as_final = box.grab().toImage()
    live.captions.clear()  # as at the start of the next call
    empty = box.grab().toImage()
    # what is painted follows: words where there were none, and solid is not grey italic
    assert as_partial != empty and as_final != empty and as_final != as_partial
    c.on_event(VoiceFrame("agent", 1.0, 0.02, -20.0, True))
    c.tick()
    assert live.captions.meters["agent"].level == -20.0


def test_a_lost_headset_greys_its_meter_until_it_is_back(companion) -> None:  # type: ignore[no-untyped-def]
    c, live = companion.controller, companion.window.live
    c.start_call()
    c.on_event(VoiceFrame("agent", 1.0, 0.02, -20.0, True))
    c.tick()
    meter = live.captions.meters["agent"]
    c.on_event(DeviceEvent("agent", 1.5, "lost"))
    c.tick()
    assert meter.present is False and meter.level == -100.0  # not frozen at the last level
    c.on_event(DeviceEvent("agent", 3.0, "restored"))
    assert meter.present is True


def _ticked(live) -> list[str]:  # type: ignore[no-untyped-def]
    """The checklist rows ticked, as shown (a spoken tick says "(heard)")."""
    rows = [live.checklist.item(i) for i in range(live.checklist.count())]
    return [row.text() for row in rows if row.checkState() == Qt.CheckState.Checked]


def test_checklist_ticks_itself_from_agent_words(companion) -> None:  # type: ignore[no-untyped-def]
    c, live = companion.controller, companion.window.live
    c.start_call()
    rows = [live.checklist.item(i).text() for i in range(live.checklist.count())]
    assert rows == [  # the standard profile's in-call checklist
        "Acknowledged their feelings",
        "Paraphrased or summarised",
        "Offered options",
        "Gave next steps with a time",
        "Checked understanding",
    ]
    assert _ticked(live) == []
    c.on_event(Final("caller", 1.0, "i understand how annoying that is"))
    assert _ticked(live) == []  # only the agent's words count
    c.on_event(Final("agent", 2.0, "i understand how annoying that is"))
    assert _ticked(live) == ["Acknowledged their feelings  (heard)"]
    c.on_event(Final("agent", 5.0, "what i can do is send a new card by monday"))
    assert _ticked(live) == [
        "Acknowledged their feelings  (heard)",
        "Offered options  (heard)",
        "Gave next steps with a time  (heard)",
    ]
    c.on_event(Final("agent", 8.0, "thank you for waiting"))  # no checklist phrase in it
    assert len(_ticked(live)) == 3


def test_note_autosave_and_draft(companion, qtbot) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    c.start_call(CallInfo(identity="someone"))
    call_id = c.call_id
    c.end_call()
    w.note.caller_needed.setPlainText("Wants the bill explained")
    draft = load_draft(c.db, call_id)
    assert draft is not None and draft.body["caller_needed"] == "Wants the bill explained"
    assert w.note.saved.text().startswith("Draft saved")
    w.note.skip_requested.emit()
    assert c.phase is Phase.IDLE
    assert w.idle.drafts.count() == 1
    w.idle.open_draft.emit(call_id)
    assert c.phase is Phase.WRAPUP
    assert w.note.caller_needed.toPlainText() == "Wants the bill explained"


def test_difficult_call_offers_longer_reset(companion) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    c.start_call()
    c.end_call()
    fill_note(companion, difficulty=5)
    w.note.save_requested.emit(w.note.state())
    assert c.phase is Phase.BREATHING
    assert w.breathing.offer.isVisibleTo(companion.overlay)
    w.breathing.longer.emit()
    assert w.breathing.total_s == 180


def test_stress_check_ins_are_stored_once_per_moment_with_their_call(
    companion, qtbot, artifacts
) -> None:  # type: ignore[no-untyped-def]
    from companion.store.checkins import recent_checkins

    c, w = companion.controller, companion.window
    c.start_call(CallInfo(identity="C-12"))
    call_id = c.call_id
    c.end_call()
    fill_note(companion)
    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)  # save: breathing starts
    assert c.phase is Phase.BREATHING
    for value in (1, 2, 3, 4):  # the spin box steps up to 4
        w.breathing.check.setValue(value)
    # the longer reset's path (keeps the answer), made short for the test
    w.breathing.start(w.breathing.pattern, 0.2, offer_longer=False, fresh=False)
    assert w.breathing.check.value() == 4
    qtbot.waitUntil(lambda: "after" in w.breathing.check_label.text(), timeout=5_000)
    assert w.breathing.check_label.text() == "Stress after (private, before: 4):"
    companion.overlay.grab().save(str(artifacts / "breathing-checkin.png"))
    w.breathing.check.setValue(2)
    assert recent_checkins(c.db) == []  # kept until breathing ends
    w.breathing.skipped.emit()

    assert c.phase is Phase.IDLE
    stored = sorted((k.moment, k.stress, k.call_id) for k in recent_checkins(c.db))
    assert stored == [("after", 2, call_id), ("before", 4, call_id)]

    c.start_breathing()  # on demand, between calls: no call to tie it to
    w.breathing.check.setValue(5)
    c.start_call(CallInfo(identity="C-13"))  # a new call ends breathing at once
    newest = recent_checkins(c.db)[0]
    assert (newest.moment, newest.stress, newest.call_id) == ("before", 5, None)


def test_safety_talk_shows_the_protocol_and_the_note_opens_with_its_report_and_follow_up(
    companion, fake_clock
) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    c.clock = fake_clock
    c.start_call(CallInfo(identity="caller"))
    fake_clock.t = 1002.0
    c.on_event(Final("caller", 2.0, "honestly my kids would be better off without me"))
    c.tick()
    (card,) = w.live.cues.cards()
    assert card.cue.kind == "safeguarding" and card.cue.severity == "high"
    assert "Alert your team leader" in card.cue.line
    c.end_call()
    assert companion.overlay.current_page() == "wrapup"
    form = w.note
    assert form.outcome.currentData() == "follow-up"
    assert form.follow_ups.toPlainText().startswith("Safeguarding: pass the report")
    assert form.abuse_report.isVisibleTo(form)
    assert form.abuse_report.toPlainText().startswith("Safeguarding report: call ")
