"""Dark and light themes: one palette each, one style sheet built from it.

Severity colours are shared by both themes and chosen to stay readable on either background
(white text on the card's left stripe is never needed: the stripe is decoration, the text sits on
the card surface).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ThemeName = Literal["dark", "light"]


@dataclass(frozen=True)
class Palette:
    bg: str
    surface: str
    raised: str
    text: str
    muted: str
    accent: str
    border: str
    good: str


PALETTES: dict[str, Palette] = {
    "dark": Palette(
        "#1c1f24", "#262a31", "#30353e", "#e8eaed", "#9aa3ad", "#5aa2ff", "#3a404a", "#4caf7a"
    ),
    "light": Palette(
        "#f4f5f7", "#ffffff", "#eceef1", "#1f2328", "#5f6773", "#1f6feb", "#d0d4da", "#1f883d"
    ),
}
SEVERITY: dict[str, str] = {"info": "#3b82f6", "warn": "#f59e0b", "high": "#ef4444"}
CHANNEL: dict[str, str] = {"agent": "#5aa2ff", "caller": "#c084fc"}


def palette(name: str) -> Palette:
    return PALETTES.get(name, PALETTES["dark"])


def style_sheet(name: str) -> str:
    p = palette(name)
    return f"""
QWidget#overlay, QWidget#panelHost, QDialog, QWidget#settings {{
    background: {p.bg}; color: {p.text};
}}
QWidget {{ color: {p.text}; font-size: 10pt; }}
QFrame#bar {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 8px; }}
QFrame#bar QToolButton {{ padding: 2px 4px; }}
QFrame#bar QLabel#timer {{ font-size: 10pt; }}
QLabel#badge {{ color: #ffffff; font-weight: 700; border-radius: 9px; min-width: 18px;
    max-height: 18px; padding: 0 4px; }}
QLabel#notice {{ background: {p.raised}; border: 1px solid {p.border};
    border-left: 4px solid {SEVERITY["info"]}; border-radius: 6px; padding: 6px 8px; }}
QFrame#panel {{ background: {p.bg}; border: 1px solid {p.border}; border-radius: 8px; }}
QLabel#phase {{ font-weight: 600; }}
QLabel#muted, QLabel#partial, QLabel#hint, QLabel#source {{ color: {p.muted}; }}
QLabel#title {{ font-size: 11pt; font-weight: 600; }}
QLabel#timer {{ font-family: monospace; font-size: 11pt; }}
QLabel#saved {{ color: {p.muted}; font-size: 9pt; }}
QLabel#error {{ color: {SEVERITY["high"]}; font-size: 9pt; }}
QLabel#phaseText {{ font-size: 15pt; font-weight: 600; }}
QPushButton, QToolButton {{
    background: {p.raised}; border: 1px solid {p.border}; border-radius: 5px;
    padding: 3px 8px; color: {p.text};
}}
QPushButton:hover, QToolButton:hover {{ border-color: {p.accent}; }}
QPushButton:focus, QToolButton:focus {{ border: 1px solid {p.accent}; }}
QPushButton#primary {{ background: {p.accent}; color: #ffffff; border-color: {p.accent};
    font-weight: 600; }}
QPushButton:disabled {{ color: {p.muted}; }}
QToolButton:checked {{ background: {p.accent}; color: #ffffff; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QListWidget {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: 4px; padding: 2px 4px;
    selection-background-color: {p.accent}; selection-color: #ffffff;
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QListWidget:focus {{
    border-color: {p.accent};
}}
QListWidget::item {{ padding: 2px; }}
QCheckBox, QRadioButton {{ spacing: 6px; }}
QCheckBox::indicator, QListWidget::indicator {{
    width: 12px; height: 12px; border: 1px solid {p.muted}; border-radius: 3px;
    background: {p.surface};
}}
QCheckBox::indicator:checked, QListWidget::indicator:checked {{
    background: {p.good}; border-color: {p.good};
}}
QFrame#cue {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 6px; }}
QFrame#banner {{ background: {p.raised}; border: 1px solid {p.border}; border-radius: 6px; }}
QFrame#banner[level="warning"] {{ border-left: 4px solid {SEVERITY["warn"]}; }}
QFrame#banner[level="error"] {{ border-left: 4px solid {SEVERITY["high"]}; }}
QFrame#banner[level="info"] {{ border-left: 4px solid {SEVERITY["info"]}; }}
QFrame#captions {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 6px; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QTabWidget::pane {{ border: 1px solid {p.border}; }}
QTabBar::tab {{ background: {p.surface}; padding: 4px 10px; border: 1px solid {p.border}; }}
QTabBar::tab:selected {{ background: {p.raised}; }}
QGroupBox {{ border: 1px solid {p.border}; border-radius: 6px; margin-top: 10px; padding: 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; color: {p.muted}; }}
QSlider::groove:horizontal {{ height: 4px; background: {p.border}; }}
QSlider::handle:horizontal {{ background: {p.accent}; width: 12px; margin: -5px 0;
    border-radius: 6px; }}
QPlainTextEdit#report {{ font-family: monospace; font-size: 9pt; }}
"""
