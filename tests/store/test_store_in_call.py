"""The in-call checklist ticks itself from the agent's words, never the caller's."""

from __future__ import annotations

from sqlite_utils import Database

from companion.calls.checklist_item import ChecklistItem
from companion.calls.in_call import InCallChecklist, phrase_heard, phrase_words, words_of
from companion.events import DeviceEvent, Final, Partial, VoiceFrame
from companion.store.call_log import load_checklist, save_checklist, start_call

ITEMS = (
    ChecklistItem(
        "verify", "Verify identity", ("confirm your date of birth", "verify your identity")
    ),
    ChecklistItem("recap", "Recap next steps", ("to recap",)),
    ChecklistItem("anything_else", "Anything else?", ("anything else I can help",)),
    ChecklistItem("survey", "Mention the survey"),  # by hand only
)


def test_agent_phrases_tick_items_with_natural_wording() -> None:
    checklist = InCallChecklist(ITEMS)

    assert checklist.feed(Partial("agent", 3.0, "could I just confirm your date")) == []
    assert checklist.feed(
        Partial("agent", 3.4, "could I just confirm your full date of birth please")
    ) == ["verify"]
    assert checklist.feed(Final("agent", 60.0, "So, to quickly recap: I'll send it")) == ["recap"]
    assert checklist.feed(Final("agent", 90.0, "is there anything else that I can help with")) == [
        "anything_else"
    ]

    states = {s.item_id: s for s in checklist.states()}
    assert states["verify"].checked and states["verify"].how == "phrase"
    assert states["verify"].t == 3.4
    assert not states["survey"].checked and not checklist.done


def test_caller_words_and_other_events_do_not_tick() -> None:
    checklist = InCallChecklist(ITEMS)
    assert checklist.feed(Final("caller", 5.0, "can you confirm your date of birth")) == []
    assert checklist.feed(VoiceFrame("agent", 5.0, 0.02, -20.0, True)) == []
    assert checklist.feed(DeviceEvent("agent", 6.0, "lost")) == []
    assert not any(s.checked for s in checklist.states())


def test_words_too_far_apart_do_not_count() -> None:
    phrase = words_of("to recap")
    assert phrase_heard(phrase, words_of("to quickly recap"), slack=3)
    assert not phrase_heard(phrase, words_of("to be honest I never said recap"), slack=3)
    assert not phrase_heard(phrase, words_of("recap to"), slack=3)
    assert phrase_words("Verifying your identity's") == words_of("verify your identity")


SPOKEN = (
    ChecklistItem("sorry", "Apologise", ("i am sorry",)),
    ChecklistItem("summarise", "Summarise back", ("so what you are saying",)),
    ChecklistItem("reassure", "Reassure", ("don't worry",)),
    ChecklistItem("security", "Security question", ("your mother's maiden name",)),
    ChecklistItem("done", "Confirm it is done", ("it has been sorted",)),
)


def test_vosk_contractions_tick_expanded_phrases_and_back() -> None:
    """Vosk writes "i'm" and "you're"; a profile may write either form, with either apostrophe."""
    checklist = InCallChecklist(SPOKEN)

    assert checklist.feed(Partial("agent", 1.0, "i'm")) == []
    assert checklist.feed(Partial("agent", 1.2, "i'm sorry about")) == ["sorry"]
    assert checklist.feed(Final("agent", 1.6, "i'm sorry about that")) == []  # ticked once
    assert checklist.feed(Final("caller", 4.0, "so what you're saying is")) == []
    assert checklist.feed(Partial("agent", 5.0, "so what you're")) == []
    assert checklist.feed(Final("agent", 5.5, "so what you're saying is [unk] it broke")) == [
        "summarise"
    ]
    assert checklist.feed(Final("agent", 7.0, "please do not worry about that")) == ["reassure"]
    assert checklist.feed(Final("agent", 9.0, "and your mothers maiden name")) == ["security"]
    assert checklist.feed(Final("agent", 11.0, "right it’s been sorted for you")) == ["done"]

    assert checklist.done
    assert [s.how for s in checklist.states()] == ["phrase"] * len(SPOKEN)


def test_a_contracted_phrase_ticks_on_the_expanded_words() -> None:
    checklist = InCallChecklist((ChecklistItem("sorry", "Apologise", ("I’m sorry",)),))
    assert checklist.feed(Final("agent", 1.0, "I am so sorry")) == ["sorry"]


def test_hand_ticks_and_saving(db: Database) -> None:
    checklist = InCallChecklist(ITEMS)
    checklist.tick("survey", t=120.0)
    checklist.tick("recap")
    checklist.tick("recap", checked=False)
    call_id = start_call(db, contact_id=None, direction="inbound", started_at="2025-01-01T09:00:00")

    save_checklist(db, call_id, "in_call", checklist.states())

    saved = load_checklist(db, call_id, "in_call")
    assert [(s.item_id, s.checked, s.how, s.t) for s in saved] == [
        ("verify", False, "", None),
        ("recap", False, "", None),
        ("anything_else", False, "", None),
        ("survey", True, "hand", 120.0),
    ]
