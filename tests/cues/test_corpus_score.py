"""Score the cue engine on the scenario corpus and compare with the committed baseline.

Prints a precision/recall table per cue kind. Fails when the precision or recall of any kind (or
overall) drops more than 0.02 below `baseline.json`. The baseline is only rewritten on
purpose: `UPDATE_CUE_BASELINE=1 pytest tests/cues/test_corpus_score.py -s`.
"""

from __future__ import annotations

from pathlib import Path

from tests.cues.scoring import SCENARIOS, check_against_baseline

BASELINE = Path(__file__).resolve().parent / "baseline.json"


def test_corpus_precision_and_recall_do_not_regress() -> None:
    check_against_baseline("cue corpus", SCENARIOS, BASELINE)
