"""Use a built bundle as an agent's desk would: open the overlay, take one call, check it is kept.

    python installers/bundle_smoke.py OVERLAY_EXE [--client EXE] [--home DIR]

The self-test proves the bundle's parts; this proves the product opens. It starts the bundled
overlay (offscreen, in a fresh data folder), then, from second processes of the same bundle as a
softphone hook would, asks its state, starts a call with a caller's number and name, lets it
run, ends it and quits the overlay (`call quit`, as the Windows uninstaller does); then it reads
the call back from the history file with plain SQLite, and looks through the overlay's log for
"could not load" markers and tracebacks.

`--client` is the executable the softphone runs (default: the overlay's own). On Windows the
windowless `CallCompanion.exe` runs the overlay and the softphone hook alike; its exit code is
its answer (0 done, 3 no overlay). Prints one line per step; exit 0 when all passed, 1 if not.
Used by tests/packaging on Linux and by the Windows and macOS jobs of the installers workflow.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

NUMBER = "+44 20 7946 0958"
NAME = "Jane Morgan"
START_TIMEOUT_S = 90.0
LOG_MARKERS = ("could not load", "Traceback", "No module named")


class SmokeFailed(Exception):
    """A step failed; the message says which and what was seen."""


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env.pop("LD_LIBRARY_PATH", None)
    env.update(
        COMPANION_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        COMPANION_MACHINE_CONFIG=str(home / "no-machine-config.toml"),
    )
    return env


def _call(client: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(client), "call", *args], env=env, capture_output=True, text=True, timeout=60
    )


def _wait_until_running(client: Path, env: dict[str, str], overlay: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if overlay.poll() is not None:
            out, err = overlay.communicate()
            raise SmokeFailed(
                f"the overlay exited with {overlay.returncode}: {(err or out)[-500:]}"
            )
        state = _call(client, env, "state")
        if state.returncode == 0:
            return state.stdout.strip()
        if state.returncode != 3:  # 3: no overlay yet
            raise SmokeFailed(f"`call state` failed ({state.returncode}): {state.stderr.strip()}")
        time.sleep(0.3)
    raise SmokeFailed(f"the overlay did not answer within {START_TIMEOUT_S:.0f} s")


def _step(client: Path, env: dict[str, str], *args: str) -> str:
    done = _call(client, env, *args)
    if done.returncode != 0:
        raise SmokeFailed(f"`call {' '.join(args)}` exited {done.returncode}: {done.stderr}")
    return done.stdout.strip() or "(exit 0)"


def _quit(client: Path, env: dict[str, str], overlay: subprocess.Popen[str]) -> str:
    """`call quit`, as the uninstaller asks: the overlay closes as its menu's Quit does."""
    answer = _step(client, env, "quit")
    try:
        overlay.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        overlay.kill()
        overlay.communicate(timeout=60)
        raise SmokeFailed("the overlay did not quit within 60 s of `call quit`") from None
    if overlay.returncode != 0:
        raise SmokeFailed(f"the overlay quit with exit code {overlay.returncode}")
    return answer


def stored_calls(home: Path) -> list[tuple[int, str, str, str | None]]:
    with sqlite3.connect(home / "data" / "companion.db") as db:
        rows = db.execute("SELECT id, direction, started_at, ended_at FROM calls").fetchall()
    return [tuple(row) for row in rows]


def run(overlay_exe: Path, client: Path, home: Path) -> list[str]:
    """Every step's one-line result; raises SmokeFailed at the first that fails."""
    env = _environment(home)
    lines = []
    overlay = subprocess.Popen(
        [str(overlay_exe)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        lines.append(f"overlay answers: {_wait_until_running(client, env, overlay)}")
        lines.append(
            f"call start: {_step(client, env, 'start', '--number', NUMBER, '--name', NAME)}"
        )
        time.sleep(2)
        lines.append(f"during the call: {_step(client, env, 'state')}")
        lines.append(f"call end: {_step(client, env, 'end')}")
        lines.append(f"call quit: {_quit(client, env, overlay)}")
    finally:
        if overlay.poll() is None:
            overlay.kill()
            overlay.communicate(timeout=60)
    calls = stored_calls(home)
    if len(calls) != 1 or not calls[0][3] or calls[0][1] != "inbound":
        raise SmokeFailed(f"the history holds {calls}, not the one ended inbound call")
    lines.append(f"stored: call {calls[0][0]}, {calls[0][2]} to {calls[0][3]}")
    log = (home / "logs" / "companion.log").read_text(encoding="utf-8", errors="replace")
    found = [marker for marker in LOG_MARKERS if marker in log]
    if found or "overlay started" not in log:
        raise SmokeFailed(f"the overlay's log has {found or 'no start line'}")
    crashes = home / "logs" / "crashes"
    if crashes.is_dir() and any(crashes.iterdir()):
        raise SmokeFailed(
            f"crash reports were written: {sorted(p.name for p in crashes.iterdir())}"
        )
    lines.append("log: overlay started, no load failures, no crash report")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("overlay", type=Path, help="the bundle's executable that opens the overlay")
    parser.add_argument("--client", type=Path, help="the executable the softphone runs")
    parser.add_argument("--home", type=Path, help="data folder (default: a new temporary one)")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="companion-smoke-"))
    try:
        for line in run(args.overlay, args.client or args.overlay, home):
            print(f"ok    {line}", flush=True)
    except SmokeFailed as exc:
        print(f"FAIL  {exc}", flush=True)
        return 1
    print("bundle smoke test: OK", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
