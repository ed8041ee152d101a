"""Alert fatigue: cooldowns per kind, a per-call budget, a global gap, two on screen at most.

Phrases to avoid cool down per family (blame, order, refusal, passing the buck…): a second,
different phrase is a new mistake and cues, 10 s after the first or 2 minutes after, while the
same family said again waits out the kind's cooldown. Across families the kind keeps a short
gap (`FAMILY_GAP_S`), so a burst of phrases in one breath is one cue.

A cue that passes its rule still has to pass the gate. The global gap only holds back `info`
cues: a warning or a high-severity cue is never delayed by a nice-to-have. A more severe cue may
push the least severe one off a full screen (the new cue's `replaces` names it); otherwise a
full screen means the new cue is dropped, not queued — a late cue is a wrong cue.

A risk to someone's safety (`NEVER_HELD_BACK`) is the exception to all of it but its own
cooldown, per risk: no budget, severity floor or full screen keeps it off; it pushes the oldest
other cue off instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.cues.cue import NEVER_HELD_BACK, SEVERITY_RANK, Cue, CueKind, Severity
from companion.cues.settings import CueSettings

FAMILY_COOLDOWN_KINDS: frozenset[CueKind] = frozenset({"avoid-phrase", "safeguarding"})
FAMILY_GAP_S = 5.0


@dataclass
class CueGate:
    settings: CueSettings
    shown: int = 0
    last_of_kind: dict[CueKind, float] = field(default_factory=dict)
    last_of_family: dict[tuple[CueKind, str], float] = field(default_factory=dict)
    last_any: float | None = None
    screen: list[tuple[Cue, float]] = field(default_factory=list)  # (cue, hide time)

    def on_screen(self, now: float) -> tuple[Cue, ...]:
        self.screen = [(cue, until) for cue, until in self.screen if until > now]
        return tuple(cue for cue, _ in self.screen)

    def dismiss(self, cue_id: str) -> bool:
        before = len(self.screen)
        self.screen = [(cue, until) for cue, until in self.screen if cue.id != cue_id]
        return len(self.screen) != before

    def admit(
        self, kind: CueKind, severity: Severity, now: float, family: str = ""
    ) -> tuple[bool, str]:
        """Whether a cue of `kind` (of phrase `family`) may show now, and the id of the cue it
        pushes off, if any."""
        s = self.settings
        always = kind in NEVER_HELD_BACK
        if not always and SEVERITY_RANK[severity] < SEVERITY_RANK[s.min_severity]:
            return False, ""
        if not always and self.shown >= s.max_per_call:
            return False, ""
        cooldown = s.kinds[kind].cooldown_s
        last = self.last_of_kind.get(kind)
        if kind in FAMILY_COOLDOWN_KINDS:
            if last is not None and now - last < min(cooldown, FAMILY_GAP_S):
                return False, ""
            last = self.last_of_family.get((kind, family))
        if last is not None and now - last < cooldown:
            return False, ""
        nice_to_have = severity == "info" and not always
        if nice_to_have and self.last_any is not None and now - self.last_any < s.min_gap_s:
            return False, ""
        screen = self.on_screen(now)
        if len(screen) < s.max_on_screen:
            return True, ""
        weakest = min(
            screen, key=lambda c: (c.kind in NEVER_HELD_BACK, SEVERITY_RANK[c.severity], c.t)
        )
        if always or SEVERITY_RANK[weakest.severity] < SEVERITY_RANK[severity]:
            return True, weakest.id
        return False, ""

    def record(self, cue: Cue, now: float, family: str = "") -> None:
        if cue.replaces:
            self.dismiss(cue.replaces)
        self.shown += 1
        self.last_of_kind[cue.kind] = now
        if cue.kind in FAMILY_COOLDOWN_KINDS:
            self.last_of_family[(cue.kind, family)] = now
        self.last_any = now
        self.screen.append((cue, now + self.settings.show_s))
