"""One checklist item as a profile declares it: shared by profiles, prep and the in-call list.

It lives in `config` because the profile keys `checklist.*` are declared with this type; the
call code (`companion.calls`) reads it from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistItem:
    """`phrases` are what the agent might say that ticks the item (empty: tick by hand only)."""

    id: str
    label: str
    phrases: tuple[str, ...] = ()
