"""Text from outside the app is shown as text, never as markup.

A caller chooses the display name baresip reports, IT and trainers write notes and profiles, and
the recognizer writes what it heard. Qt's labels and tooltips guess "rich text" from anything
that looks like a tag, so a name such as `<span style="font-size:28pt;color:red">…` would be
drawn as a large red instruction inside the overlay. Every label in `companion.ui` is a
`PlainLabel`; the one that styles its text on purpose (the captions) escapes what it shows.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A `QLabel` that never interprets its text as markup."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_tooltip(text: str) -> str:
    """A tooltip showing `text` literally (tooltips have no plain-text switch of their own)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


class SteadyLabel(PlainLabel):
    """A label whose text changes often but keeps its length (a call timer): its size is fixed to
    the text, so a new second repaints the label instead of re-laying out the whole window
    (Qt re-lays out a window for any label whose size is not fixed). The size follows the text
    only when the text's length changes (an hour starts)."""

    def setText(self, text: str) -> None:
        lengthened = len(text) != len(self.text())
        super().setText(text)
        if lengthened or self.minimumWidth() != self.maximumWidth():
            self.ensurePolished()
            self.setFixedSize(self.sizeHint())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.text():  # a theme or a zoom change
            self.setFixedSize(self.sizeHint())
