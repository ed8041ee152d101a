"""Settings → Profiles: picker, per-cue toggles, trainer mode, IT locks and rejected values."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from companion.config.layers import load_config
from companion.config.profiles import load_profile, user_overrides_path
from companion.context import Context
from companion.paths import machine_config_path, resolve_paths
from companion.ui.settings.profile_page import NumberField
from companion.ui.settings_window import SettingsWindow


def _ctx(home: Path) -> Context:
    paths = resolve_paths(home).ensure()
    return Context(paths, load_config(machine_config_path(), paths.user_config))


def test_cue_toggle_is_saved_as_a_user_tweak(tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = _ctx(tmp_path / "home")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.profiles
    assert not page.trainer.isChecked()
    assert page.fields["cues.empathy.enabled"].isVisibleTo(page)
    assert not page.fields["cues.empathy.cooldown_s"].isVisibleTo(page)
    assert not page.fields["budget.max_per_call"].isVisibleTo(page)
    page.fields["cues.empathy.enabled"].setChecked(False)  # type: ignore[attr-defined]
    page.picker.setCurrentIndex(page.picker.findData("veteran"))
    page.fields["cues.empathy.enabled"].setChecked(False)  # type: ignore[attr-defined]
    assert window.save(), window.status.text()
    tweaks = tomllib.loads(user_overrides_path(ctx.paths).read_text(encoding="utf-8"))
    assert tweaks["cues"]["empathy"]["enabled"] is False
    assert load_config(machine_config_path(), ctx.paths.user_config).get("profiles.active") == (
        "veteran"
    )
    effective = load_profile("veteran", ctx.paths, ctx.config)
    assert effective.get("cues.empathy.enabled") is False
    assert effective.config.source("cues.empathy.enabled").startswith("user")
    assert effective.cue_settings().kinds["empathy"].enabled is False


def test_trainer_mode_rejects_out_of_range_values_with_the_validators_message(
    tmp_path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    ctx = _ctx(tmp_path / "home")
    window = SettingsWindow(ctx, trainer=True)
    qtbot.addWidget(window)
    window.show()
    page = window.profiles
    threshold = page.fields["cues.empathy.sentiment_below"]
    assert isinstance(threshold, NumberField) and threshold.isVisibleTo(page)
    threshold.setText("-3")
    cooldown = page.fields["cues.empathy.cooldown_s"]
    assert isinstance(cooldown, NumberField)
    cooldown.setText("90")
    assert not window.save()
    assert "cues.empathy.sentiment_below" in window.status.text()
    assert "must be at least -1, not -3" in window.status.text()  # plain words
    assert not user_overrides_path(ctx.paths).exists(), "nothing is written when a value is bad"
    threshold.setText("-0.3")
    assert window.save(), window.status.text()
    effective = load_profile("standard", ctx.paths, ctx.config)
    assert effective.get("cues.empathy.sentiment_below") == pytest.approx(-0.3)
    assert effective.get("cues.empathy.cooldown_s") == pytest.approx(90.0)
    window.tabs.setCurrentWidget(page)
    window.grab().save(str(Path(__file__).parents[1] / "artifacts" / "settings-trainer.png"))
    page.reset_tweaks()
    assert load_profile("standard", ctx.paths, ctx.config).get("cues.empathy.cooldown_s") == 45.0


def test_keys_locked_by_it_are_disabled_with_the_reason(tmp_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    machine = tmp_path / "it" / "config.toml"
    machine.parent.mkdir()
    machine.write_text('locked = ["profiles.active"]\n[profiles]\nactive = "standard"\n')
    overrides = machine.with_name("profile-overrides.toml")
    overrides.write_text(
        'locked = ["cues.boundary.enabled", "budget.max_per_call"]\n'
        "[cues.boundary]\nenabled = true\n[budget]\nmax_per_call = 12\n"
    )
    monkeypatch.setenv("COMPANION_MACHINE_CONFIG", str(machine))
    paths = resolve_paths(tmp_path / "home").ensure()
    ctx = Context(paths, load_config(machine, paths.user_config))
    window = SettingsWindow(ctx, trainer=True)
    qtbot.addWidget(window)
    page = window.profiles
    assert not page.picker.isEnabled() and str(machine) in page.picker.toolTip()
    boundary = page.fields["cues.boundary.enabled"]
    assert not boundary.isEnabled() and str(overrides) in boundary.toolTip()
    budget = page.fields["budget.max_per_call"]
    assert isinstance(budget, NumberField) and budget.text() == "12" and not budget.isEnabled()
    assert "Locked by IT" in budget.toolTip()
    page.fields["cues.callback.enabled"].setChecked(False)  # type: ignore[attr-defined]
    assert window.save(), window.status.text()
    effective = load_profile("standard", paths, ctx.config)
    assert effective.get("cues.callback.enabled") is False
    assert effective.get("budget.max_per_call") == 12
