"""The whole life of a call against `CallSession`, headless: no Qt, a fake clock, a real SQLite
file. Prep → live events with cues and checklist ticks → end → prefilled note, autosave, save →
breathing → the next call's prep from that note; and a crash (a new session on the same files)
at every step comes back where it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.calls.lifecycle import CallInfo, Phase
from companion.calls.session import CallSession
from companion.events import Final, Partial
from companion.store import call_log
from companion.store.drafts import load_draft
from tests.unit.session_kit import Clock, Heard, make_session

NUMBER = "+44 20 7946 0958"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def _live_call(s: CallSession, clock: Clock) -> int:
    s.prepare(NUMBER, "inbound", source="softphone")
    assert s.phase is Phase.PREP
    s.start_call(CallInfo(identity=NUMBER, number=NUMBER, name="Jane Morgan"), source="softphone")
    assert s.phase is Phase.LIVE and s.call_id is not None
    for channel, text in (
        ("caller", "this is the third time i have called you people are useless idiots"),
        ("agent", "i'm sorry about that so what you're saying is the refund never came"),
    ):
        clock.t += 3.0
        s.on_event(Partial(channel, s.call_t(), text.rsplit(" ", 2)[0]))
        s.on_event(Final(channel, s.call_t(), text))
        for _ in range(10):
            clock.t += 0.05
            s.tick()
    return s.call_id


def test_a_whole_call_runs_headless_from_prep_to_the_next_calls_prep(folder: Path) -> None:
    clock, heard = Clock(), Heard()
    s = make_session(folder, clock, heard)
    s.restore()
    call_id = _live_call(s, clock)
    kinds = {cue.kind for cue in call_log.cue_timeline(s.db, call_id)}
    assert "boundary" in kinds, kinds  # the insult gave its cue, stored with the call
    shown = [cues for (cues,) in heard.calls["cues_changed"] if cues]
    assert shown and len(shown[-1]) <= 2
    assert heard.calls["timer"], "the call timer ticked"
    s.end_call(source="softphone")
    assert s.phase is Phase.WRAPUP
    (payload,) = heard.last("note_loaded")
    assert payload["title"] == f"Note for call {call_id}"
    assert "Inbound call with Jane Morgan" in payload["facts"]
    form = {
        "reason_category": "billing",
        "reason_text": "Double charge on the October bill",
        "caller_needed": "A refund for the double charge",
        "what_was_done": "Raised the refund",
        "outcome": "resolved",
        "difficulty": 4,
    }
    clock.t += 1.0
    assert s.note_changed(form) in ("Saving…", f"Draft saved {clock.wall():%H:%M:%S}")
    clock.t += 3.0
    s.note.tick()
    draft = load_draft(s.db, call_id)  # autosaved: a crash now would lose nothing typed
    assert draft is not None and draft.body["reason_text"] == form["reason_text"]
    assert s.save_note(form) == {}
    assert s.phase is Phase.BREATHING
    _pattern, seconds, longer = heard.last("breathing")
    assert seconds > 0 and longer, "a hard call (abuse, difficulty 4) offers the longer reset"
    s.finish_breathing()
    s.prepare("020 7946 0958", "inbound")
    who, items, _related = heard.last("prep_ready")
    assert who == "Jane Morgan"
    labels = " ".join(label for _id, label, _src, _checked in items)
    assert "Double charge on the October bill" in labels


@pytest.mark.parametrize("crash_in", ["prep", "live", "wrapup-typed", "breathing"])
def test_a_crash_at_any_step_comes_back_where_it_was(folder: Path, crash_in: str) -> None:
    clock, heard = Clock(), Heard()
    s = make_session(folder, clock, heard)
    s.restore()
    call_id: int | None = None
    if crash_in == "prep":
        s.prepare(NUMBER, "inbound")
    else:
        call_id = _live_call(s, clock)
        if crash_in != "live":
            s.end_call()
            s.note_changed({"caller_needed": "typed before the crash"})
            s.note.flush()
        if crash_in == "breathing":
            form = {"caller_needed": "x", "what_was_done": "y", "outcome": "resolved"}
            assert s.save_note({**form, "difficulty": 2, "reason_category": "billing"}) == {}
    # the process dies here: nothing is closed; a new session opens the same files
    again_heard = Heard()
    again = make_session(folder, clock, again_heard)
    again.restore()
    assert not call_log.unended_calls(again.db)
    if crash_in in ("live", "wrapup-typed"):
        assert again.phase is Phase.WRAPUP and again.call_id == call_id
        (payload,) = again_heard.last("note_loaded")
        if crash_in == "wrapup-typed":
            assert payload["state"]["caller_needed"] == "typed before the crash"
    else:
        assert again.phase is Phase.IDLE  # prep and breathing have nothing to lose


def test_a_call_row_written_just_before_a_kill_is_not_left_open(folder: Path) -> None:
    """The kill lands after the call's row is committed and before session.json names it."""
    clock = Clock()
    s = make_session(folder, clock, Heard())
    orphan = call_log.start_call(
        s.db, contact_id=None, direction="inbound", started_at="2026-11-30T08:55:00"
    )
    again_heard = Heard()
    again = make_session(folder, clock, again_heard)
    again.restore()
    assert not call_log.unended_calls(again.db)
    assert again.phase is Phase.WRAPUP and again.call_id == orphan  # its note opens
    assert again_heard.last("note_loaded")[0]["title"] == f"Note for call {orphan}"


def test_a_model_in_a_language_without_a_phrase_pack_turns_word_cues_off_not_sound_cues(
    folder: Path,
) -> None:
    clock, heard = Clock(), Heard()
    s = make_session(folder, clock, heard)
    s.restore()
    s.word_cues = False  # what the app sets once a model without a phrase pack is loaded
    s.start_call(CallInfo(identity=NUMBER))
    clock.t += 1.0
    s.on_event(Final("caller", s.call_t(), "you people are useless idiots"))  # would match
    for _ in range(240):  # then 12 s of silence on both channels
        clock.t += 0.05
        s.tick()
    call_id = s.call_id
    assert call_id is not None
    kinds = [cue.kind for cue in call_log.cue_timeline(s.db, call_id)]
    assert kinds == ["dead-air"], kinds
