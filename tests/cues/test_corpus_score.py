"""Score the cue engine on the scenario corpus and compare with the committed baseline.

Prints a precision/recall table per cue kind. Fails when the precision or recall of any kind (or
overall) drops more than `TOLERANCE` below `baseline.json`. The baseline is only rewritten on
purpose: `UPDATE_CUE_BASELINE=1 pytest tests/cues/test_corpus_score.py -s`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cues.scoring import scenario_names, score_corpus

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 0.02


def test_corpus_precision_and_recall_do_not_regress() -> None:
    names = scenario_names()
    if not names:
        pytest.fail("no scenarios in tests/scenarios: the corpus is part of the test suite")
    score = score_corpus(names)
    print(f"\ncue corpus: {len(names)} calls\n{score.table()}")
    for line in score.misses:
        print(f"  missed: {line}")
    for line in score.false_positives:
        print(f"  false positive: {line}")
    current = score.as_baseline()
    if os.environ.get("UPDATE_CUE_BASELINE") == "1":
        BASELINE.write_text(
            json.dumps({"calls": len(names), "kinds": current}, indent=2) + "\n", encoding="utf-8"
        )
        print(f"baseline written to {BASELINE}")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))["kinds"]
    drops = []
    for kind, figures in baseline.items():
        for measure, floor in figures.items():
            now = current.get(kind, {}).get(measure)
            if floor is None:
                continue
            if now is None or now < floor - TOLERANCE:
                drops.append(f"{kind} {measure}: {now} < baseline {floor:.2f}")
    assert not drops, "cue quality dropped: " + "; ".join(drops)
