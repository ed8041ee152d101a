"""Putting a model in place and taking it away: unpack a zip, import a folder, remove.

The user's models folder only ever holds a folder that passed `validate_model_dir`: unpacking
and copying go to a hidden `.unpacking-*` / `.importing-*` folder beside it, and one rename on
the same disk puts the model in place. What comes from a zip or a shared folder is checked
before a byte is written: entries with absolute or `..` paths, zip bombs (`_refuse_zip_bomb`),
symlink loops and links that smuggle files from outside a model (`_model_files`).

Every failure is a `DownloadError` whose message is one line naming the model and the fix.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from companion.errors import KnownError
from companion.paths import AppPaths
from companion.speech.models import find_model_root, summarize_problems, validate_model_dir

DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
# Zip bombs. The largest Vosk models unpack to about 4 GB, so twice that is a generous ceiling;
# real model zips compress about 1.1:1 to 3:1 (the data is mostly float weights), so 100:1 for
# the whole zip or any entry of more than a MiB is no model. Checked from the zip's directory,
# before anything is written; zipfile stops each entry at its declared size while unpacking.
MAX_UNPACKED_BYTES = 8 * 1024**3
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024**2
_GET = "Get the model from alphacephei.com/vosk/models or your IT team"


class DownloadError(KnownError):
    """A model could not be downloaded, imported or removed; the message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class DiskFullError(DownloadError):
    """The disk filled up; a `.part` download is kept so the next run resumes."""


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def disk_full(what: str, where: Path, kept: str = "") -> DiskFullError:
    return DiskFullError(
        f"disk full while {what} ({where}): free some space and run the command again{kept}"
    )


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
                + _GET
            )
        if ".." in parts:
            raise DownloadError(
                f"{label} has an entry that points outside the zip ({entry}); nothing was "
                "unpacked. " + _GET
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


def _refuse_zip_bomb(zf: zipfile.ZipFile, archive: Path, label: str) -> None:
    """Refuse a zip that would unpack to far more than any model, judged from its directory.

    The whole-zip ratio uses the archive's real size, so a directory that understates the
    compressed sizes does not hide it.
    """
    infos = zf.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise DownloadError(
            f"{label} would unpack to {total / 1024**3:.1f} GiB, more than the "
            f"{MAX_UNPACKED_BYTES // 1024**3} GiB any Vosk model needs; nothing was unpacked. "
            + _GET
        )
    packed = max(archive.stat().st_size, 1)
    if total > RATIO_FLOOR_BYTES and total > MAX_RATIO * packed:
        raise DownloadError(
            f"{label} would unpack to {megabytes(total)} from {megabytes(packed)} "
            f"({total // packed}:1), "
            "far more than a model zip compresses: a zip bomb; nothing was unpacked. " + _GET
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise DownloadError(
                f"{label} has an entry that would unpack to {megabytes(info.file_size)} from "
                f"{megabytes(info.compress_size)} ({info.filename}), far more than model data "
                "compresses: a zip bomb; nothing was unpacked. " + _GET
            )


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
        _refuse_zip_bomb(zf, archive, label)
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
        files = _model_files(root)
        _check_space(paths, name, sum(size for _, _, size in files), "copy")
        with _staging(paths, "importing", name) as staging:
            copy = staging / name
            for real, rel, _size in files:
                dest = copy / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(real, dest)  # the checked target: the copy owns real files
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


def _model_files(root: Path) -> list[tuple[Path, PurePath, int]]:
    """Every file to copy from a model folder: (its real path, its place in the copy, size).

    Links are followed, since a model may be a tree of links to one elsewhere, but each must
    land on a regular file inside `root` or inside another folder that is a Vosk model: a
    folder from a share could otherwise smuggle /etc/passwd or ~/.ssh/id_rsa into the models
    folder. A folder reached twice (a symlink loop) is refused rather than walked forever.
    """
    real_root = Path(os.path.realpath(root))
    seen = {real_root}
    in_model: dict[Path, bool] = {}
    found: list[tuple[Path, PurePath, int]] = []
    pending: list[tuple[Path, PurePath]] = [(root, PurePath())]
    while pending:
        folder, rel = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise DownloadError(f"cannot read {folder}: {exc.strerror}") from exc
        for entry in entries:
            path = Path(entry.path)
            try:
                real = Path(os.path.realpath(path, strict=True))
                info = real.stat()
            except OSError as exc:
                if not entry.is_symlink():
                    raise DownloadError(f"cannot read {path}: {exc.strerror}") from exc
                raise DownloadError(
                    f"{path} is a link that leads nowhere ({exc.strerror}); remove it from "
                    f"{root} or put the file it names there, and import again"
                ) from exc
            if stat.S_ISDIR(info.st_mode):
                if real in seen:
                    raise DownloadError(
                        f"{root} has a symlink loop: {path} leads back to {real}; remove that "
                        "link and import again"
                    )
                seen.add(real)
                pending.append((path, rel / entry.name))
                continue
            if not stat.S_ISREG(info.st_mode):
                raise DownloadError(
                    f"{path} is not a regular file; remove it from {root} and import again"
                )
            if not real.is_relative_to(real_root) and not _inside_a_model(real, in_model):
                raise DownloadError(
                    f"{path} is a link to {real}, outside {root} and not part of a Vosk model; "
                    "nothing was copied. Remove the link or replace it with the model file"
                )
            found.append((real, rel / entry.name, info.st_size))
    return sorted(found, key=lambda item: item[1])


def _inside_a_model(real: Path, known: dict[Path, bool]) -> bool:
    """Whether a file lies in a folder that is a Vosk model (a link tree to a real model)."""
    for folder in real.parents:
        if folder not in known:
            known[folder] = not validate_model_dir(folder)
        if known[folder]:
            return True
    return False


def _check_space(paths: AppPaths, name: str, needed: int, verb: str) -> None:
    free = shutil.disk_usage(paths.data).free
    if needed > free:
        raise DiskFullError(
            f"not enough disk space to {verb} {name}: it needs {megabytes(needed)}, "
            f"{megabytes(free)} is free in {paths.data}"
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
        if exc.errno in DISK_FULL_ERRNOS:
            raise disk_full(f"{verb} {name}", paths.data) from exc
        raise DownloadError(f"cannot write in {paths.data}: {exc.strerror}") from exc
    try:
        yield staging
    except OSError as exc:
        if exc.errno in DISK_FULL_ERRNOS:
            raise disk_full(f"{verb} {name}", paths.data) from exc
        raise DownloadError(f"{verb} {name} failed: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(root: Path, target: Path, label: str) -> Path:
    problems = validate_model_dir(root)
    if problems:
        raise DownloadError(f"{label} is not a Vosk model: {summarize_problems(problems)}")
    root.rename(target)  # private like every folder the app makes (a flat zip's: mkdtemp's 0700)
    return target
