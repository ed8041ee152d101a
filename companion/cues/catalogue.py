"""The cue catalogue (default wording, severity, cooldown, thresholds per kind) is declared in
`companion.config.cue_catalogue`, next to the profile keys built from it.

This module keeps the older import path working; new code imports from `companion.config`.
"""

from __future__ import annotations

from companion.config.cue_catalogue import CATALOGUE, KindInfo, Threshold

__all__ = ["CATALOGUE", "KindInfo", "Threshold"]
