"""The settings window: generated from the declarations, locked keys disabled with the reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox

from companion.config.layers import load_config
from companion.context import Context
from companion.paths import resolve_paths
from companion.ui.settings_window import SettingsWindow


def test_locked_key_is_disabled_and_user_change_is_saved(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    machine = tmp_path / "machine.toml"
    machine.write_text(
        'locked = ["privacy.store_transcripts"]\n[privacy]\nstore_transcripts = false\n',
        encoding="utf-8",
    )
    paths = resolve_paths(tmp_path / "home").ensure()
    ctx = Context(paths, load_config(machine, paths.user_config))
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    locked = window.fields["privacy.store_transcripts"]
    assert isinstance(locked, QCheckBox) and not locked.isEnabled()
    assert "Locked by IT" in locked.toolTip() and str(machine) in locked.toolTip()
    theme = window.fields["ui.theme"]
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("light"))
    assert window.save()
    again = load_config(machine, paths.user_config)
    assert again.get("ui.theme") == "light"
    assert again.get("privacy.store_transcripts") is False
