"""The engine's view of a profile (`CueSettings`), as the cue modules take it.

`CueSettings` is built from declared profile keys, so it is defined in
`companion.config.cue_settings` (a profile hands it over without `config` importing the cue
engine). The arrow runs one way: `companion.cues` imports `companion.config`, never the reverse.
"""

from __future__ import annotations

from companion.config.cue_settings import CueSettings, KindSettings

__all__ = ["CueSettings", "KindSettings"]
