"""Build the Call Companion bundle for this OS: `python installers/build.py [--with-model PATH]`.

One command for developers, CI and IT: it runs PyInstaller on `installers/companion.spec` into
`dist/` (or `--dist DIR`), reports the bundle's size, and prints the path of the console
executable as its LAST line, so scripts can do `exe=$(python installers/build.py | tail -n 1)`
and then `"$exe" --self-test`. Installers (Inno Setup, .dmg) are made from that folder by
`windows/build.ps1` and `macos/build.sh`.

Exit codes: 0 built, 2 bad arguments or PyInstaller missing, 1 PyInstaller failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy_without_blas

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "companion.spec"
BUNDLE_NAME = "CallCompanion"


def bundle_dir(dist: Path) -> Path:
    """What gets shipped: the one folder, or `CallCompanion.app` on macOS."""
    if sys.platform == "darwin":
        return dist / f"{BUNDLE_NAME}.app"
    return dist / BUNDLE_NAME


def console_exe(dist: Path) -> Path:
    """The executable IT and CI run (`--self-test`, `doctor`, `bench`)."""
    if sys.platform == "darwin":
        return bundle_dir(dist) / "Contents" / "MacOS" / "companion"
    name = "companion.exe" if sys.platform == "win32" else "companion"
    return bundle_dir(dist) / name


def folder_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--with-model",
        metavar="PATH",
        help="Vosk model folder to ship inside the bundle (English for agents)",
    )
    parser.add_argument(
        "--icu-locales",
        metavar="LIST",
        default="en",
        help="Linux: ICU locales kept for Qt's collation and time-zone names, comma-separated "
        "(default en, which includes every en_* region), or 'all'",
    )
    parser.add_argument(
        "--numpy",
        choices=("slim", "pypi"),
        default="slim" if sys.platform.startswith("linux") else "pypi",
        help="slim (Linux default): numpy built from source without OpenBLAS, 33 MB smaller "
        "(see numpy_without_blas.py); pypi: the installed wheel as it is",
    )
    parser.add_argument(
        "--cache",
        metavar="DIR",
        default=str(numpy_without_blas.default_cache()),
        help="where the slim numpy wheel is kept between builds (default: %(default)s)",
    )
    parser.add_argument(
        "--dist",
        metavar="DIR",
        default=str(ROOT / "dist"),
        help="output folder (default: dist/ in the repository)",
    )
    parser.add_argument(
        "--work",
        metavar="DIR",
        default=str(ROOT / "build"),
        help="PyInstaller's work folder (default: build/ in the repository)",
    )
    args = parser.parse_args(argv)

    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "build: PyInstaller is not installed; run `pip install -e '.[build]'`", file=sys.stderr
        )
        return 2
    spec_args: list[str] = ["--icu-locales", args.icu_locales]
    if args.with_model:
        model = Path(args.with_model).expanduser().resolve()
        if not (model / "am").is_dir():
            print(
                f"build: --with-model {model} is not a Vosk model folder (no am/ inside)",
                file=sys.stderr,
            )
            return 2
        spec_args += ["--with-model", str(model)]

    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    python_path = [str(ROOT)]
    if args.numpy == "slim":
        import numpy

        started = time.monotonic()
        print(f"build: numpy {numpy.__version__} without BLAS (cached in {args.cache})", flush=True)
        try:
            wheel = numpy_without_blas.build_wheel(numpy.__version__, Path(args.cache))
        except RuntimeError as exc:
            print(
                f"build: {exc}\nbuild: install gcc, g++ and python3-dev, or pass --numpy pypi",
                file=sys.stderr,
            )
            return 1
        python_path.insert(0, str(numpy_without_blas.unpack(wheel, work / "numpy-without-blas")))
        print(f"build: {wheel.name} ready in {time.monotonic() - started:.0f} s", flush=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    command += ["--", *spec_args]
    print("build: " + " ".join(command), flush=True)
    started = time.monotonic()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (*python_path, os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        print(
            f"build: PyInstaller failed (exit {result.returncode}); see the messages above",
            file=sys.stderr,
        )
        return 1
    exe = console_exe(dist)
    if not exe.is_file():
        print(f"build: PyInstaller finished but {exe} is missing", file=sys.stderr)
        return 1
    print(
        f"build: {time.monotonic() - started:.1f} s, bundle {folder_mb(bundle_dir(dist)):.1f} MB"
        f" in {bundle_dir(dist)}",
        flush=True,
    )
    print(exe)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
