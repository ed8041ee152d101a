"""`load_model` and `load_model_async`: the real Korean model loads; bad folders fail clearly."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from companion.speech.models import ModelLoadError, load_model, load_model_async
from tests.speech.modelkit import build_model, link_copy


def test_loads_the_real_korean_model_on_a_worker_thread(korean_model: Path) -> None:
    import vosk

    seen: list[str] = []
    future = load_model_async(korean_model)
    future.add_done_callback(lambda _: seen.append(threading.current_thread().name))
    model = future.result(timeout=120)
    assert isinstance(model, vosk.Model)
    assert seen in (["vosk-model-load"], [threading.current_thread().name])
    recognizer = vosk.KaldiRecognizer(model, 16000)
    recognizer.AcceptWaveform(bytes(16000))  # half a second of silence
    assert "text" in json.loads(recognizer.FinalResult())


def test_a_non_model_folder_fails_at_once_and_names_it(korean_model: Path, tmp_path: Path) -> None:
    broken = link_copy(korean_model, tmp_path / "ko", skip=["graph/Gr.fst"])
    future = load_model_async(broken)
    assert future.done()  # refused before any thread or Vosk call
    with pytest.raises(ModelLoadError) as err:
        future.result()
    assert str(err.value) == f"{broken} is not a Vosk model: graph/Gr.fst is missing"


def test_garbage_in_the_right_layout_comes_back_as_an_error(tmp_path: Path) -> None:
    folder = build_model(tmp_path / "garbage", am_bytes=1000)
    with pytest.raises(ModelLoadError) as err:
        load_model_async(folder).result(timeout=60)
    assert str(err.value).startswith(f"could not load the Vosk model in {folder}: ")


def test_synchronous_load_refuses_and_wraps_errors_like_the_async_one(
    korean_model: Path, tmp_path: Path
) -> None:
    broken = link_copy(korean_model, tmp_path / "ko", skip=["graph/Gr.fst"])
    with pytest.raises(ModelLoadError) as err:
        load_model(broken)
    assert str(err.value) == f"{broken} is not a Vosk model: graph/Gr.fst is missing"
    garbage = build_model(tmp_path / "garbage", am_bytes=1000)
    with pytest.raises(ModelLoadError) as err:
        load_model(garbage)
    assert str(err.value).startswith(f"could not load the Vosk model in {garbage}: ")
