"""uv.lock installs on every OS and architecture the app ships for, not only on this machine.

A lock can be current and still not install somewhere: vosk 0.3.45 has wheels for Linux and
Windows only (and no sdist), so a lock that picks it everywhere fails `uv sync --locked` on
every Mac. Each platform's requirements are exported from the lock exactly as pinned, and uv
resolves them for that platform's wheel tags (`uv pip install --dry-run --python-platform`):
it needs PyPI's metadata (or uv's cache), and takes about a second per platform.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLATFORMS = {
    "macOS arm64": "aarch64-apple-darwin",
    "macOS x86_64": "x86_64-apple-darwin",
    "Windows x64": "x86_64-pc-windows-msvc",
    "Linux x86_64": "x86_64-manylinux_2_34",  # PySide6 6.11's Linux wheels need glibc 2.34
}
NO_NETWORK = ("failed to fetch", "dns error", "error sending request", "connect error")


def uv() -> list[str]:
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv"]
    found = shutil.which("uv")
    if found is None:
        pytest.fail("uv is not installed (tests/run.sh installs it into .venv)")
    return [found]


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every locked package with its extras (the test and build ones too), as pinned."""
    out = tmp_path_factory.mktemp("lock") / "requirements.txt"
    subprocess.run(
        [
            *uv(),
            "export",
            "--locked",  # fails when uv.lock is out of date with pyproject.toml
            "--all-extras",
            "--no-hashes",
            "--no-emit-project",
            "--format",
            "requirements.txt",
            "--output-file",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out


def dry_run(platform: str, requirements: Path, target: Path, *online: str) -> str:
    """uv's resolution of `requirements` for `platform`: its report, or the failure."""
    result = subprocess.run(
        [
            *uv(),
            "pip",
            "install",
            "--dry-run",
            *(online or ["--offline"]),
            "--python-platform",
            platform,
            "--python-version",
            "3.11",
            "--target",
            str(target),  # an empty place: nothing installed here counts as present
            "-r",
            str(requirements),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stderr


@pytest.mark.parametrize("name", PLATFORMS)
def test_the_lock_installs_on(name: str, locked: Path, tmp_path: Path) -> None:
    try:  # uv's cache answers in 0.1 s; PyPI is asked only for what it lacks (~3 s)
        report = dry_run(PLATFORMS[name], locked, tmp_path / "site")
    except RuntimeError:
        try:
            report = dry_run(PLATFORMS[name], locked, tmp_path / "site", "--refresh")
        except RuntimeError as failed:
            if any(s in str(failed).lower() for s in NO_NETWORK):
                pytest.skip(f"PyPI is not reachable and uv's cache lacks the metadata: {failed}")
            raise AssertionError(f"uv.lock does not install on {name}:\n{failed}") from None
    assert "Would install" in report
    vosk = "vosk==0.3.44" if "macOS" in name else "vosk==0.3.45"
    assert f" + {vosk}" in report, report
