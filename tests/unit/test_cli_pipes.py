"""Output piped into `head`: the reader closing the pipe is a quiet exit 0 — no traceback, no
crash report for the next overlay start to show. Real processes, real pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from companion.events import Final, dumps
from companion.paths import resolve_paths
from companion.store.call_log import end_call, start_call
from companion.store.database import open_store

ROOT = Path(__file__).resolve().parents[2]


def read_one_line_then_close(home: Path, *args: str) -> tuple[str, int, str]:
    """Run `companion ARGS | head -1`: read one line, close the pipe, wait for the exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(home), *args],
        cwd=ROOT,
        env={**os.environ, "COMPANION_MODEL": "none"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = proc.stdout.readline().decode()
        proc.stdout.close()
        code = proc.wait(timeout=120)
    finally:  # a command that never stops must not outlive the test (it holds audio devices)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return first, code, proc.stderr.read().decode()


def assert_quiet(home: Path, code: int, stderr: str) -> None:
    assert code == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    crashes = resolve_paths(home).crash_dir
    assert not crashes.exists() or list(crashes.iterdir()) == []


def test_export_into_a_closed_pipe(tmp_path: Path) -> None:
    home = tmp_path / "home"
    paths = resolve_paths(home).ensure()
    db = open_store(paths.database).db
    for n in range(400):  # far more than a pipe buffer holds, so the writes meet the closed end
        stamp = f"2025-01-01T{n // 60 % 24:02d}:{n % 60:02d}"
        call = start_call(db, contact_id=None, direction="inbound", started_at=f"{stamp}:00")
        end_call(db, call, f"{stamp}:30")
    db.close()
    first, code, stderr = read_one_line_then_close(home, "export")
    assert first.strip() != ""
    assert_quiet(home, code, stderr)


def test_replay_into_a_closed_pipe(tmp_path: Path) -> None:
    transcript = tmp_path / "call.jsonl"
    lines = [
        dumps(Final("caller", 1.0 + 20 * i, "this is the third time i called")) for i in range(1000)
    ]
    transcript.write_text("\n".join(lines) + "\n")
    first, code, stderr = read_one_line_then_close(
        tmp_path / "home", "replay", str(transcript), "--json"
    )
    assert first.startswith("{")
    assert_quiet(tmp_path / "home", code, stderr)


def test_small_output_into_a_closed_pipe(tmp_path: Path) -> None:
    """Output that fits the buffer fails only at the last flush; that is quiet too."""
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(home), "export"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # closed before a byte is written
    code = proc.wait(timeout=120)
    assert_quiet(home, code, proc.stderr.read().decode())


def test_listen_into_a_closed_pipe(tmp_path: Path, vmics, librivox) -> None:
    """`companion listen | head -1`: the closed pipe is met in a worker thread, far from the main
    loop; the command still stops by itself (no --seconds), quietly, with no crash report."""
    home = tmp_path / "home"
    vmics.play("agent", librivox[4])
    first, code, stderr = read_one_line_then_close(
        home, "listen", "--no-model", "--frames", "--device", "vmic_agent"
    )
    assert first.startswith('{"channel": "agent"'), first
    assert_quiet(home, code, stderr)
    assert "listening on agent=vmic_agent" in stderr
