"""The oldest macOS the app bundle runs on, computed from what goes into it.

`LSMinimumSystemVersion` must not promise more than the bundled wheels deliver: PySide6 6.11's
wheels are tagged for macOS 13 (`macosx_13_0_universal2`), pip picks numpy's Accelerate build
(`macosx_14_0_arm64`) on a macOS 14 build machine, and shiboken6 6.11.3's libraries are built
for macOS 15 whatever its wheel tag says. Finder and Launch Services use the key to refuse an
app cleanly ("requires macOS 15 or later"); a key that is too low lets the app start and then
fail to load a library or crash on a missing symbol. Two sources, the higher wins:

- the wheel tags of the distributions whose packages are bundled: each installed distribution's
  `.dist-info/WHEEL` names the tags it was installed by (`Tag: cp311-cp311-macosx_14_0_arm64`);
  of a wheel's tags for this architecture the lowest applies (any of them let it install);
- the Mach-O files themselves: the `minos` of each file's LC_BUILD_VERSION (or the older
  LC_VERSION_MIN_MACOSX) for this architecture, which is what dyld checks. This also covers what
  no wheel brought (the Python interpreter, PyInstaller's bootloader).

Never below `FLOOR` (macOS 11, the first release for Apple silicon).

The spec calls `minimum_for_bundle(a.binaries, a.pure)` at build time. After a build,
`python installers/macos_minimum.py --check dist/CallCompanion.app` reads every Mach-O file of
the app and fails when one needs a newer macOS than its Info.plist declares (macOS CI runs it).
Pure Python (struct, plistlib), so it is tested on every OS.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import platform
import plistlib
import re
import struct
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

Version = tuple[int, int]

FLOOR: Version = (11, 0)
# the wheel platform tags' architectures that run natively on each machine architecture
ARCHS = {
    "arm64": {"arm64", "universal2"},
    "x86_64": {"x86_64", "universal2", "intel", "universal", "fat64", "fat3"},
}
CPU_TYPES = {"x86_64": 0x01000007, "arm64": 0x0100000C}
MH_MAGIC, MH_MAGIC_64 = 0xFEEDFACE, 0xFEEDFACF
FAT_MAGIC, FAT_MAGIC_64 = 0xCAFEBABE, 0xCAFEBABF
LC_VERSION_MIN_MACOSX, LC_BUILD_VERSION, PLATFORM_MACOS = 0x24, 0x32, 1
_MACOSX_TAG = re.compile(r"^macosx_(\d+)_(\d+)_(\w+)$")


def text(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def parse(version_text: str) -> Version:
    """(13, 0) from "13", "13.0" or "13.0.1"."""
    major, _, rest = version_text.strip().partition(".")
    return int(major), int(rest.split(".")[0] or 0)


# -- wheel tags -----------------------------------------------------------------------------


def platform_tag_minimum(tag: str, arch: str) -> Version | None:
    """(13, 0) for `macosx_13_0_universal2` on arm64; None for another OS or architecture."""
    match = _MACOSX_TAG.match(tag)
    if match is None or match.group(3) not in ARCHS[arch]:
        return None
    return int(match.group(1)), int(match.group(2))


def wheel_minimum(wheel_metadata: str, arch: str) -> tuple[Version, str] | None:
    """The macOS a wheel needs, from its WHEEL file's `Tag:` lines, with the deciding tag;
    None for a pure-Python or non-macOS wheel."""
    found: list[tuple[Version, str]] = []
    for line in wheel_metadata.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() != "tag":
            continue
        for tag in value.strip().split("-")[-1].split("."):  # compressed tag sets too
            version = platform_tag_minimum(tag, arch)
            if version is not None:
                found.append((version, tag))
    return min(found) if found else None


# -- Mach-O ---------------------------------------------------------------------------------


def _version(packed: int) -> Version:
    return packed >> 16, (packed >> 8) & 0xFF  # X.Y.Z in nibbles xxxx.yy.zz


def _thin_minimum(f: BinaryIO, start: int, arch: str) -> Version | None:
    f.seek(start)
    header = f.read(32)
    if len(header) < 28:
        return None
    magic, cputype, _, _, ncmds, _sizeofcmds = struct.unpack_from("<6I", header)
    if magic not in (MH_MAGIC, MH_MAGIC_64) or cputype != CPU_TYPES[arch]:
        return None
    offset = start + (32 if magic == MH_MAGIC_64 else 28)
    for _ in range(ncmds):
        f.seek(offset)
        command = f.read(16)
        if len(command) < 16:
            return None
        cmd, size, first, second = struct.unpack("<4I", command)
        if cmd == LC_BUILD_VERSION and first == PLATFORM_MACOS:
            return _version(second)
        if cmd == LC_VERSION_MIN_MACOSX:
            return _version(first)
        if size < 8:
            return None
        offset += size
    return None


def macho_minimum(f: BinaryIO, arch: str) -> Version | None:
    """The minimum macOS of a Mach-O file (thin or universal) for `arch`; None when the file
    is not Mach-O, has no slice for `arch`, or declares no macOS minimum."""
    f.seek(0)
    head = f.read(8)
    if len(head) < 8:
        return None
    magic, count = struct.unpack(">2I", head)
    if magic in (FAT_MAGIC, FAT_MAGIC_64) and count < 64:  # (Java class files share 0xCAFEBABE)
        # fat_arch: cputype, cpusubtype, offset, size, align (fat_arch_64: 64-bit offset, size)
        entry = ">5I" if magic == FAT_MAGIC else ">2I2Q2I"
        size = struct.calcsize(entry)
        for i in range(count):
            f.seek(8 + i * size)
            raw = f.read(size)
            if len(raw) < size:
                return None
            fields = struct.unpack(entry, raw)
            if fields[0] == CPU_TYPES[arch]:
                return _thin_minimum(f, fields[2], arch)
        return None
    return _thin_minimum(f, 0, arch)


# -- the bundle ---------------------------------------------------------------------------


def highest(found: Iterable[tuple[Version, str]]) -> tuple[Version, str]:
    """The highest minimum with its reason; `FLOOR` when nothing asks for more."""
    return max([(FLOOR, "the floor (macOS 11)"), *found], key=lambda item: item[0])


def minimum_for_bundle(
    binaries: Iterable[tuple[str, str, str]], pure: Iterable[tuple[str, str, str]], arch: str = ""
) -> str:
    """LSMinimumSystemVersion for PyInstaller's TOCs (`a.binaries`, `a.pure`)."""
    arch = arch or platform.machine()
    binaries = list(binaries)
    found: list[tuple[Version, str]] = []
    for dest, source, kind in binaries:
        if kind == "SYMLINK" or not Path(source).is_file():
            continue
        with open(source, "rb") as f:
            version = macho_minimum(f, arch)
        if version is not None:
            found.append((version, f"{dest} (minos)"))
    tops = {str(dest).replace("\\", "/").split("/")[0] for dest, _, _ in binaries}
    tops |= {str(name).split(".")[0] for name, _, _ in pure}
    owners = importlib.metadata.packages_distributions()
    for name in sorted({dist for top in tops for dist in owners.get(top, [])}):
        try:
            wheel = importlib.metadata.distribution(name).read_text("WHEEL") or ""
        except importlib.metadata.PackageNotFoundError:
            continue
        needed = wheel_minimum(wheel, arch)
        if needed is not None:
            found.append((needed[0], f"{name} wheel {needed[1]}"))
    version, reason = highest(found)
    print(f"LSMinimumSystemVersion {text(version)}: set by {reason}", file=sys.stderr)
    return text(version)


def check_app(app: Path, arch: str) -> list[str]:
    """Every Mach-O file of a built .app that needs a newer macOS than its Info.plist says."""
    with open(app / "Contents" / "Info.plist", "rb") as f:
        declared_text = str(plistlib.load(f)["LSMinimumSystemVersion"])
    declared = parse(declared_text)
    problems = []
    for path in sorted(p for p in app.rglob("*") if p.is_file() and not p.is_symlink()):
        with open(path, "rb") as f:
            version = macho_minimum(f, arch)
        if version is not None and version > declared:
            problems.append(f"{path.relative_to(app)} needs macOS {text(version)}")
    if not problems:
        print(f"{app.name}: every {arch} Mach-O file runs on macOS {declared_text}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        metavar="APP",
        type=Path,
        required=True,
        help="a built .app: fail when a file needs more than its Info.plist",
    )
    parser.add_argument("--arch", default=platform.machine(), choices=sorted(CPU_TYPES))
    args = parser.parse_args(argv)
    problems = check_app(args.check, args.arch)
    for problem in problems:
        print(f"LSMinimumSystemVersion too low: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
