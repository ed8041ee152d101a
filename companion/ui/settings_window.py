"""The settings window: devices, model, profiles, breathing, privacy, data and notes, appearance.

Generated from the declarations wherever it can be: every app setting (`companion.config.
settings`) gets a field (`companion.ui.settings.fields`) on the tab of its first part, except
the ones a page shows better — the device pickers and level test (Devices), the model manager
(Model), the profile picker with per-cue toggles and trainer mode (Profiles, from
`companion.config.profile_keys`). A key IT locked in the machine-wide config is disabled with
the file that locked it. Save validates everything first; a rejected value is named with the
validator's message and nothing of that group is written. Closing the window stops a level test
and cancels a download, so no stream or thread outlives it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.config.declare import Key
from companion.context import Context
from companion.ui.plain_text import PlainLabel
from companion.ui.settings.devices_page import DevicesPage
from companion.ui.settings.fields import describe, field_for, label_for, value_of
from companion.ui.settings.model_page import ModelPage
from companion.ui.settings.profile_page import ProfilePage
from companion.ui.theme import palette, style_sheet

TITLES = {
    "audio": "Devices",
    "speech": "Model",
    "profiles": "Profiles",
    "breathing": "Breathing",
    "privacy": "Privacy",
    "notes": "Data and notes",
    "ui": "Appearance",
}
PAGE_KEYS = {"audio.agent_device", "audio.caller_device", "speech.model", "profiles.active"}
FOLDER_KEYS = {"notes.folder", "profiles.shared_folder"}


def _style(theme: str) -> str:
    """The overlay's theme plus what only this window has: meters, bars, scroll bars, tabs."""
    p = palette(theme)
    return (
        style_sheet(theme)
        + f"""
QProgressBar {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 4px;
    text-align: center; color: {p.text}; min-height: 16px; }}
QProgressBar::chunk {{ background: {p.accent}; border-radius: 3px; }}
QProgressBar#levelMeter::chunk {{ background: {p.good}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {p.bg}; border: none; }}
QScrollBar:vertical {{ background: {p.surface}; width: 10px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 4px; min-height: 24px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
QTabWidget::pane {{ border: 1px solid {p.border}; border-radius: 4px; }}
QTabBar::tab {{ background: {p.surface}; color: {p.muted}; padding: 4px 10px;
    border: 1px solid {p.border}; border-bottom: none; }}
QTabBar::tab:selected {{ background: {p.bg}; color: {p.text}; }}
QGroupBox {{ border: 1px solid {p.border}; border-radius: 6px; margin-top: 10px;
    padding-top: 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; color: {p.muted}; }}
"""
    )


class SettingsWindow(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None, trainer: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        config = ctx.config
        self.setObjectName("settings")
        self.setWindowTitle("Call Companion — Settings")
        self.setAccessibleName("Settings")
        self.setStyleSheet(_style(str(config.get("ui.theme"))))
        self.resize(720, 560)
        col = QVBoxLayout(self)
        self.tabs = QTabWidget()
        col.addWidget(self.tabs, 1)
        self.devices = DevicesPage(
            str(config.get("audio.agent_device")), str(config.get("audio.caller_device"))
        )
        self.model = ModelPage(ctx)
        self.profiles = ProfilePage(ctx, trainer=trainer)
        self.fields: dict[str, QWidget] = {
            "audio.agent_device": self.devices.agent,
            "audio.caller_device": self.devices.caller,
            "profiles.active": self.profiles.picker,
        }
        for name in ("audio.agent_device", "audio.caller_device"):
            describe(self.fields[name], None, config.keys[name], config)
        forms: dict[str, QFormLayout] = {
            "audio": self.devices.form,
            "speech": self._page_form(self.model),
            "profiles": self._page_form(self.profiles),
        }
        pages: dict[str, QWidget] = {
            "audio": self.devices,
            "speech": self.model,
            "profiles": self.profiles,
        }
        for group, title in TITLES.items():
            if group not in forms:
                page = QWidget()
                forms[group] = QFormLayout(page)
                pages[group] = page
            self.tabs.addTab(pages[group], title)
        forms["notes"].addRow("data folder", PlainLabel(str(ctx.paths.data)))
        for key in config.keys:
            if key.name in PAGE_KEYS:
                continue
            group = key.name.split(".", 1)[0]
            if group not in forms:
                page = QWidget()
                forms[group] = QFormLayout(page)
                self.tabs.addTab(page, group.capitalize())
            self._add_field(forms[group], key)
        self.tabs.currentChanged.connect(lambda _i: self.devices.stop_test())
        self.status = PlainLabel("")
        self.status.setObjectName("error")
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        save = QPushButton("Save")
        save.setObjectName("primary")
        save.clicked.connect(self.save)
        row.addWidget(close)
        row.addWidget(save)
        col.addLayout(row)

    @staticmethod
    def _page_form(page: QWidget) -> QFormLayout:
        form = QFormLayout()
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(layout.count() - 1, form)
        return form

    def _add_field(self, form: QFormLayout, key: Key) -> None:
        value = self.ctx.config.get(key.name)
        widget = field_for(key, value)
        label = label_for(key.name)
        locked = describe(widget, label, key, self.ctx.config)
        self.fields[key.name] = widget
        if key.name == "notes.folder" and isinstance(widget, QLineEdit):
            widget.setPlaceholderText(f"{self.ctx.paths.notes} (default)")
        if key.name in FOLDER_KEYS and isinstance(widget, QLineEdit):
            browse = QPushButton("Browse…")
            browse.setEnabled(not locked)
            browse.clicked.connect(lambda _c=False, w=widget: self._browse(w))
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(widget, 1)
            line.addWidget(browse)
            form.addRow(label, box)
            return
        form.addRow(label, widget)

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder", edit.text())
        if folder:
            edit.setText(folder)

    def _changed(self) -> tuple[dict[str, Any], list[str]]:
        config = self.ctx.config
        changed: dict[str, Any] = {}
        problems: list[str] = []
        for name, widget in self.fields.items():
            if not widget.isEnabled():
                continue
            key = config.keys[name]
            try:
                value = key.validate(value_of(widget, key))
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
                continue
            if value != config.get(name):
                changed[name] = value
        return changed, problems

    def save(self) -> bool:
        """Validate every page, then write; True when everything was saved."""
        changed, problems = self._changed()
        _tweaks, profile_problems = self.profiles.read()
        problems += profile_problems
        if not problems:
            for name, value in changed.items():
                try:
                    self.ctx.config.set_user(name, value)
                except (ValueError, PermissionError, OSError) as exc:
                    problems.append(f"{name}: {exc}")
            problems += self.profiles.save()
        self.status.setText(
            "Not saved: " + "\n".join(problems)
            if problems
            else "Saved. Devices, model and theme apply at the next start; "
            "cue changes from the next call."
        )
        self.status.setObjectName("error" if problems else "hint")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        return not problems

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Close the level-test stream and stop a download; safe to call more than once."""
        self.devices.stop_test()
        self.model.shutdown()
