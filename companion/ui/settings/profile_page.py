"""Settings → Profiles: pick the cue profile, switch cues on and off, and (trainer mode) tune them.

Generated from the profile key declarations (`PROFILE_KEYS`): one row per cue kind with its
`enabled` switch; trainer mode adds the kind's severity, cooldown and every declared threshold,
and the `budget.*` keys. Values shown are the effective ones for the picked profile (defaults <
IT machine overrides < profile < the user's tweaks). Saving writes only what differs, as user
tweaks in `profile-overrides.toml` through `Config.set_user`; a key IT locked is disabled with
the file that locked it, and a value the declaration rejects is named with the validator's
message and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.config.declare import Key
from companion.config.layers import write_config
from companion.config.profile_keys import PROFILE_KEYS
from companion.config.profiles import EffectiveProfile, ProfileError, list_profiles, load_profile
from companion.context import Context
from companion.cues.catalogue import CATALOGUE
from companion.ui.plain_text import PlainLabel
from companion.ui.settings.fields import base_type, describe, field_for, label_for, value_of


def _is_number(key: Key) -> bool:
    return base_type(key.type) in (int, float)


def kind_keys(kind: str) -> tuple[Key, Key, Key, list[Key]]:
    """enabled, severity, cooldown and the thresholds of one cue kind, from the declarations."""
    base = f"cues.{kind}."
    mine = [k for k in PROFILE_KEYS if k.name.startswith(base)]
    by_leaf = {k.name[len(base) :]: k for k in mine}
    thresholds = [
        k
        for leaf, k in by_leaf.items()
        if "." not in leaf and leaf != "cooldown_s" and _is_number(k)
    ]
    return by_leaf["enabled"], by_leaf["severity"], by_leaf["cooldown_s"], thresholds


def budget_keys() -> list[Key]:
    return [k for k in PROFILE_KEYS if k.name.startswith("budget.")]


class NumberField(QLineEdit):
    """A number typed freely, checked by the key's declaration (range included) when read."""

    def __init__(self, key: Key, value: Any) -> None:
        super().__init__(f"{value:g}" if isinstance(value, float) else str(value))
        self.key = key
        self.setMaximumWidth(90)

    def parsed(self) -> Any:
        """The validated value; raises `ValueError` with the validator's message."""
        return self.key.validate_text(self.text())


class ProfilePage(QWidget):
    def __init__(self, ctx: Context, trainer: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.effective: EffectiveProfile | None = None
        self.fields: dict[str, QWidget] = {}
        col = QVBoxLayout(self)
        top = QFormLayout()
        allowed = list(ctx.config.get("profiles.allowed"))
        self.picker = QComboBox()
        self.picker.setAccessibleName("profiles.active")
        for profile in list_profiles(ctx.paths, ctx.config):
            if not allowed or profile.name in allowed:
                self.picker.addItem(f"{profile.name} ({profile.origin})", profile.name)
        active = str(ctx.config.get("profiles.active"))
        self.picker.setCurrentIndex(max(0, self.picker.findData(active)))
        picker_label = PlainLabel("Profile")
        describe(self.picker, picker_label, ctx.config.keys["profiles.active"], ctx.config)
        top.addRow(picker_label, self.picker)
        self.about = PlainLabel()
        self.about.setObjectName("hint")
        self.about.setWordWrap(True)
        top.addRow("", self.about)
        self.trainer = QCheckBox("Trainer mode: thresholds, cooldowns and the cue budget")
        self.trainer.setAccessibleName("Trainer mode")
        top.addRow("", self.trainer)
        col.addLayout(top)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        col.addWidget(self.area, 1)
        row = QHBoxLayout()
        self.reset = QPushButton("Reset my tweaks")
        self.reset.setToolTip("Forget every cue tweak saved here; the profile's values apply")
        self.reset.clicked.connect(self.reset_tweaks)
        row.addWidget(self.reset)
        row.addStretch(1)
        col.addLayout(row)
        self.status = PlainLabel("")
        self.status.setObjectName("error")
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        self.picker.currentIndexChanged.connect(lambda _i: self.load())
        self.trainer.toggled.connect(self._show_trainer)
        self.trainer.setChecked(trainer)
        self.load()

    @property
    def profile_name(self) -> str:
        return str(self.picker.currentData() or "")

    def load(self) -> None:
        """Rebuild the cue rows from the effective values of the picked profile."""
        self.fields = {}
        try:
            self.effective = load_profile(self.profile_name, self.ctx.paths, self.ctx.config)
        except ProfileError as exc:
            self.effective = None
            self.about.setText(f"Profile not usable: {exc.problems[0]}")
            self.area.setWidget(QWidget())
            return
        self.about.setText(self.effective.profile.description or "")
        body = QWidget()
        col = QVBoxLayout(body)
        cues = QGroupBox("Cues")
        grid = QGridLayout(cues)
        heads = ("Cue", "Severity", "Cooldown (s)", "Thresholds")
        self.trainer_widgets: list[QWidget] = []
        for column, text in enumerate(heads):
            head = PlainLabel(text)
            head.setObjectName("hint")
            grid.addWidget(head, 0, column)
            if column:
                self.trainer_widgets.append(head)
        for row, kind in enumerate(CATALOGUE, start=1):
            enabled, severity, cooldown, thresholds = kind_keys(kind)
            box = self._field(enabled)
            assert isinstance(box, QCheckBox)
            box.setText(kind.replace("_", " "))
            grid.addWidget(box, row, 0)
            severity_field, cooldown_field = self._field(severity), self._field(cooldown)
            grid.addWidget(severity_field, row, 1)
            grid.addWidget(cooldown_field, row, 2)
            extra = QWidget()
            line = QHBoxLayout(extra)
            line.setContentsMargins(0, 0, 0, 0)
            for key in thresholds:
                name = PlainLabel(key.name.rsplit(".", 1)[1].replace("_", " "))
                line.addWidget(name)
                line.addWidget(self._field(key, name))
            line.addStretch(1)
            grid.addWidget(extra, row, 3)
            self.trainer_widgets += [severity_field, cooldown_field, extra]
        col.addWidget(cues)
        budget = QGroupBox("Budget")
        form = QFormLayout(budget)
        for key in budget_keys():
            label = label_for(key.name)
            form.addRow(label, self._field(key, label))
        col.addWidget(budget)
        self.trainer_widgets.append(budget)
        col.addStretch(1)
        self.area.setWidget(body)
        self._show_trainer(self.trainer.isChecked())

    def _field(self, key: Key, label: QLabel | None = None) -> QWidget:
        assert self.effective is not None
        value = self.effective.config.get(key.name)
        widget: QWidget = NumberField(key, value) if _is_number(key) else field_for(key, value)
        describe(widget, label, key, self.effective.config)
        self.fields[key.name] = widget
        return widget

    def _show_trainer(self, on: bool) -> None:
        for widget in getattr(self, "trainer_widgets", []):
            widget.setVisible(on)

    def read(self) -> tuple[dict[str, Any], list[str]]:
        """Every changed, unlocked value (validated) and the problems of the ones rejected."""
        changed: dict[str, Any] = {}
        problems: list[str] = []
        if self.effective is None:
            return changed, problems
        config = self.effective.config
        for name, widget in self.fields.items():
            if not widget.isEnabled():
                continue
            key = PROFILE_KEYS[name]
            try:
                if isinstance(widget, NumberField):
                    value = widget.parsed()
                else:
                    value = key.validate(value_of(widget, key))
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
                widget.setProperty("invalid", "true")
                continue
            widget.setProperty("invalid", "false")
            if value != config.get(name):
                changed[name] = value
        return changed, problems

    def save(self) -> list[str]:
        """Write the user's tweaks; nothing is written when any value is rejected."""
        changed, problems = self.read()
        if problems or self.effective is None:
            return problems
        for name, value in changed.items():
            try:
                self.effective.config.set_user(name, value)
            except (ValueError, PermissionError, OSError) as exc:
                problems.append(f"{name}: {exc}")
        return problems

    def reset_tweaks(self) -> None:
        if self.effective is None:
            return
        user = self.effective.config.layers[-1]
        user.values.clear()
        if user.path is not None and user.path.exists():
            write_config(user.path, {})
        self.status.setText("Your cue tweaks were removed; the profile's values apply.")
        self.load()
