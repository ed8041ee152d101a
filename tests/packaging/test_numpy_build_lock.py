"""The no-BLAS numpy build's head start (nice 19) and a bundle build that waits for it: the
waiter lifts the head start and what it runs to its own priority, with real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

INSTALLERS = Path(__file__).resolve().parents[2] / "installers"

# The head start: holds the build lock, starts a compiler-like child, then lets go.
HOLDER = """
import subprocess, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from numpy_without_blas import _only_one_build
with _only_one_build(Path(sys.argv[2]), "numpy-test"):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    print(child.pid, flush=True)
    time.sleep(2.0)
"""


def test_a_build_that_waits_lifts_the_head_start_and_its_children_to_its_priority(
    tmp_path: Path,
) -> None:
    sys.path.insert(0, str(INSTALLERS))
    try:
        from numpy_without_blas import _only_one_build
    finally:
        sys.path.remove(str(INSTALLERS))
    holder = subprocess.Popen(
        ["nice", "-n", "19", sys.executable, "-c", HOLDER, str(INSTALLERS), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    child = int(holder.stdout.readline())
    try:
        assert os.getpriority(os.PRIO_PROCESS, child) == 19
        with _only_one_build(tmp_path, "numpy-test"):  # waits for the holder to let go
            assert holder.wait(timeout=30) == 0
            lifted = os.getpriority(os.PRIO_PROCESS, child)
            assert (tmp_path / "numpy-test.pid").read_text() == str(os.getpid())
    finally:
        os.kill(child, 9)
        holder.wait(timeout=30)
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    # lowering another process's niceness needs root; without it the head start stays slow
    assert lifted == (ours if os.geteuid() == 0 else 19)
