"""Score the cue engine on the BLIND corpus (tests/scenarios_blind, see its README).

Its calls were written by authors who never read the cue engine. The development half (`dev/`)
is looked at and tuned on: its table, misses and false positives are printed, and it must not
fall below `blind_dev_baseline.json`. The sealed half (`sealed/`) is only ever scored: the test
prints its per-kind table and nothing of its calls, and fails when a kind falls below
`blind_sealed_baseline.json`, the honest figure recorded when a change was finished. Rewrite a
baseline on purpose only: `UPDATE_CUE_BASELINE=1 pytest tests/cues/test_blind_score.py -s`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cues import scoring
from tests.cues.scoring import check_against_baseline

HERE = Path(__file__).resolve().parent
BLIND = HERE.parent / "scenarios_blind"
BUILD = HERE.parent / "scenarios" / "build_corpus.py"


def _scripts(half: str) -> list[str]:
    return sorted(str(p) for p in BLIND.glob(f"scripts_blind_*_{half}.py"))


@pytest.mark.parametrize("half", ["dev", "sealed"])
def test_blind_files_are_current_and_apart_from_the_other_corpora(half: str) -> None:
    scripts = _scripts(half)
    assert scripts, f"no {half} scripts in {BLIND}"
    command = [sys.executable, str(BUILD), "--check", "--out", str(BLIND / half)]
    for script in scripts:
        command += ["--scripts", script]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    names = set(scoring.scenario_names(BLIND / half))
    assert f"{len(names)} scenarios current" in done.stdout
    assert not names & set(scoring.scenario_names())
    assert not names & set(scoring.scenario_names(HERE.parent / "scenarios_heldout"))


def test_blind_development_half_does_not_regress() -> None:
    check_against_baseline(
        "blind cue set, development half", BLIND / "dev", HERE / "blind_dev_baseline.json"
    )


def test_blind_sealed_half_does_not_regress() -> None:
    check_against_baseline(
        "blind cue set, sealed half (table only)",
        BLIND / "sealed",
        HERE / "blind_sealed_baseline.json",
        table_only=True,
    )
