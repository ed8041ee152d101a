"""The call lifecycle: idle → prep → live → wrap-up → breathing → idle, as plain data.

Why a state machine of its own: the same transitions arrive from three places (a button, a
global hotkey, a softphone event over IPC) and must mean the same thing from each. Keeping it
pure lets every transition be tested without a display, and lets the state be written to disk
after each change so a crash in the middle of a wrap-up brings the agent back to the same note.

Rules worth knowing:
- a new call (`start_call`) is accepted from idle, prep, breathing and wrap-up: softphones do not
  wait for the agent. Breathing ends at once; an unfinished note stays a draft, and the
  transition names it (`left_note`) so the app can offer it again later;
- `start_call` while a call is live is ignored (softphones may send the same event twice);
- `end_call` from prep cancels the prep (the call never started);
- after the note is saved the breathing timer starts if `autostart`, else the app goes idle;
  `difficult` (difficulty 4+ or a boundary/escalation cue) makes the breathing offer a longer
  reset;
- `recover` maps a state read back after a crash: a live call becomes its wrap-up (the call
  ended with the crash), a wrap-up stays, prep and breathing fall back to idle.

Nothing here reads a clock: `at` (an ISO time) is passed in and only recorded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal, TypeAlias

from companion.store.call_log import Direction as Direction  # re-exported for the UI

Source: TypeAlias = Literal["button", "hotkey", "softphone", "tray", "restore", "timer"]
DIFFICULT_DIFFICULTY = 4
DIFFICULT_CUES = frozenset(
    {"safeguarding", "boundary", "boundary-warning", "boundary-end", "escalation"}
)


class Phase(StrEnum):
    IDLE = "idle"
    PREP = "prep"
    LIVE = "live"
    WRAPUP = "wrapup"
    BREATHING = "breathing"


class TransitionError(ValueError):
    """A trigger that makes no sense in the current phase; the message says which and why."""


@dataclass(frozen=True)
class CallInfo:
    """Who the call is with, as typed by the agent or sent by the softphone."""

    identity: str = ""
    number: str = ""
    name: str = ""
    direction: Direction = "inbound"
    call_id: int | None = None
    started_at: str = ""


@dataclass(frozen=True)
class State:
    phase: Phase = Phase.IDLE
    call: CallInfo | None = None
    since: str = ""
    difficult: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "phase": self.phase.value,
            "call": asdict(self.call) if self.call is not None else None,
            "since": self.since,
            "difficult": self.difficult,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> State:
        """A state read back from disk; anything malformed gives the idle state."""
        try:
            phase = Phase(raw.get("phase", "idle"))
            call_raw = raw.get("call")
            call = None
            if isinstance(call_raw, dict):
                direction = call_raw.get("direction", "inbound")
                call_id = call_raw.get("call_id")
                call = CallInfo(
                    identity=str(call_raw.get("identity", "")),
                    number=str(call_raw.get("number", "")),
                    name=str(call_raw.get("name", "")),
                    direction="outbound" if direction == "outbound" else "inbound",
                    call_id=int(call_id) if isinstance(call_id, int) else None,
                    started_at=str(call_raw.get("started_at", "")),
                )
            return cls(phase, call, str(raw.get("since", "")), bool(raw.get("difficult", False)))
        except (ValueError, TypeError, AttributeError):
            return cls()


@dataclass(frozen=True)
class Transition:
    before: State
    after: State
    trigger: str
    source: Source
    left_note: int | None = None  # call id of a note left unfinished by a new call


def is_difficult(difficulty: int | None, cue_kinds: frozenset[str] | set[str]) -> bool:
    """A call that earns the longer reset: difficulty 4+ or a boundary/escalation cue."""
    hard = difficulty is not None and difficulty >= DIFFICULT_DIFFICULTY
    return hard or bool(DIFFICULT_CUES & set(cue_kinds))


@dataclass
class Lifecycle:
    state: State = field(default_factory=State)
    history: list[Transition] = field(default_factory=list)

    @property
    def phase(self) -> Phase:
        return self.state.phase

    def _go(
        self, trigger: str, after: State, source: Source, left_note: int | None = None
    ) -> Transition:
        step = Transition(self.state, after, trigger, source, left_note)
        self.state = after
        self.history.append(step)
        del self.history[:-50]
        return step

    def _refuse(self, trigger: str) -> TransitionError:
        return TransitionError(f"cannot {trigger.replace('_', ' ')} while {self.phase.value}")

    # -- triggers ------------------------------------------------------------------------

    def prepare(self, call: CallInfo, *, at: str = "", source: Source = "button") -> Transition:
        """Open the prep panel for the next call (ends breathing at once)."""
        if self.phase not in (Phase.IDLE, Phase.BREATHING, Phase.PREP):
            raise self._refuse("prepare")
        return self._go("prepare", State(Phase.PREP, call, at), source)

    def start_call(
        self, call: CallInfo | None = None, *, at: str = "", source: Source = "button"
    ) -> Transition | None:
        """The call is connected. None when a call is already live (a repeated event)."""
        if self.phase is Phase.LIVE:
            return None
        base = call or (self.state.call if self.phase is Phase.PREP else None) or CallInfo()
        if self.phase is Phase.PREP and call is not None and self.state.call is not None:
            prepared = self.state.call
            base = replace(
                call,
                identity=call.identity or prepared.identity,
                number=call.number or prepared.number,
                name=call.name or prepared.name,
            )
        left = None
        if self.phase is Phase.WRAPUP and self.state.call is not None:
            left = self.state.call.call_id
        live = replace(base, started_at=at or base.started_at, call_id=None)
        return self._go("start_call", State(Phase.LIVE, live, at), source, left)

    def attach_call_id(self, call_id: int) -> None:
        """The store has created the call row: remember its id (for crash recovery)."""
        if self.state.call is None:
            raise self._refuse("attach a call id")
        self.state = replace(self.state, call=replace(self.state.call, call_id=call_id))

    def end_call(self, *, at: str = "", source: Source = "button") -> Transition | None:
        """Hang up: live → wrap-up; prep → idle (the call never started). None when idle."""
        if self.phase is Phase.LIVE:
            return self._go("end_call", State(Phase.WRAPUP, self.state.call, at), source)
        if self.phase is Phase.PREP:
            return self._go("cancel_prep", State(Phase.IDLE, None, at), source)
        if self.phase in (Phase.IDLE, Phase.WRAPUP, Phase.BREATHING):
            return None
        raise self._refuse("end call")  # pragma: no cover - every phase is handled above

    def note_saved(
        self, *, difficult: bool, autostart: bool, at: str = "", source: Source = "button"
    ) -> Transition:
        if self.phase is not Phase.WRAPUP:
            raise self._refuse("save a note")
        if autostart:
            after = State(Phase.BREATHING, self.state.call, at, difficult)
        else:
            after = State(Phase.IDLE, None, at, difficult)
        return self._go("note_saved", after, source)

    def skip_note(self, *, at: str = "", source: Source = "button") -> Transition:
        """Leave the wrap-up without saving; the draft stays and is offered again later."""
        if self.phase is not Phase.WRAPUP:
            raise self._refuse("skip the note")
        left = self.state.call.call_id if self.state.call is not None else None
        return self._go("skip_note", State(Phase.IDLE, None, at), source, left)

    def start_breathing(self, *, at: str = "", source: Source = "button") -> Transition:
        """Breathing on demand, from idle (or again after a session ended)."""
        if self.phase not in (Phase.IDLE, Phase.BREATHING):
            raise self._refuse("start breathing")
        return self._go(
            "start_breathing", State(Phase.BREATHING, None, at, self.state.difficult), source
        )

    def finish_breathing(self, *, at: str = "", source: Source = "timer") -> Transition | None:
        if self.phase is not Phase.BREATHING:
            return None
        return self._go("finish_breathing", State(Phase.IDLE, None, at), source)

    def cancel(self, *, at: str = "", source: Source = "button") -> Transition | None:
        """Back to idle from prep or breathing; a live call or a wrap-up is never dropped."""
        if self.phase in (Phase.PREP, Phase.BREATHING):
            return self._go("cancel", State(Phase.IDLE, None, at), source)
        return None

    def open_note(self, call: CallInfo, *, at: str = "", source: Source = "button") -> Transition:
        """Reopen the wrap-up of an earlier call (a draft left unfinished)."""
        if self.phase not in (Phase.IDLE, Phase.BREATHING):
            raise self._refuse("open a note")
        if call.call_id is None:
            raise TransitionError("a note needs the call it belongs to")
        return self._go("open_note", State(Phase.WRAPUP, call, at), source)


def recover(saved: State, *, at: str = "") -> State:
    """The state to resume after a crash or a kill (see the module docstring)."""
    call = saved.call
    if saved.phase in (Phase.LIVE, Phase.WRAPUP) and call is not None and call.call_id is not None:
        return State(Phase.WRAPUP, call, at or saved.since, saved.difficult)
    return State(Phase.IDLE, None, at or saved.since)
