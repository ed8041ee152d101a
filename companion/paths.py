"""Where Call Companion keeps its files.

Every folder the app writes to comes from here, so one switch moves them all: `--data-dir` on
the command line or the `COMPANION_HOME` environment variable puts data, config, logs, cache and
models under one folder. Tests and portable installs use it so they never touch an agent's real
data. Without it the platform's usual folders are used (platformdirs).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "CallCompanion"
APP_AUTHOR = "CallCompanion"
HOME_ENV = "COMPANION_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one running app. `home` is set when everything lives under one folder."""

    data: Path
    config: Path
    logs: Path
    cache: Path
    home: Path | None = None

    @property
    def models(self) -> Path:
        return self.data / "models"

    @property
    def profiles(self) -> Path:
        return self.config / "profiles"

    @property
    def notes(self) -> Path:
        return self.data / "notes"

    @property
    def database(self) -> Path:
        return self.data / "companion.db"

    @property
    def user_config(self) -> Path:
        return self.config / "config.toml"

    @property
    def crash_dir(self) -> Path:
        return self.logs / "crashes"

    def ensure(self) -> AppPaths:
        """Create the app's folders, private to this user (0700), and close any an older version
        left open to other users: they hold call history, notes and logs."""
        for folder in (self.data, self.config, self.logs, self.cache):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            own = [self.data, self.config, self.logs, self.cache]
            for folder in [self.home, *own] if self.home else own:
                info = folder.stat()
                if info.st_mode & 0o077 and info.st_uid == os.getuid():
                    folder.chmod(0o700)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Folders for this run: `data_dir` beats `COMPANION_HOME`, which beats the platform's."""
    home_value = data_dir if data_dir is not None else os.environ.get(HOME_ENV)
    if home_value:
        home = Path(home_value).expanduser().resolve()
        return AppPaths(
            data=home / "data",
            config=home / "config",
            logs=home / "logs",
            cache=home / "cache",
            home=home,
        )
    import platformdirs  # only here: a softphone hook with --data-dir never needs it

    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
    )


def machine_config_path() -> Path:
    """The machine-wide config IT manages; read before the user's and able to lock keys."""
    override = os.environ.get("COMPANION_MACHINE_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / APP_NAME / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "config.toml"
    return Path("/etc/callcompanion/config.toml")


RESOURCES_ENV = "COMPANION_RESOURCES"


def resources_dir() -> Path:
    """The bundled `resources/` folder, from a source tree or a PyInstaller bundle.

    `COMPANION_RESOURCES` replaces it, so a test (or IT checking a repaired install) can point
    the app and `--self-test` at another copy.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override).expanduser()
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
