"""Scoring the cue engine on the scenario corpus (tests/scenarios): precision and recall per kind.

Rule (tests/scenarios/README.md): an expected cue is matched by an emitted cue of the same kind
with from ≤ t ≤ to; each emitted cue matches at most one expectation; an emitted cue matching
nothing is a false positive (so a `must_not` kind firing is one too).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.config.profiles import builtin_dir, layer_profile, read_profile
from companion.cues.cue import KINDS, Cue
from companion.cues.engine import CueEngine
from companion.cues.replay import load_transcript, replay, with_partials
from companion.cues.settings import CueSettings

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
TOLERANCE = 0.02


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Score:
    kinds: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.kinds.values():
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn
        return total

    def table(self) -> str:
        rows = [f"{'kind':14} {'tp':>3} {'fp':>3} {'fn':>3} {'prec':>6} {'recall':>6}"]
        for name, tally in [*self.kinds.items(), ("overall", self.overall)]:
            p, r = tally.precision, tally.recall
            rows.append(
                f"{name:14} {tally.tp:3} {tally.fp:3} {tally.fn:3} "
                f"{'-' if p is None else f'{p:.2f}':>6} {'-' if r is None else f'{r:.2f}':>6}"
            )
        return "\n".join(rows)

    def as_baseline(self) -> dict[str, dict[str, float | None]]:
        """Per kind; a kind that never fired has precision 1.0, so a new false positive counts."""
        return {
            name: {"precision": 1.0 if t.precision is None else t.precision, "recall": t.recall}
            for name, t in [*self.kinds.items(), ("overall", self.overall)]
        }


def scenario_names(folder: Path = SCENARIOS) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.toml") if (folder / f"{p.stem}.jsonl").exists())


def _settings(profile: str, cache: dict[str, CueSettings]) -> CueSettings:
    if profile not in cache:
        loaded, problems = read_profile(builtin_dir() / f"{profile}.toml")
        assert loaded is not None, problems
        cache[profile] = layer_profile(loaded).cue_settings()
    return cache[profile]


def run_scenario(
    name: str, cache: dict[str, CueSettings], folder: Path = SCENARIOS
) -> tuple[dict[str, Any], list[Cue]]:
    labels = tomllib.loads((folder / f"{name}.toml").read_text(encoding="utf-8"))
    events = with_partials(load_transcript(folder / f"{name}.jsonl"))
    engine = CueEngine(
        _settings(labels.get("profile", "standard"), cache),
        channels=labels.get("channels", ["agent", "caller"]),
        call_id=name,
    )
    return labels, replay(events, engine)


def score_corpus(names: list[str], folder: Path = SCENARIOS) -> Score:
    score = Score()
    cache: dict[str, CueSettings] = {}
    for name in names:
        labels, cues = run_scenario(name, cache, folder)
        expects = [dict(e) for e in labels.get("expect", [])]
        matched = [False] * len(expects)
        for cue in cues:
            hit = next(
                (
                    i
                    for i, e in enumerate(expects)
                    if not matched[i] and e["cue"] == cue.kind and e["from"] <= cue.t <= e["to"]
                ),
                None,
            )
            if hit is None:
                score.kinds[cue.kind].fp += 1
                score.false_positives.append(
                    f"{name}: {cue.kind} at {cue.t:.2f} ({' '.join(cue.words)})"
                )
            else:
                matched[hit] = True
                score.kinds[cue.kind].tp += 1
        for done, expect in zip(matched, expects, strict=True):
            if not done:
                score.kinds.setdefault(expect["cue"], Tally()).fn += 1
                score.misses.append(
                    f"{name}: {expect['cue']} in [{expect['from']}, "
                    f"{expect['to']}] ({expect.get('note', '')})"
                )
    return score


def check_against_baseline(
    title: str, folder: Path, baseline_file: Path, *, table_only: bool = False
) -> None:
    """Score `folder`, print the table with every miss and false positive, and fail when any
    kind's precision or recall drops more than `TOLERANCE` below `baseline_file`.
    `table_only`: a sealed set, whose calls are never read: only the per-kind table is printed.
    `UPDATE_CUE_BASELINE=1` rewrites the baseline (on purpose only)."""
    names = scenario_names(folder)
    assert names, f"no scenarios in {folder}: the scenario set is part of the test suite"
    score = score_corpus(names, folder)
    print(f"\n{title}: {len(names)} calls\n{score.table()}")
    for line in () if table_only else score.misses:
        print(f"  missed: {line}")
    for line in () if table_only else score.false_positives:
        print(f"  false positive: {line}")
    current = score.as_baseline()
    if os.environ.get("UPDATE_CUE_BASELINE") == "1":
        payload = {"calls": len(names), "kinds": current}
        baseline_file.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"baseline written to {baseline_file}")
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))["kinds"]
    drops = []
    for kind, figures in baseline.items():
        for measure, floor in figures.items():
            now = current.get(kind, {}).get(measure)
            if floor is not None and (now is None or now < floor - TOLERANCE):
                drops.append(f"{kind} {measure}: {now} < baseline {floor:.2f}")
    assert not drops, f"{title} quality dropped: " + "; ".join(drops)
