"""Which model is used: COMPANION_MODEL > speech.model > best installed; and where models live.

Real config files (machine and user TOML) and real folders; the bundled `resources/models` is a
temporary folder (see conftest) so tests never write into the source tree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from companion.config.layers import Config
from companion.paths import AppPaths
from companion.speech.models import (
    best_installed,
    describe_models,
    installed_models,
    resolve,
    resolve_model,
)
from tests.speech.modelkit import build_model, link_copy

SMALL_EN = "vosk-model-small-en-us-0.15"
LGRAPH_EN = "vosk-model-en-us-0.22-lgraph"
BIG_EN = "vosk-model-en-us-0.22"
SMALL_KO = "vosk-model-small-ko-0.22"

MakeConfig = Callable[[], Config]


def install(paths: AppPaths, name: str) -> Path:
    return build_model(paths.models / name, am_bytes=100)


def test_env_none_disables_speech_even_with_models(
    app_paths: AppPaths, make_config: MakeConfig
) -> None:
    install(app_paths, SMALL_EN)
    result = resolve(app_paths, make_config(), {"COMPANION_MODEL": "none"})
    assert result.choice is None
    assert result.reason == "disabled by COMPANION_MODEL=none: audio-only cues"


def test_env_path_to_real_model_beats_the_setting(
    app_paths: AppPaths, make_config: MakeConfig, korean_model: Path
) -> None:
    install(app_paths, SMALL_EN)
    config = make_config()
    config.set_user("speech.model", SMALL_EN)
    result = resolve(app_paths, config, {"COMPANION_MODEL": str(korean_model)})
    assert result.choice is not None
    assert result.choice.path == korean_model
    assert result.choice.source == f"COMPANION_MODEL={korean_model}"


def test_env_path_to_a_non_model_is_reported_not_replaced(
    app_paths: AppPaths, make_config: MakeConfig, tmp_path: Path
) -> None:
    install(app_paths, SMALL_EN)
    (tmp_path / "junk").mkdir()
    result = resolve(app_paths, make_config(), {"COMPANION_MODEL": str(tmp_path / "junk")})
    assert result.choice is None
    assert "is not a Vosk model (am/final.mdl is missing (and 3 more))" in result.reason
    assert "\n" not in result.reason


def test_env_name_of_an_installed_model(app_paths: AppPaths, make_config: MakeConfig) -> None:
    install(app_paths, SMALL_EN)
    install(app_paths, LGRAPH_EN)
    result = resolve(app_paths, make_config(), {"COMPANION_MODEL": SMALL_EN})
    assert result.choice is not None
    assert (result.choice.name, result.choice.path) == (SMALL_EN, app_paths.models / SMALL_EN)


def test_env_name_not_installed_suggests_the_download(
    app_paths: AppPaths, make_config: MakeConfig
) -> None:
    result = resolve(app_paths, make_config(), {"COMPANION_MODEL": LGRAPH_EN})
    assert result.choice is None
    assert result.reason.endswith(f"run `companion model download {LGRAPH_EN}`")


def test_setting_beats_best_installed(app_paths: AppPaths, make_config: MakeConfig) -> None:
    install(app_paths, SMALL_EN)
    install(app_paths, LGRAPH_EN)
    config = make_config()
    config.set_user("speech.model", SMALL_EN)
    result = resolve(app_paths, make_config(), {})
    assert result.choice is not None
    assert result.choice.name == SMALL_EN
    assert result.choice.source == f"setting speech.model (user {app_paths.user_config})"


def test_setting_none_disables(app_paths: AppPaths, make_config: MakeConfig) -> None:
    install(app_paths, SMALL_EN)
    make_config().set_user("speech.model", "none")
    result = resolve(app_paths, make_config(), {})
    assert result.choice is None
    assert result.reason.startswith("disabled by setting speech.model (user ")


def test_locked_machine_setting_wins_over_user(
    app_paths: AppPaths, make_config: MakeConfig, machine_config: Path
) -> None:
    install(app_paths, SMALL_EN)
    install(app_paths, LGRAPH_EN)
    machine_config.write_text(f'locked = ["speech.model"]\n[speech]\nmodel = "{SMALL_EN}"\n')
    (app_paths.user_config).write_text(f'[speech]\nmodel = "{LGRAPH_EN}"\n')
    result = resolve(app_paths, make_config(), {})
    assert result.choice is not None
    assert result.choice.name == SMALL_EN
    assert "machine (locked)" in result.choice.source


def test_best_prefers_english_then_lgraph_over_small_and_big(
    app_paths: AppPaths, make_config: MakeConfig, korean_model: Path
) -> None:
    link_copy(korean_model, app_paths.models / SMALL_KO)
    assert resolve_model(app_paths, make_config()) is not None
    install(app_paths, BIG_EN)
    install(app_paths, SMALL_EN)
    choice = resolve_model(app_paths, make_config())
    assert choice is not None and choice.name == SMALL_EN
    install(app_paths, LGRAPH_EN)
    choice = resolve_model(app_paths, make_config())
    assert choice is not None and choice.name == LGRAPH_EN
    assert choice.source == "best installed (user folder)"


def test_korean_is_used_when_it_is_the_only_model(
    app_paths: AppPaths, make_config: MakeConfig, korean_model: Path
) -> None:
    link_copy(korean_model, app_paths.models / SMALL_KO)
    choice = resolve_model(app_paths, make_config())
    assert choice is not None and choice.name == SMALL_KO


def test_bundled_model_is_used_when_nothing_else(
    app_paths: AppPaths, make_config: MakeConfig, bundled_dir: Path
) -> None:
    build_model(bundled_dir / SMALL_EN, am_bytes=100)
    choice = resolve_model(app_paths, make_config())
    assert choice is not None
    assert (choice.path, choice.source) == (
        bundled_dir / SMALL_EN,
        "best installed (bundled folder)",
    )


def test_user_copy_shadows_the_bundled_one(
    app_paths: AppPaths, make_config: MakeConfig, bundled_dir: Path
) -> None:
    build_model(bundled_dir / SMALL_EN, am_bytes=100)
    install(app_paths, SMALL_EN)
    models = installed_models(app_paths, make_config())
    assert [(m.name, m.source) for m in models] == [(SMALL_EN, "user")]


def test_model_dirs_setting_is_searched(
    app_paths: AppPaths, make_config: MakeConfig, tmp_path: Path
) -> None:
    share = tmp_path / "it-share"
    build_model(share / LGRAPH_EN, am_bytes=100)
    (share / "unrelated-folder").mkdir()
    make_config().set_user("speech.model_dirs", [str(share)])
    models = installed_models(app_paths, make_config())
    assert [(m.name, m.source) for m in models] == [(LGRAPH_EN, "speech.model_dirs")]
    choice = resolve_model(app_paths, make_config())
    assert choice is not None and choice.path == share / LGRAPH_EN


def test_broken_user_model_is_listed_but_never_chosen(
    app_paths: AppPaths, make_config: MakeConfig
) -> None:
    install(app_paths, LGRAPH_EN)
    (app_paths.models / LGRAPH_EN / "am" / "final.mdl").unlink()
    install(app_paths, SMALL_EN)
    models = installed_models(app_paths, make_config())
    broken = [m for m in models if not m.ok]
    assert [(m.name, m.problems) for m in broken] == [(LGRAPH_EN, ("am/final.mdl is missing",))]
    best = best_installed(models)
    assert best is not None and best.name == SMALL_EN


def test_half_unpacked_staging_folder_is_not_a_model(
    app_paths: AppPaths, make_config: MakeConfig
) -> None:
    build_model(app_paths.data / ".unpacking-x-123" / SMALL_EN)
    build_model(app_paths.models / ".hidden", am_bytes=10)
    assert installed_models(app_paths, make_config()) == []


def test_no_model_reason_names_the_folder_and_the_fix(
    app_paths: AppPaths, make_config: MakeConfig
) -> None:
    result = resolve(app_paths, make_config(), {})
    assert result.choice is None
    assert result.reason == (
        f"no model installed in {app_paths.models}: audio-only cues; "
        f"run `companion model download {SMALL_EN}`"
    )


def test_describe_models_for_doctor(
    app_paths: AppPaths, make_config: MakeConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMPANION_MODEL", raising=False)
    install(app_paths, SMALL_EN)
    install(app_paths, "vosk-model-broken-0.1")
    (app_paths.models / "vosk-model-broken-0.1" / "conf" / "model.conf").unlink()
    lines = describe_models(app_paths, make_config())
    broken = app_paths.models / "vosk-model-broken-0.1"
    assert lines == [
        f"in use: {SMALL_EN} ({app_paths.models / SMALL_EN}) from best installed (user folder)",
        f"installed: vosk-model-broken-0.1 [?] user {broken} BROKEN: conf/model.conf is missing",
        f"installed: {SMALL_EN} [en-us] user {app_paths.models / SMALL_EN}",
    ]
    monkeypatch.setenv("COMPANION_MODEL", "none")
    assert describe_models(app_paths, make_config())[0] == (
        "in use: none: disabled by COMPANION_MODEL=none: audio-only cues"
    )
