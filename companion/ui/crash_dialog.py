"""The crash dialog: a bug's report, copyable, and where the log file is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.plain_text import PlainLabel


class CrashDialog(QDialog):
    def __init__(
        self,
        report: Path,
        text: str,
        logfile: Path,
        *,
        earlier: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Call Companion — something went wrong")
        self.setAccessibleName("Crash report")
        self.resize(620, 420)
        col = QVBoxLayout(self)
        when = (
            "The last time Call Companion ran, it hit a bug."
            if earlier
            else "Call Companion hit a bug. Your notes are saved; you can keep working."
        )
        intro = PlainLabel(
            f"{when} Please copy this report to your IT or the project's issue tracker."
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("report")
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Crash report text")
        col.addWidget(self.text, 1)
        where = PlainLabel(f"Report: {report}\nLog file: {logfile}")
        where.setObjectName("muted")
        where.setWordWrap(True)
        col.addWidget(where)
        row = QHBoxLayout()
        copy = QPushButton("Copy")
        copy.setAccessibleName("Copy report")
        copy.clicked.connect(self.copy)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(copy)
        row.addWidget(close)
        col.addLayout(row)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text.toPlainText())
