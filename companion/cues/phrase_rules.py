"""Cues about what was said: partials and finals of one channel, matched once per utterance.

A phrase seen in a growing partial fires then; the final of the same utterance re-checks only
the kinds that have not fired yet, so nothing fires twice. Agent channel: `avoid-phrase`.
Caller channel: `safeguarding`, `empathy` (patterns + VADER), `callback`, the abuse ladder,
`escalation`, `clarify`. Abuse climbs the ladder (`ABUSE_LADDER`): the first insult is a
`boundary`, abuse after that was shown a `boundary-warning`, abuse after the warning
`boundary-end`. A risk to someone's safety outranks everything else the same utterance says
(a threat is safeguarding, not also a boundary). The VADER frustration check is skipped for an
utterance that was abusive (that is a boundary, not empathy), a risk, or busy ("it's chaos here
with the kids" asks for a callback, not sympathy). A caller utterance that sounded upset is
marked, so `pause` can tell an instant reply to an upset caller.

The built-in patterns are the English phrase pack (`resources/phrases/en/`, read by
`phrase_packs.py`); a profile trims and extends them per kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.cues.cue import ABUSE_LADDER, CueKind
from companion.cues.due import Due
from companion.cues.patterns import Match, PatternSet, phrase_pattern
from companion.cues.phrase_packs import load_pack
from companion.cues.sentiment import score
from companion.cues.settings import CueSettings
from companion.cues.text import Tokens
from companion.events import Channel, Word

PACK = load_pack("en")
BUILT_IN: dict[CueKind, PatternSet] = PACK.kinds
RISK_NAMES: dict[str, str] = PACK.risk_names  # how a safeguarding cue names its risk
FIGURES_OF_SPEECH = PACK.figures_of_speech  # loaded words with no feeling in them
CUSTOM_CATEGORY: dict[CueKind, str] = {
    "safeguarding": "custom",
    "avoid-phrase": "custom",
    "empathy": "frustration",
    "callback": "busy",
    "boundary": "abuse",
    "escalation": "manager",
    "clarify": "confused",
}
ORDER: dict[Channel, tuple[CueKind, ...]] = {
    "agent": ("avoid-phrase",),
    "caller": ("safeguarding", "escalation", "boundary", "empathy", "callback", "clarify"),
}
UPSET_KINDS = frozenset({"safeguarding", "empathy", "escalation", *ABUSE_LADDER})
# what the same utterance's milder caller cues give way to
OUTRANKS: dict[CueKind, frozenset[CueKind]] = {
    "safeguarding": frozenset({"empathy", "clarify", "callback", "escalation", *ABUSE_LADDER}),
    "boundary": frozenset({"empathy", "clarify", "callback"}),
    "escalation": frozenset({"empathy", "clarify", "callback"}),
}
MIN_SENTIMENT_TOKENS = 4


def build_patterns(settings: CueSettings) -> dict[CueKind, PatternSet]:
    """Built-in patterns minus the profile's removals plus its additions, per kind."""
    out: dict[CueKind, PatternSet] = {}
    for kind, base in BUILT_IN.items():
        ks = settings.kinds[kind]
        extra = [phrase_pattern(p, CUSTOM_CATEGORY[kind], i) for i, p in enumerate(ks.add_phrases)]
        out[kind] = base.without(ks.remove_phrases).plus(extra)
    return out


@dataclass
class Utterance:
    start: float | None = None
    text: str = ""
    word_count: int = 0
    last_growth: float = 0.0
    fired: set[CueKind] = field(default_factory=set)
    upset: bool = False


@dataclass
class PhraseRules:
    settings: CueSettings
    patterns: dict[CueKind, PatternSet]
    current: dict[Channel, Utterance] = field(
        default_factory=lambda: {"agent": Utterance(), "caller": Utterance()}
    )
    abuse_step: int = 0  # how many steps of the abuse ladder were shown in this call

    def check(
        self, channel: Channel, t: float, words: list[str], times: tuple[Word, ...], *, final: bool
    ) -> list[Due]:
        """Dues for one partial (`final=False`) or final of `channel` at time `t`."""
        utt = self.current[channel]
        if utt.start is None:
            utt.start = times[0].start if times else t
        tokens = Tokens.from_words(words)
        out: list[Due] = []
        for kind in ORDER[channel]:
            if kind in utt.fired or not self.settings.kinds[kind].enabled:
                continue
            found = next(iter(self.patterns[kind].matches(tokens, final=final)), None)
            if found is None:
                continue
            utt.fired.add(kind)
            out.append(self._due(kind, channel, t, tokens, found, times))
        if channel == "caller":
            out = self._caller_extras(utt, t, tokens, out, final=final)
        return out

    def end_utterance(self, channel: Channel) -> Utterance:
        done = self.current[channel]
        self.current[channel] = Utterance()
        return done

    def _due(
        self,
        kind: CueKind,
        channel: Channel,
        t: float,
        tokens: Tokens,
        found: Match,
        times: tuple[Word, ...],
    ) -> Due:
        first, last = tokens.words_of(found.start, found.end)
        due = t
        if times and last < len(times):
            due = min(t, times[last].end)
        if kind == "boundary":  # abuse goes on: the next step of the ladder
            kind = ABUSE_LADDER[min(self.abuse_step, len(ABUSE_LADDER) - 1)]
        return Due(kind, channel, due, found.pattern.category, tokens.raw[first : last + 1])

    def _caller_extras(
        self, utt: Utterance, t: float, tokens: Tokens, out: list[Due], *, final: bool
    ) -> list[Due]:
        kinds = {d.kind for d in out}
        if (
            "empathy" not in utt.fired
            and not utt.fired & {"safeguarding", "boundary", "escalation", "callback"}
            and self.settings.kinds["empathy"].enabled
            and tokens.count >= MIN_SENTIMENT_TOKENS
        ):
            # a partial's last word may still turn out a figure of speech ("nearly died" →
            # "nearly died laughing"): it counts once the next word is in
            text = tokens.text if final else tokens.text.rpartition(" ")[0]
            mood = score(FIGURES_OF_SPEECH.sub(" ", text))
            if mood.compound <= self.settings.threshold("empathy", "sentiment_below"):
                utt.fired.add("empathy")
                out.append(Due("empathy", "caller", t, "frustration", mood.negative_words))
                kinds.add("empathy")
        if kinds & UPSET_KINDS or utt.fired & UPSET_KINDS:
            utt.upset = True
        # a risk or abuse drowns out the milder caller cues of the same utterance
        drowned: set[CueKind] = set()
        for kind in (kinds | utt.fired) & OUTRANKS.keys():
            drowned |= OUTRANKS[kind]
        utt.fired |= drowned  # and of its later partials
        return [d for d in out if d.kind not in drowned]
