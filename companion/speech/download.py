"""Getting a model onto disk: download and verify (`speech.install` unpacks and imports it).

This is the only place the product touches the network, and only when the user (or IT) asks
for a download. The contract, whatever goes wrong:

- a half-downloaded or half-unpacked model never looks like a model: downloads go to
  `<cache>/downloads/NAME.zip.part`, unpacking and copying go to a hidden `.unpacking-*` folder
  beside the models folder, and only a folder that passed `validate_model_dir` is renamed into
  `models/` (one rename on the same disk);
- a cut connection resumes with an HTTP Range request into the `.part` file, within one run
  (a few retries while bytes keep arriving) and across runs (run the same command again);
- nothing is fetched that cannot be trusted: the zip must have a SHA-256 to check (pinned in
  the catalogue or given with `--sha256`) unless the user says `--unverified` and IT allows it
  (`speech.allow_unverified_models`), and plain http is refused unless IT allows it
  (`speech.allow_http_mirror`);
- a wrong SHA-256, a size other than expected, or a corrupt zip (a CRC error while unpacking)
  deletes the download and says so; so does a zip bomb (see `_refuse_zip_bomb`), before
  anything is unpacked;
- a full disk stops with one line; the `.part` file is kept so the download can resume once
  space is freed, and no model folder is left behind.

Every failure is a `DownloadError` whose message is one line naming the model and the fix.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from tqdm import tqdm

from companion import __version__
from companion.config.layers import Config
from companion.paths import AppPaths
from companion.speech.catalog import MIRROR_ENV, download_url, find_entry, mirror_base
from companion.speech.install import (
    DISK_FULL_ERRNOS,
    DiskFullError,
    DownloadError,
    disk_full,
    install_zip,
    megabytes,
)

ProgressCallback = Callable[[int, int | None], None]
CHUNK_BYTES = 256 * 1024
ALLOW_UNVERIFIED = "speech.allow_unverified_models"
ALLOW_HTTP = "speech.allow_http_mirror"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def part_path(paths: AppPaths, name: str) -> Path:
    return paths.cache / "downloads" / f"{name}.zip.part"


# --- download ---------------------------------------------------------------------------------


def download_model(
    name: str,
    paths: AppPaths,
    *,
    config: Config,
    url: str | None = None,
    sha256: str | None = None,
    unverified: bool = False,
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
    add checks for models outside the catalogue. A zip with no SHA-256 to check is fetched
    only with `unverified=True` (the user's explicit consent) and `speech.allow_unverified_models`
    on; plain http only with `speech.allow_http_mirror` on (`config` holds both settings).
    `show_bar=None` shows tqdm's bar on a terminal.
    """
    entry = find_entry(name)
    mirror = ""
    if url is None:
        if entry is None:
            raise DownloadError(
                f"{name} is not in the catalogue: see `companion model list`, "
                "or give its address with --url"
            )
        url, mirror = download_url(name), mirror_base()
    expected_sha = _expected_sha256(name, sha256, entry.sha256 if entry else None)
    expected_size = size if size is not None else (entry.size_bytes if entry else None)
    target = paths.models / name
    if target.exists():
        raise DownloadError(
            f"{name} is already installed in {target}; "
            f"run `companion model remove {name}` first to replace it"
        )
    _refuse_untrusted(name, url, mirror, expected_sha, unverified, config)
    part = part_path(paths, name)
    opener = urllib.request.build_opener(_RedirectPolicy(bool(config.get(ALLOW_HTTP))))
    _fetch(opener, url, part, name, expected_size, progress, show_bar, retries, timeout)
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


def _expected_sha256(name: str, given: str | None, pinned: str | None) -> str | None:
    """The SHA-256 the zip must have: `--sha256` may add one, never replace the catalogue's."""
    if given is None:
        return pinned
    given = given.strip().lower()
    if not _SHA256.fullmatch(given):
        raise DownloadError(f"--sha256 must be 64 hexadecimal digits, not {given[:70]!r}")
    if pinned is not None and given != pinned:
        raise DownloadError(
            f"--sha256 {given[:12]}... is not the checksum pinned for {name} "
            f"({pinned[:12]}...): leave out --sha256 to use the pinned one"
        )
    return given


def _refuse_untrusted(
    name: str, url: str, mirror: str, sha256: str | None, unverified: bool, config: Config
) -> None:
    """Refuse, before any network access, a download that nothing would vouch for."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    where = f"the model mirror {mirror} ({MIRROR_ENV})" if mirror else url
    if scheme == "http" and not config.get(ALLOW_HTTP):
        raise DownloadError(
            f"{where} is plain http, which anyone on the network can alter: use an https "
            f"address, or ask IT to set {ALLOW_HTTP} = true"
        )
    if scheme not in ("https", "http"):
        raise DownloadError(
            f"{where} is not an https:// address; for a zip on disk use "
            "`companion model import FILE`"
        )
    if sha256 is not None:
        return
    if not config.get(ALLOW_UNVERIFIED):
        raise DownloadError(
            f"{name} has no pinned SHA-256 checksum and unverified downloads are turned off "
            f"({ALLOW_UNVERIFIED} = false, {config.source(ALLOW_UNVERIFIED)}): pass "
            "--sha256 HEX, or ask IT for the model"
        )
    if not unverified:
        raise DownloadError(
            f"{name} has no pinned SHA-256 checksum, so the download cannot be verified: pass "
            "--sha256 HEX (from IT or the publisher), or --unverified to install the zip as served"
        )


class _RedirectPolicy(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but not from https down to plain http unless IT allows http."""

    def __init__(self, allow_http: bool) -> None:
        self.allow_http = allow_http

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() != "https" and not self.allow_http:
            raise DownloadError(
                f"{req.full_url} redirects to {newurl}, which is not https: anyone on the network "
                f"can alter it; ask the mirror's owner, or ask IT to set {ALLOW_HTTP} = true"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(
    opener: urllib.request.OpenerDirector,
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
                with opener.open(request, timeout=timeout) as response:
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
    got = f"{megabytes(offset)} of {megabytes(total)}" if total else megabytes(offset)
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
            if exc.errno in DISK_FULL_ERRNOS:
                raise disk_full("downloading", part.parent) from exc
            raise


def _write(handle: BinaryIO, chunk: bytes, part: Path) -> None:
    try:
        handle.write(chunk)
        handle.flush()
    except OSError as exc:
        if exc.errno in DISK_FULL_ERRNOS:
            raise disk_full(
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
