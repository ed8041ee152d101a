"""Fixtures for the model manager tests: app folders, a config, and the local zip server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from companion.config.layers import Config, load_config
from companion.paths import AppPaths, resolve_paths
from tests.speech.modelkit import ZipServer, start_server


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "home").ensure()


@pytest.fixture
def machine_config(tmp_path: Path) -> Path:
    """The IT machine config `make_config` reads (absent unless a test writes it)."""
    return tmp_path / "machine.toml"


@pytest.fixture
def make_config(app_paths: AppPaths, machine_config: Path) -> Callable[[], Config]:
    """Reads the real config files afresh, as the app does at start."""

    def build() -> Config:
        return load_config(machine_config, app_paths.user_config)

    return build


@pytest.fixture(autouse=True)
def bundled_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stands in for the app's `resources/` so tests never write into the source tree."""
    resources = tmp_path / "resources"
    (resources / "models").mkdir(parents=True)
    monkeypatch.setattr("companion.paths.resources_dir", lambda: resources)
    return resources / "models"


@pytest.fixture
def zip_server() -> Iterator[ZipServer]:
    state = ZipServer()
    server = start_server(state)
    yield state
    server.shutdown()
    server.server_close()
