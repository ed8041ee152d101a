"""Finding installed Vosk models (placeholder until the model manager lands)."""

from __future__ import annotations

import os

from companion.config.layers import Config
from companion.paths import AppPaths


def describe_models(paths: AppPaths, config: Config) -> list[str]:
    choice = os.environ.get("COMPANION_MODEL") or config.get("speech.model")
    if choice == "none":
        return ["disabled (COMPANION_MODEL=none): audio-only cues"]
    found = sorted(p.name for p in paths.models.glob("*") if (p / "am").is_dir())
    if not found:
        return [f"none installed in {paths.models}: audio-only cues"]
    return [f"installed: {name}" for name in found]
