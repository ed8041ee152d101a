"""`companion privacy redact`: what a transcript line would be stored as, from a real process.

It prints exactly the stored text, line for line, and touches nothing: the data folder it is
pointed at is not even created.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def companion(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), *args],
        cwd=ROOT,
        env={**os.environ, "COMPANION_MODEL": "none"},
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_redact_prints_the_stored_text_and_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = companion(
        home,
        "privacy",
        "redact",
        "my card is 4111 1111 1111 1111 and my mobile is oh seven seven double oh nine double oh "
        "one two three, order 4471-2290-18 on 12 03 2024",
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout
        == "my card is [card] and my mobile is [phone], order 4471-2290-18 on 12 03 2024\n"
    )
    assert done.stderr == ""
    assert not home.exists()
    assert list(tmp_path.iterdir()) == []


def test_redact_reads_lines_from_stdin(tmp_path: Path) -> None:
    home = tmp_path / "home"
    lines = [
        "sort code 20-32-06",
        "account 73155009",  # a line of its own: not joined with the line before
        "",
        "iban: gb29nwbk60161331926819 thanks",
        "nothing to hide here",
    ]
    done = companion(home, "privacy", "redact", "-", stdin="\r\n".join(lines) + "\r\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "sort code [account]",
        "account [account]",
        "",
        "iban: [iban] thanks",
        "nothing to hide here",
    ]
    assert not home.exists()
