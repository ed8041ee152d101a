"""Score the cue engine on the HELD-OUT scenario set and compare with its committed baseline.

Why a second corpus: the engine was tuned on tests/scenarios, so its score there is optimistic.
tests/scenarios_heldout was written apart from the engine and is never used for tuning; its score
is the honest estimate of how the cues generalise. This test prints the precision/recall table and
every miss and false positive, and fails when the precision or recall of any kind (or overall)
drops more than `TOLERANCE` below `heldout_baseline.json`. A RISE is welcome but must not come from
tuning on these calls. Rewrite the baseline on purpose only:
`UPDATE_CUE_BASELINE=1 pytest tests/cues/test_heldout_score.py -s`.

The scoring rule is tests/cues/scoring.py's, pointed at the held-out folder (scoring.py reads
one folder, `SCENARIOS`, so the test points it elsewhere for its own duration).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cues import scoring

HERE = Path(__file__).resolve().parent
HELDOUT = HERE.parent / "scenarios_heldout"
BUILD = HERE.parent / "scenarios" / "build_corpus.py"
BASELINE = HERE / "heldout_baseline.json"
TOLERANCE = 0.02


def test_heldout_files_are_current_and_apart_from_the_corpus() -> None:
    """The committed transcripts and labels are what scripts_heldout.py builds, and no held-out
    call shares a name with a tuning call."""
    done = subprocess.run(
        [
            sys.executable,
            str(BUILD),
            "--check",
            "--scripts",
            "scripts_heldout",
            "--out",
            str(HELDOUT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "32 scenarios current" in done.stdout
    held_out = {p.stem for p in HELDOUT.glob("*.toml")}
    assert not held_out & set(scoring.scenario_names())


def test_heldout_precision_and_recall_do_not_regress(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "SCENARIOS", HELDOUT)
    names = scoring.scenario_names()
    if not names:
        pytest.fail(
            "no scenarios in tests/scenarios_heldout: the held-out set is part of the suite"
        )
    score = scoring.score_corpus(names)
    print(f"\nheld-out cue set: {len(names)} calls\n{score.table()}")
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
    assert not drops, "held-out cue quality dropped: " + "; ".join(drops)
