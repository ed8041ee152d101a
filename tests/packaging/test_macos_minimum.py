"""The macOS minimum the app declares, from the bundled wheels' tags and Mach-O files
(installers/macos_minimum.py), on sample tags and synthetic Mach-O files, so it runs anywhere."""

from __future__ import annotations

import io
import plistlib
import runpy
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MM = runpy.run_path(str(ROOT / "installers" / "macos_minimum.py"))
platform_tag_minimum = MM["platform_tag_minimum"]
wheel_minimum = MM["wheel_minimum"]
macho_minimum = MM["macho_minimum"]
highest = MM["highest"]
minimum_for_bundle = MM["minimum_for_bundle"]
check_app = MM["check_app"]
main = MM["main"]

ARM64, X86_64 = 0x0100000C, 0x01000007


def wheel(*tags: str) -> str:
    lines = ["Wheel-Version: 1.0", "Generator: bdist_wheel (0.45.1)", "Root-Is-Purelib: false"]
    return "\n".join(lines + [f"Tag: {tag}" for tag in tags]) + "\n"


@pytest.mark.parametrize(
    ("tag", "arch", "expected"),
    [
        ("macosx_13_0_universal2", "arm64", (13, 0)),
        ("macosx_13_0_universal2", "x86_64", (13, 0)),
        ("macosx_14_0_arm64", "arm64", (14, 0)),
        ("macosx_14_0_arm64", "x86_64", None),
        ("macosx_10_9_x86_64", "x86_64", (10, 9)),
        ("macosx_10_6_intel", "x86_64", (10, 6)),
        ("macosx_10_6_intel", "arm64", None),
        ("manylinux_2_34_x86_64", "x86_64", None),
        ("win_amd64", "x86_64", None),
        ("any", "arm64", None),
    ],
)
def test_platform_tags(tag, arch, expected):
    assert platform_tag_minimum(tag, arch) == expected


def test_wheel_files_of_the_locked_distributions():
    pyside = wheel("cp310-abi3-macosx_13_0_universal2")
    assert wheel_minimum(pyside, "arm64") == ((13, 0), "macosx_13_0_universal2")
    numpy_accelerate = wheel("cp311-cp311-macosx_14_0_arm64")
    assert wheel_minimum(numpy_accelerate, "arm64") == ((14, 0), "macosx_14_0_arm64")
    assert wheel_minimum(numpy_accelerate, "x86_64") is None
    vosk_mac = wheel("py3-none-macosx_10_6_universal2")
    assert wheel_minimum(vosk_mac, "x86_64") == ((10, 6), "macosx_10_6_universal2")
    assert wheel_minimum(wheel("py3-none-any"), "arm64") is None
    assert wheel_minimum(wheel("cp311-cp311-manylinux_2_28_x86_64"), "x86_64") is None


def test_of_several_tags_for_one_arch_the_lowest_applies_any_of_them_installs():
    two = wheel("cp311-cp311-macosx_10_9_x86_64", "cp311-cp311-macosx_11_0_arm64")
    assert wheel_minimum(two, "x86_64")[0] == (10, 9)
    assert wheel_minimum(two, "arm64")[0] == (11, 0)
    compressed = wheel("cp311-cp311-macosx_12_0_x86_64.macosx_10_13_universal2")
    assert wheel_minimum(compressed, "x86_64")[0] == (10, 13)
    assert wheel_minimum(compressed, "arm64")[0] == (10, 13)


def test_the_highest_need_wins_never_below_macos_11():
    assert highest([]) == ((11, 0), "the floor (macOS 11)")
    assert highest([((10, 6), "vosk")])[0] == (11, 0)
    assert highest([((13, 0), "PySide6"), ((14, 0), "numpy"), ((10, 9), "x")]) == (
        (14, 0),
        "numpy",
    )


# -- Mach-O ---------------------------------------------------------------------------------


def packed(major: int, minor: int, patch: int = 0) -> int:
    return major << 16 | minor << 8 | patch


def thin(cpu: int, minos: tuple[int, ...] | None, *, old_style: bool = False) -> bytes:
    """A 64-bit Mach-O header with a segment command, then the OS-minimum command."""
    commands = [struct.pack("<2I", 0x19, 72) + bytes(64)]  # LC_SEGMENT_64, contents unread
    if minos is not None and old_style:
        commands.append(struct.pack("<4I", 0x24, 16, packed(*minos), packed(15, 0)))
    elif minos is not None:
        commands.append(struct.pack("<6I", 0x32, 24, 1, packed(*minos), packed(15, 0), 0))
    body = b"".join(commands)
    header = struct.pack("<8I", 0xFEEDFACF, cpu, 0, 6, len(commands), len(body), 0, 0)
    return header + body + bytes(64)


def fat(*slices: tuple[int, bytes], wide: bool = False) -> bytes:
    entry = ">2I2Q2I" if wide else ">5I"
    offset = 4096
    table, blobs = b"", b""
    for cpu, blob in slices:
        fields = (cpu, 0, offset + len(blobs), len(blob), 12)
        table += struct.pack(entry, *fields, *((0,) if wide else ()))
        blobs += blob
    head = struct.pack(">2I", 0xCAFEBABF if wide else 0xCAFEBABE, len(slices)) + table
    return head + bytes(offset - len(head)) + blobs


def minos(data: bytes, arch: str):  # type: ignore[no-untyped-def]
    return macho_minimum(io.BytesIO(data), arch)


def test_thin_files_read_lc_build_version_and_the_older_version_min():
    assert minos(thin(ARM64, (14, 0)), "arm64") == (14, 0)
    assert minos(thin(ARM64, (15, 0, 3)), "arm64") == (15, 0)
    assert minos(thin(X86_64, (10, 13), old_style=True), "x86_64") == (10, 13)
    assert minos(thin(ARM64, (14, 0)), "x86_64") is None  # no slice for that machine
    assert minos(thin(ARM64, None), "arm64") is None


def test_universal_files_use_the_slice_of_the_machine():
    both = fat((X86_64, thin(X86_64, (10, 13))), (ARM64, thin(ARM64, (11, 0))))
    assert minos(both, "x86_64") == (10, 13)
    assert minos(both, "arm64") == (11, 0)
    wide = fat((ARM64, thin(ARM64, (15, 0))), wide=True)
    assert minos(wide, "arm64") == (15, 0)
    assert minos(wide, "x86_64") is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x7fELF\x02\x01\x01" + bytes(60),
        b"#!/bin/sh\necho hi\n",
        bytes.fromhex("cafebabe00000034") + bytes(8),  # a Java class file, truncated
        struct.pack("<8I", 0xFEEDFACF, ARM64, 0, 6, 3, 999, 0, 0),  # commands cut off
    ],
)
def test_other_and_broken_files_have_no_minimum(data):
    assert minos(data, "arm64") is None


# -- the bundle -----------------------------------------------------------------------------


def test_minimum_for_the_bundle_names_what_sets_it(tmp_path, capsys):
    qt = tmp_path / "QtCore"
    qt.write_bytes(fat((X86_64, thin(X86_64, (13, 0))), (ARM64, thin(ARM64, (13, 0)))))
    shiboken = tmp_path / "libshiboken6.abi3.dylib"
    shiboken.write_bytes(fat((X86_64, thin(X86_64, (15, 0))), (ARM64, thin(ARM64, (15, 0)))))
    elf = Path(sys.executable).resolve()  # a real file that is not Mach-O
    binaries = [
        ("PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore", str(qt), "BINARY"),
        ("shiboken6/libshiboken6.abi3.dylib", str(shiboken), "BINARY"),
        ("numpy/_core/_multiarray_umath.so", str(elf), "EXTENSION"),
        ("PySide6/Qt/lib/QtCore.framework/QtCore", "Versions/Current/QtCore", "SYMLINK"),
    ]
    pure = [("sounddevice", "/x/sounddevice.py", "PYMODULE"), ("numpy", "/x/n.py", "PYMODULE")]
    assert minimum_for_bundle(binaries, pure, "arm64") == "15.0"
    assert "shiboken6/libshiboken6.abi3.dylib" in capsys.readouterr().err
    assert minimum_for_bundle(binaries[:1], pure, "x86_64") == "13.0"
    assert minimum_for_bundle([], [], "arm64") == "11.0"


def make_app(folder: Path, declared: str, files: dict[str, bytes]) -> Path:
    app = folder / "CallCompanion.app"
    (app / "Contents").mkdir(parents=True)
    with open(app / "Contents" / "Info.plist", "wb") as f:
        plistlib.dump({"LSMinimumSystemVersion": declared, "CFBundleName": "Call Companion"}, f)
    for name, data in files.items():
        path = app / "Contents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return app


def test_check_app_fails_on_a_file_that_needs_more_than_info_plist_says(tmp_path, capsys):
    files = {
        "MacOS/companion": thin(ARM64, (11, 0)),
        "Frameworks/numpy/_core/_multiarray_umath.so": thin(ARM64, (14, 0)),
        "Resources/resources/profiles/default.toml": b"[profile]\n",
    }
    low = make_app(tmp_path / "low", "13.0", files)
    assert check_app(low, "arm64") == [
        "Contents/Frameworks/numpy/_core/_multiarray_umath.so needs macOS 14.0"
    ]
    assert main(["--check", str(low), "--arch", "arm64"]) == 1
    assert "LSMinimumSystemVersion too low" in capsys.readouterr().err
    right = make_app(tmp_path / "right", "14.0", files)
    assert check_app(right, "arm64") == []
    assert main(["--check", str(right), "--arch", "arm64"]) == 0
    assert "runs on macOS 14.0" in capsys.readouterr().out
