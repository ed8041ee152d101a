"""PyInstaller hook for vosk: collect its native library, which the contrib hooks miss.

vosk opens its library with cffi's `dlopen` on a path next to `vosk/__init__.py`
(`libvosk.so`, `libvosk.dll` plus the MinGW runtime DLLs beside it, and on macOS the oddly named
`libvosk.dyld`), so PyInstaller's import analysis never sees it. Every native file in the package
folder is collected into `vosk/` in the bundle, where `vosk.open_dll()` looks.
"""

from pathlib import Path

from PyInstaller.utils.hooks import get_package_paths

_NATIVE = (".so", ".dll", ".dylib", ".dyld")

_, _package_dir = get_package_paths("vosk")
binaries = [
    (str(path), "vosk")
    for path in sorted(Path(_package_dir).iterdir())
    if path.is_file() and path.suffix in _NATIVE
]
if not any(Path(src).name.startswith("libvosk") for src, _ in binaries):
    raise SystemExit(f"hook-vosk: no libvosk.* in {_package_dir}; reinstall vosk")

hiddenimports = ["_cffi_backend"]
# the speech-to-subtitles CLI is not used by the app
excludedimports = ["vosk.transcriber"]
