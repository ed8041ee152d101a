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
    """`folder_problem`: why the folders could not be created, for a command that runs anyway
    (`doctor`, which IT needs most on exactly such a machine); None when they are there."""

    def __init__(
        self, paths: AppPaths, config: Config | None = None, folder_problem: str | None = None
    ) -> None:
        self.paths = paths
        self.folder_problem = folder_problem
        if config is not None:
            self.__dict__["config"] = config

    @cached_property
    def config(self) -> Config:
        from companion.config.layers import load_config

        return load_config(machine_config_path(), self.paths.user_config)


def build_context(data_dir: str | None = None, *, create: bool = True) -> Context:
    """The context; `create=False` leaves the folders as they are (a command that only shows)."""
    paths = resolve_paths(data_dir)
    return Context(paths.ensure() if create else paths)


def folder_problem(exc: OSError) -> str:
    """One line naming the folder that could not be created and the fix."""
    where = f" {exc.filename}" if exc.filename else "s"
    reason = exc.strerror or str(exc)
    return (
        f"cannot create the data folder{where} ({reason}); "
        "pass --data-dir (or set COMPANION_HOME) to a writable folder"
    )
