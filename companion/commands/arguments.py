"""Argument values shared by several commands, so a bad value gets the same one-line answer."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import argparse

    # what `ArgumentParser.add_subparsers()` returns: each command's `register` adds to it
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def optional_date(text: str | None) -> dt.date | None:
    """`--since 2026-11-01`; raises `ValueError` with the one-line reason otherwise."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD") from None
