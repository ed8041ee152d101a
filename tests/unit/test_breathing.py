"""Breathing patterns: phases, circle size and session length, without a display."""

from __future__ import annotations

import pytest

from companion.calls.breathing import (
    LABELS,
    PATTERNS,
    cycle_seconds,
    session_seconds,
    view,
)


def test_box_is_four_four_four_four() -> None:
    assert [(s.action, s.seconds) for s in PATTERNS["box"]] == [
        ("in", 4),
        ("hold", 4),
        ("out", 4),
        ("hold", 4),
    ]
    assert view("box", 1.0).text == "Breathe in"
    assert view("box", 5.0).text == "Hold"
    assert view("box", 9.0).text == "Breathe out"
    assert view("box", 13.0).action == "hold" and view("box", 13.0).scale == 0.0
    assert view("box", 17.0).text == "Breathe in" and view("box", 17.0).cycle == 1


def test_478_and_sigh_and_coherent_cycles() -> None:
    assert cycle_seconds("4-7-8") == 19
    assert cycle_seconds("sigh") == 9
    assert 60 / cycle_seconds("coherent") == pytest.approx(5.5)
    assert view("sigh", 2.5).text == "A little more"
    assert view("4-7-8", 15).action == "out"


def test_circle_grows_on_inhale_holds_and_shrinks_on_exhale() -> None:
    sizes = [view("box", t / 10).scale for t in range(0, 41)]
    assert sizes == sorted(sizes) and sizes[0] == 0.0 and sizes[-1] == pytest.approx(1.0)
    assert view("box", 6.0).scale == 1.0
    exhale = [view("box", 8 + t / 10).scale for t in range(0, 40)]
    assert exhale == sorted(exhale, reverse=True)


def test_countdown_and_done() -> None:
    v = view("box", 1.5, total_s=60)
    assert v.step_left_s == pytest.approx(2.5) and v.remaining_s == pytest.approx(58.5)
    end = view("box", 60, total_s=60)
    assert end.done and end.remaining_s == 0


def test_every_pattern_has_a_label_and_valid_scales() -> None:
    for name, steps in PATTERNS.items():
        assert name in LABELS
        for step in steps:
            assert 0.0 <= step.start_scale <= 1.0 and 0.0 <= step.end_scale <= 1.0
        for tenth in range(0, int(cycle_seconds(name) * 10)):
            assert 0.0 <= view(name, tenth / 10).scale <= 1.0


def test_session_length_and_long_reset() -> None:
    assert session_seconds(60, difficult=False) == 60
    assert session_seconds(60, difficult=True) == 180
    assert session_seconds(300, difficult=True) == 600
    assert session_seconds(1, difficult=False) == 10
