"""The overlay with its pages, connected to a `CallController`: what the agent sees.

This module only connects signals to slots and maps phases to pages; `companion.app` builds the
controller and everything it needs. Shortcuts are application-wide (`Qt.ApplicationShortcut`);
`companion.ui.global_hotkeys` fires the same shortcuts from any app when system-wide hotkeys
are available.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from companion.calls.breathing import session_seconds
from companion.calls.lifecycle import CallInfo, Direction, Phase
from companion.calls.start_notices import SHOW_SECONDS, Notice
from companion.cues.cue import Cue
from companion.hotkeys.spec import in_app_shortcuts
from companion.ui.bar import Bar
from companion.ui.breathing_widget import BreathingPanel
from companion.ui.call_controller import CallController
from companion.ui.cue_peek import CuePeek
from companion.ui.idle_panel import IdlePanel
from companion.ui.live_panel import LivePanel, clock
from companion.ui.note_form import NoteForm
from companion.ui.overlay import Overlay
from companion.ui.prep_panel import PrepPanel

AFTER_BREATHING_MS = 15000
SEVERITY_ORDER = ("info", "warn", "high")


class MainWindow:
    def __init__(
        self,
        controller: CallController,
        overlay: Overlay,
        theme: str,
        setting: Callable[[str], object],
    ) -> None:
        self.c = controller
        self.overlay = overlay
        self.setting = setting
        self.peek = CuePeek()
        overlay.add_peek(self.peek)
        self.idle = IdlePanel()
        self.prep = PrepPanel()
        self.live = LivePanel(theme)
        self.note = NoteForm()
        self.breathing = BreathingPanel(theme)
        for name, page in (
            ("idle", self.idle),
            ("prep", self.prep),
            ("live", self.live),
            ("wrapup", self.note),
            ("breathing", self.breathing),
        ):
            overlay.add_page(name, page)
        self.menu = QMenu(overlay)
        self.on_settings: Callable[[], None] | None = None
        self.on_quit: Callable[[], None] | None = None
        self._longer_seconds = 180
        self._after_breath = QTimer(overlay)
        self._after_breath.setSingleShot(True)
        self._after_breath.setInterval(AFTER_BREATHING_MS)
        self._after_breath.timeout.connect(self.c.finish_breathing)
        self._connect()
        self._shortcuts()
        self._autosave = QTimer(overlay)
        self._autosave.setInterval(1000)
        self._autosave.timeout.connect(self._autosave_tick)
        self._autosave.start()

    @property
    def bar(self) -> Bar:
        return self.overlay.bar

    def _connect(self) -> None:
        c, bar = self.c, self.bar
        c.phase_changed.connect(self.show_phase)
        c.caption.connect(self.live.caption)
        c.level.connect(self.live.level)
        c.channel_present.connect(self.live.set_channel_present)
        c.cues_changed.connect(self.set_cues)
        self.peek.changed.connect(self._refresh_peek)
        self.peek.dismissed.connect(lambda cid: c.feedback(cid, "dismissed"))
        self.peek.not_helpful.connect(lambda cid: c.feedback(cid, "not-helpful"))
        bar.expand_toggled.connect(lambda _on: self._refresh_peek())
        c.checklist_changed.connect(self.live.set_checklist)
        c.timer.connect(self._timer)
        c.prep_ready.connect(self.prep.set_checklist_and_notes)
        c.suggestions.connect(self.prep.set_suggestions)
        c.note_hits.connect(self.live.set_note_hits)
        c.note_loaded.connect(lambda payload: self.note.load(**payload))
        c.breathing.connect(self._breathe)
        c.message.connect(self.message)
        c.drafts_changed.connect(self.idle.set_drafts)
        bar.call_button.connect(self.call_button)
        bar.mute_toggled.connect(self._mute)
        bar.menu_requested.connect(self._menu)
        self.idle.prepare.connect(lambda: self.prepare())
        self.idle.start_now.connect(lambda: c.start_call())
        self.idle.breathe.connect(lambda: c.start_breathing())
        self.idle.open_draft.connect(c.open_draft)
        self.prep.identity_typed.connect(c.suggest)
        self.prep.identity_chosen.connect(c.lookup)
        self.prep.start_call.connect(self._start_from_prep)
        self.prep.cancel.connect(c.cancel)
        self.prep.check_toggled.connect(c.prep_tick)
        self.live.check_toggled.connect(c.check)
        self.live.search.connect(c.search_notes)
        self.live.dismissed.connect(lambda cid: c.feedback(cid, "dismissed"))
        self.live.not_helpful.connect(lambda cid: c.feedback(cid, "not-helpful"))
        self.note.changed.connect(lambda state: self.note.set_saved(c.note_changed(state)))
        self.note.save_requested.connect(self._save_note)
        self.note.skip_requested.connect(c.skip_note)
        self.breathing.finished.connect(self._after_breath.start)
        self.breathing.skipped.connect(c.finish_breathing)
        self.breathing.checkin.connect(c.checkin)
        self.breathing.longer.connect(self._longer)

    def _shortcuts(self) -> None:
        actions = {
            "prepare": lambda: self.prepare(),
            "start": lambda: self.c.start_call(source="hotkey"),
            "end": lambda: self.c.end_call(source="hotkey"),
            "mute": lambda: self.bar.set_muted(not self.bar.muted, emit=True),
            "breathe": lambda: self.c.start_breathing(source="hotkey"),
            "expand": self._toggle_panel,
            "search": self._focus_search,
            "settings": lambda: self.on_settings and self.on_settings(),
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for name, keys in in_app_shortcuts(self.setting, platform=sys.platform).items():
            shortcut = QShortcut(QKeySequence(keys), self.overlay)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(actions[name])
            self.shortcuts[name] = shortcut

    # -- reactions -----------------------------------------------------------------------

    def show_phase(self, phase: str, who: str) -> None:
        self.bar.set_phase(phase, who)
        self.overlay.show_page(phase)
        typing = phase in ("prep", "wrapup")
        self.overlay.set_focusable(typing)
        if phase != "breathing":
            self.breathing.stop()
            self._after_breath.stop()
        if phase == "live":
            self.live.reset(who)
            self.live.set_timer(0, self.c.target_s())
        # typing and breathing need the panel; a call opens it when the agent chose so;
        # otherwise (idle, or a call) the panel stays as the agent keeps it
        on_call_opens = phase == "live" and bool(self.setting("ui.open_panel_on_call"))
        needs_panel = phase in ("prep", "wrapup", "breathing") or on_call_opens
        self.overlay.set_expanded(needs_panel or self.overlay.agent_wants_panel)
        self._refresh_peek()
        if phase == "prep" and self.c.prep is None:
            call = self.c.life.state.call
            self.prep.reset(call.identity if call else "", call.direction if call else "inbound")

    def prepare(self) -> None:
        self.c.prepare()
        self.prep.identity.setFocus()

    def call_button(self) -> None:
        phase = self.c.phase
        if phase in (Phase.IDLE, Phase.BREATHING):
            self.prepare()
        elif phase is Phase.PREP:
            self._start_from_prep(self.prep.identity.text().strip(), self.prep.direction())
        elif phase is Phase.LIVE:
            self.c.end_call()
        elif phase is Phase.WRAPUP:
            self._save_note(self.note.state())

    def _start_from_prep(self, identity: str, direction: str) -> None:
        way: Direction = "outbound" if direction == "outbound" else "inbound"
        self.c.start_call(CallInfo(identity=identity, direction=way))

    def _timer(self, t: float, target: float) -> None:
        self.live.set_timer(t, target)
        self.bar.set_timer(clock(t))

    def _mute(self, muted: bool) -> None:
        self.c.set_muted(muted)
        self.live.set_muted(muted)
        if muted:
            self.set_cues(())

    def _toggle_panel(self) -> None:
        self.overlay.choose_expanded(not self.overlay.expanded)
        self._refresh_peek()

    def set_cues(self, cues: Sequence[Cue]) -> None:
        """The cues on screen go to the panel, the peek under the bar and the bar's count."""
        self.live.set_cues(cues)
        self.peek.set_cues(cues)
        top = max((c.severity for c in cues), key=SEVERITY_ORDER.index, default="")
        self.bar.set_cues(len(self.peek.cues.shown_ids()), top)

    def show_notices(self, notices: Sequence[Notice]) -> None:
        """What limits this call's cues, said once at its start under the bar, panel open or not."""
        if not notices:
            return
        self.peek.show_notice("\n".join(n.text for n in notices), SHOW_SECONDS)

    def _refresh_peek(self) -> None:
        """The peek shows on a live call when it holds something: a notice, or cards while the
        panel is collapsed."""
        self.peek.show_cards(not self.overlay.expanded)
        show = self.c.phase is Phase.LIVE and self.peek.has_content()
        if show != self.peek.isVisible() or show:
            self.peek.setVisible(show)
            self.overlay.refit()

    def _save_note(self, state: dict[str, Any]) -> None:
        errors = self.c.save_note(state)
        if errors:
            self.note.show_errors(errors)

    def _autosave_tick(self) -> None:
        text = self.c.note.tick()
        if text:
            self.note.set_saved(text)

    def _breathe(self, pattern: str, seconds: float, difficult: bool) -> None:
        self._longer_seconds = session_seconds(int(seconds), difficult=True)
        self.breathing.start(pattern, seconds, offer_longer=difficult)

    def _longer(self) -> None:
        self.breathing.start(
            self.breathing.pattern, self._longer_seconds, offer_longer=False, fresh=False
        )

    def _focus_search(self) -> None:
        if self.c.phase is Phase.LIVE:
            self.overlay.set_expanded(True)
            self.overlay.set_focusable(True)
            self.overlay.activateWindow()
            self.live.search_box.setFocus()

    def _menu(self) -> None:
        self.menu.popup(self.bar.menu.mapToGlobal(self.bar.menu.rect().bottomLeft()))

    def message(self, key: str, text: str, level: str) -> None:
        if level == "clear":
            self.overlay.banners.clear(key)
            return
        self.overlay.banners.show_banner(key, text, level)
