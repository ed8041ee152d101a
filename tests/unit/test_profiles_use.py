"""`companion profiles use NAME`, in real processes on a fresh data folder."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path


def _companion(
    home: Path, *args: str, machine: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COMPANION_MACHINE_CONFIG=str(machine or home / "no-machine.toml"))
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), "profiles", "use", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _active(home: Path) -> object:
    config = tomllib.loads((home / "config" / "config.toml").read_text(encoding="utf-8"))
    return config["profiles"]["active"]


def test_a_built_in_profile_is_chosen(tmp_path: Path) -> None:
    done = _companion(tmp_path, "veteran")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("companion: profile veteran in use from the overlay's next start")
    assert _active(tmp_path) == "veteran"


def test_an_unknown_profile_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    done = _companion(tmp_path, "nosuch")
    assert done.returncode == 1
    assert "no such profile (known: " in done.stderr and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "config" / "config.toml").exists()


def test_a_profile_it_locked_says_so_in_one_line(tmp_path: Path) -> None:
    machine = tmp_path / "machine.toml"
    machine.write_text('locked = ["profiles.active"]\n[profiles]\nactive = "standard"\n')
    done = _companion(tmp_path, "veteran", machine=machine)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"companion profiles: profiles.active is locked by IT in {machine}"
    )
