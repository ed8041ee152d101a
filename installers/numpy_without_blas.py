"""numpy for the Linux bundle, built from its source without BLAS: 33 MB smaller.

The numpy wheels on PyPI carry OpenBLAS with kernels for every x86 generation (25 MB) plus
gfortran and quadmath (3 MB), for matrix products and linear algebra. Call Companion uses numpy
for audio frames: conversions, RMS levels, resampling buffers (soxr) and recognizer warm-up
noise. Nothing multiplies matrices, so the bundle ships the same numpy version built with
`-Dblas=none -Dlapack=none` (numpy then uses its own loops for the rare `dot`) and without
per-CPU dispatch of its SIMD loops (`-Dcpu-dispatch=none`; the baseline, x86-64-v2, stays):
frames of 10-30 ms gain nothing from AVX-512 variants, and the build takes minutes instead of
ten.

The wheel is built once per numpy version and Python and kept in a cache folder, then unpacked
in front of site-packages for PyInstaller's analysis. It needs a C/C++ compiler and the Python
headers (the test set-up installs them); pip fetches numpy's source and build tools from PyPI.
`companion --self-test` in the bundle runs numpy through the audio pipeline and the model
warm-up, so a numpy that does not work fails the build's test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

MESON_OPTIONS = ("-Dblas=none", "-Dlapack=none", "-Dallow-noblas=true", "-Dcpu-dispatch=none")


def default_cache() -> Path:
    return Path.home() / ".cache" / "callcompanion-build"


def wheel_name(version: str) -> str:
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    return f"numpy-{version}-{tag}-noblas"


@contextlib.contextmanager
def _only_one_build(cache: Path, name: str) -> Iterator[None]:
    """Two builds of the same wheel (the test set-up's head start and a bundle build) take
    turns: the second waits, then finds the wheel the first one made. The head start runs at
    the lowest priority so it only uses idle time; once a build waits for it, it is no longer
    a background job, so the waiter lifts it (and the compilers it runs) to its own priority.
    On a busy machine, at nice 19 it would barely move."""
    cache.mkdir(parents=True, exist_ok=True)
    holder = cache / f"{name}.pid"
    with open(cache / f"{name}.lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: builds there use the PyPI wheel (--numpy pypi)
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _lift_priority(holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        holder.write_text(str(os.getpid()), encoding="utf-8")
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lift_priority(holder: Path) -> None:
    """Give the process named in `holder` and everything it started this process's niceness
    (lowering niceness needs root; without it the build just stays slow)."""
    try:
        root = int(holder.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    for pid in (root, *_descendants(root)):
        with contextlib.suppress(OSError):
            if os.getpriority(os.PRIO_PROCESS, pid) > ours:
                os.setpriority(os.PRIO_PROCESS, pid, ours)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def build_wheel(version: str, cache: Path) -> Path:
    """The cached no-BLAS wheel of numpy `version`, built now if missing; raises on failure."""
    with _only_one_build(cache, wheel_name(version)):
        return _build_wheel(version, cache)


def _build_wheel(version: str, cache: Path) -> Path:
    folder = cache / wheel_name(version)
    found = sorted(folder.glob("numpy-*.whl"))
    if found:
        return found[0]
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--disable-pip-version-check",
        "--no-cache-dir",  # pip's cache would hand back a wheel built with other options
        "--no-deps",
        "--no-binary",
        "numpy",
        f"numpy=={version}",
        "--wheel-dir",
        str(staging),
    ]
    command += [f"--config-settings=setup-args={option}" for option in MESON_OPTIONS]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    built = sorted(staging.glob("numpy-*.whl"))
    if done.returncode or not built:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"building numpy {version} without BLAS failed:\n{tail}")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return folder / built[0].name


def unpack(wheel: Path, destination: Path) -> Path:
    """Unpack `wheel` into a fresh `destination` (a folder to put first on PYTHONPATH)."""
    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(destination)
    strip = shutil.which("strip")
    for library in destination.rglob("*.so"):
        library.chmod(0o755)
        if strip:  # built here, so safe to strip (unlike auditwheel-patched wheel libraries)
            subprocess.run([strip, "--strip-unneeded", str(library)], check=True)
    return destination


if __name__ == "__main__":
    # `python installers/numpy_without_blas.py`: build the wheel for the installed numpy ahead
    # of time (tests/run.sh starts it at low priority while the rest of the suite runs)
    import numpy

    print(build_wheel(numpy.__version__, default_cache()))
