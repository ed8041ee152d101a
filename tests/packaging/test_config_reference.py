"""The machine-config reference in installers/README.md is generated from the declared settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.commands.config import reference, replace_reference, type_text
from companion.config.settings import SETTINGS

README = Path(__file__).resolve().parents[2] / "installers" / "README.md"


def test_readme_reference_is_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    assert replace_reference(text, reference()) == text, (
        "installers/README.md is stale: run "
        "`companion config reference --write installers/README.md`"
    )


def test_reference_lists_every_setting_with_type_and_default() -> None:
    generated = reference()
    for key in SETTINGS:
        assert f"| `{key.name}` | {type_text(key)} |" in generated
    assert "| `audio.vad_aggressiveness` | integer 0 to 3 | `2` | yes |" in generated
    assert (
        '| `breathing.pattern` | one of: `box`, `4-7-8`, `sigh`, `coherent` | `"box"` |'
        in generated
    )
    assert "| `privacy.store_transcripts` | true/false | `false` | yes |" in generated
    assert "| `profiles.allowed` | list of text | `[]` | yes |" in generated


def test_replace_reference_needs_the_markers() -> None:
    with pytest.raises(ValueError, match="markers"):
        replace_reference("# no markers here\n", reference())
