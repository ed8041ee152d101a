"""Fixtures for the overlay tests: a fully wired app on a private data folder (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def companion(app_home: Path, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The real composition root without audio devices or a model (nothing to open here)."""
    from companion.app import build
    from companion.context import build_context

    ctx = build_context(None)
    app = build(ctx)
    qtbot.addWidget(app.overlay)
    app.show()
    yield app
    app.shutdown()
    for dialog in app.crash_dialogs:
        dialog.close()


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


OFFSCREEN_LIMITS = r"This plugin does not support (raise|propagateSizeHints|requestActivate)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform says it cannot raise or activate windows; that is the platform,
    not the app (under Xvfb these calls work), so only these messages are let through."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))
