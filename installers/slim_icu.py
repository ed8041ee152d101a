"""Slim the ICU data that PySide6 ships on Linux: 32 MB of locale data down to about 4 MB.

Qt Core on Linux links ICU and uses it for four things only: case mapping, collation
(`QCollator`), time-zone names and legacy text codecs (`QStringConverter` beyond UTF-8/16/32 and
Latin-1). The data library (`libicudataNN.so`) carries every locale of CLDR, break-iterator
dictionaries for Thai, Khmer, Lao, Burmese and CJK, transliterators, and multi-byte codepage
tables. The app's UI is English and its own text goes through Python, never ICU, so the bundle
keeps:
- everything that is not tied to one locale (normalization, properties, time-zone database,
  plural rules, aliases, `root` data in every tree);
- the locales IT asks for (`--icu-locales`, default `en`, which includes every `en_*` region);
- the single-byte codepages (Windows-125x, ISO-8859-x, KOI8, Mac): small tables.
It drops the break-iterator and transliteration trees (Qt Core never calls them), the other
locales (collation and zone names fall back to `root`, which is English and Unicode order) and
the large multi-byte and EBCDIC codepages.

The data is rewrapped with ICU's own tools: `icupkg` removes items (and reports the items that
depend on a removed one, which are removed too), `genccode` turns the package back into the
`icudtNN_dat` symbol that libicuuc links against, and the C compiler makes it a shared library
with the same soname. Without those tools (`icu-devtools`, gcc) the full data is shipped and the
build says so. Linux only: on Windows and macOS Qt uses the system's ICU.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("icupkg", "genccode", "gcc", "nm")
# a locale bundle's name: language, then optional script/region/variant parts
_LOCALE = re.compile(r"^([a-z]{2,3})(?:_[A-Za-z0-9]+)*\.res$")
_DROPPED_TREES = ("brkitr/", "translit/")
SMALL_CODEPAGE = 20_000  # bytes: single-byte tables are 1-10 kB, multi-byte ones 50-550 kB
_DEPENDS = re.compile(r"Item (\S+) depends on missing item (\S+)")


@dataclass(frozen=True)
class Slimmed:
    library: Path
    before_mb: float
    after_mb: float
    dropped: int


def keep_item(name: str, size: int, locales: frozenset[str]) -> bool:
    """Whether one item of the ICU package (as `icupkg -l` names it) stays in the bundle."""
    base = name.rsplit("/", 1)[-1]
    if name.startswith(_DROPPED_TREES):
        return False
    if base == "res_index.res":
        return True
    if base.endswith(".cnv"):
        return size < SMALL_CODEPAGE
    locale = _LOCALE.match(base)
    return locale is None or locale.group(1) in locales


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, virtual address, size) of the `icudtNN_dat` symbol."""
    listing = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            return parts[3], int(parts[0], 16), int(parts[1], 16)
    raise ValueError(f"{library.name} has no icudtNN_dat symbol")


def _file_offset(blob: bytes, address: int) -> int:
    """Map a virtual address of a 64-bit little-endian ELF file to its offset in the file."""
    if blob[:4] != b"\x7fELF" or blob[4] != 2 or blob[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    phoff = struct.unpack_from("<Q", blob, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", blob, 0x36)
    for index in range(phnum):
        kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", blob, phoff + index * phentsize
        )
        if kind == 1 and vaddr <= address < vaddr + filesz:  # PT_LOAD
            return address - vaddr + offset
    raise ValueError(f"address {address:#x} is in no loaded segment")


def _run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def slim(library: Path, work: Path, locales: frozenset[str]) -> Slimmed:
    """Write a slimmed copy of `library` into `work` and return it; raises on any tool failure."""
    symbol, address, size = _data_symbol(library)
    blob = library.read_bytes()
    start = _file_offset(blob, address)
    package = symbol[: -len("_dat")] + "l"  # icudt73 -> icudt73l (little-endian data)
    shutil.rmtree(work, ignore_errors=True)
    (work / "items").mkdir(parents=True)
    (work / "out").mkdir()
    full = work / f"{package}.dat"
    full.write_bytes(blob[start : start + size])

    listed = _run("icupkg", "-l", full.name, cwd=work)
    extracted = _run("icupkg", "-x", "*", "-d", "items", full.name, cwd=work)
    for done in (listed, extracted):
        if done.returncode:
            raise RuntimeError(f"icupkg failed: {done.stderr.strip() or done.stdout.strip()}")
    names = listed.stdout.split()
    drop = {
        name
        for name in names
        if not keep_item(name, (work / "items" / name).stat().st_size, locales)
    }
    slim_data = work / "out" / full.name  # icupkg names the items after the output file
    while True:
        (work / "drop.txt").write_text("".join(f"{n}\n" for n in sorted(drop)), encoding="utf-8")
        removed = _run("icupkg", "-r", "drop.txt", full.name, f"out/{full.name}", cwd=work)
        dependants = {m.group(1) for m in _DEPENDS.finditer(removed.stdout + removed.stderr)}
        if not dependants - drop:
            break
        drop |= dependants
    if removed.returncode or not slim_data.is_file():
        raise RuntimeError(f"icupkg -r failed: {removed.stderr.strip()}")

    generated = _run(
        "genccode", "-q", "-e", symbol[:-4], "-a", "gcc", "-d", "out", str(slim_data), cwd=work
    )
    assembly = work / "out" / f"{package}_dat.S"
    if generated.returncode or not assembly.is_file():
        raise RuntimeError(f"genccode failed: {generated.stderr.strip()}")
    output = work / library.name
    linked = _run(
        "gcc",
        "-shared",
        "-nostdlib",
        f"-Wl,-soname,{library.name}",
        "-Wl,-z,noexecstack",
        "-o",
        str(output),
        str(assembly),
        cwd=work,
    )
    if linked.returncode:
        raise RuntimeError(f"gcc failed: {linked.stderr.strip()}")
    return Slimmed(output, len(blob) / 1e6, output.stat().st_size / 1e6, len(drop))
