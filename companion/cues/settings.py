"""The engine's view of a profile (`CueSettings`), as the cue modules take it.

`CueSettings` is built from declared profile keys, so it is defined in
`companion.config.cue_settings` (a profile hands it over without `config` importing the cue
engine). The arrow runs one way: `companion.cues` imports `companion.config`, never the reverse.
"""

from __future__ import annotations

from dataclasses import replace

from companion.config.cue_settings import CueSettings, KindSettings
from companion.cues.cue import AGENT_WORD_KINDS, CALLER_WORD_KINDS

__all__ = ["CueSettings", "KindSettings", "without_word_cues"]


def without_word_cues(settings: CueSettings) -> CueSettings:
    """`settings` with every cue about words off: the speech model's language has no phrase
    pack, so its words would never match (or, worse, match by accident); the cues from the
    sound of the call stay on."""
    words = AGENT_WORD_KINDS | CALLER_WORD_KINDS
    kinds = {k: replace(v, enabled=False) if k in words else v for k, v in settings.kinds.items()}
    return replace(settings, kinds=kinds)
