"""The after-call note: validation messages, prefill, abuse report, saving in one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pytest
from sqlite_utils import Database

from companion.calls.note import check_note
from companion.calls.note_fields import parse_follow_ups
from companion.calls.note_prefill import prefill_note
from companion.calls.note_save import mark_follow_up_done, save_note
from companion.calls.prep import build_prep_checklist
from companion.store.call_log import (
    CheckState,
    Segment,
    cue_timeline,
    end_call,
    get_call,
    mark_cue,
    record_cue,
    start_call,
)
from companion.store.contacts import add_contact, get_contact
from companion.store.drafts import load_draft, write_draft

REASONS = ("billing", "technical", "cancellation")


def _form(call_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "call_id": call_id,
        "direction": "inbound",
        "reason_category": "billing",
        "caller_needed": "a refund",
        "what_was_done": "raised the refund",
        "outcome": "resolved",
        "difficulty": 3,
        **extra,
    }


def test_each_field_gets_a_clear_message() -> None:
    result = check_note(
        {
            "call_id": 1,
            "direction": "sideways",
            "outcome": "maybe",
            "difficulty": 9,
            "caller_type": ["grumpy"],
            "stress": 0,
        }
    )
    assert result.note is None
    errors = result.errors
    assert errors["caller_needed"] == "required"
    assert errors["what_was_done"] == "required"
    assert "inbound" in errors["direction"]
    assert "resolved" in errors["outcome"]
    assert "less than or equal to 5" in errors["difficulty"]
    assert "greater than or equal to 1" in errors["stress"]
    assert errors["caller_type"].startswith("unknown caller type 'grumpy'; pick from")


def test_joined_rules_reason_follow_up_and_overtime() -> None:
    result = check_note(
        _form(
            1,
            reason_category="weather",
            outcome="follow-up",
            duration_s=900.0,
            target_handle_s=600.0,
        ),
        reasons=REASONS,
    )
    assert result.errors == {
        "reason_category": "pick a reason from the list: billing, technical, cancellation",
        "follow_ups": "outcome 'follow-up' needs at least one follow-up",
        "overtime_reason": "the call ran past the 10-minute target; say briefly why",
    }
    ok = check_note(_form(1, duration_s=590.0, target_handle_s=600.0), reasons=REASONS)
    assert ok.ok and ok.note is not None and not ok.note.ran_over


def test_follow_up_fields_are_checked() -> None:
    result = check_note(
        _form(1, outcome="follow-up", follow_ups=[{"action": "  ", "due": "next tuesday"}])
    )
    assert set(result.errors) == {"follow_ups.0.action", "follow_ups.0.due"}


def _call_with_cues(db: Database) -> tuple[int, int]:
    contact = add_contact(
        db,
        created_at="2025-11-01T09:00:00",
        customer_id="C-7",
        name="Sam Stone",
        phones=["555 010 2000"],
    )
    call_id = start_call(
        db,
        contact_id=contact,
        direction="inbound",
        started_at="2025-11-25T10:00:00",
        profile="standard",
    )
    record_cue(db, call_id, t=12.0, kind="empathy", channel="caller", message="Acknowledge")
    boundary = record_cue(
        db,
        call_id,
        t=192.0,
        kind="boundary",
        channel="caller",
        message="Caller swore at you twice; card 4111 1111 1111 1111",
    )
    mark_cue(db, boundary, dismissed=True, not_helpful=False)
    record_cue(
        db,
        call_id,
        t=250.0,
        kind="escalation",
        channel="caller",
        message="Caller threatened to come to the office",
    )
    end_call(db, call_id, "2025-11-25T10:07:12")
    return call_id, contact


def test_prefill_and_abuse_report(db: Database) -> None:
    call_id, contact_id = _call_with_cues(db)
    call = get_call(db, call_id)
    assert call is not None
    segments = [
        Segment("caller", 190.0, "this is the third time I call and nobody helps"),
        Segment("agent", 195.0, "I understand"),
        Segment("caller", 400.0, "fine whatever thanks"),
    ]
    checklist = [
        CheckState("verify", "Verify identity", checked=True, how="phrase"),
        CheckState("recap", "Recap next steps"),
    ]

    contact = get_contact(db, contact_id)
    prefill = prefill_note(
        call,
        contact=contact,
        cues=cue_timeline(db, call_id),
        checklist=checklist,
        segments=segments,
        target_handle_s=360.0,
    )

    assert prefill.duration_s == 432.0 and prefill.ran_over
    assert prefill.checklist_summary == "1/2 checklist items done; not done: Recap next steps"
    assert [e.t for e in prefill.timeline] == [12.0, 190.0, 192.0, 195.0, 250.0, 400.0]
    assert prefill.timeline[2].source.startswith("cue:")
    marked = cue_timeline(db, call_id)[1]
    assert marked.kind == "boundary" and marked.dismissed and not marked.not_helpful
    assert prefill.key_sentences[0].text.startswith("this is the third time")
    report = prefill.abuse_report
    assert report.startswith("Abuse report: call ")
    assert "Caller: Sam Stone (customer C-7)" in report
    assert "00:03:12  boundary: Caller swore at you twice; card [card]" in report
    assert "00:04:10  escalation: Caller threatened to come to the office" in report
    assert '00:03:10  "this is the third time I call and nobody helps"' in report
    assert "fine whatever" not in report and "4111" not in report
    assert prefill.form["abuse_report"] == report and prefill.form["contact_id"] == contact_id


def test_no_abuse_report_without_boundary_cues(db: Database) -> None:
    call_id = start_call(
        db, contact_id=None, direction="outbound", started_at="2025-11-25T10:00:00"
    )
    record_cue(db, call_id, t=5.0, kind="pace", message="Slow down")
    call = get_call(db, call_id)
    assert call is not None
    prefill = prefill_note(call, contact=None, cues=cue_timeline(db, call_id), checklist=[])
    assert prefill.abuse_report == "" and prefill.duration_s == 0.0 and not prefill.ran_over


def test_a_safeguarding_cue_puts_its_report_first_and_marks_the_call_for_follow_up(
    db: Database,
) -> None:
    call_id, contact_id = _call_with_cues(db)
    record_cue(
        db,
        call_id,
        t=300.0,
        kind="safeguarding",
        channel="caller",
        message="Safety risk (self-harm): stay on the line, follow the protocol",
    )
    call = get_call(db, call_id)
    assert call is not None
    segments = [
        Segment("caller", 298.0, "they'd be better off without me card 4111 1111 1111 1111")
    ]
    prefill = prefill_note(
        call,
        contact=get_contact(db, contact_id),
        cues=cue_timeline(db, call_id),
        checklist=[],
        segments=segments,
    )
    safety, abuse = prefill.abuse_report.split("\n\nAbuse report: ")
    assert safety.startswith("Safeguarding report: call ")
    assert "00:05:00  safeguarding: Safety risk (self-harm)" in safety
    assert '"they\'d be better off without me card [card]"' in safety and "4111" not in safety
    assert "boundary" not in safety and "00:03:12  boundary" in abuse
    state = prefill.first_state
    assert state["outcome"] == "follow-up" and state["follow_ups"].startswith("Safeguarding:")
    # the form as prefilled passes the note's own rules (a follow-up outcome needs a follow-up)
    checked = check_note(
        _form(
            call_id,
            contact_id=contact_id,
            outcome=state["outcome"],
            follow_ups=parse_follow_ups(state["follow_ups"]),
        ),
        reasons=REASONS,
    )
    assert checked.note is not None, checked.errors


def test_saving_writes_note_follow_ups_outcome_and_drops_the_draft(db: Database) -> None:
    call_id, contact_id = _call_with_cues(db)
    write_draft(db, call_id, {"caller_needed": "a ref"}, seq=4, saved_at="")
    checked = check_note(
        _form(
            call_id,
            contact_id=contact_id,
            outcome="follow-up",
            preferences=["prefers email"],
            follow_ups=[{"action": "Email the refund confirmation", "due": "2025-11-27"}],
            pivotal={"t": 192.0, "label": "boundary: Caller swore at you twice"},
            caller_had_to_repeat=True,
            stress=4,
            felt="shaky",
        ),
        reasons=REASONS,
    )
    assert checked.note is not None, checked.errors

    save_note(db, checked.note, saved_at="2025-11-25T10:09:00")

    assert load_draft(db, call_id) is None
    assert db.execute("SELECT outcome FROM calls WHERE id = ?", [call_id]).fetchone() == (
        "follow-up",
    )
    assert db.execute("SELECT action, due, done FROM follow_ups").fetchall() == [
        ("Email the refund confirmation", "2025-11-27", 0)
    ]
    assert db.execute("SELECT pivotal_t, pivotal_label, stress FROM notes").fetchone() == (
        192.0,
        "boundary: Caller swore at you twice",
        4,
    )
    contact = get_contact(db, contact_id)
    assert contact is not None and contact.preferences == ("prefers email",)
    prep = build_prep_checklist(db, "555-010-2000", "inbound", [], today=dt.date(2025, 11, 26))
    assert prep.items[0].kind == "read_summary"


def test_a_failed_save_changes_nothing(db: Database) -> None:
    call_id, _ = _call_with_cues(db)
    write_draft(db, call_id, {"caller_needed": "kept"}, seq=1, saved_at="")
    checked = check_note(
        _form(call_id, contact_id=999_999, outcome="follow-up", follow_ups=[{"action": "x"}])
    )
    assert checked.note is not None

    with pytest.raises(sqlite3.IntegrityError):  # follow-up points at a missing contact
        save_note(db, checked.note, saved_at="2025-11-25T10:09:00")

    assert db.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0
    assert db.execute("SELECT outcome FROM calls WHERE id = ?", [call_id]).fetchone() == (None,)
    draft = load_draft(db, call_id)
    assert draft is not None and draft.body == {"caller_needed": "kept"}


def test_saving_again_replaces_the_note_and_keeps_done_follow_ups(db: Database) -> None:
    call_id, contact_id = _call_with_cues(db)
    follow_up = {"action": "Email the refund confirmation"}
    first = check_note(_form(call_id, contact_id=contact_id, follow_ups=[follow_up]))
    assert first.note is not None, first.errors
    save_note(db, first.note, saved_at="2025-11-25T10:09:00")
    fu_id = db.execute("SELECT id FROM follow_ups").fetchone()[0]
    mark_follow_up_done(db, fu_id, done=True, at="2025-11-26T08:00:00")

    edited = check_note(
        _form(
            call_id,
            contact_id=contact_id,
            what_was_done="raised the refund and emailed it",
            follow_ups=[follow_up, {"action": "Check the December bill"}],
        )
    )
    assert edited.note is not None, edited.errors
    save_note(db, edited.note, saved_at="2025-11-25T10:12:00")

    assert db.execute("SELECT what_was_done, saved_at FROM notes").fetchall() == [
        ("raised the refund and emailed it", "2025-11-25T10:12:00")
    ]
    assert db.execute("SELECT action, done, done_at FROM follow_ups ORDER BY id").fetchall() == [
        ("Email the refund confirmation", 1, "2025-11-26T08:00:00"),
        ("Check the December bill", 0, None),
    ]
