"""Where the overlay sits: snapping to screen edges and one remembered spot per screen layout.

Plain Python (rectangles as `(x, y, w, h)` tuples) so it is tested without a display. A screen
layout is the sorted list of screen geometries: docking a laptop gives another layout, so the
overlay goes back to where the agent put it on that desk, not to a spot that is now off screen.
Saved positions live in `window.json` in the config folder, with the agent's choice of keeping
the panel open or collapsed; a broken file is ignored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

Rect = tuple[int, int, int, int]
SNAP_PX = 24
FILE_NAME = "window.json"
PANEL_KEY = "panel_open"


def layout_key(screens: Sequence[Rect]) -> str:
    return ";".join(f"{x},{y},{w}x{h}" for x, y, w, h in sorted(screens))


def snap(window: Rect, screen: Rect, distance: int = SNAP_PX) -> Rect:
    """Move `window` flush with any screen edge it is within `distance` of, and keep it on
    `screen` (a window dragged half off screen comes back in)."""
    x, y, w, h = window
    sx, sy, sw, sh = screen
    if abs(x - sx) <= distance:
        x = sx
    elif abs((x + w) - (sx + sw)) <= distance:
        x = sx + sw - w
    if abs(y - sy) <= distance:
        y = sy
    elif abs((y + h) - (sy + sh)) <= distance:
        y = sy + sh - h
    x = min(max(x, sx), sx + max(0, sw - w))
    y = min(max(y, sy), sy + max(0, sh - h))
    return x, y, w, h


def default_position(size: tuple[int, int], screen: Rect, margin: int = 16) -> tuple[int, int]:
    """Top-right corner: out of the way of a softphone's dial pad and a CRM's menu bar."""
    sx, sy, sw, _ = screen
    return sx + sw - size[0] - margin, sy + margin + 32


def contains(screens: Sequence[Rect], point: tuple[int, int]) -> bool:
    px, py = point
    return any(x <= px < x + w and y <= py < y + h for x, y, w, h in screens)


class SavedPositions:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def _read_all(self) -> dict[str, object]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    def _read(self) -> dict[str, list[int]]:
        return {
            k: v
            for k, v in self._read_all().items()
            if isinstance(v, list) and len(v) == 2 and all(isinstance(n, int) for n in v)
        }

    def get(self, screens: Sequence[Rect]) -> tuple[int, int] | None:
        value = self._read().get(layout_key(screens))
        if value is None or not contains(screens, (value[0] + 8, value[1] + 8)):
            return None
        return value[0], value[1]

    def put(self, screens: Sequence[Rect], pos: tuple[int, int]) -> None:
        self._write(layout_key(screens), [int(pos[0]), int(pos[1])])

    def panel_open(self) -> bool | None:
        """The agent's last choice of panel open (True) or collapsed; None if never chosen."""
        value = self._read_all().get(PANEL_KEY)
        return value if isinstance(value, bool) else None

    def put_panel_open(self, on: bool) -> None:
        self._write(PANEL_KEY, on)

    def _write(self, key: str, value: object) -> None:
        data = {**self._read(), **{k: v for k, v in self._read_all().items() if k == PANEL_KEY}}
        data[key] = value
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a position not remembered is not worth a message
