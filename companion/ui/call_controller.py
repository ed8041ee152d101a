"""The call controller: the glue between the lifecycle, the cue engine, the checklists and the
store, with Qt signals out to the window.

It decides nothing itself: transitions are `Lifecycle`'s, cues are `CueEngine`'s, ticking is
`InCallChecklist`'s, notes are `check_note`/`save_note`'s. It calls them at the right moments,
writes what the store must keep, and tells the window what to show. Every transition is written
to `session.json` (and rewritten every few seconds of a live call), so after a crash the app
comes back to the same wrap-up with the draft note (see `companion.calls.lifecycle.recover`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlite_utils import Database

from companion.audio.mic_permission import silence_message
from companion.calls import lifecycle as lc
from companion.calls.in_call import InCallChecklist
from companion.calls.note_save import save_note
from companion.calls.prep import PrepChecklist, build_prep_checklist
from companion.cues.cue import Cue
from companion.cues.engine import CueEngine
from companion.cues.settings import CueSettings
from companion.events import Channel, DeviceEvent, Event, Final, Partial, VoiceFrame
from companion.store import call_log
from companion.store.call_log import CheckState
from companion.store.checkins import Moment, record_checkin
from companion.store.contacts import find_contact, remember_caller, suggest_contacts
from companion.store.database import StoreError, store_errors
from companion.store.drafts import DraftAutosaver, pending_drafts
from companion.store.notes_index import NotesIndex
from companion.ui.note_session import NoteSession

log = logging.getLogger(__name__)
TICK_MS = 50
HEARTBEAT_S = 5.0
SESSION_FILE = "session.json"


def plain_snippet(snippet: str) -> str:
    """A search snippet as one readable line: no hit brackets, no Markdown marks."""
    text = re.sub(r"[\[\]*#_`>]+", "", snippet)
    return re.sub(r"\s+", " ", text).strip()


def now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class CallController(QObject):
    phase_changed = Signal(str, str)  # phase, detail (who)
    caption = Signal(str, str, bool)
    level = Signal(str, float, bool)
    channel_present = Signal(str, bool)  # channel, its input is there (meters grey out when not)
    cues_changed = Signal(object)  # tuple[Cue, ...]
    checklist_changed = Signal(object)  # list[CheckState]
    timer = Signal(float, float)
    prep_ready = Signal(str, object, object)  # who, [(id, label, source, checked)], [(t, s)]
    suggestions = Signal(object)
    note_hits = Signal(object)
    note_loaded = Signal(dict)
    breathing = Signal(str, float, bool)  # pattern, seconds, offer longer
    message = Signal(str, str, str)
    drafts_changed = Signal(object)
    call_started = Signal(int)
    call_ended = Signal(int)

    def __init__(
        self,
        db: Database,
        data_dir: Path,
        *,
        settings: Callable[[str], Any],
        cue_settings: CueSettings,
        profile_values: Callable[[str], Any],
        profile_name: str,
        notes: NotesIndex | None,
        channels: frozenset[Channel],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.db = db
        self.session_path = data_dir / SESSION_FILE
        self.setting = settings
        self.cue_settings = cue_settings
        self.profile_value = profile_values
        self.profile_name = profile_name
        self.notes = notes
        self.channels = channels
        self.clock = clock
        self.life = lc.Lifecycle()
        self.engine: CueEngine | None = None
        self.checklist: InCallChecklist | None = None
        self.transcript: call_log.TranscriptWriter | None = None
        self.cue_rows: dict[str, int] = {}
        self.fired_kinds: set[str] = set()
        self.t0 = 0.0
        self.muted = False
        self.prep: PrepChecklist | None = None
        self.prep_checked: dict[str, bool] = {}
        self._pending_prep: list[CheckState] | None = None  # stored with the call's row
        self._checkins: dict[Moment, int] = {}  # this breathing session's latest answers
        self._checkin_call: int | None = None
        self._suggested: dict[str, str] = {}
        self._levels: dict[str, tuple[float, bool]] = {}
        self._silent: set[str] = set()  # channels whose input is reported as exact zeros
        self._shown: tuple[str, ...] | None = None  # None: re-send on the next tick
        self._last_second = -1
        self._heartbeat = 0.0
        self.note = NoteSession(db, self.setting, self.profile_value, clock=clock)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.tick)

    # -- helpers -------------------------------------------------------------------------

    @property
    def phase(self) -> lc.Phase:
        return self.life.phase

    @property
    def call_id(self) -> int | None:
        call = self.life.state.call
        return call.call_id if call is not None else None

    def call_t(self) -> float:
        return round(self.clock() - self.t0, 3)

    def target_s(self) -> float:
        return float(self.profile_value("call.target_handle_time_s") or 360)

    def _who(self) -> str:
        call = self.life.state.call
        if call is None:
            return ""
        return call.name or call.identity or call.number or ""

    def _persist(self) -> None:
        tmp = self.session_path.with_suffix(".tmp")
        try:
            # The caller's number and name are in it: as private as the database (0600).
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, 0o600)  # a .tmp left by an older version kept its mode
                handle.write(json.dumps(self.life.state.to_dict()))
            os.replace(tmp, self.session_path)
        except OSError as exc:
            log.warning("could not save the call state to %s: %s", self.session_path, exc)

    def _changed(self) -> None:
        if self.phase is not lc.Phase.BREATHING:
            self._store_checkins()
        self._persist()
        self.phase_changed.emit(self.phase.value, self._who())

    def refresh_drafts(self) -> None:
        current = self.call_id if self.phase is lc.Phase.WRAPUP else None
        items = []
        for draft in pending_drafts(self.db):
            if draft.call_id == current:
                continue
            call = call_log.get_call(self.db, draft.call_id)
            when = call.started_at[11:16] if call is not None else "?"
            items.append((draft.call_id, f"Call {draft.call_id} at {when} — note not saved"))
        self.drafts_changed.emit(items)

    # -- restore -------------------------------------------------------------------------

    def restore(self) -> None:
        """Resume after a crash or kill: a call that was live or in wrap-up reopens its note."""
        try:
            raw = json.loads(self.session_path.read_text(encoding="utf-8"))
            saved = lc.State.from_dict(raw if isinstance(raw, dict) else {})
            stamp = dt.datetime.fromtimestamp(self.session_path.stat().st_mtime)
        except (OSError, ValueError):
            saved, stamp = lc.State(), dt.datetime.now()
        resumed = lc.recover(saved, at=now_iso())
        if resumed.phase is lc.Phase.WRAPUP and resumed.call is not None:
            call_id = resumed.call.call_id
            record = call_log.get_call(self.db, call_id) if call_id is not None else None
            if record is not None:
                if not record.ended_at:
                    call_log.end_call(self.db, record.id, stamp.isoformat(timespec="seconds"))
                self.life.state = resumed
                self.fired_kinds = {c.kind for c in call_log.cue_timeline(self.db, record.id)}
                self._changed()
                self._open_note(record.id)
                self.message.emit(
                    "restored",
                    "Call Companion restarted: your unfinished note is back where you left it.",
                    "info",
                )
                self.refresh_drafts()
                return
        self.life.state = lc.State()
        self._changed()
        self.refresh_drafts()

    # -- prep ----------------------------------------------------------------------------

    def prepare(
        self, identity: str = "", direction: lc.Direction = "inbound", source: lc.Source = "button"
    ) -> None:
        if self.phase not in (lc.Phase.IDLE, lc.Phase.BREATHING, lc.Phase.PREP):
            return
        self.life.prepare(
            lc.CallInfo(identity=identity, direction=direction), at=now_iso(), source=source
        )
        self.prep, self.prep_checked = None, {}
        self._changed()
        if identity:
            self.lookup(identity, direction)

    def suggest(self, text: str) -> None:
        self._suggested = dict(suggest_contacts(self.db, text))
        self.suggestions.emit(list(self._suggested))

    def lookup(self, typed: str, direction: str) -> None:
        """Build the prep checklist for what the agent typed or picked."""
        if self.phase is not lc.Phase.PREP:
            return
        identity = self._suggested.get(typed, typed).strip()
        way: lc.Direction = "outbound" if direction == "outbound" else "inbound"
        self.life.prepare(lc.CallInfo(identity=identity, direction=way), at=now_iso())
        self._persist()
        if not identity:
            return
        if self.notes is not None:
            self._refresh_notes()
        profile_items = tuple(self.profile_value(f"checklist.prep_{way}") or ())
        self.prep = build_prep_checklist(
            self.db, identity, way, profile_items, today=dt.date.today(), notes=self.notes
        )
        self.prep_checked = {}
        contact = self.prep.contact
        who = (
            contact.name or contact.customer_id or identity
            if contact
            else f"New caller: {identity}"
        )
        items = [(i.id, i.label, i.source, False) for i in self.prep.items]
        related: list[tuple[str, str]] = []
        if self.notes is not None:
            query = contact.name if contact and contact.name else identity
            hits = self.notes.search(query, limit=4)
            related = [(h.title, plain_snippet(h.snippet)) for h in hits]
        self.prep_ready.emit(who, items, related)

    def prep_tick(self, item_id: str, checked: bool) -> None:
        self.prep_checked[item_id] = checked

    def _refresh_notes(self) -> None:
        assert self.notes is not None
        try:
            result = self.notes.refresh()
        except OSError as exc:
            self.message.emit("notes", f"Notes folder unreadable: {exc}", "warning")
            return
        for problem in getattr(result, "problems", [])[:1]:
            self.message.emit("notes", f"Note skipped: {problem}", "warning")

    def search_notes(self, text: str) -> None:
        if self.notes is None or not text.strip():
            self.note_hits.emit([])
            return
        self._refresh_notes()
        hits = self.notes.search(text, limit=5)
        self.note_hits.emit([(h.title, plain_snippet(h.snippet)) for h in hits])

    # -- the call ------------------------------------------------------------------------

    def start_call(self, info: lc.CallInfo | None = None, source: lc.Source = "button") -> None:
        if self.phase is lc.Phase.WRAPUP:
            self.note.close(flush=True)
        step = self.life.start_call(info, at=now_iso(), source=source)
        if step is None:
            return
        if self.prep is not None and step.before.phase is lc.Phase.PREP:
            self._pending_prep = self.prep.states(self.prep_checked)
        self.prep = None
        self.transcript = None
        self._store_call_start()
        call_id = self.call_id
        self.engine = CueEngine(self.cue_settings, self.channels, call_id=str(call_id or ""))
        self.checklist = InCallChecklist(tuple(self.profile_value("checklist.in_call") or ()))
        self.cue_rows, self.fired_kinds, self._shown = {}, set(), None
        self.t0 = self.clock()
        self._last_second = -1
        self._heartbeat = self.t0
        self._changed()
        self.checklist_changed.emit(self.checklist.states())
        self.cues_changed.emit(())
        self.call_started.emit(call_id or 0)
        self._tick.start()
        if step.left_note is not None:
            self.refresh_drafts()

    def _store_call_start(self) -> bool:
        """Create the call's row, so cues, transcript and note have somewhere to go.

        On a full disk (or a busy history file) the call goes on without it: cues still show,
        the banner says what is wrong, and the heartbeat and the hang-up try again."""
        if self.call_id is not None:
            return True
        call = self.life.state.call or lc.CallInfo()
        with self._storage_problem("the call's start"):
            contact = None
            for identity in (call.identity, call.number, call.name):
                if identity and contact is None:
                    contact = find_contact(self.db, identity)
            if contact is None:  # a new caller: their next call's prep finds this one
                contact = remember_caller(self.db, call.number, call.name, created_at=now_iso())
            call_id = call_log.start_call(
                self.db,
                contact_id=contact.id if contact else None,
                direction=call.direction,
                started_at=call.started_at or now_iso(),
                profile=self.profile_name,
            )
            self.life.attach_call_id(call_id)
            if self._pending_prep is not None:
                call_log.save_checklist(self.db, call_id, "prep", self._pending_prep)
                self._pending_prep = None
            self.transcript = call_log.TranscriptWriter(
                self.db, call_id, enabled=bool(self.setting("privacy.store_transcripts"))
            )
            return True
        return False

    def end_call(self, source: lc.Source = "button") -> None:
        if self.phase is lc.Phase.LIVE and not self._store_call_start():
            self._end_unstored_call(source)
            return
        step = self.life.end_call(at=now_iso(), source=source)
        if step is None:
            return
        if step.trigger == "cancel_prep":
            self.prep = None
            self._changed()
            return
        self._tick.stop()
        call_id = self.call_id
        assert call_id is not None
        checklist = self.checklist
        with self._storage_problem("the call's end"):
            call_log.end_call(self.db, call_id, now_iso())
            if checklist is not None:
                call_log.save_checklist(self.db, call_id, "in_call", checklist.states())
        self.engine = None
        self.transcript = None
        self.cues_changed.emit(())
        self._changed()
        self.call_ended.emit(call_id)
        self._open_note(call_id)

    def _end_unstored_call(self, source: lc.Source) -> None:
        """Hang up a call whose row never could be stored: no note to open, nothing typed lost."""
        self._tick.stop()
        self.life.end_call(at=now_iso(), source=source)
        self.life.skip_note(at=now_iso(), source=source)
        self.engine = None
        self.transcript = None
        self.checklist = None
        self._pending_prep = None
        self.cues_changed.emit(())
        self._changed()
        self.message.emit(
            "store",
            "This call could not be saved (the disk is still full), so no note opens for it; "
            "free some disk space before the next call.",
            "warning",
        )

    def on_event(self, event: Event) -> None:
        if isinstance(event, VoiceFrame):
            self._levels[event.channel] = (event.level, event.speech)
        elif isinstance(event, DeviceEvent):
            self._device(event)
        if self.phase is not lc.Phase.LIVE or self.engine is None:
            return
        if isinstance(event, Partial):
            self.caption.emit(event.channel, event.partial, False)
        elif isinstance(event, Final):
            self.caption.emit(event.channel, event.text, True)
        self._record(self.engine.feed(event))
        if self.checklist is not None and self.checklist.feed(event):
            self.checklist_changed.emit(self.checklist.states())
        if self.transcript is not None:
            with self._storage_problem("the transcript"):
                self.transcript.feed(event)

    def _device(self, event: DeviceEvent) -> None:
        who = "Headset" if event.channel == "agent" else "Caller input"
        key = f"device-{event.channel}"
        if event.device in ("silent", "denied"):  # exact zeros: muted, or access withheld
            self._silent.add(event.channel)
            self.message.emit(key, silence_message(who, event.device == "denied"), "warning")
            return
        if event.device == "restored" and event.channel in self._silent:
            self._silent.discard(event.channel)  # real signal again: the notice is over
            self.message.emit(key, "", "clear")
            return
        self._silent.discard(event.channel)
        if event.device == "lost":
            self._levels.pop(event.channel, None)  # the meter must not keep the last level
        self.channel_present.emit(event.channel, event.device == "restored")
        if event.device == "lost":
            self.message.emit(
                key,
                f"{who} lost — cues from that side are paused; "
                "plug it back in and it is picked up again.",
                "warning",
            )
        else:
            self.message.emit(key, f"{who} restored.", "info")

    def tick(self) -> None:
        if self.engine is None:
            return
        t = self.call_t()
        self._record(self.engine.tick(t))
        screen = () if self.muted else self.engine.on_screen(t)
        ids = tuple(c.id for c in screen)
        if ids != self._shown:
            self._shown = ids
            self.cues_changed.emit(screen)
        for channel, (level, speech) in self._levels.items():
            self.level.emit(channel, level, speech)
        self._levels.clear()
        second = int(t)
        if second != self._last_second:
            self._last_second = second
            self.timer.emit(t, self.target_s())
        if self.clock() - self._heartbeat > HEARTBEAT_S:
            self._heartbeat = self.clock()
            if self.call_id is None and self._store_call_start():
                self.message.emit("store", "The call is being saved again.", "info")
            self._persist()

    @contextlib.contextmanager
    def _storage_problem(self, what: str) -> Iterator[None]:
        """A full disk or a busy history file during a call is the environment, not a bug:
        say so in one line and carry on; the call and its cues go on regardless."""
        try:
            with store_errors(self.note.db_path()):
                yield
        except StoreError as exc:
            log.warning("could not store %s: %s", what, exc)
            self.message.emit("store", f"Could not save {what}: {exc}", "warning")

    def _record(self, cues: list[Cue]) -> None:
        call_id = self.call_id
        for cue in cues:
            self.fired_kinds.add(cue.kind)
            if call_id is None:
                continue
            with self._storage_problem("a cue"):
                self.cue_rows[cue.id] = call_log.record_cue(
                    self.db,
                    call_id,
                    t=cue.t,
                    kind=cue.kind,
                    channel=cue.channel,
                    message=cue.message,
                )
        if cues:
            self._shown = None

    def on_screen(self) -> tuple[Cue, ...]:
        if self.engine is None or self.muted:
            return ()
        return self.engine.on_screen(self.call_t())

    def feedback(self, cue_id: str, kind: str) -> None:
        """The agent dismissed a cue or marked it not helpful: record it for trainers."""
        if self.engine is not None:
            self.engine.dismiss(cue_id)
        row = self.cue_rows.get(cue_id)
        if row is not None:
            if kind == "not-helpful":
                call_log.mark_cue(self.db, row, dismissed=True, not_helpful=True)
            else:
                call_log.mark_cue(self.db, row, dismissed=True)
        self._shown = None
        self.tick()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self._shown = None
        self.tick()

    def check(self, item_id: str, checked: bool) -> None:
        if self.checklist is not None:
            self.checklist.tick(item_id, checked=checked, t=self.call_t())
            self.checklist_changed.emit(self.checklist.states())

    # -- wrap-up and breathing -----------------------------------------------------------

    def _open_note(self, call_id: int) -> None:
        payload = self.note.open(call_id, self._who(), self.fired_kinds)
        self.note_loaded.emit(payload)

    def open_draft(self, call_id: int) -> None:
        record = call_log.get_call(self.db, call_id)
        if record is None or self.phase not in (lc.Phase.IDLE, lc.Phase.BREATHING):
            return
        self.life.open_note(
            lc.CallInfo(
                call_id=call_id,
                direction="outbound" if record.direction == "outbound" else "inbound",
            ),
            at=now_iso(),
        )
        self.fired_kinds = {c.kind for c in call_log.cue_timeline(self.db, call_id)}
        self._changed()
        self._open_note(call_id)

    def note_changed(self, state: dict[str, Any]) -> str:
        return self.note.changed(state)

    def save_note(self, state: dict[str, Any]) -> dict[str, str]:
        """Validate and save; returns field → message problems (empty when saved)."""
        result = self.note.check(state)
        if not result.ok or result.note is None:
            return result.errors
        try:
            with store_errors(self.note.db_path()):
                save_note(self.db, result.note, saved_at=now_iso())
        except StoreError as exc:  # disk full, locked: the form and its draft stay as they are
            log.warning("note not saved: %s", exc)
            return {"note": f"not saved: {exc}"}
        difficult = lc.is_difficult(result.note.difficulty, self.fired_kinds)
        self.note.close(flush=False)
        autostart = bool(self.setting("breathing.autostart"))
        self.life.note_saved(difficult=difficult, autostart=autostart, at=now_iso())
        self._changed()
        if autostart:
            self._breathe(difficult)
        self.refresh_drafts()
        return {}

    def skip_note(self) -> None:
        if self.phase is lc.Phase.WRAPUP:
            problem = self.note.flush()
            if problem:  # closing now would drop what the draft could not take
                self.message.emit("note", f"The note stays open, not saved: {problem}", "warning")
                return
            self.message.emit("note", "", "clear")
            self.note.close(flush=True)
            self.life.skip_note(at=now_iso())
            self._changed()
            self.refresh_drafts()

    def start_breathing(self, source: lc.Source = "button") -> None:
        if self.phase in (lc.Phase.IDLE, lc.Phase.BREATHING):
            self.life.start_breathing(at=now_iso(), source=source)
            self._changed()
            self._breathe(False)

    def _breathe(self, difficult: bool) -> None:
        seconds = float(self.setting("breathing.seconds"))
        self.breathing.emit(str(self.setting("breathing.pattern")), seconds, difficult)

    def finish_breathing(self) -> None:
        if self.life.finish_breathing(at=now_iso()) is not None:
            self._changed()

    def checkin(self, moment: Moment, stress: int) -> None:
        """The breathing panel's private stress check-in. The spin box reports every step
        (1, 2, 3...), so the last answer per moment is kept and stored when breathing ends."""
        if self.phase is lc.Phase.BREATHING and 1 <= stress <= 5:
            self._checkins[moment] = stress
            self._checkin_call = self.call_id

    def _store_checkins(self) -> None:
        answers, self._checkins = self._checkins, {}
        if not answers:
            return
        with self._storage_problem("the stress check-in"):
            for moment in ("before", "after"):
                if moment in answers:
                    record_checkin(
                        self.db,
                        at=now_iso(),
                        moment=moment,
                        stress=answers[moment],
                        call_id=self._checkin_call,
                    )

    def cancel(self) -> None:
        if self.life.cancel(at=now_iso()) is not None:
            self.prep = None
            self._changed()

    def commit_data(self) -> None:
        """The session is ending (log-off, restart): write the typing of the last 2 s and the
        call state now, because the system may kill the app before it gets to quit."""
        problem = self.note.flush()
        if problem:
            log.warning("draft not written at log-off: %s", problem)
        self._persist()

    def shutdown(self) -> None:
        """Quit (or log-off) at any phase. A live call is ended in the store with its checklist,
        and stays live in `session.json`, so the next start opens its note (see `restore`)."""
        self._tick.stop()
        call_id = self.call_id
        if self.phase is lc.Phase.LIVE and call_id is not None:
            try:
                with store_errors(self.note.db_path()):
                    call_log.end_call(self.db, call_id, now_iso())
                    if self.checklist is not None:
                        states = self.checklist.states()
                        call_log.save_checklist(self.db, call_id, "in_call", states)
            except StoreError as exc:  # quitting goes on; the note still reopens at restart
                log.warning("call %s not closed in the store: %s", call_id, exc)
        self.note.close(flush=True)
        self._store_checkins()
        self._persist()


__all__ = ["CallController", "DraftAutosaver"]
