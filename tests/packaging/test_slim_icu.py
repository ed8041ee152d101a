"""Which ICU data items the Linux bundle keeps (installers/slim_icu.py), as pure rules.

The bundle test proves the slimmed library works inside Qt; this pins the rule itself, so a
change to it is a decision, not an accident.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

SLIM_ICU = runpy.run_path(str(Path(__file__).resolve().parents[2] / "installers" / "slim_icu.py"))
keep_item = SLIM_ICU["keep_item"]
ENGLISH = frozenset({"en"})


@pytest.mark.parametrize(
    "name",
    [
        "root.res",
        "en.res",
        "en_GB.res",
        "en_150.res",
        "coll/root.res",
        "coll/en_US_POSIX.res",
        "coll/ucadata.icu",
        "zone/en_AU.res",
        "zone/tzdbNames.res",
        "zoneinfo64.res",
        "metaZones.res",
        "res_index.res",
        "coll/res_index.res",
        "pool.res",
        "nfkc.nrm",
        "uts46.nrm",
        "cnvalias.icu",
        "supplementalData.res",
    ],
)
def test_english_and_locale_neutral_items_stay(name: str) -> None:
    assert keep_item(name, 1_000, ENGLISH)


@pytest.mark.parametrize(
    "name",
    ["de.res", "zh_Hant_TW.res", "coll/sv.res", "zone/fr_CA.res", "yue.res", "unit/ja.res"],
)
def test_other_locales_go_unless_asked_for(name: str) -> None:
    assert not keep_item(name, 1_000, ENGLISH)
    language = Path(name).name.split("_")[0].split(".")[0]
    assert keep_item(name, 1_000, frozenset({"en", language}))


def test_break_iterators_and_transliterators_go_even_for_english() -> None:
    for name in ("brkitr/en.res", "brkitr/cjdict.dict", "brkitr/root.res", "translit/root.res"):
        assert not keep_item(name, 1_000, ENGLISH)


def test_single_byte_codepages_stay_and_multi_byte_ones_go() -> None:
    assert keep_item("ibm-5348_P100-1997.cnv", 3_000, ENGLISH)  # windows-1252
    assert not keep_item("gb18030.cnv", 232_816, ENGLISH)
