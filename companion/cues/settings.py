"""The engine's view of a profile: typed, per-kind settings built from effective key values.

The engine never reads files; it is given a `CueSettings`, built from the values a profile
resolves to (`companion.config.profiles`), or from the declared defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from companion.config.profile_keys import PROFILE_KEYS
from companion.cues.catalogue import CATALOGUE
from companion.cues.cue import KINDS, CueKind, Severity


@dataclass(frozen=True)
class KindSettings:
    enabled: bool
    severity: Severity
    cooldown_s: float
    message: str
    lines: Mapping[str, tuple[str, ...]]
    thresholds: Mapping[str, float]
    add_phrases: tuple[str, ...] = ()
    remove_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueSettings:
    kinds: Mapping[CueKind, KindSettings]
    show_lines: bool
    max_per_call: int
    max_on_screen: int
    show_s: float
    min_gap_s: float
    min_severity: Severity
    escalation_protocol: str

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> CueSettings:
        """Settings from effective profile values; missing keys take their declared default."""
        merged = {**PROFILE_KEYS.defaults(), **values}
        kinds: dict[CueKind, KindSettings] = {}
        for kind in KINDS:
            info = CATALOGUE[kind]
            base = f"cues.{kind}"
            kinds[kind] = KindSettings(
                enabled=bool(merged[f"{base}.enabled"]),
                severity=merged[f"{base}.severity"],
                cooldown_s=float(merged[f"{base}.cooldown_s"]),
                message=str(merged[f"{base}.message"]),
                lines={c: tuple(merged[f"{base}.lines.{c}"]) for c in info.lines},
                thresholds={t.name: float(merged[f"{base}.{t.name}"]) for t in info.thresholds},
                add_phrases=tuple(merged.get(f"{base}.add_phrases", ())),
                remove_phrases=tuple(merged.get(f"{base}.remove_phrases", ())),
            )
        return cls(
            kinds=kinds,
            show_lines=bool(merged["cues.show_lines"]),
            max_per_call=int(merged["budget.max_per_call"]),
            max_on_screen=int(merged["budget.max_on_screen"]),
            show_s=float(merged["budget.show_s"]),
            min_gap_s=float(merged["budget.min_gap_s"]),
            min_severity=merged["budget.min_severity"],
            escalation_protocol=str(merged["escalation.protocol"]),
        )

    @classmethod
    def defaults(cls) -> CueSettings:
        return cls.from_values({})

    def threshold(self, kind: CueKind, name: str) -> float:
        return self.kinds[kind].thresholds[name]
