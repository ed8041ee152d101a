"""`companion model ...` end to end: a real subprocess with `--data-dir`, a real HTTP server.

The disk-full case at the end mounts a real 1 MB tmpfs as the data folder, so ENOSPC comes from
a real filesystem; mounting needs root, so that one test is skipped (and reported as skipped)
elsewhere. The portable variant is in test_model_download.py (`/dev/full`).

The test server speaks plain http, which a download refuses unless IT allows it: `it_config`
writes a real machine config and points COMPANION_MACHINE_CONFIG at it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.speech.modelkit import (
    ZipServer,
    add_zeros,
    build_model,
    declare_sizes,
    link_copy,
    self_signed_cert,
    start_redirect_server,
    zip_folder,
)

REPO = Path(__file__).resolve().parents[2]
NAME = "vosk-model-test-en-us-0.1"


def companion(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_MODEL")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), "model", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        timeout=120,
    )


def it_config(
    tmp_path: Path, speech: str = "allow_http_mirror = true", head: str = ""
) -> dict[str, str]:
    """The env for a machine whose IT config (a real file) holds `head` and `[speech] speech`."""
    machine = tmp_path / "machine.toml"
    machine.write_text(f"{head}\n[speech]\n{speech}\n")
    return {"COMPANION_MACHINE_CONFIG": str(machine)}


def one_line_error(result: subprocess.CompletedProcess[str], action: str) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"companion model {action}: ")
    return lines[0]


def models_in(home: Path) -> list[str]:
    folder = home / "data" / "models"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_list_download_use_remove(tmp_path: Path, zip_server: ZipServer) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / NAME, am_bytes=500_000)
    data = zip_folder(folder, tmp_path / "m.zip", top=NAME).read_bytes()
    zip_server.files[f"{NAME}.zip"] = data

    listed = companion(home, "list")
    assert listed.returncode == 0, listed.stderr
    assert "  vosk-model-small-en-us-0.15 " in listed.stdout
    assert "check: sha256" in listed.stdout
    assert "  vosk-model-small-de-0.15 " in listed.stdout
    assert "check: none (--sha256 HEX or --unverified)" in listed.stdout

    url = zip_server.url(f"{NAME}.zip")
    digest = hashlib.sha256(data).hexdigest()
    got = companion(
        home, "download", NAME, "--url", url, "--sha256", digest, env=it_config(tmp_path)
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[0] == f"installed {NAME} in {home / 'data' / 'models' / NAME}"
    assert models_in(home) == [NAME]

    listed = companion(home, "list")
    assert f"in use: {NAME} (from best installed (user folder))" in listed.stdout
    assert f"  * {NAME} " in listed.stdout

    used = companion(home, "use", NAME)
    assert used.returncode == 0, used.stderr
    config = tomllib.loads((home / "config" / "config.toml").read_text())
    assert config["speech"]["model"] == NAME
    listed = companion(home, "list")
    assert f"in use: {NAME} (from setting speech.model (user " in listed.stdout

    removed = companion(home, "remove", NAME)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.splitlines() == [
        f"removed {NAME} ({home / 'data' / 'models' / NAME})",
        f"note: speech.model still names {NAME}; run `companion model use NAME` or "
        "`companion model use none`",
    ]
    assert models_in(home) == []
    assert [p.name for p in (home / "data").iterdir() if p.name.startswith(".")] == []


def test_download_with_wrong_checksum_fails_cleanly(tmp_path: Path, zip_server: ZipServer) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / NAME)
    zip_server.files[f"{NAME}.zip"] = zip_folder(folder, tmp_path / "m.zip", top=NAME).read_bytes()
    result = companion(
        home,
        "download",
        NAME,
        "--url",
        zip_server.url(f"{NAME}.zip"),
        "--sha256",
        "0" * 64,
        env=it_config(tmp_path),
    )
    assert "checksum mismatch" in one_line_error(result, "download")
    assert models_in(home) == []
    assert list((home / "cache" / "downloads").iterdir()) == []


def test_download_through_the_mirror_env(tmp_path: Path, zip_server: ZipServer) -> None:
    from companion.speech.catalog import CATALOG

    home = tmp_path / "home"
    entry = next(e for e in CATALOG if e.sha256 is None and e.size_bytes is None)
    folder = build_model(tmp_path / "src" / entry.name)
    zip_server.files[f"{entry.name}.zip"] = zip_folder(folder, tmp_path / "m.zip").read_bytes()
    mirror = {"COMPANION_MODEL_MIRROR": zip_server.base, **it_config(tmp_path)}
    listed = companion(home, "list", env=mirror)
    assert f"from mirror {zip_server.base}):" in listed.stdout
    result = companion(home, "download", entry.name, "--unverified", env=mirror)
    assert result.returncode == 0, result.stderr
    assert models_in(home) == [entry.name]


def test_import_folder_and_zip(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / "vosk-model-small-en-us-0.15")
    result = companion(home, "import", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("installed vosk-model-small-en-us-0.15 in ")

    other = build_model(tmp_path / "src2" / "vosk-model-en-us-0.22-lgraph", seed=3)
    archive = zip_folder(other, tmp_path / "lgraph.zip", top=other.name)
    result = companion(home, "import", str(archive))
    assert result.returncode == 0, result.stderr
    assert models_in(home) == ["vosk-model-en-us-0.22-lgraph", "vosk-model-small-en-us-0.15"]
    listed = companion(home, "list")
    assert "in use: vosk-model-en-us-0.22-lgraph (from best installed" in listed.stdout

    again = companion(home, "import", str(archive))
    assert "is already installed" in one_line_error(again, "import")
    assert folder.is_dir() and archive.is_file()  # the sources are untouched


def test_import_real_model_symlinks_become_real_files(tmp_path: Path, korean_model: Path) -> None:
    home = tmp_path / "home"
    small = ["graph/HCLr.fst", "graph/Gr.fst", "ivector/final.ie", "am/final.mdl"]
    source = link_copy(korean_model, tmp_path / "ko", skip=small)
    for rel in small:  # stand-ins for the large files keep the copy small
        (source / rel).parent.mkdir(exist_ok=True)
        (source / rel).write_bytes(b"x" * 1000)
    result = companion(home, "import", str(source), "--name", "vosk-model-small-ko-0.22")
    assert result.returncode == 0, result.stderr
    installed = home / "data" / "models" / "vosk-model-small-ko-0.22"
    assert not (installed / "conf" / "model.conf").is_symlink()
    assert (installed / "conf" / "model.conf").read_bytes() == (
        korean_model / "conf" / "model.conf"
    ).read_bytes()


def test_import_of_a_non_model_folder_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    junk = tmp_path / "holiday-photos"
    (junk / "2024").mkdir(parents=True)
    (junk / "notes.txt").write_text("not a model")
    result = companion(home, "import", str(junk))
    line = one_line_error(result, "import")
    assert line.startswith(f"companion model import: {junk} is not a Vosk model: ")
    assert "am/final.mdl is missing" in line
    assert models_in(home) == []


def test_zip_with_the_model_folders_down_imports_that_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / "vosk-model-small-en-us-0.15")
    archive = zip_folder(folder, tmp_path / "from-it.zip", top="Downloads/models/" + folder.name)
    result = companion(home, "import", str(archive))
    assert result.returncode == 0, result.stderr
    assert models_in(home) == ["vosk-model-small-en-us-0.15"]
    assert (home / "data" / "models" / folder.name / "am" / "final.mdl").is_file()


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("../../evil.txt", "has an entry that points outside the zip (../../evil.txt)"),
        ("model/../../evil.txt", "points outside the zip (model/../../evil.txt)"),
        ("/etc/evil.txt", "has an entry with an absolute path (/etc/evil.txt)"),
        ("C:/Windows/evil.txt", "has an entry with an absolute path (C:/Windows/evil.txt)"),
        ("..\\evil.txt", "points outside the zip (..\\evil.txt)"),
    ],
)
def test_zip_with_an_escaping_entry_is_refused_before_unpacking(
    tmp_path: Path, entry: str, says: str
) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / "vosk-model-small-en-us-0.15")
    archive = zip_folder(folder, tmp_path / "odd.zip", top=folder.name)
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr(entry, "planted")
    result = companion(home, "import", str(archive))
    line = one_line_error(result, "import")
    assert says in line, line
    assert "nothing was unpacked" in line and "one folder down" not in line
    assert models_in(home) == []
    assert not list(tmp_path.rglob("evil.txt"))
    assert not list((home / "data").glob(".unpacking-*"))


def test_zip_with_two_models_names_both_and_installs_neither(tmp_path: Path) -> None:
    home = tmp_path / "home"
    archive = tmp_path / "both.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, seed in (("en-small", 1), ("en-big", 2)):
            folder = build_model(tmp_path / "src" / name, seed=seed)
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    zf.write(file, f"pack/{name}/{file.relative_to(folder).as_posix()}")
    result = companion(home, "import", str(archive))
    line = one_line_error(result, "import")
    assert line == (
        "companion model import: both.zip holds 2 models (pack/en-big/, pack/en-small/); "
        "unzip it and import one folder with `companion model import FOLDER`"
    )
    assert models_in(home) == []


# --- folders with links: followed into a model, never out of it ------------------------------


def test_import_folder_with_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / "vosk-model-small-en-us-0.15")
    (folder / "graph" / "again").symlink_to("..")
    line = one_line_error(companion(home, "import", str(folder)), "import")
    assert line == (
        f"companion model import: {folder} has a symlink loop: {folder}/graph/again leads back "
        f"to {folder.resolve()}; remove that link and import again"
    )
    assert models_in(home) == []
    assert not list((home / "logs").rglob("crash-*"))


@pytest.mark.parametrize("how", ["file link", "folder link"])
def test_import_refuses_a_link_out_of_the_folder(tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "share" / "vosk-model-small-en-us-0.15")
    secrets = tmp_path / "agent" / ".ssh"
    secrets.mkdir(parents=True)
    (secrets / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    if how == "file link":
        link = folder / "conf" / "passwd"
        link.symlink_to("/etc/passwd")
        shown, real = link, Path("/etc/passwd").resolve()
    else:
        link = folder / "graph" / "keys"
        link.symlink_to(secrets)
        shown, real = link / "id_rsa", secrets / "id_rsa"
    line = one_line_error(companion(home, "import", str(folder)), "import")
    assert line == (
        f"companion model import: {shown} is a link to {real}, outside {folder} and not part of "
        "a Vosk model; nothing was copied. Remove the link or replace it with the model file"
    )
    assert models_in(home) == []
    assert [p.name for p in (home / "data").iterdir() if p.name.startswith(".")] == []
    assert not list(home.rglob("id_rsa")) and not list(home.rglob("passwd"))


def test_import_copies_links_within_the_folder_or_into_another_model(tmp_path: Path) -> None:
    home = tmp_path / "home"
    elsewhere = build_model(tmp_path / "disk" / "model", seed=5)
    tree = link_copy(elsewhere, tmp_path / "links" / "vosk-model-small-en-us-0.15")
    (tree / "README.md").symlink_to("README")  # within the folder
    result = companion(home, "import", str(tree))
    assert result.returncode == 0, result.stderr
    installed = home / "data" / "models" / tree.name
    for rel in ("am/final.mdl", "README.md"):
        assert not (installed / rel).is_symlink()
    assert (installed / "am" / "final.mdl").read_bytes() == (
        elsewhere / "am" / "final.mdl"
    ).read_bytes()
    assert (installed / "README.md").read_bytes() == (elsewhere / "README").read_bytes()


def test_import_folder_with_a_dangling_link_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / "vosk-model-small-en-us-0.15")
    (folder / "README.old").symlink_to(tmp_path / "gone")
    line = one_line_error(companion(home, "import", str(folder)), "import")
    assert line == (
        f"companion model import: {folder}/README.old is a link that leads nowhere (No such file "
        f"or directory); remove it from {folder} or put the file it names there, and import again"
    )
    assert models_in(home) == []


# --- zip bombs: refused from the zip's directory, before anything is written ------------------


def test_zip_that_unpacks_far_beyond_its_size_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    name = "vosk-model-small-en-us-0.15"
    folder = build_model(tmp_path / "src" / name, skip=["am/final.mdl"])
    archive = zip_folder(folder, tmp_path / "bomb.zip", top=name)
    add_zeros(archive, f"{name}/am/final.mdl", 100 * 1024**2)  # 100 MiB in about 0.5 MB
    packed = archive.stat().st_size
    assert packed < 1_000_000
    line = one_line_error(companion(home, "import", str(archive)), "import")
    assert line == (
        f"companion model import: bomb.zip would unpack to 104.9 MB from {packed / 1e6:.1f} MB "
        f"({100 * 1024**2 // packed}:1), far more than a model zip compresses: a zip bomb; "
        "nothing was unpacked. Get the model from alphacephei.com/vosk/models or your IT team"
    )
    assert models_in(home) == []
    assert not list((home / "data").glob(".unpacking-*"))


def test_zip_with_one_entry_that_unpacks_far_beyond_its_size_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    name = "vosk-model-small-en-us-0.15"
    folder = build_model(tmp_path / "src" / name, am_bytes=1_000_000)
    archive = zip_folder(folder, tmp_path / "padded.zip", top=name)
    add_zeros(archive, f"{name}/graph/padding", 50 * 1024**2)  # the zip as a whole is ~40:1
    with zipfile.ZipFile(archive) as zf:
        packed = zf.getinfo(f"{name}/graph/padding").compress_size
    line = one_line_error(companion(home, "import", str(archive)), "import")
    assert line == (
        f"companion model import: padded.zip has an entry that would unpack to 52.4 MB from "
        f"{packed / 1e6:.1f} MB ({name}/graph/padding), far more than model data compresses: "
        "a zip bomb; nothing was unpacked. Get the model from alphacephei.com/vosk/models or "
        "your IT team"
    )
    assert models_in(home) == []


def test_zip_declaring_more_than_any_model_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    name = "vosk-model-small-en-us-0.15"
    folder = build_model(tmp_path / "src" / name)
    archive = zip_folder(folder, tmp_path / "huge.zip", top=name)
    big = 0xF000_0000  # 3.75 GiB, the most a plain zip entry can declare
    declare_sizes(archive, {f"{name}/{rel}": big for rel in ("am/final.mdl", "graph/HCLr.fst")})
    declare_sizes(archive, {f"{name}/graph/Gr.fst": big})
    line = one_line_error(companion(home, "import", str(archive)), "import")
    assert line == (
        "companion model import: huge.zip would unpack to 11.3 GiB, more than the 8 GiB any Vosk "
        "model needs; nothing was unpacked. Get the model from alphacephei.com/vosk/models or "
        "your IT team"
    )
    assert models_in(home) == []


# --- downloads: only what a checksum or an explicit, allowed consent vouches for -------------


def test_download_without_a_checksum_needs_unverified(
    tmp_path: Path, zip_server: ZipServer
) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / NAME)
    zip_server.files[f"{NAME}.zip"] = zip_folder(folder, tmp_path / "m.zip", top=NAME).read_bytes()
    url = zip_server.url(f"{NAME}.zip")
    env = it_config(tmp_path)
    line = one_line_error(companion(home, "download", NAME, "--url", url, env=env), "download")
    assert line == (
        f"companion model download: {NAME} has no pinned SHA-256 checksum, so the download "
        "cannot be verified: pass --sha256 HEX (from IT or the publisher), or --unverified to "
        "install the zip as served"
    )
    assert zip_server.requests == [] and models_in(home) == []

    result = companion(home, "download", NAME, "--url", url, "--unverified", env=env)
    assert result.returncode == 0, result.stderr
    assert models_in(home) == [NAME]


def test_download_of_an_unpinned_catalogue_model_needs_unverified(
    tmp_path: Path, zip_server: ZipServer
) -> None:
    home = tmp_path / "home"
    env = {"COMPANION_MODEL_MIRROR": zip_server.base, **it_config(tmp_path)}
    result = companion(home, "download", "vosk-model-small-de-0.15", env=env)
    assert one_line_error(result, "download").startswith(
        "companion model download: vosk-model-small-de-0.15 has no pinned SHA-256 checksum, "
    )
    assert zip_server.requests == []


def test_it_can_forbid_unverified_downloads(tmp_path: Path, zip_server: ZipServer) -> None:
    home = tmp_path / "home"
    folder = build_model(tmp_path / "src" / NAME)
    data = zip_folder(folder, tmp_path / "m.zip", top=NAME).read_bytes()
    zip_server.files[f"{NAME}.zip"] = data
    url = zip_server.url(f"{NAME}.zip")
    env = it_config(
        tmp_path,
        "allow_unverified_models = false\nallow_http_mirror = true",
        head='locked = ["speech.allow_unverified_models"]',
    )
    result = companion(home, "download", NAME, "--url", url, "--unverified", env=env)
    assert one_line_error(result, "download") == (
        f"companion model download: {NAME} has no pinned SHA-256 checksum and unverified "
        "downloads are turned off (speech.allow_unverified_models = false, machine (locked) "
        f"{tmp_path / 'machine.toml'}): pass --sha256 HEX, or ask IT for the model"
    )
    assert zip_server.requests == [] and models_in(home) == []

    digest = hashlib.sha256(data).hexdigest()
    result = companion(home, "download", NAME, "--url", url, "--sha256", digest, env=env)
    assert result.returncode == 0, result.stderr
    assert models_in(home) == [NAME]


def test_plain_http_needs_it_to_allow_it(tmp_path: Path, zip_server: ZipServer) -> None:
    home = tmp_path / "home"
    mirror = {"COMPANION_MODEL_MIRROR": zip_server.base}
    pinned = "vosk-model-small-en-us-0.15"
    line = one_line_error(companion(home, "download", pinned, env=mirror), "download")
    assert line == (
        f"companion model download: the model mirror {zip_server.base} (COMPANION_MODEL_MIRROR) "
        "is plain http, which anyone on the network can alter: use an https address, or ask IT "
        "to set speech.allow_http_mirror = true"
    )
    url = zip_server.url(f"{NAME}.zip")
    result = companion(home, "download", NAME, "--url", url, "--unverified")
    assert one_line_error(result, "download") == (
        f"companion model download: {url} is plain http, which anyone on the network can alter: "
        "use an https address, or ask IT to set speech.allow_http_mirror = true"
    )
    assert zip_server.requests == [] and models_in(home) == []


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl for a certificate")
def test_https_mirror_may_not_redirect_down_to_http(tmp_path: Path, zip_server: ZipServer) -> None:
    home = tmp_path / "home"
    entry = "vosk-model-small-de-0.15"
    folder = build_model(tmp_path / "src" / entry)
    zip_server.files[f"{entry}.zip"] = zip_folder(folder, tmp_path / "m.zip").read_bytes()
    cert = self_signed_cert(tmp_path)
    https = start_redirect_server(zip_server.base, cert)
    try:
        base = f"https://127.0.0.1:{https.server_address[1]}"
        env = {"COMPANION_MODEL_MIRROR": base, "SSL_CERT_FILE": str(cert)}
        result = companion(home, "download", entry, "--unverified", env=env)
        assert one_line_error(result, "download") == (
            f"companion model download: {base}/{entry}.zip redirects to "
            f"{zip_server.base}/{entry}.zip, which is not https: anyone on the network can alter "
            "it; ask the mirror's owner, or ask IT to set speech.allow_http_mirror = true"
        )
        assert zip_server.requests == [] and models_in(home) == []

        env.update(it_config(tmp_path))
        result = companion(home, "download", entry, "--unverified", env=env)
        assert result.returncode == 0, result.stderr
        assert zip_server.requests == [(f"{entry}.zip", None)]
    finally:
        https.shutdown()
        https.server_close()


def test_sha256_cannot_replace_a_pinned_checksum(tmp_path: Path, zip_server: ZipServer) -> None:
    home = tmp_path / "home"
    pinned = "vosk-model-small-en-us-0.15"
    folder = build_model(tmp_path / "src" / pinned)
    data = zip_folder(folder, tmp_path / "m.zip", top=pinned).read_bytes()
    zip_server.files[f"{pinned}.zip"] = data
    digest = hashlib.sha256(data).hexdigest()
    env = {"COMPANION_MODEL_MIRROR": zip_server.base, **it_config(tmp_path)}
    result = companion(home, "download", pinned, "--sha256", digest, env=env)
    assert one_line_error(result, "download") == (
        f"companion model download: --sha256 {digest[:12]}... is not the checksum pinned for "
        f"{pinned} (30f26242c4eb...): leave out --sha256 to use the pinned one"
    )
    result = companion(home, "download", NAME, "--url", zip_server.url("x.zip"), "--sha256", "xyz")
    assert one_line_error(result, "download") == (
        "companion model download: --sha256 must be 64 hexadecimal digits, not 'xyz'"
    )
    assert zip_server.requests == [] and models_in(home) == []


def test_use_path_to_the_real_model_and_none(tmp_path: Path, korean_model: Path) -> None:
    home = tmp_path / "home"
    result = companion(home, "use", str(korean_model))
    assert result.returncode == 0, result.stderr
    listed = companion(home, "list")
    assert listed.stdout.splitlines()[0] == (
        f"in use: model (from setting speech.model (user {home / 'config' / 'config.toml'}))"
    )
    assert companion(home, "use", "none").returncode == 0
    listed = companion(home, "list")
    assert listed.stdout.splitlines()[0].startswith(
        "in use: none (disabled by setting speech.model (user "
    )


def test_use_unknown_and_remove_unknown(tmp_path: Path) -> None:
    home = tmp_path / "home"
    line = one_line_error(companion(home, "use", "vosk-model-small-de-0.15"), "use")
    assert line.endswith(
        "is not installed; run `companion model download vosk-model-small-de-0.15`"
    )
    line = one_line_error(companion(home, "remove", "nothing"), "remove")
    assert line == f"companion model remove: nothing is not installed in {home}/data/models"


def test_use_is_refused_when_it_locked_the_setting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    build_model(home / "data" / "models" / NAME)
    machine = tmp_path / "machine.toml"
    machine.write_text('locked = ["speech.model"]\n[speech]\nmodel = "none"\n')
    result = companion(home, "use", NAME, env={"COMPANION_MACHINE_CONFIG": str(machine)})
    assert one_line_error(result, "use") == (
        f"companion model use: speech.model is locked by IT in {machine}; ask IT to change it"
    )
    assert not (home / "config" / "config.toml").exists()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB tmpfs (needs root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a 1 MB tmpfs needs root; /dev/full covers ENOSPC portably")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {made.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_full_disk_on_a_real_tmpfs(tmp_path: Path, zip_server: ZipServer, tiny_disk: Path) -> None:
    home = tiny_disk / "home"
    folder = build_model(tmp_path / "src" / NAME, am_bytes=1_500_000)
    archive = zip_folder(folder, tmp_path / "m.zip", top=NAME)
    zip_server.files[f"{NAME}.zip"] = archive.read_bytes()

    url = zip_server.url(f"{NAME}.zip")
    result = companion(
        home, "download", NAME, "--url", url, "--unverified", env=it_config(tmp_path)
    )
    line = one_line_error(result, "download")
    assert line.startswith("companion model download: disk full while downloading (")
    assert models_in(home) == []

    (home / "cache" / "downloads" / f"{NAME}.zip.part").unlink()
    result = companion(home, "import", str(archive))
    assert "not enough disk space to unpack" in one_line_error(result, "import")
    result = companion(home, "import", str(folder))
    assert "not enough disk space to copy" in one_line_error(result, "import")
    assert models_in(home) == []
    assert [p.name for p in (home / "data").iterdir() if p.name.startswith(".")] == []
