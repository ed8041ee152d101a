"""`companion export --out` never lands on a file the app owns, and replaces others only when
told to, atomically and privately — run as real processes on a real data folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from companion.paths import resolve_paths
from companion.store.database import open_store

ROOT = Path(__file__).resolve().parents[2]


def export(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), "export", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    paths = resolve_paths(tmp_path / "home").ensure()
    open_store(paths.database).db.close()
    (paths.data / "session.json").write_text("{}")
    paths.user_config.write_text("# mine\n")
    (paths.logs / "companion.log.1").write_text("rotated log\n")
    return tmp_path / "home"


def refused(result: subprocess.CompletedProcess[str], target: Path, reason: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(target) in lines[0] and reason in lines[0], lines[0]


def test_the_apps_own_files_are_never_written(home: Path, tmp_path: Path) -> None:
    data = home / "data"
    db_before = (data / "companion.db").read_bytes()
    machine = tmp_path / "machine.toml"
    machine.write_text("# IT\n")
    owned = {
        data / "companion.db": "call history database",
        data / "companion.db-wal": "journal",
        data / "companion.db-shm": "journal",
        data / "session.json": "live call's state",
        home / "config" / "config.toml": "settings file",
        machine: "machine config",
        home / "logs" / "companion.log.1": "log folder",
        home / "cache" / "anything.json": "cache folder",
        data / "notes" / "new.json": "data folder",
    }
    for target, reason in owned.items():
        before = target.read_bytes() if target.exists() else None
        result = export(
            home, "--out", str(target), "--force", COMPANION_MACHINE_CONFIG=str(machine)
        )
        refused(result, target, reason)
        assert (target.read_bytes() if target.exists() else None) == before
    assert (data / "companion.db").read_bytes() == db_before


def test_aliases_of_the_database_are_refused(home: Path, tmp_path: Path) -> None:
    db = home / "data" / "companion.db"
    link = tmp_path / "innocent.json"
    link.symlink_to(db)
    refused(export(home, "--out", str(link), "--force"), link, "call history database")
    hard = tmp_path / "hard.json"
    os.link(db, hard)
    refused(export(home, "--out", str(hard), "--force"), hard, "call history database")
    folder_link = tmp_path / "elsewhere"
    folder_link.symlink_to(home / "data")
    dotted = tmp_path / "x" / ".." / "elsewhere" / "companion.db"
    (tmp_path / "x").mkdir()
    refused(export(home, "--out", str(dotted), "--force"), dotted, "call history database")
    assert open_store(db).db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_existing_file_needs_force_and_is_replaced_privately(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "calls.json"
    out.write_text("precious")
    out.chmod(0o644)
    refused(export(home, "--out", str(out)), out, "--force")
    assert out.read_text() == "precious"
    result = export(home, "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text().lstrip().startswith("{")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_new_file_is_0600_and_bad_targets_are_one_line(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "new.csv"
    result = export(home, "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    refused(export(home, "--out", str(tmp_path)), tmp_path, "is a folder")
    missing = tmp_path / "no" / "such" / "out.json"
    refused(export(home, "--out", str(missing)), missing.parent, "does not exist")
