"""Downloads from a real HTTP server on 127.0.0.1: progress, resume, checksums, corrupt zips, and
a full disk. The zips are built here from model-shaped folders (see modelkit).

Disk full is produced by the kernel, not faked: the `.part` file is a symlink to `/dev/full`,
where every write fails with ENOSPC; as root, a real 1 MB tmpfs is used as well
(test_model_cli.py).

The test server speaks plain http and most zips here have no pinned checksum, so `download` is
`download_model` on a machine whose IT allows http (`speech.allow_http_mirror`, written in a real
machine config) for a user who passed `--unverified`; the refusals are in test_model_cli.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.config.layers import Config
from companion.paths import AppPaths
from companion.speech.catalog import CATALOG, MIRROR_ENV, download_url
from companion.speech.download import download_model, part_path
from companion.speech.install import DiskFullError, DownloadError, install_zip
from companion.speech.models import validate_model_dir
from tests.speech.modelkit import ZipServer, build_model, zip_folder

NAME = "vosk-model-test-en-us-0.1"
Download = Callable[..., Path]


@pytest.fixture
def download(machine_config: Path, make_config: Callable[[], Config]) -> Download:
    machine_config.write_text("[speech]\nallow_http_mirror = true\n")
    return functools.partial(download_model, config=make_config(), unverified=True)


@pytest.fixture
def model_zip(tmp_path: Path) -> tuple[Path, bytes]:
    """A model-shaped folder and its zip's bytes (with the usual top folder)."""
    folder = build_model(tmp_path / "src" / NAME, seed=7, am_bytes=1_500_000)
    data = zip_folder(folder, tmp_path / f"{NAME}.zip", top=NAME).read_bytes()
    return folder, data


def leftovers(paths: AppPaths) -> list[str]:
    """Anything a failed install may have left: staging folders, or a model folder."""
    hidden = [p.name for p in paths.data.iterdir() if p.name.startswith(".")]
    models = [p.name for p in paths.models.iterdir()] if paths.models.exists() else []
    return hidden + models


def test_download_reports_progress_up_to_the_total(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    folder, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    calls: list[tuple[int, int | None]] = []
    installed = download(
        NAME,
        app_paths,
        url=zip_server.url(f"{NAME}.zip"),
        sha256=hashlib.sha256(data).hexdigest(),
        progress=lambda done, total: calls.append((done, total)),
        show_bar=False,
    )
    assert installed == app_paths.models / NAME
    assert validate_model_dir(installed) == []
    assert calls[-1] == (len(data), len(data))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) > 1
    assert (installed / "am" / "final.mdl").read_bytes() == (folder / "am/final.mdl").read_bytes()
    assert not part_path(app_paths, NAME).exists()
    assert leftovers(app_paths) == [NAME]


def test_resume_after_the_server_cuts_midway(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    folder, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    zip_server.cuts = 1
    installed = download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert zip_server.ranges == [f"bytes={len(data) // 2}-"]
    assert len(zip_server.requests) == 2
    assert (installed / "am" / "final.mdl").read_bytes() == (folder / "am/final.mdl").read_bytes()


def test_resume_on_the_next_run_after_giving_up(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    folder, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    zip_server.cuts = 1
    url = zip_server.url(f"{NAME}.zip")
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=url, show_bar=False, retries=0)
    message = str(err.value)
    assert message.startswith(f"download of {NAME} from {url} stopped at 0.8 MB of 1.5 MB")
    assert message.endswith("run the same command again to resume")
    assert part_path(app_paths, NAME).stat().st_size == len(data) // 2
    assert leftovers(app_paths) == []

    installed = download(NAME, app_paths, url=url, show_bar=False, retries=0)
    assert zip_server.ranges == [f"bytes={len(data) // 2}-"]
    assert (installed / "am" / "final.mdl").read_bytes() == (folder / "am/final.mdl").read_bytes()


def test_complete_part_from_an_earlier_run_is_not_fetched_again(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    _, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    part = part_path(app_paths, NAME)
    part.parent.mkdir(parents=True)
    part.write_bytes(data)  # as left by a run that stopped after downloading
    installed = download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert validate_model_dir(installed) == []
    assert zip_server.requests == [(f"{NAME}.zip", f"bytes={len(data)}-")]  # answered 416


def test_checksum_mismatch_deletes_the_download(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    _, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    wrong = "ab" * 32
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), sha256=wrong, show_bar=False)
    real = hashlib.sha256(data).hexdigest()
    assert str(err.value) == (
        f"{NAME}: checksum mismatch (got {real[:12]}..., expected {wrong[:12]}...); the download "
        "was deleted, run the command again or check the mirror"
    )
    assert not part_path(app_paths, NAME).exists()
    assert leftovers(app_paths) == []


def test_corrupt_zip_without_checksum_fails_its_crc_and_is_deleted(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    _, data = model_zip
    corrupt = bytearray(data)
    corrupt[len(data) // 2] ^= 0xFF  # inside am/final.mdl's stored bytes
    zip_server.files[f"{NAME}.zip"] = bytes(corrupt)
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert str(err.value).startswith(f"{NAME} is corrupt (Bad CRC-32 for file ")
    assert str(err.value).endswith("the download was deleted, run the command again")
    assert not part_path(app_paths, NAME).exists()
    assert leftovers(app_paths) == []


def test_truncated_zip_served_as_complete_is_deleted(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    _, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data[: len(data) * 2 // 3]
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert str(err.value).startswith(f"{NAME} is not a readable zip (")
    assert not part_path(app_paths, NAME).exists()
    assert leftovers(app_paths) == []


def test_zip_of_something_else_is_refused_and_not_kept(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, tmp_path: Path
) -> None:
    folder = build_model(tmp_path / "half" / NAME, skip=["am/final.mdl"])
    zip_server.files[f"{NAME}.zip"] = zip_folder(folder, tmp_path / "h.zip", top=NAME).read_bytes()
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert str(err.value) == f"{NAME} is not a Vosk model: am/final.mdl is missing"
    assert not part_path(app_paths, NAME).exists()
    assert leftovers(app_paths) == []


def test_size_other_than_expected_is_refused(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    _, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    url = zip_server.url(f"{NAME}.zip")
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=url, size=len(data) + 1, show_bar=False)
    assert str(err.value) == (
        f"{url} offers {len(data)} bytes but {NAME} is {len(data) + 1} bytes: wrong file or "
        "mirror; check the address"
    )
    assert leftovers(app_paths) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_disk_full_while_downloading_gives_one_line_and_no_model(
    download: Download, app_paths: AppPaths, zip_server: ZipServer, model_zip: tuple[Path, bytes]
) -> None:
    _, data = model_zip
    zip_server.files[f"{NAME}.zip"] = data
    part = part_path(app_paths, NAME)
    part.parent.mkdir(parents=True)
    part.symlink_to("/dev/full")  # the kernel answers every write with ENOSPC
    with pytest.raises(DiskFullError) as err:
        download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert str(err.value) == (
        f"disk full while downloading ({part.parent}): free some space and run the command "
        "again; the partial download is kept and will resume"
    )
    assert leftovers(app_paths) == []


def test_http_error_is_one_line(
    download: Download, app_paths: AppPaths, zip_server: ZipServer
) -> None:
    url = zip_server.url("nothing-here.zip")
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=url, show_bar=False)
    assert str(err.value) == (
        f"{url} answered HTTP 404 no such model: check the model name or the mirror address"
    )


def test_unreachable_server_is_one_line(download: Download, app_paths: AppPaths) -> None:
    url = "http://127.0.0.1:9/x.zip"  # the discard port: nothing listens there
    with pytest.raises(DownloadError) as err:
        download(NAME, app_paths, url=url, show_bar=False)
    assert str(err.value).startswith(f"could not download {NAME} from {url} (")
    assert str(err.value).endswith("; check the network or the address")
    assert "\n" not in str(err.value)


def test_unknown_name_without_url(download: Download, app_paths: AppPaths) -> None:
    with pytest.raises(DownloadError) as err:
        download("vosk-model-nonexistent", app_paths)
    assert str(err.value) == (
        "vosk-model-nonexistent is not in the catalogue: see `companion model list`, "
        "or give its address with --url"
    )


def test_already_installed_is_refused_before_any_download(
    download: Download, app_paths: AppPaths, zip_server: ZipServer
) -> None:
    build_model(app_paths.models / NAME)
    with pytest.raises(DownloadError, match="already installed"):
        download(NAME, app_paths, url=zip_server.url(f"{NAME}.zip"), show_bar=False)
    assert zip_server.requests == []


def test_mirror_env_serves_a_catalogue_model(
    download: Download,
    app_paths: AppPaths,
    zip_server: ZipServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry = next(e for e in CATALOG if e.sha256 is None and e.size_bytes is None)
    folder = build_model(tmp_path / "m" / entry.name)
    zip_server.files[f"{entry.name}.zip"] = zip_folder(folder, tmp_path / "m.zip").read_bytes()
    monkeypatch.setenv(MIRROR_ENV, zip_server.base + "/")
    assert download_url(entry.name) == zip_server.url(f"{entry.name}.zip")
    installed = download(entry.name, app_paths, show_bar=False)
    assert validate_model_dir(installed) == []
    assert zip_server.requests == [(f"{entry.name}.zip", None)]


def test_zip_without_top_folder_installs_under_its_name(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = build_model(tmp_path / "flat")
    installed = install_zip(zip_folder(folder, tmp_path / "flat.zip"), app_paths, "flat-model")
    assert validate_model_dir(installed) == []
    assert oct(installed.stat().st_mode & 0o777) == oct(0o700)
    assert os.listdir(app_paths.models) == ["flat-model"]
