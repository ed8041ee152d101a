"""`validate_model_dir` on the real Korean model and on broken copies of it (symlink trees)."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.speech.models import find_model_root, validate_model_dir
from tests.speech.modelkit import build_model, link_copy


def test_real_korean_model_is_valid(korean_model: Path) -> None:
    assert validate_model_dir(korean_model) == []


def test_symlinked_copy_of_the_real_model_is_valid(korean_model: Path, tmp_path: Path) -> None:
    assert validate_model_dir(link_copy(korean_model, tmp_path / "ko")) == []


@pytest.mark.parametrize(
    ("left_out", "expected"),
    [
        ("am/final.mdl", "am/final.mdl is missing"),
        ("conf/model.conf", "conf/model.conf is missing"),
        ("conf/mfcc.conf", "conf/mfcc.conf is missing"),
        ("graph/Gr.fst", "graph/Gr.fst is missing"),
        ("graph/HCLr.fst", "graph/HCLr.fst is missing"),
        ("graph/disambig_tid.int", "graph/disambig_tid.int is missing"),
        ("ivector/final.ie", "ivector/final.ie is missing"),
        ("ivector/splice.conf", "ivector/splice.conf is missing"),
        ("ivector/global_cmvn.stats", "ivector/global_cmvn.stats is missing"),
    ],
)
def test_each_missing_file_is_named(
    korean_model: Path, tmp_path: Path, left_out: str, expected: str
) -> None:
    broken = link_copy(korean_model, tmp_path / "ko", skip=[left_out])
    assert validate_model_dir(broken) == [expected]


def test_missing_graph_is_named_once(korean_model: Path, tmp_path: Path) -> None:
    broken = link_copy(korean_model, tmp_path / "ko", skip=["graph/Gr.fst", "graph/HCLr.fst"])
    assert validate_model_dir(broken) == [
        "graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst) is missing"
    ]


def test_model_without_ivector_folder_is_valid(korean_model: Path, tmp_path: Path) -> None:
    ivector = [f"ivector/{p.name}" for p in (korean_model / "ivector").iterdir()]
    assert validate_model_dir(link_copy(korean_model, tmp_path / "ko", skip=ivector)) == []


def test_hclg_graph_is_accepted(tmp_path: Path) -> None:
    model = build_model(tmp_path / "m", skip=["graph/HCLr.fst", "graph/Gr.fst"])
    (model / "graph" / "HCLG.fst").write_bytes(b"fst")
    assert validate_model_dir(model) == []


def test_empty_file_is_reported(tmp_path: Path) -> None:
    model = build_model(tmp_path / "m")
    (model / "am" / "final.mdl").write_bytes(b"")
    assert validate_model_dir(model) == ["am/final.mdl is empty"]


def test_rescore_carpa_needs_its_fst(tmp_path: Path) -> None:
    model = build_model(tmp_path / "m")
    (model / "rescore").mkdir()
    (model / "rescore" / "G.carpa").write_bytes(b"carpa")
    assert validate_model_dir(model) == ["rescore/G.fst is missing"]


def test_not_a_folder_and_missing_folder(tmp_path: Path) -> None:
    file = tmp_path / "model.txt"
    file.write_text("not a model")
    assert validate_model_dir(file) == [f"{file} is not a folder"]
    assert validate_model_dir(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'} does not exist"]


def test_unrelated_folder_lists_what_is_missing(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    problems = validate_model_dir(folder)
    assert "am/final.mdl is missing" in problems
    assert "conf/model.conf is missing" in problems
    assert len(problems) == 4


def test_model_one_folder_down_is_pointed_at(tmp_path: Path) -> None:
    build_model(tmp_path / "outer" / "vosk-model-x")
    assert validate_model_dir(tmp_path / "outer") == [
        "the model is one folder down, in vosk-model-x/; use that folder"
    ]
    assert find_model_root(tmp_path / "outer") == tmp_path / "outer" / "vosk-model-x"


def test_old_layout_is_named(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "final.mdl").write_bytes(b"mdl")
    assert validate_model_dir(old) == [
        "old Vosk model layout (final.mdl at the top); use a model from 0.15 onwards"
    ]
