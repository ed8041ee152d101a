"""What every command and the app start from: folders and the effective configuration.

The configuration is read when first asked for: a softphone hook (`companion call start`) needs
only the folders, and reading and validating every layer is most of its start-up time.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from companion.paths import AppPaths, machine_config_path, resolve_paths

if TYPE_CHECKING:
    from companion.config.layers import Config


class Context:
    def __init__(self, paths: AppPaths, config: Config | None = None) -> None:
        self.paths = paths
        if config is not None:
            self.__dict__["config"] = config

    @cached_property
    def config(self) -> Config:
        from companion.config.layers import load_config

        return load_config(machine_config_path(), self.paths.user_config)


def build_context(data_dir: str | None = None) -> Context:
    return Context(resolve_paths(data_dir).ensure())
