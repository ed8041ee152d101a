"""Packaging figures: the size of the built bundle and how fast it starts.

Which bundle: `COMPANION_BUNDLE` (a bundle folder or `.app`) if set; else, when this code runs
frozen, the bundle it runs from (so `companion bench` on a workstation measures the installed
app); else the one `installers/build.py` leaves in the repository's `dist/`. Without a bundle
nothing is invented: a note says how to build one.

- `bundle_mb`: every file of the bundle (symlinks not counted twice), in MB (10^6 bytes).
  Target ≤ 150 MB without a model.
- `bundle_start_ms`: wall time of `companion --version` from the bundle (bootloader, Python,
  the CLI's imports), median of 3 runs.
- `bundle_selftest_ms`: wall time of the bundle's `--self-test` (offscreen), one run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from companion.bench import BenchReport, Figure
from companion.context import Context

BUNDLE_ENV = "COMPANION_BUNDLE"
BUNDLE_NAME = "CallCompanion"
START_RUNS = 3


def find_bundle() -> Path | None:
    """The bundle folder to measure, or None."""
    override = os.environ.get(BUNDLE_ENV)
    if override:
        return Path(override).expanduser()
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        app = next((p for p in exe_dir.parents if p.suffix == ".app"), None)
        return app or exe_dir
    dist = Path(__file__).resolve().parents[2] / "dist"
    for candidate in (dist / f"{BUNDLE_NAME}.app", dist / BUNDLE_NAME):
        if candidate.is_dir():
            return candidate
    return None


def console_exe(bundle: Path) -> Path:
    if bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / "companion"
    return bundle / ("companion.exe" if sys.platform == "win32" else "companion")


def bundle_mb(bundle: Path) -> float:
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def _clean_env(home: Path) -> dict[str, str]:
    keep = ("PATH", "SYSTEMROOT", "TEMP", "TMP", "LANG")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(COMPANION_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def timed_run(exe: Path, args: list[str], env: dict[str, str]) -> float:
    """Milliseconds for one run; raises RuntimeError when it fails."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        last = (done.stdout + done.stderr).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"{exe.name} {' '.join(args)} exited {done.returncode}: {last[0]}")
    return elapsed


def measure(ctx: Context, report: BenchReport) -> dict[str, Figure]:
    bundle = find_bundle()
    if bundle is None or not bundle.is_dir():
        report.notes.append(
            f"packaging: no built bundle; run `python installers/build.py` or set {BUNDLE_ENV}"
        )
        return {}
    exe = console_exe(bundle)
    if not exe.is_file():
        report.notes.append(f"packaging: {exe} is missing; rebuild the bundle")
        return {}
    report.say(f"  bundle: {bundle}")
    env = _clean_env(ctx.paths.cache / "bench-bundle-home")
    starts = [timed_run(exe, ["--version"], env) for _ in range(START_RUNS)]
    selftest_ms = timed_run(exe, ["--self-test"], env)
    return {
        "bundle_mb": Figure(round(bundle_mb(bundle), 1), "MB"),
        "bundle_start_ms": Figure(round(statistics.median(starts), 1), "ms"),
        "bundle_selftest_ms": Figure(round(selftest_ms, 1), "ms"),
    }
