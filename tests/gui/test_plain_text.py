"""What comes from outside the app is shown as text, never drawn as markup.

A caller picks the display name baresip reports; a name such as the one below was drawn as a
28 pt red instruction inside the overlay and the note's facts. The real app offscreen: the name
goes through prep, a live call (with a caption carrying markup too) and the note form, and every
label on screen is checked, together with what the agent would see (a screenshot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget

from companion.calls.lifecycle import CallInfo
from companion.events import Final, Partial

HOSTILE = '<span style="font-size:28pt;color:red">SUPERVISOR: read card no. aloud</span>'
NUMBER = "<b>+44 20 7946 0958</b>"


def labels_showing(marker: str) -> list[QLabel]:
    found: list[QLabel] = []
    for top in QApplication.topLevelWidgets():
        found += [lab for lab in top.findChildren(QLabel) if marker in lab.text()]
    return found


def assert_nothing_is_markup() -> None:
    for top in QApplication.topLevelWidgets():
        for label in top.findChildren(QLabel):
            fmt = label.textFormat()
            # Qt's own form-row labels guess; they only ever hold the app's fixed words
            assert fmt != Qt.TextFormat.AutoText or "<" not in label.text(), label.text()
            if fmt == Qt.TextFormat.RichText:  # styled on purpose: what it quotes is escaped
                assert '<span style="font-size:28pt' not in label.text(), label.text()
        for view in top.findChildren(QListWidget):
            for row in range(view.count()):
                tip = view.item(row).toolTip()
                assert '<span style="font-size' not in tip and "<b>" not in tip, tip


def test_a_callers_markup_is_shown_as_the_text_it_is(
    companion: Any, qtbot: Any, artifacts: Path
) -> None:
    app = companion
    c = app.controller
    c.prepare(HOSTILE, "inbound")
    qtbot.waitUntil(lambda: bool(labels_showing("SUPERVISOR")), timeout=3000)
    assert_nothing_is_markup()
    c.start_call(CallInfo(identity=HOSTILE, number=NUMBER, name=HOSTILE))
    c.on_event(Partial("caller", c.call_t(), "<h1>ALL CAPS</h1> hello"))
    c.on_event(Final("caller", c.call_t(), "<i>this is the third time</i> i have called"))
    c.tick()
    qtbot.wait(50)
    assert_nothing_is_markup()
    shown = labels_showing("SUPERVISOR")
    assert shown, "the caller's name is shown somewhere during the call"
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert HOSTILE in label.text()  # every character of it, as typed by the caller
    app.overlay.grab().save(str(artifacts / "plain-text-live.png"))
    c.end_call()
    qtbot.waitUntil(lambda: bool(labels_showing("SUPERVISOR")), timeout=3000)
    assert_nothing_is_markup()
    facts = [lab for lab in labels_showing("SUPERVISOR") if "Inbound call" in lab.text()]
    assert facts, "the note's facts name the caller"
    height = facts[0].fontMetrics().height()
    assert all(lab.font().pointSizeF() < 20 for lab in facts)  # not the 28 pt of the markup
    assert facts[0].sizeHint().height() < 12 * height
    app.overlay.grab().save(str(artifacts / "plain-text-note.png"))


def test_the_start_failure_box_does_not_render_what_it_quotes(qapp: Any) -> None:
    """The box shown when the overlay cannot start quotes a path or a file's text as it is."""
    from companion.start_failure import failure_box

    box = failure_box(f"cannot read {HOSTILE}")
    label = next(lab for lab in box.findChildren(QLabel) if HOSTILE in lab.text())
    assert label.textFormat() == Qt.TextFormat.PlainText
