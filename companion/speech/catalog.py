"""The Vosk models Call Companion knows how to download, with what we know about each zip.

Why a fixed list: the app is offline, so it cannot fetch Alpha Cephei's model index at run time;
the only network call in the product is the explicit `companion model download`. Each entry says
what the official zip at `https://alphacephei.com/vosk/models/NAME.zip` is.

Contract for the numbers: only values that were observed for the real files are written here;
none is ever guessed. `size_bytes` and `sha256` are None when no trustworthy value was found.
Without a `sha256` nothing vouches for the zip (a size or the zip's CRCs detect damage, not a
substituted file), so the downloader asks for `--sha256 HEX` or an explicit `--unverified`
(see `download.py`). `approx_mb` is the size shown on the official models page, for display only.

Where the values come from (public sources, checked when the entry was added):
- small-en-us-0.15 SHA-256: pinned identically by two unrelated projects' install scripts;
  size: Alpha Cephei's model-list.json.
- small-fr-0.22, small-it-0.22, small-tr-0.3 SHA-256: pinned in a project's verified asset list.
- en-us-0.22 and small-es-0.42 sizes: model-list.json; en-us-0.22-lgraph size: the server's
  Content-Length recorded by a project.

IT mirrors: `COMPANION_MODEL_MIRROR=https://host/path` makes downloads use `MIRROR/NAME.zip`; the
same size and checksum apply, because a mirror must serve the identical file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

OFFICIAL_BASE = "https://alphacephei.com/vosk/models"
MIRROR_ENV = "COMPANION_MODEL_MIRROR"


@dataclass(frozen=True)
class CatalogEntry:
    """One downloadable model. `kind` is "small", "lgraph" (mid-size, dynamic graph) or "big"."""

    name: str
    language: str
    language_name: str
    kind: str
    approx_mb: int
    size_bytes: int | None = None
    sha256: str | None = None

    @property
    def url(self) -> str:
        return f"{OFFICIAL_BASE}/{self.name}.zip"


CATALOG: tuple[CatalogEntry, ...] = (
    CatalogEntry(
        "vosk-model-small-en-us-0.15",
        "en-us",
        "US English",
        "small",
        40,
        size_bytes=41205931,
        sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
    ),
    CatalogEntry(
        "vosk-model-en-us-0.22-lgraph", "en-us", "US English", "lgraph", 128, size_bytes=130557655
    ),
    CatalogEntry(
        "vosk-model-en-us-0.22", "en-us", "US English", "big", 1800, size_bytes=1913365522
    ),
    CatalogEntry("vosk-model-small-de-0.15", "de", "German", "small", 45),
    CatalogEntry(
        "vosk-model-small-fr-0.22",
        "fr",
        "French",
        "small",
        41,
        sha256="cabf6180e177eb9b3a9a9d43a437bd5e549f3a7d09525e5d69a3fed787be12ad",
    ),
    CatalogEntry("vosk-model-small-es-0.42", "es", "Spanish", "small", 39, size_bytes=39817833),
    CatalogEntry(
        "vosk-model-small-it-0.22",
        "it",
        "Italian",
        "small",
        48,
        sha256="9ec65e75861d1c6c2e457cccd932705340dcdf233f5b239f00733b4de0bf3267",
    ),
    CatalogEntry("vosk-model-small-pt-0.3", "pt", "Portuguese", "small", 31),
    CatalogEntry("vosk-model-small-ru-0.22", "ru", "Russian", "small", 45),
    CatalogEntry(
        "vosk-model-small-tr-0.3",
        "tr",
        "Turkish",
        "small",
        35,
        sha256="8c8d07cec1bce31add14967c16891c84152cdf76d391e33c08278119b9ea96e5",
    ),
    CatalogEntry("vosk-model-small-ko-0.22", "ko", "Korean", "small", 82),
)

_BY_NAME = {entry.name: entry for entry in CATALOG}
_NAME_LANGUAGE = re.compile(r"^vosk-model-(?:small-)?(?P<lang>[a-z]{2,3}(?:-[a-z]{2})?)(?=-)")


def find_entry(name: str) -> CatalogEntry | None:
    return _BY_NAME.get(name)


def mirror_base() -> str:
    """The IT mirror set in `COMPANION_MODEL_MIRROR`, or "" for the official site."""
    return os.environ.get(MIRROR_ENV, "").strip()


def download_url(entry_name: str, mirror: str | None = None) -> str:
    """The URL to fetch `entry_name` from: the mirror (argument or env) if set, else official."""
    base = mirror if mirror is not None else mirror_base()
    base = base.strip() or OFFICIAL_BASE
    return f"{base.rstrip('/')}/{entry_name}.zip"


def guess_language(name: str) -> str:
    """The language of an installed folder: from the catalogue, else from Vosk's naming scheme."""
    entry = find_entry(name)
    if entry is not None:
        return entry.language
    match = _NAME_LANGUAGE.match(name)
    return match.group("lang") if match else ""


def guess_kind(name: str) -> str:
    """ "small", "lgraph", "big", or "" when the folder name does not follow Vosk's scheme."""
    entry = find_entry(name)
    if entry is not None:
        return entry.kind
    if not name.startswith("vosk-model-"):
        return ""
    if "lgraph" in name:
        return "lgraph"
    if "small" in name:
        return "small"
    return "big"
