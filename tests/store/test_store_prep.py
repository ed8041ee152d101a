"""Pre-call prep from a real database: promises, repeat callers, outbound calls, notes files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from companion.calls.checklist_item import ChecklistItem
from companion.calls.note_save import mark_follow_up_done
from companion.calls.prep import build_prep_checklist
from companion.store.call_log import load_checklist, save_checklist, start_call
from companion.store.contacts import add_contact
from companion.store.notes_index import NotesIndex
from tests.store.store_helpers import add_call

INBOUND = (ChecklistItem("verify", "Verify identity"), ChecklistItem("greet", "Greet by name"))
OUTBOUND = (ChecklistItem("purpose", "Say why you are calling"),)
TODAY = dt.date(2025, 11, 25)


def _jane(db: Database) -> int:
    return add_contact(
        db,
        created_at="2025-11-01T09:00:00",
        customer_id="C-1042",
        name="Jane Morgan",
        phones=["+44 20 7946 0958"],
        email="jane@example.com",
    )


def test_overdue_promise_is_asked_about_first(db: Database) -> None:
    jane = _jane(db)
    add_call(
        db,
        jane,
        "2025-11-18T10:00:00",
        "2025-11-18T10:07:00",
        note={
            "outcome": "follow-up",
            "reason_category": "billing",
            "reason_text": "double charge",
            "follow_ups": [
                {"action": "Send the refund confirmation", "due": "2025-11-20"},
                {"action": "Check the December bill", "owner": "Billing team", "due": "2025-12-05"},
            ],
        },
    )

    prep = build_prep_checklist(db, "020 7946 0958", "inbound", INBOUND, today=TODAY)

    assert prep.contact is not None and prep.contact.customer_id == "C-1042"
    overdue = [i for i in prep.items if i.kind == "overdue"]
    assert len(overdue) == 1
    assert overdue[0].label == (
        "On 18 Nov you promised to send the refund confirmation — done? (due 20 Nov, overdue)"
    )
    assert overdue[0].source.startswith("follow_up:")
    open_item = next(i for i in prep.items if i.kind == "follow_up")
    assert open_item.label.startswith("On 18 Nov Billing team promised to check the December")
    kinds = [i.kind for i in prep.items]
    assert kinds.index("overdue") < kinds.index("follow_up") < kinds.index("last_call")
    last = next(i for i in prep.items if i.kind == "last_call")
    assert last.label.startswith("Last call 18 Nov: follow-up; billing — double charge")
    assert [i.source for i in prep.items[-2:]] == ["profile:verify", "profile:greet"]


def test_a_done_promise_is_not_asked_again(db: Database) -> None:
    jane = _jane(db)
    add_call(
        db,
        jane,
        "2025-11-18T10:00:00",
        "2025-11-18T10:07:00",
        note={
            "outcome": "follow-up",
            "follow_ups": [{"action": "Send the refund confirmation", "due": "2025-11-20"}],
        },
    )
    fu_id = db.execute("SELECT id FROM follow_ups").fetchone()[0]
    mark_follow_up_done(db, fu_id, done=True, at="2025-11-19T08:00:00")

    prep = build_prep_checklist(db, "C-1042", "inbound", INBOUND, today=TODAY)

    assert not [i for i in prep.items if i.kind in ("overdue", "follow_up")]


def test_repeat_caller_who_had_to_repeat_their_story(db: Database) -> None:
    jane = _jane(db)
    add_call(
        db,
        jane,
        "2025-11-20T09:00:00",
        "2025-11-20T09:12:00",
        note={
            "outcome": "unresolved",
            "reason_category": "technical",
            "caller_type": ["complainer"],
            "difficulty": 4,
            "caller_had_to_repeat": True,
            "preferences": ["prefers email"],
            "what_worked": "Reading back the exact dates",
            "do_differently": "Check the line test before promising anything",
        },
    )
    add_call(
        db,
        jane,
        "2025-11-24T16:00:00",
        "2025-11-24T16:03:00",
        note={
            "outcome": "unresolved",
            "caller_had_to_repeat": True,
            "difficulty": 5,
            "caller_type": ["complainer", "skeptic"],
        },
    )

    prep = build_prep_checklist(db, "jane morgan", "inbound", INBOUND, today=TODAY)

    labels = {i.kind: i.label for i in prep.items}
    assert prep.items[0].kind == "read_summary"
    assert labels["read_summary"] == (
        "Last time the caller had to repeat their story: read the summary first"
    )
    assert labels["repeat"].startswith("Repeat caller: 2 calls in the last 7 days")
    assert "difficulty 5/5" in labels["last_call"]
    assert "caller: complainer, skeptic" in labels["last_call"]
    assert labels["preference"] == "Prefers email"
    pref = next(i for i in prep.items if i.kind == "preference")
    assert pref.source == f"contact:{jane}"
    last_call_id = db.execute("SELECT MAX(id) FROM calls").fetchone()[0]
    assert next(i for i in prep.items if i.kind == "read_summary").source == f"call:{last_call_id}"


def test_outbound_call_back(db: Database) -> None:
    jane = _jane(db)
    add_call(
        db,
        jane,
        "2025-11-21T11:00:00",
        "2025-11-21T11:09:00",
        note={
            "outcome": "call back",
            "reason_category": "billing",
            "reason_text": "confirm the refund reached her account",
            "follow_ups": [{"action": "Call Jane back about the refund", "due": "2025-11-25"}],
            "what_worked": "Giving a date, not 'soon'",
        },
    )

    prep = build_prep_checklist(db, "+442079460958", "outbound", OUTBOUND, today=TODAY)

    labels = {i.kind: i.label for i in prep.items}
    assert labels["call_back"] == (
        "You are calling back as promised on 21 Nov: confirm the refund reached her account"
    )
    assert labels["follow_up"].endswith("— done? (due 25 Nov)")
    assert labels["worked"] == "What worked last time: Giving a date, not 'soon'"
    assert prep.items[-1].source == "profile:purpose"
    assert prep.direction == "outbound"


def test_new_caller_and_matching_notes_file(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    (folder / "customers").mkdir(parents=True)
    (folder / "customers" / "acme.md").write_text(
        "---\ncustomer_id: A-9\nphones: ['+1 (555) 010-7788']\n---\n# Acme Logistics\nVIP.\n"
    )
    notes = NotesIndex(db, folder)
    notes.refresh()

    prep = build_prep_checklist(db, "555.010.7788", "inbound", INBOUND, today=TODAY, notes=notes)

    assert prep.contact is None
    assert prep.items[0].kind == "new_caller"
    note_items = [i for i in prep.items if i.kind == "note_file"]
    assert [(i.label, i.source) for i in note_items] == [
        ("Read note: Acme Logistics", "note-file:customers/acme.md")
    ]


def test_checked_prep_state_is_saved_with_the_call(db: Database) -> None:
    jane = _jane(db)
    prep = build_prep_checklist(db, "C-1042", "inbound", INBOUND, today=TODAY)
    call_id = start_call(db, contact_id=jane, direction="inbound", started_at="2025-11-25T09:00:00")

    save_checklist(db, call_id, "prep", prep.states({"verify": True}))

    saved = load_checklist(db, call_id, "prep")
    assert [(s.item_id, s.checked, s.source) for s in saved if s.source.startswith("profile:")] == [
        ("verify", True, "profile:verify"),
        ("greet", False, "profile:greet"),
    ]


def test_a_new_caller_with_a_number_is_remembered_for_the_next_call(db: Database) -> None:
    from companion.store.contacts import find_contact, remember_caller

    assert find_contact(db, "5551234") is None
    contact = remember_caller(db, "sip:5551234", "Jane Caller", created_at="2026-11-30T09:00:00")
    assert contact is None  # not a phone number as written: nothing is guessed
    contact = remember_caller(db, "555 1234", " Jane Caller ", created_at="2026-11-30T09:00:00")
    assert contact is not None and contact.name == "Jane Caller"
    again = find_contact(db, "555-1234")
    assert again is not None and again.id == contact.id
    assert remember_caller(db, "", "Jane Caller", created_at="2026-11-30T09:00:00") is None
