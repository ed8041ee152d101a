"""Known problems and bugs are told apart in one place: one line for the first, a crash report
for the second — from the CLI, the overlay's start, and the exception hook."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from companion.audio.devices import NoInputDevice
from companion.audio.portaudio import AudioUnavailable
from companion.audio.wavsource import AudioFileError
from companion.config.layers import LockedError
from companion.config.profiles import ProfileError
from companion.config.tomlfile import TomlError
from companion.errors import KnownError
from companion.events import EventFormatError
from companion.logsetup import add_known_error_viewer, install_excepthook
from companion.paths import resolve_paths
from companion.speech.install import DiskFullError, DownloadError
from companion.speech.models import ModelLoadError
from companion.start_failure import failure_reason
from companion.store.database import StoreCorrupt, StoreError, StoreTooNew


@pytest.mark.parametrize(
    "kind",
    [
        NoInputDevice,
        AudioUnavailable,
        AudioFileError,
        LockedError,
        ProfileError,
        TomlError,
        EventFormatError,
        DownloadError,
        DiskFullError,
        ModelLoadError,
        StoreError,
        StoreCorrupt,
        StoreTooNew,
    ],
)
def test_every_user_facing_error_is_a_known_error(kind: type[Exception]) -> None:
    assert issubclass(kind, KnownError)


def test_builtin_bases_still_catch_them() -> None:
    assert issubclass(LockedError, PermissionError) and issubclass(AudioFileError, ValueError)
    assert issubclass(ModelLoadError, RuntimeError) and issubclass(NoInputDevice, LookupError)


def test_the_hook_shows_a_known_error_and_writes_a_crash_report_only_for_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    paths = resolve_paths(tmp_path).ensure()
    import threading

    import companion.logsetup

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(companion.logsetup, "_known_viewers", [])
    monkeypatch.setattr(companion.logsetup, "_viewers", [])  # no app's crash dialog here
    install_excepthook(paths)
    shown: list[str] = []
    add_known_error_viewer(shown.append)
    with caplog.at_level(logging.WARNING):
        sys.excepthook(StoreError, StoreError("the history file is locked\nclose it"), None)
    assert shown == ["the history file is locked close it"]
    assert not paths.crash_dir.exists() or not list(paths.crash_dir.iterdir())
    sys.excepthook(ZeroDivisionError, ZeroDivisionError("division by zero"), None)
    reports = list(paths.crash_dir.glob("crash-*.txt"))
    assert len(reports) == 1 and "ZeroDivisionError" in reports[0].read_text()


def test_a_known_error_at_start_is_said_as_it_is() -> None:
    assert failure_reason(ModelLoadError("model X is broken; reinstall it")) == (
        "model X is broken; reinstall it"
    )
