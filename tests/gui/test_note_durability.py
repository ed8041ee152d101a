"""Never lose a note: a save that fails on a full disk keeps the form and the draft; a SIGKILL in
the wrap-up brings back every field; quitting inside the autosave interval writes the last edit;
the call-state file is as private as the database."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtWidgets import QApplication

from companion.calls.lifecycle import CallInfo, Phase
from companion.store.drafts import load_draft
from tests.gui.app_procs import ready_line_then_sigkill


def _note_row(db, call_id: int) -> object:  # type: ignore[no-untyped-def]
    return db.execute("SELECT caller_needed FROM notes WHERE call_id = ?", [call_id]).fetchone()


def _in_wrapup(c, identity: str) -> int:  # type: ignore[no-untyped-def]
    """A call started and hung up: the note form is open for it; returns its id."""
    c.start_call(CallInfo(identity=identity))
    call_id = c.call_id
    c.end_call()
    assert call_id is not None
    return int(call_id)


def _fill(form) -> None:  # type: ignore[no-untyped-def]
    # about 6 KB: the note needs new pages in the file
    form.caller_needed.setPlainText("Refund of a double charge " + "x" * 3000)
    form.what_was_done.setPlainText("Raised the refund " + "y" * 3000)
    form.outcome.setCurrentIndex(form.outcome.findData("resolved"))
    form.difficulty.setValue(2)
    form.reason.setCurrentIndex(form.reason.findData("billing"))


def test_save_on_a_full_disk_keeps_the_form_and_the_draft(companion, qtbot) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    call_id = _in_wrapup(c, "C-1")
    _fill(w.note)
    c.note.close(flush=True)  # the draft is on disk before the disk fills up
    c.note.open(call_id, "")
    typed = w.note.state()
    pages = c.db.execute("PRAGMA page_count").fetchone()[0]
    c.db.execute(f"PRAGMA max_page_count={pages}")  # SQLite's own SQLITE_FULL, as on a full disk

    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)  # "Save" in wrap-up

    assert c.phase is Phase.WRAPUP and companion.overlay.current_page() == "wrapup"
    assert w.note.state() == typed
    message = w.note.errors.text()
    assert "no space left" in message and message.count("\n") == 0
    assert w.note.errors.isVisibleTo(companion.overlay)
    assert _note_row(c.db, call_id) is None
    draft = load_draft(c.db, call_id)
    assert draft is not None and draft.body["caller_needed"] == typed["caller_needed"]

    c.db.execute("PRAGMA max_page_count=1073741823")  # space freed: the same click saves
    qtbot.mouseClick(w.bar.call, Qt.MouseButton.LeftButton)
    assert c.phase is Phase.BREATHING
    assert _note_row(c.db, call_id) == (typed["caller_needed"],)
    assert load_draft(c.db, call_id) is None


def test_later_on_a_full_disk_keeps_the_note_open(companion) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    call_id = _in_wrapup(c, "C-3")
    w.note.caller_needed.setPlainText("written before the disk filled up")
    pages = c.db.execute("PRAGMA page_count").fetchone()[0]
    c.db.execute(f"PRAGMA max_page_count={pages}")
    w.note.what_was_done.setPlainText("z" * 5000)  # typed after: the draft cannot take it
    assert c.note.autosaver is not None and c.note.autosaver.has_pending

    w.note.skip_requested.emit()  # "Later"

    assert c.phase is Phase.WRAPUP and companion.overlay.current_page() == "wrapup"
    assert w.note.what_was_done.toPlainText() == "z" * 5000
    assert "no space left" in companion.overlay.banners.texts().get("note", "")
    c.db.execute("PRAGMA max_page_count=1073741823")
    w.note.skip_requested.emit()
    assert c.phase is Phase.IDLE
    draft = load_draft(c.db, call_id)
    assert draft is not None and draft.body["what_was_done"] == "z" * 5000


def test_quitting_inside_the_autosave_interval_writes_the_last_edit(companion) -> None:  # type: ignore[no-untyped-def]
    c, w = companion.controller, companion.window
    call_id = _in_wrapup(c, "C-2")
    w.note.caller_needed.setPlainText("first words")  # written at once
    w.note.caller_needed.setPlainText("first words, then the rest")  # pending (< 2 s)
    assert c.note.autosaver is not None and c.note.autosaver.has_pending

    companion.shutdown()  # what QApplication.aboutToQuit runs

    draft = load_draft(c.db, call_id)
    assert draft is not None and draft.body["caller_needed"] == "first words, then the rest"


def test_the_last_edit_is_on_disk_within_two_seconds_of_typing_stopping(  # type: ignore[no-untyped-def]
    companion, fake_clock, qtbot
) -> None:
    """The README: "Your typing is saved every two seconds". The form's own autosave timer
    writes the edit left pending by the throttle; each of its ticks moves the app's clock on by
    the timer's interval, so the delay is measured in the app's time, and a busy machine only
    makes the test slower, never wrong."""
    c, w = companion.controller, companion.window
    c.clock = fake_clock
    c.note.clock = fake_clock
    call_id = _in_wrapup(c, "C-9")
    timer = w._autosave
    interval_s = timer.interval() / 1000
    fake_clock.t += 60  # a pause: the next edit is written at once
    timer.start()  # restarted: its ticks count from this first write
    first_write = fake_clock.t
    w.note.caller_needed.setPlainText("first words")
    draft = load_draft(c.db, call_id)
    assert draft is not None and draft.body["caller_needed"] == "first words"
    fake_clock.t += 0.5
    w.note.caller_needed.setPlainText("first words, then the rest")  # typing stops here
    stopped = fake_clock.t
    assert c.note.autosaver is not None and c.note.autosaver.has_pending

    for tick in range(1, 6):
        fake_clock.t = first_write + tick * interval_s  # the app's time at this tick
        with qtbot.waitSignal(timer.timeout, timeout=10_000):
            pass
        draft = load_draft(c.db, call_id)
        assert draft is not None
        if draft.body["caller_needed"] == "first words, then the rest":
            break
    else:
        raise AssertionError("the autosave timer never wrote the last edit")
    assert fake_clock.t - stopped <= 2.0, (
        f"on disk {fake_clock.t - stopped:.1f} s after typing stopped (tick {tick} "
        f"of the {interval_s:g} s timer)"
    )
    assert w.note.saved.text().startswith("Draft saved")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_call_state_file_is_private(companion, app_home: Path) -> None:  # type: ignore[no-untyped-def]
    c = companion.controller
    old = os.umask(0o022)  # the usual desktop umask: new files readable by everyone
    try:
        c.start_call(CallInfo(identity="+44 20 7946 0958", number="+44 20 7946 0958", name="J"))
    finally:
        os.umask(old)
    assert "7946" in c.session_path.read_text(encoding="utf-8")
    assert c.session_path.stat().st_mode & 0o077 == 0, oct(c.session_path.stat().st_mode)


KILLED_IN_WRAPUP = """
import json, sqlite3, sys, time
from PySide6.QtWidgets import QApplication
qapp = QApplication([])
from companion.app import build
from companion.context import build_context
from companion.calls.lifecycle import CallInfo
from companion.store import call_log
app = build(build_context(None))
app.show()
c, form = app.controller, app.window.note
c.start_call(CallInfo(identity="C-88"))
call_id = c.call_id
call_log.record_cue(c.db, call_id, t=42.0, kind="empathy", message="Acknowledge")
call_log.record_cue(c.db, call_id, t=95.0, kind="boundary", message="Set a boundary")
c.db.execute("UPDATE calls SET started_at = '2025-03-03T09:00:00' WHERE id = ?", [call_id])
c.end_call()
call_log.end_call(c.db, call_id, "2025-03-03T09:12:00")
form.reason.setCurrentIndex(form.reason.findData("billing"))
form.reason_text.setText("double charge")
form.reason_text.textEdited.emit(form.reason_text.text())
form.caller_needed.setPlainText("Card blocked abroad")
form.what_was_done.setPlainText("Unblocked it; sent a new PIN")
form.outcome.setCurrentIndex(form.outcome.findData("follow-up"))
form.difficulty.setValue(4)
form.follow_ups.setPlainText("send the PIN letter by 2025-03-05 @cards\\ncall back")
form.caller_types["complainer"].setChecked(True)
form.caller_types["rambler"].setChecked(True)
form.repeat.setChecked(True)
form.pivotal.setCurrentRow(1)
form.what_worked.setPlainText("Naming the deadline")
form.preferences.setText("prefers email; after 5pm")
form.preferences.textEdited.emit(form.preferences.text())
form.overtime_reason.setPlainText("Bank systems were slow")
form.abuse_report.setPlainText(form.abuse_report.toPlainText() + "He swore twice.")
form.stress.setValue(3)
form.felt.setPlainText("drained")
form.do_differently.setPlainText("Set the boundary sooner")
from PySide6.QtTest import QTest
QTest.qWait(3500)  # the form's autosave timer writes what is pending
print("READY", call_id, json.dumps(form.state()), flush=True)
time.sleep(120)
"""


def test_every_field_comes_back_after_sigkill_in_the_wrapup(  # type: ignore[no-untyped-def]
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    line = ready_line_then_sigkill(home, KILLED_IN_WRAPUP)
    _, call_id, typed_json = line.split(" ", 2)
    typed = json.loads(typed_json)
    assert typed["pivotal"]["t"] == 42.0 and "He swore twice." in typed["abuse_report"]

    monkeypatch.setenv("COMPANION_HOME", str(home))
    from companion.app import build
    from companion.context import build_context

    app = build(build_context(None))
    qtbot.addWidget(app.overlay)
    app.show()
    try:
        c, form = app.controller, app.window.note
        assert c.phase is Phase.WRAPUP and c.call_id == int(call_id)
        assert form.state() == typed
        for box in (form.overtime_reason, form.abuse_report):
            assert box.isVisibleTo(app.overlay)
    finally:
        app.shutdown()


def test_a_full_disk_during_a_call_says_so_and_the_call_goes_on(companion) -> None:  # type: ignore[no-untyped-def]
    from companion.events import Final

    c = companion.controller
    c.start_call(CallInfo(identity="C-4"))
    call_id = c.call_id
    # The disk fills up mid-call: every page is taken, so the next row cannot be stored.
    c.db.execute("CREATE TABLE filler (x BLOB)")
    c.db.execute(f"PRAGMA max_page_count={c.db.execute('PRAGMA page_count').fetchone()[0] + 1}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for _ in range(100):
            c.db.execute("INSERT INTO filler VALUES (randomblob(1000))")
    for _ in range(200):  # and the last half-empty pages of the cue table fill up too
        try:
            c.db.execute(
                "INSERT INTO cue_events (call_id, t, kind, channel, message) "
                "VALUES (?, 0, 'pace', 'agent', 'x')",
                (call_id,),
            )
        except sqlite3.OperationalError:
            break
    # A cue that must be stored: the caller insults the agent (boundary).
    c.on_event(Final("caller", 2.0, "you are a useless idiot"))
    c.tick()
    assert "boundary" in c.fired_kinds  # the cue still fired
    assert "no space left" in companion.overlay.banners.texts().get("store", "")
    c.end_call()  # storing the call's end fails too: a message, not a crash
    assert c.phase is Phase.WRAPUP and c.call_id == call_id
    c.db.execute("PRAGMA max_page_count=1073741823")


def _fill_the_disk(db) -> None:  # type: ignore[no-untyped-def]
    """No page left and no room in the call table's last page: the next call cannot be stored."""
    db.execute("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0] + 1}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for _ in range(100):
            db.execute("INSERT INTO filler VALUES (randomblob(1000))")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for _ in range(1000):
            db.execute(
                "INSERT INTO calls (direction, started_at) VALUES ('inbound', '2026-01-01 00:00')"
            )


def _free_the_disk(db) -> None:  # type: ignore[no-untyped-def]
    db.execute("PRAGMA max_page_count=1073741823")


def test_a_full_disk_at_the_call_start_says_so_and_the_call_is_saved_once_there_is_room(  # type: ignore[no-untyped-def]
    companion,
) -> None:
    from companion.events import Final
    from companion.ui.call_controller import HEARTBEAT_S

    c = companion.controller
    calls_before = c.db.execute("SELECT count(*) FROM calls").fetchone()[0]
    _fill_the_disk(c.db)

    c.start_call(CallInfo(identity="C-5"))  # a message, not a crash

    assert c.phase is Phase.LIVE and c.call_id is None
    assert "no space left" in companion.overlay.banners.texts().get("store", "")
    c.on_event(Final("caller", 2.0, "you are a useless idiot"))
    c.tick()
    assert "boundary" in c.fired_kinds  # cues go on without the database
    c.session.live.heartbeat -= HEARTBEAT_S + 1
    c.tick()  # the heartbeat tries again: still full
    assert c.call_id is None

    _free_the_disk(c.db)
    c.session.live.heartbeat -= HEARTBEAT_S + 1
    c.tick()

    call_id = c.call_id
    assert call_id is not None
    assert c.db.execute("SELECT count(*) FROM calls").fetchone()[0] > calls_before
    assert "saved again" in companion.overlay.banners.texts().get("store", "")
    c.on_event(Final("caller", 9.0, "you are a useless idiot again"))
    c.end_call()
    assert c.phase is Phase.WRAPUP and c.note.call_id == call_id
    ended = c.db.execute("SELECT ended_at FROM calls WHERE id = ?", [call_id]).fetchone()[0]
    assert ended is not None


def test_a_disk_full_for_the_whole_call_ends_it_without_a_note_and_without_a_crash(  # type: ignore[no-untyped-def]
    companion,
) -> None:
    c = companion.controller
    _fill_the_disk(c.db)
    c.start_call(CallInfo(identity="C-6"))
    assert c.phase is Phase.LIVE

    c.end_call()

    assert c.phase is Phase.IDLE and c.call_id is None
    banner = companion.overlay.banners.texts().get("store", "")
    assert "could not be saved" in banner and banner.count("\n") == 0
    _free_the_disk(c.db)
    c.start_call(CallInfo(identity="C-7"))  # the next call, with room again, is stored
    assert c.call_id is not None


def test_log_off_writes_the_last_edit_without_quitting(companion) -> None:  # type: ignore[no-untyped-def]
    """What the app does on Qt's commitDataRequest: the system may kill it right after."""
    c, w = companion.controller, companion.window
    call_id = _in_wrapup(c, "C-8")
    w.note.caller_needed.setPlainText("typed")
    w.note.caller_needed.setPlainText("typed just before logging off")  # pending (< 2 s)
    assert c.note.autosaver is not None and c.note.autosaver.has_pending

    # what the composition root connects to Qt's commitDataRequest (not emittable from Python:
    # it carries the platform's QSessionManager)
    from companion.app import build
    from companion.context import build_context

    qapp, signal_ = QApplication.instance(), SIGNAL("commitDataRequest(QSessionManager&)")
    before = qapp.receivers(signal_)
    other = build(build_context(None))
    assert qapp.receivers(signal_) == before + 1  # building the app wires it
    other.shutdown()
    c.commit_data()

    draft = load_draft(c.db, call_id)
    assert draft is not None and draft.body["caller_needed"] == "typed just before logging off"
    assert c.phase is Phase.WRAPUP and c.note.call_id == call_id  # the note stays open


def test_a_session_on_the_stand_in_file_comes_back_into_the_history(app_home: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The history is refused at start (written by a newer version): the session runs on a
    stand-in file and its note is saved there; once the history opens again, the next start
    merges it back, so the next call's prep sees it, and the stand-in file is gone."""
    from companion.app import build
    from companion.context import build_context
    from companion.store.database import open_store
    from companion.store.schema import SCHEMA_VERSION

    ctx = build_context(None)
    history = open_store(ctx.paths.database).db
    history.execute("PRAGMA user_version = 99")  # a newer version wrote it
    history.close()

    first = build(ctx)
    qtbot.addWidget(first.overlay)
    first.show()
    assert first.store.path.parent == ctx.paths.cache  # the stand-in
    call_id = _in_wrapup(first.controller, "C-20")
    _fill(first.window.note)
    first.window.note.caller_needed.setPlainText("kept on the stand-in")
    qtbot.mouseClick(first.window.bar.call, Qt.MouseButton.LeftButton)  # Save
    assert first.controller.phase in (Phase.BREATHING, Phase.IDLE)
    assert _note_row(first.store.db, call_id) == ("kept on the stand-in",)
    first.shutdown()
    first.store.db.close()

    raw = sqlite3.connect(ctx.paths.database)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # the newer version is gone again
    raw.close()

    second = build(ctx)
    qtbot.addWidget(second.overlay)
    second.show()
    try:
        assert second.store.path == ctx.paths.database
        needed = second.store.db.execute("SELECT caller_needed FROM notes").fetchall()
        assert needed == [("kept on the stand-in",)]
        assert not list(ctx.paths.cache.glob("fallback-*"))
        qtbot.waitUntil(lambda: "store-merge" in second.overlay.banners.texts(), timeout=5_000)
        assert "1 call(s)" in second.overlay.banners.texts()["store-merge"]
    finally:
        second.shutdown()
