"""The checklist item is declared with the profile keys (`companion.config.checklist_item`).

This module keeps the older import path working; new code imports from `companion.config`.
"""

from __future__ import annotations

from companion.config.checklist_item import ChecklistItem

__all__ = ["ChecklistItem"]
