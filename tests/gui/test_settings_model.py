"""Settings → Model: download through the window from a real HTTP server, with progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.config.layers import load_config
from companion.context import Context
from companion.paths import machine_config_path, resolve_paths
from companion.speech.catalog import MIRROR_ENV
from companion.ui.settings_window import SettingsWindow
from tests.speech.modelkit import ZipServer, build_model, start_server, zip_folder

NAME = "vosk-model-small-de-0.15"  # in the catalogue without a pinned size or checksum


@pytest.fixture(autouse=True)
def http_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test server speaks plain http, which downloads refuse unless IT's config allows it."""
    machine = tmp_path / "machine.toml"
    machine.write_text("[speech]\nallow_http_mirror = true\n")
    monkeypatch.setenv("COMPANION_MACHINE_CONFIG", str(machine))


@pytest.fixture
def mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    model = build_model(tmp_path / "src" / NAME, am_bytes=2_000_000)
    archive = zip_folder(model, tmp_path / f"{NAME}.zip", top=NAME)
    state = ZipServer(files={f"{NAME}.zip": archive.read_bytes()})
    server = start_server(state)
    monkeypatch.setenv(MIRROR_ENV, state.base)
    yield state
    server.shutdown()
    server.server_close()


def test_download_shows_progress_and_the_model_appears(mirror, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    paths = resolve_paths(tmp_path / "home").ensure()
    ctx = Context(paths, load_config(machine_config_path(), paths.user_config))
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.model
    window.tabs.setCurrentWidget(page)
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    rows = [page.catalog.item(i) for i in range(page.catalog.count())]
    page.catalog.setCurrentItem(next(r for r in rows if r.text().startswith(NAME)))
    page.download.click()  # no pinned checksum: refused until the user ticks the box
    assert "no pinned checksum" in page.status.text() and mirror.requests == []
    page.unverified.setChecked(True)
    with qtbot.waitSignal(page.signals.done, timeout=60_000) as done:
        page.download.click()
        assert not page.download.isEnabled()
    assert done.args == [NAME, ""]
    assert page.progress.value() == page.progress.maximum()
    assert any(0 < v < page.progress.maximum() for v in values), "no intermediate progress"
    installed = [page.installed.item(i).text() for i in range(page.installed.count())]
    assert any(NAME in text and "BROKEN" not in text for text in installed)
    assert (paths.models / NAME / "am" / "final.mdl").is_file()
    assert mirror.requests and mirror.requests[0][0] == f"{NAME}.zip"
    window.grab().save(str(Path(__file__).parents[1] / "artifacts" / "settings-model.png"))

    page.choose(NAME)
    assert load_config(machine_config_path(), paths.user_config).get("speech.model") == NAME
    assert page.in_use.text().startswith(f"In use: {NAME}")
    page.installed.setCurrentRow(0)
    page.remove_selected()
    assert not (paths.models / NAME).exists()
    assert load_config(machine_config_path(), paths.user_config).get("speech.model") == ""
    window.close()


def test_a_failed_download_says_why_and_keeps_the_window_usable(
    tmp_path, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    state = ZipServer(files={})
    server = start_server(state)
    monkeypatch.setenv(MIRROR_ENV, state.base)
    try:
        paths = resolve_paths(tmp_path / "home").ensure()
        ctx = Context(paths, load_config(machine_config_path(), paths.user_config))
        window = SettingsWindow(ctx)
        qtbot.addWidget(window)
        window.model.unverified.setChecked(True)
        with qtbot.waitSignal(window.model.signals.done, timeout=60_000) as done:
            window.model.start_download(NAME)
        assert "HTTP 404" in done.args[1]
        assert "HTTP 404" in window.model.status.text()
        assert window.model.download.isEnabled()
        window.close()
    finally:
        server.shutdown()
        server.server_close()
