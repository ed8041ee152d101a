"""Getting a model onto disk and off it: download, verify, unpack, import, remove.

This is the only place the product touches the network, and only when the user (or IT) asks
for a download. The contract, whatever goes wrong:

- a half-downloaded or half-unpacked model never looks like a model: downloads go to
  `<cache>/downloads/NAME.zip.part`, unpacking and copying go to a hidden `.unpacking-*` folder
  beside the models folder, and only a folder that passed `validate_model_dir` is renamed into
  `models/` (one rename on the same disk);
- a cut connection resumes with an HTTP Range request into the `.part` file, within one run
  (a few retries while bytes keep arriving) and across runs (run the same command again);
- a wrong SHA-256, a size other than expected, or a corrupt zip (a CRC error while unpacking,
  which covers entries without a pinned checksum) deletes the download and says so;
- a full disk stops with one line; the `.part` file is kept so the download can resume once
  space is freed, and no model folder is left behind.

Every failure is a `DownloadError` whose message is one line naming the model and the fix.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from companion import __version__
from companion.errors import KnownError
from companion.paths import AppPaths
from companion.speech.catalog import download_url, find_entry
from companion.speech.models import find_model_root, summarize_problems, validate_model_dir

ProgressCallback = Callable[[int, int | None], None]
CHUNK_BYTES = 256 * 1024
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class DownloadError(KnownError):
    """A model could not be downloaded, imported or removed; the message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class DiskFullError(DownloadError):
    """The disk filled up; a `.part` download is kept so the next run resumes."""


def part_path(paths: AppPaths, name: str) -> Path:
    return paths.cache / "downloads" / f"{name}.zip.part"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _disk_full(what: str, where: Path, kept: str = "") -> DiskFullError:
    return DiskFullError(
        f"disk full while {what} ({where}): free some space and run the command again{kept}"
    )


# --- download ---------------------------------------------------------------------------------


def download_model(
    name: str,
    paths: AppPaths,
    *,
    url: str | None = None,
    sha256: str | None = None,
    size: int | None = None,
    progress: ProgressCallback | None = None,
    show_bar: bool | None = None,
    retries: int = 3,
    timeout: float = 30.0,
) -> Path:
    """Download `NAME.zip`, verify it and install it as `models/NAME`; returns that folder.

    Without `url` the model must be in the catalogue; it is fetched from the official site or
    the mirror in `COMPANION_MODEL_MIRROR`. The catalogue's size and SHA-256 (when known) are
    checked whatever the URL, since a mirror must serve the identical file; `sha256`/`size`
    add checks for models outside the catalogue. `show_bar=None` shows tqdm's bar on a terminal.
    """
    entry = find_entry(name)
    if url is None:
        if entry is None:
            raise DownloadError(
                f"{name} is not in the catalogue: see `companion model list`, "
                "or give its address with --url"
            )
        url = download_url(name)
    expected_sha = (sha256 or (entry.sha256 if entry else None) or "").lower() or None
    expected_size = size if size is not None else (entry.size_bytes if entry else None)
    target = paths.models / name
    if target.exists():
        raise DownloadError(
            f"{name} is already installed in {target}; "
            f"run `companion model remove {name}` first to replace it"
        )
    part = part_path(paths, name)
    _fetch(url, part, name, expected_size, progress, show_bar, retries, timeout)
    _verify(part, name, expected_size, expected_sha)
    try:
        installed = install_zip(part, paths, name, delete_if_corrupt=True)
    except DiskFullError:
        raise
    except DownloadError:
        part.unlink(missing_ok=True)  # verified but unusable (not a model): nothing to resume
        raise
    part.unlink(missing_ok=True)
    return installed


def _fetch(
    url: str,
    part: Path,
    name: str,
    expected_size: int | None,
    progress: ProgressCallback | None,
    show_bar: bool | None,
    retries: int,
    timeout: float,
) -> None:
    try:
        part.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create {part.parent}: {exc.strerror}") from exc
    total = expected_size
    retries_left = retries
    with tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc=name,
        disable=None if show_bar is None else not show_bar,
        leave=False,
    ) as bar:
        while True:
            offset = part.stat().st_size if part.exists() else 0
            if total is not None and offset > total:
                part.unlink()
                offset = 0
            if total is not None and offset == total:
                return
            bar.reset(total=total)
            bar.update(offset)
            request = urllib.request.Request(
                url, headers={"User-Agent": f"CallCompanion/{__version__}"}
            )
            if offset:
                request.add_header("Range", f"bytes={offset}-")
            received = 0
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    if offset and response.status != 206:
                        offset = 0  # the server ignored Range: start over
                    offered = _offered_total(response, offset)
                    if total is None:
                        total = offered
                        bar.reset(total=total)
                        bar.update(offset)
                    elif offered is not None and offered != total:
                        part.unlink(missing_ok=True)
                        raise DownloadError(
                            f"{url} offers {offered} bytes but {name} is {total} bytes: "
                            "wrong file or mirror; check the address"
                        )
                    with _open_part(part, append=offset > 0) as out:
                        while chunk := response.read(CHUNK_BYTES):
                            _write(out, chunk, part)
                            received += len(chunk)
                            offset += len(chunk)
                            bar.update(len(chunk))
                            if progress is not None:
                                progress(offset, total)
            except urllib.error.HTTPError as exc:
                if exc.code == 416 and offset:
                    whole = (exc.headers.get("Content-Range") or "").rpartition("/")[2]
                    if whole.isdigit() and int(whole) == offset:
                        return  # the .part is already complete (an earlier run stopped later)
                    part.unlink(missing_ok=True)  # our .part no longer matches the file
                    if retries_left > 0:
                        retries_left -= 1
                        continue
                raise DownloadError(
                    f"{url} answered HTTP {exc.code} {exc.reason}: "
                    "check the model name or the mirror address"
                ) from exc
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                reason = getattr(exc, "reason", None) or exc
                if received == 0 or retries_left <= 0:
                    raise _stopped(name, url, offset, total, reason) from exc
                retries_left -= 1
                continue
            if total is None or offset >= total:
                return
            if received == 0 or retries_left <= 0:
                raise _stopped(name, url, offset, total, "the connection closed early")
            retries_left -= 1


def _stopped(name: str, url: str, offset: int, total: int | None, reason: object) -> DownloadError:
    if offset == 0:
        return DownloadError(
            f"could not download {name} from {url} ({reason}); check the network or the address"
        )
    got = f"{_mb(offset)} of {_mb(total)}" if total else _mb(offset)
    return DownloadError(
        f"download of {name} from {url} stopped at {got} ({reason}); "
        "run the same command again to resume"
    )


def _offered_total(response: http.client.HTTPResponse, offset: int) -> int | None:
    content_range = response.headers.get("Content-Range", "")
    if response.status == 206 and "/" in content_range:
        tail = content_range.rsplit("/", 1)[1].strip()
        return int(tail) if tail.isdigit() else None
    length = response.headers.get("Content-Length")
    if length is not None and length.isdigit():
        return int(length) + (offset if response.status == 206 else 0)
    return None


@contextmanager
def _open_part(part: Path, *, append: bool) -> Iterator[BinaryIO]:
    try:
        handle = part.open("ab" if append else "wb")
    except OSError as exc:
        raise DownloadError(f"cannot write {part}: {exc.strerror}") from exc
    try:
        yield handle
    finally:
        try:
            handle.close()
        except OSError as exc:
            if exc.errno in _DISK_FULL:
                raise _disk_full("downloading", part.parent) from exc
            raise


def _write(handle: BinaryIO, chunk: bytes, part: Path) -> None:
    try:
        handle.write(chunk)
        handle.flush()
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise _disk_full(
                "downloading", part.parent, "; the partial download is kept and will resume"
            ) from exc
        raise DownloadError(f"cannot write {part}: {exc.strerror}") from exc


def _verify(part: Path, name: str, size: int | None, sha256: str | None) -> None:
    actual = part.stat().st_size
    if size is not None and actual != size:
        part.unlink()
        raise DownloadError(
            f"{name}: downloaded {actual} bytes, expected {size}; "
            "the download was deleted, run the command again"
        )
    if sha256:
        with part.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        if digest != sha256:
            part.unlink()
            raise DownloadError(
                f"{name}: checksum mismatch (got {digest[:12]}..., expected "
                f"{sha256[:12]}...); the download was deleted, run the command "
                "again or check the mirror"
            )


# --- install ----------------------------------------------------------------------------------


def _zip_model_prefix(zf: zipfile.ZipFile, label: str) -> str:
    """Where in the zip the model sits ("" for the top, else "a/b/"), after a safety check.

    Every entry is checked before anything is written: an absolute path or a `..` part is
    refused outright (zipfile would quietly rewrite it; a model never needs one). The model is
    the folder holding `am/final.mdl`, at any depth, so a zip made one folder too high still
    imports; two models in one zip are refused rather than guessed between.
    """
    names = [info.filename for info in zf.infolist() if info.filename]
    for entry in names:
        parts = entry.replace("\\", "/").split("/")
        if entry.startswith(("/", "\\")) or (len(parts[0]) == 2 and parts[0][1] == ":"):
            raise DownloadError(
                f"{label} has an entry with an absolute path ({entry}); nothing was unpacked. "
                "Get the model from alphacephei.com/vosk/models or your IT team"
            )
        if ".." in parts:
            raise DownloadError(
                f"{label} has an entry that points outside the zip ({entry}); nothing was "
                "unpacked. Get the model from alphacephei.com/vosk/models or your IT team"
            )
    roots = sorted(
        n[: -len("am/final.mdl")]
        for n in names
        if n == "am/final.mdl" or n.endswith("/am/final.mdl")
    )
    if len(roots) > 1:
        shown = ", ".join(r or "the top" for r in roots[:3])
        raise DownloadError(
            f"{label} holds {len(roots)} models ({shown}); unzip it and import one folder "
            "with `companion model import FOLDER`"
        )
    if roots:
        return roots[0]
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and any("/" in n for n in names):
        return tops.pop() + "/"
    return ""


def install_zip(
    archive: Path, paths: AppPaths, name: str | None = None, *, delete_if_corrupt: bool = False
) -> Path:
    """Unpack a model zip into `models/NAME` atomically; returns the installed folder."""
    label = name or archive.name
    gone = "; the download was deleted, run the command again" if delete_if_corrupt else ""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        if delete_if_corrupt:
            archive.unlink(missing_ok=True)
        raise DownloadError(f"{label} is not a readable zip ({exc}){gone}") from exc
    with zf:
        prefix = _zip_model_prefix(zf, label)
        if name is None:
            name = prefix.rstrip("/").rsplit("/", 1)[-1] if prefix else archive.stem
        members = [i for i in zf.infolist() if i.filename.startswith(prefix)]
        target = _free_target(paths, name)
        _check_space(paths, name, sum(info.file_size for info in members), "unpack")
        with _staging(paths, "unpacking", name) as staging:
            try:
                zf.extractall(staging, members=members)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                if delete_if_corrupt:
                    archive.unlink(missing_ok=True)
                raise DownloadError(f"{label} is corrupt ({exc}){gone}") from exc
            root = staging / prefix if prefix else staging
            return _move_into_place(root, target, label)


def import_model(source: Path, paths: AppPaths, name: str | None = None) -> Path:
    """Install a model from a folder (copied) or a .zip (unpacked); the source is untouched."""
    if source.is_dir():
        root = find_model_root(source)
        problems = validate_model_dir(root)
        if problems:
            raise DownloadError(f"{source} is not a Vosk model: {summarize_problems(problems)}")
        name = name or root.name
        target = _free_target(paths, name)
        files = _tree_files(root)
        _check_space(paths, name, sum(f.stat().st_size for f in files), "copy")
        with _staging(paths, "importing", name) as staging:
            copy = staging / name
            for file in files:
                dest = copy / file.relative_to(root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, dest)  # follows symlinks: the copy owns real files
            return _move_into_place(copy, target, str(source))
    if source.is_file() and zipfile.is_zipfile(source):
        return install_zip(source, paths, name)
    if not source.exists():
        raise DownloadError(f"{source} does not exist")
    raise DownloadError(f"{source} is neither a model folder nor a .zip of one")


def remove_model(paths: AppPaths, name: str) -> Path:
    """Delete `models/NAME` (user folder only): renamed aside first, so it vanishes at once."""
    target = paths.models / name
    if not target.is_dir() or name in ("", ".", "..") or target.parent != paths.models:
        raise DownloadError(f"{name} is not installed in {paths.models}")
    doomed = paths.data / f".removing-{name}-{os.getpid()}"
    try:
        target.rename(doomed)
    except OSError as exc:
        raise DownloadError(f"cannot remove {target}: {exc.strerror}") from exc
    shutil.rmtree(doomed, ignore_errors=True)
    return target


def _tree_files(root: Path) -> list[Path]:
    return sorted(
        Path(folder) / name
        for folder, _dirs, names in os.walk(root, followlinks=True)
        for name in names
    )


def _check_space(paths: AppPaths, name: str, needed: int, verb: str) -> None:
    free = shutil.disk_usage(paths.data).free
    if needed > free:
        raise DiskFullError(
            f"not enough disk space to {verb} {name}: it needs {_mb(needed)}, "
            f"{_mb(free)} is free in {paths.data}"
        )


def _free_target(paths: AppPaths, name: str) -> Path:
    if not name or name.startswith(".") or "/" in name or "\\" in name:
        raise DownloadError(f"{name!r} is not a usable model name; pass --name")
    target = paths.models / name
    if target.exists():
        raise DownloadError(
            f"{name} is already installed in {target}; "
            f"run `companion model remove {name}` first to replace it"
        )
    return target


@contextmanager
def _staging(paths: AppPaths, verb: str, name: str) -> Iterator[Path]:
    """A hidden folder beside `models/` (same disk, so the final rename is atomic)."""
    try:
        paths.models.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{verb}-{name}-", dir=paths.data))
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise _disk_full(f"{verb} {name}", paths.data) from exc
        raise DownloadError(f"cannot write in {paths.data}: {exc.strerror}") from exc
    try:
        yield staging
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise _disk_full(f"{verb} {name}", paths.data) from exc
        raise DownloadError(f"{verb} {name} failed: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(root: Path, target: Path, label: str) -> Path:
    problems = validate_model_dir(root)
    if problems:
        raise DownloadError(f"{label} is not a Vosk model: {summarize_problems(problems)}")
    if root.name.startswith("."):
        root.chmod(0o755)  # the staging folder itself (a zip without a top folder): mkdtemp's 0700
    root.rename(target)
    return target
