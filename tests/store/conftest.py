"""Fixtures for the store tests: a real SQLite file per test, opened the way the app opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.store.database import open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "companion.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    opened = open_store(db_path)
    assert opened.notice is None
    yield opened.db
    opened.db.close()
