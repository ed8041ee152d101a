"""`companion phrases`: a trainer checks an edited phrase pack before sharing it (real process,
a real copy of the built-in pack)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from companion.cues.phrase_packs import phrases_dir


def _phrases(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", "phrases", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_list_then_check_a_copy_then_a_broken_copy(tmp_path: Path) -> None:
    listed = _phrases("list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("en 2026.") and "safeguarding" in listed.stdout
    copy = tmp_path / "my-team" / "en"
    shutil.copytree(phrases_dir() / "en", copy)
    ok = _phrases("check", str(copy))
    assert ok.returncode == 0 and ok.stdout.startswith("OK en "), ok.stderr
    clarify = copy / "clarify.toml"
    clarify.write_text(
        clarify.read_text(encoding="utf-8").replace("{INTENS}", "{INTENSE}", 1), encoding="utf-8"
    )
    broken = _phrases("check", str(copy))
    assert broken.returncode == 1 and broken.stdout == ""
    (line,) = broken.stderr.splitlines()
    assert line.startswith(f"companion phrases: {clarify}:") and "{INTENSE}" in line
    missing = _phrases("check", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "no such folder" in missing.stderr
