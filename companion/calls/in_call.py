"""The in-call checklist: items that tick themselves when the agent says them.

A profile item such as "Verify identity" lists phrases ("can I confirm your date of birth").
`InCallChecklist.feed(event)` looks at the agent channel's partials and finals only (the caller
saying "date of birth" must not tick the agent's item) and ticks an item when one of its phrases
is heard loosely. Phrase and speech are spelled alike by `companion.text_norm`, the spelling the
cue rules use too, so "i'm sorry" ticks "I am sorry" and "you are saying" ticks "you're saying";
words are compared in their slots ("it's" ~ "it has"), lightly stemmed ("confirming" ~
"confirm"), and the phrase's words must appear in order with at most `slack` other words between
the first and the last. Items can be ticked or unticked by hand. `states()` is plain data
(`CheckState`) for the UI and for `save_checklist`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from companion.calls.checklist_item import ChecklistItem
from companion.events import Event, Final, Partial
from companion.store.call_log import CheckState
from companion.text_norm import slot, words

_SUFFIXES = ("ing", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def words_of(text: str) -> list[str]:
    """What the agent said, as the checklist compares it: normalised, in slots, stemmed."""
    return [stem(slot(w)) for w in words(text)]


def phrase_words(phrase: str) -> list[str]:
    """A checklist phrase as `words_of` sees speech, minus a noun's "'s" ("holder's name").

    The speech keeps it, so "the bill is wrong" still needs its "is"; dropping it from the phrase
    only lets "account holders name", heard without the apostrophe, tick "account holder's name".
    """
    return [stem(slot(w)) for w in words(phrase) if w != "s"]


def phrase_heard(phrase: Sequence[str], heard: Sequence[str], slack: int) -> bool:
    """True when `phrase` words occur in order in `heard`, spread over ≤ len+slack words."""
    if not phrase:
        return False
    limit = len(phrase) + slack
    for start, word in enumerate(heard):
        if word != phrase[0]:
            continue
        pos = start
        for target in phrase[1:]:
            pos += 1
            while pos < len(heard) and heard[pos] != target and pos - start < limit:
                pos += 1
            if pos >= len(heard) or heard[pos] != target or pos - start >= limit:
                break
        else:
            return True
    return False


@dataclass
class _Item:
    item: ChecklistItem
    phrases: tuple[tuple[str, ...], ...]
    checked: bool = False
    how: str = ""
    t: float | None = None


class InCallChecklist:
    """Profile items ticked by the agent's words or by hand."""

    def __init__(self, items: Sequence[ChecklistItem], *, slack: int = 3) -> None:
        self.slack = slack
        self._items = [_Item(i, tuple(tuple(phrase_words(p)) for p in i.phrases)) for i in items]
        self._by_id = {entry.item.id: entry for entry in self._items}

    def feed(self, event: Event) -> list[str]:
        """Consume one event; returns the ids of items this event ticked."""
        if event.channel != "agent":
            return []
        if isinstance(event, Partial):
            text = event.partial
        elif isinstance(event, Final):
            text = event.text
        else:
            return []
        heard = words_of(text)
        ticked: list[str] = []
        for entry in self._items:
            if entry.checked:
                continue
            if any(phrase_heard(p, heard, self.slack) for p in entry.phrases):
                entry.checked, entry.how, entry.t = True, "phrase", event.t
                ticked.append(entry.item.id)
        return ticked

    def tick(self, item_id: str, *, checked: bool = True, t: float | None = None) -> None:
        """A hand tick (or untick) from the UI."""
        entry = self._by_id[item_id]
        entry.checked = checked
        entry.how = "hand" if checked else ""
        entry.t = t if checked else None

    def states(self) -> list[CheckState]:
        return [
            CheckState(e.item.id, e.item.label, f"profile:{e.item.id}", e.checked, e.how, e.t)
            for e in self._items
        ]

    @property
    def done(self) -> bool:
        return all(e.checked for e in self._items)
