"""What every command and the app start from: folders and the effective configuration."""

from __future__ import annotations

from dataclasses import dataclass

from companion.config.layers import Config, load_config
from companion.paths import AppPaths, machine_config_path, resolve_paths


@dataclass
class Context:
    paths: AppPaths
    config: Config


def build_context(data_dir: str | None = None) -> Context:
    paths = resolve_paths(data_dir).ensure()
    config = load_config(machine_config_path(), paths.user_config)
    return Context(paths, config)
