"""The whole life of a call, with no Qt: prep → live → wrap-up → breathing, and back after a crash.

This is the heart the overlay, a practice call and a trainer's review share. It decides nothing
itself (transitions are `Lifecycle`'s, cues `CueEngine`'s, ticks `InCallChecklist`'s, notes
`check_note`'s and prep `build_prep_checklist`'s); it calls them at the right moments, keeps
what the history must keep through the store, and tells its listener what to show.

- Time comes in: `clock` (monotonic seconds, the call clock), `wall` (local date and time, for
  what is stored and for "today"). Nothing here reads a clock of its own, so a replay or a
  test drives a whole shift in milliseconds.
- A live call is a `LiveCall`, made at start and dropped at the end.
- Every transition is written to `session.json`; after a crash `restore` reopens the note of a
  call that was live or in wrap-up, and ends calls a kill left without an end.
- The listener is plain callbacks (`SessionListener`); the Qt adapter forwards them as signals.
- `tick(now)` is called often (every 50 ms) during a call: cues that wait on time, the meters,
  the call timer and the state heartbeat.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from companion.calls import lifecycle as lc
from companion.calls.device_notices import device_notice
from companion.calls.in_call import InCallChecklist
from companion.calls.listener import SessionListener
from companion.calls.live_call import LiveCall, cue_kinds
from companion.calls.note_save import save_note
from companion.calls.note_session import NoteSession
from companion.calls.prep import PrepChecklist
from companion.calls.prep_desk import PrepDesk, plain_snippet
from companion.calls.session_file import SESSION_FILE, recover_calls, write_state
from companion.cues.cue import Cue
from companion.cues.engine import CueEngine
from companion.cues.settings import CueSettings, without_word_cues
from companion.events import Channel, DeviceEvent, Event, Final, Partial, VoiceFrame
from companion.store import call_log
from companion.store.call_log import CheckState
from companion.store.checkins import Moment, record_checkin
from companion.store.contacts import find_contact, remember_caller
from companion.store.database import StoreError, store_errors
from companion.store.drafts import pending_drafts
from companion.store.notes_index import NotesIndex

log = logging.getLogger(__name__)
HEARTBEAT_S = 5.0
Value = Callable[[str], Any]


class CallSession:
    def __init__(
        self,
        db: Database,
        data_dir: Path,
        *,
        settings: Value,
        cue_settings: CueSettings,
        profile_values: Value,
        profile_name: str,
        notes: NotesIndex | None,
        channels: frozenset[Channel],
        listener: SessionListener | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.db = db
        self.session_path = data_dir / SESSION_FILE
        self.setting = settings
        self.cue_settings = cue_settings
        self.profile_value = profile_values
        self.profile_name = profile_name
        self.notes = notes
        self.channels = channels
        self.out = listener or SessionListener()
        self._clock = clock
        self.wall = wall
        self.life = lc.Lifecycle()
        self.live: LiveCall | None = None
        self.checklist: InCallChecklist | None = None  # the last call's, kept for its note
        self.fired_kinds: set[str] = set()  # the last call's cue kinds (a hard call?)
        self.muted = False
        # off while the speech model's language has no phrase pack (`start_notices`)
        self.word_cues = True
        self.prep: PrepChecklist | None = None
        self.prep_checked: dict[str, bool] = {}
        self._pending_prep: list[CheckState] | None = None  # stored with the call's row
        self._checkins: dict[Moment, int] = {}
        self._checkin_call: int | None = None
        self._levels: dict[str, tuple[float, bool]] = {}
        self._silent: set[str] = set()
        self.note = NoteSession(db, settings, profile_values, clock=clock, wall=wall)
        self.desk = PrepDesk(db, notes, self.out)

    # -- time and state ------------------------------------------------------------------

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    @clock.setter
    def clock(self, value: Callable[[], float]) -> None:
        self._clock = value
        self.note.clock = value

    def now_iso(self) -> str:
        return self.wall().isoformat(timespec="seconds")

    @property
    def phase(self) -> lc.Phase:
        return self.life.phase

    @property
    def call_id(self) -> int | None:
        call = self.life.state.call
        return call.call_id if call is not None else None

    @property
    def engine(self) -> CueEngine | None:
        return self.live.engine if self.live is not None else None

    @property
    def t0(self) -> float:
        return self.live.t0 if self.live is not None else 0.0

    def call_t(self) -> float:
        return round(self.clock() - self.t0, 3)

    def target_s(self) -> float:
        return float(self.profile_value("call.target_handle_time_s"))

    def use_profile(self, name: str, cue_settings: CueSettings, values: Value) -> None:
        """A profile switch: it applies from the next call (a live one keeps its engine)."""
        self.profile_name, self.cue_settings, self.profile_value = name, cue_settings, values
        self.note.profile_value = values

    def who(self) -> str:
        """Who the call in progress (or being prepared or noted) is with, as the agent sees it."""
        call = self.life.state.call
        if call is None:
            return ""
        return call.name or call.identity or call.number or ""

    def persist(self) -> None:
        write_state(self.session_path, self.life.state)

    def _changed(self) -> None:
        if self.phase is not lc.Phase.BREATHING:
            self._store_checkins()
        self.persist()
        self.out.phase_changed(self.phase.value, self.who())

    @contextlib.contextmanager
    def _storage_problem(self, what: str) -> Iterator[None]:
        """A full disk or a busy history file during a call is the environment, not a bug:
        say so in one line and carry on; the call and its cues go on regardless."""
        try:
            with store_errors(self.note.db_path()):
                yield
        except StoreError as exc:
            log.warning("could not store %s: %s", what, exc)
            self.out.message("store", f"Could not save {what}: {exc}", "warning")

    def refresh_drafts(self) -> None:
        current = self.call_id if self.phase is lc.Phase.WRAPUP else None
        items = []
        for draft in pending_drafts(self.db):
            if draft.call_id == current:
                continue
            call = call_log.get_call(self.db, draft.call_id)
            when = call.started_at[11:16] if call is not None else "?"
            items.append((draft.call_id, f"Call {draft.call_id} at {when} — note not saved"))
        self.out.drafts_changed(items)

    # -- restore -------------------------------------------------------------------------

    def restore(self) -> None:
        """Resume after a crash or kill: a call that was live or in wrap-up reopens its note
        (see `session_file.recover_calls`, which also ends calls a kill left open)."""
        with self._storage_problem("an unfinished call"):
            resumed = recover_calls(self.db, self.session_path, self.wall())
        call_id = resumed.call.call_id if resumed.call is not None else None
        if resumed.phase is not lc.Phase.WRAPUP or call_id is None:
            self.life.state = lc.State()
            self._changed()
            self.refresh_drafts()
            return
        self.life.state = resumed
        self.fired_kinds = cue_kinds(self.db, call_id)
        self._changed()
        self._open_note(call_id)
        self.out.message(
            "restored",
            "Call Companion restarted: your unfinished note is back where you left it.",
            "info",
        )
        self.refresh_drafts()

    # -- prep ----------------------------------------------------------------------------

    def prepare(
        self, identity: str = "", direction: lc.Direction = "inbound", source: lc.Source = "button"
    ) -> None:
        if self.phase not in (lc.Phase.IDLE, lc.Phase.BREATHING, lc.Phase.PREP):
            return
        call = lc.CallInfo(identity=identity, direction=direction)
        self.life.prepare(call, at=self.now_iso(), source=source)
        self.prep, self.prep_checked = None, {}
        self._changed()
        if identity:
            self.lookup(identity, direction)

    def suggest(self, text: str) -> None:
        self.desk.suggest(text)

    def lookup(self, typed: str, direction: str) -> None:
        """Build the prep checklist for what the agent typed or picked."""
        if self.phase is not lc.Phase.PREP:
            return
        identity = self.desk.resolve(typed)
        way: lc.Direction = "outbound" if direction == "outbound" else "inbound"
        self.life.prepare(lc.CallInfo(identity=identity, direction=way), at=self.now_iso())
        self.persist()
        if identity:
            items = tuple(self.profile_value(f"checklist.prep_{way}"))
            self.prep = self.desk.prepare(identity, way, items, today=self.wall().date())
            self.prep_checked = {}

    def prep_tick(self, item_id: str, checked: bool) -> None:
        self.prep_checked[item_id] = checked

    def search_notes(self, text: str) -> None:
        self.desk.search_notes(text)

    def cancel(self) -> None:
        if self.life.cancel(at=self.now_iso()) is not None:
            self.prep = None
            self._changed()

    # -- the call ------------------------------------------------------------------------

    def start_call(self, info: lc.CallInfo | None = None, source: lc.Source = "button") -> None:
        if self.phase is lc.Phase.WRAPUP:
            self.note.close(flush=True)
        step = self.life.start_call(info, at=self.now_iso(), source=source)
        if step is None:
            return
        if self.prep is not None and step.before.phase is lc.Phase.PREP:
            self._pending_prep = self.prep.states(self.prep_checked)
        self.prep = None
        checklist = InCallChecklist(tuple(self.profile_value("checklist.in_call")))
        self.checklist, self.fired_kinds = checklist, set()
        cue_settings = self.cue_settings if self.word_cues else without_word_cues(self.cue_settings)
        engine = CueEngine(cue_settings, self.channels)
        self.live = LiveCall(engine, checklist, t0=self.clock(), heartbeat=self.clock())
        self._store_call_start()
        engine.call_id = str(self.call_id or "")
        self._changed()
        self.out.checklist_changed(checklist.states())
        self.out.cues_changed(())
        self.out.call_started(self.call_id or 0)
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
                contact = remember_caller(
                    self.db, call.number, call.name, created_at=self.now_iso()
                )
            call_id = call_log.start_call(
                self.db,
                contact_id=contact.id if contact else None,
                direction=call.direction,
                started_at=call.started_at or self.now_iso(),
                profile=self.profile_name,
            )
            self.life.attach_call_id(call_id)
            self.persist()  # right away: a kill from here on finds the call in session.json
            if self._pending_prep is not None:
                call_log.save_checklist(self.db, call_id, "prep", self._pending_prep)
                self._pending_prep = None
            if self.live is not None:
                self.live.call_id = call_id
                enabled = bool(self.setting("privacy.store_transcripts"))
                self.live.transcript = call_log.TranscriptWriter(self.db, call_id, enabled=enabled)
            return True
        return False

    def end_call(self, source: lc.Source = "button") -> None:
        if self.phase is lc.Phase.LIVE and not self._store_call_start():
            self._end_unstored_call(source)
            return
        step = self.life.end_call(at=self.now_iso(), source=source)
        if step is None:
            return
        if step.trigger == "cancel_prep":
            self.prep = None
            self._changed()
            return
        call_id = self.call_id
        assert call_id is not None
        self._close_call_row(call_id)
        self.live = None
        self.out.cues_changed(())
        self._changed()
        self.out.call_ended(call_id)
        self._open_note(call_id)

    def _close_call_row(self, call_id: int) -> None:
        with self._storage_problem("the call's end"):
            call_log.end_call(self.db, call_id, self.now_iso())
            if self.checklist is not None:
                call_log.save_checklist(self.db, call_id, "in_call", self.checklist.states())

    def _end_unstored_call(self, source: lc.Source) -> None:
        """Hang up a call whose row never could be stored: no note to open, nothing typed lost."""
        self.life.end_call(at=self.now_iso(), source=source)
        self.life.skip_note(at=self.now_iso(), source=source)
        self.live, self.checklist, self._pending_prep = None, None, None
        self.out.cues_changed(())
        self._changed()
        self.out.message(
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
        live = self.live
        if live is None or self.phase is not lc.Phase.LIVE:
            return
        if isinstance(event, Partial):
            self.out.caption(event.channel, event.partial, False)
        elif isinstance(event, Final):
            self.out.caption(event.channel, event.text, True)
        ticked, cues = live.feed(event, self.db, self._storage_problem)
        self.fired_kinds |= {c.kind for c in cues}
        if ticked:
            self.out.checklist_changed(live.states())

    def _device(self, event: DeviceEvent) -> None:
        notice = device_notice(event, self._silent)
        if event.device == "lost":
            self._levels.pop(event.channel, None)  # the meter must not keep the last level
        if notice.present is not None:
            self.out.channel_present(event.channel, notice.present)
        self.out.message(notice.key, notice.text, notice.level)

    @property
    def ticking(self) -> bool:
        """True while `tick` has work: a live call."""
        return self.live is not None

    def tick(self) -> None:
        live = self.live
        if live is None:
            return
        t = self.call_t()
        cues = live.engine.tick(t)
        live.record(cues, self.db, self._storage_problem)
        self.fired_kinds |= {c.kind for c in cues}
        screen = live.screen_change(t, self.muted)
        if screen is not None:
            self.out.cues_changed(screen)
        for channel, (level, speech) in self._levels.items():
            self.out.level(channel, level, speech)
        self._levels.clear()
        if live.new_second(t):
            self.out.timer(t, self.target_s())
        if self.clock() - live.heartbeat > HEARTBEAT_S:
            live.heartbeat = self.clock()
            if self.call_id is None and self._store_call_start():
                self.out.message("store", "The call is being saved again.", "info")
            self.persist()

    def on_screen(self) -> tuple[Cue, ...]:
        if self.live is None or self.muted:
            return ()
        return self.live.engine.on_screen(self.call_t())

    def feedback(self, cue_id: str, kind: str) -> None:
        """The agent dismissed a cue or marked it not helpful: record it for trainers."""
        if self.live is not None:
            self.live.mark(cue_id, kind, self.db)
            self.tick()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if self.live is not None:
            self.live.shown = None
            self.tick()

    def check(self, item_id: str, checked: bool) -> None:
        if self.live is not None:
            self.live.checklist.tick(item_id, checked=checked, t=self.call_t())
            self.out.checklist_changed(self.live.states())

    # -- wrap-up and breathing -----------------------------------------------------------

    def _open_note(self, call_id: int) -> None:
        self.out.note_loaded(self.note.open(call_id, self.who()))

    def open_draft(self, call_id: int) -> None:
        record = call_log.get_call(self.db, call_id)
        if record is None or self.phase not in (lc.Phase.IDLE, lc.Phase.BREATHING):
            return
        way: lc.Direction = "outbound" if record.direction == "outbound" else "inbound"
        self.life.open_note(lc.CallInfo(call_id=call_id, direction=way), at=self.now_iso())
        self.fired_kinds = cue_kinds(self.db, call_id)
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
                save_note(self.db, result.note, saved_at=self.now_iso())
        except StoreError as exc:  # disk full, locked: the form and its draft stay as they are
            log.warning("note not saved: %s", exc)
            return {"note": f"not saved: {exc}"}
        difficult = lc.is_difficult(result.note.difficulty, self.fired_kinds)
        self.note.close(flush=False)
        autostart = bool(self.setting("breathing.autostart"))
        self.life.note_saved(difficult=difficult, autostart=autostart, at=self.now_iso())
        self._changed()
        if autostart:
            self._breathe(difficult)
        self.refresh_drafts()
        return {}

    def skip_note(self) -> None:
        if self.phase is not lc.Phase.WRAPUP:
            return
        problem = self.note.flush()
        if problem:  # closing now would drop what the draft could not take
            self.out.message("note", f"The note stays open, not saved: {problem}", "warning")
            return
        self.out.message("note", "", "clear")
        self.note.close(flush=True)
        self.life.skip_note(at=self.now_iso())
        self._changed()
        self.refresh_drafts()

    def start_breathing(self, source: lc.Source = "button") -> None:
        if self.phase in (lc.Phase.IDLE, lc.Phase.BREATHING):
            self.life.start_breathing(at=self.now_iso(), source=source)
            self._changed()
            self._breathe(False)

    def _breathe(self, difficult: bool) -> None:
        seconds = float(self.setting("breathing.seconds"))
        self.out.breathing(str(self.setting("breathing.pattern")), seconds, difficult)

    def finish_breathing(self) -> None:
        if self.life.finish_breathing(at=self.now_iso()) is not None:
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
                        at=self.now_iso(),
                        moment=moment,
                        stress=answers[moment],
                        call_id=self._checkin_call,
                    )

    # -- the end of a session ------------------------------------------------------------

    def commit_data(self) -> None:
        """The session is ending (log-off, restart): write the typing of the last 2 s and the
        call state now, because the system may kill the app before it gets to quit."""
        problem = self.note.flush()
        if problem:
            log.warning("draft not written at log-off: %s", problem)
        self.persist()

    def shutdown(self) -> None:
        """Quit (or log-off) at any phase. A live call is ended in the store with its checklist,
        and stays live in `session.json`, so the next start opens its note (see `restore`)."""
        call_id = self.call_id
        if self.phase is lc.Phase.LIVE and call_id is not None:
            try:
                with store_errors(self.note.db_path()):
                    call_log.end_call(self.db, call_id, self.now_iso())
                    if self.checklist is not None:
                        states = self.checklist.states()
                        call_log.save_checklist(self.db, call_id, "in_call", states)
            except StoreError as exc:  # quitting goes on; the note still reopens at restart
                log.warning("call %s not closed in the store: %s", call_id, exc)
        self.live = None
        self.note.close(flush=True)
        self._store_checkins()
        self.persist()


__all__ = ["CallSession", "SessionListener", "plain_snippet"]
