"""The engine's view of a profile: typed, per-kind settings built from effective key values.

The engine never reads files; it is given a `CueSettings`, built from the values a profile
resolves to (`EffectiveProfile.cue_settings()`), or from the declared defaults. It lives in
`config`, next to the keys it is built from, so a profile can hand it over without `config`
importing the cue engine; `companion.cues.settings` is where the engine's modules take it from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from companion.config.cue_catalogue import CATALOGUE, SeverityName
from companion.config.profile_keys import PROFILE_KEYS


@dataclass(frozen=True)
class KindSettings:
    enabled: bool
    severity: SeverityName
    cooldown_s: float
    message: str
    lines: Mapping[str, tuple[str, ...]]
    thresholds: Mapping[str, float]
    add_phrases: tuple[str, ...] = ()
    remove_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueSettings:
    """`kinds` has one entry per cue kind (keyed by `companion.cues.cue.CueKind`)."""

    kinds: Mapping[str, KindSettings]
    show_lines: bool
    max_per_call: int
    max_on_screen: int
    show_s: float
    min_gap_s: float
    min_severity: SeverityName
    escalation_protocol: str
    safeguarding_protocol: str

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> CueSettings:
        """Settings from effective profile values; missing keys take their declared default."""
        merged = {**PROFILE_KEYS.defaults(), **values}
        kinds: dict[str, KindSettings] = {}
        for kind, info in CATALOGUE.items():
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
            safeguarding_protocol=str(merged["safeguarding.protocol"]),
        )

    @classmethod
    def defaults(cls) -> CueSettings:
        return cls.from_values({})

    def threshold(self, kind: str, name: str) -> float:
        return self.kinds[kind].thresholds[name]
