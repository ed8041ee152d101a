"""Snapping and per-layout positions (plain Python, no display needed)."""

from __future__ import annotations

from pathlib import Path

from companion.ui.placement import SavedPositions, default_position, layout_key, snap

SCREEN = (0, 0, 1280, 800)


def test_snaps_to_near_edges_and_stays_on_screen() -> None:
    assert snap((10, 15, 300, 40), SCREEN) == (0, 0, 300, 40)
    assert snap((965, 745, 300, 40), SCREEN) == (980, 760, 300, 40)
    assert snap((500, 300, 300, 40), SCREEN) == (500, 300, 300, 40)
    assert snap((1200, -50, 300, 40), SCREEN) == (980, 0, 300, 40)


def test_positions_are_remembered_per_layout(tmp_path: Path) -> None:
    saved = SavedPositions(tmp_path)
    one = [SCREEN]
    two = [SCREEN, (1280, 0, 1920, 1080)]
    saved.put(one, (100, 120))
    saved.put(two, (2000, 50))
    assert saved.get(one) == (100, 120)
    assert saved.get(two) == (2000, 50)
    assert saved.get([(0, 0, 800, 600)]) is None
    assert layout_key(list(reversed(two))) == layout_key(two)


def test_a_saved_spot_now_off_screen_is_not_used(tmp_path: Path) -> None:
    saved = SavedPositions(tmp_path)
    saved.put([SCREEN], (5000, 5000))
    assert saved.get([SCREEN]) is None
    assert default_position((300, 40), SCREEN)[0] == 1280 - 300 - 16


def test_broken_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "window.json").write_text("{not json", encoding="utf-8")
    saved = SavedPositions(tmp_path)
    assert saved.get([SCREEN]) is None
    saved.put([SCREEN], (1, 2))
    assert saved.get([SCREEN]) == (1, 2)
