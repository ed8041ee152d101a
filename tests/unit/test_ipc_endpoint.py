"""Where the channel lives: a folder only this user can write, never a name in shared /tmp that
another user could take first. Real folders, real ownership (the suite runs as root, so a folder
can be handed to `nobody` as another local user would own it)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from companion.ipc.endpoint import EndpointUnsafe, private_folder, server_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets and folder modes")
NOBODY = 65534


def test_the_login_runtime_folder_is_used_when_it_is_private(tmp_path: Path) -> None:
    runtime = tmp_path / "run-user"
    runtime.mkdir(mode=0o700)
    env = {"XDG_RUNTIME_DIR": str(runtime), "TMPDIR": str(tmp_path / "tmp")}
    name = server_name(tmp_path / "data", create=True, environ=env, platform="linux")
    assert Path(name).parent == runtime and Path(name).name.startswith("ipc-")
    assert not (tmp_path / "tmp").exists()  # nothing made in the shared folder


@pytest.mark.parametrize("mode", [0o755, 0o777, 0o1777])
def test_an_open_runtime_folder_is_not_trusted(tmp_path: Path, mode: int) -> None:
    runtime = tmp_path / "run-user"
    runtime.mkdir()
    runtime.chmod(mode)
    shared = tmp_path / "tmp"
    shared.mkdir()
    env = {"XDG_RUNTIME_DIR": str(runtime), "TMPDIR": str(shared)}
    folder = private_folder(create=True, environ=env, platform="linux")
    assert folder == shared / f"callcompanion-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_fallback_folder_is_made_private_and_an_open_one_of_ours_is_closed(
    tmp_path: Path,
) -> None:
    env = {"TMPDIR": str(tmp_path)}
    folder = private_folder(create=True, environ=env, platform="linux")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o777)  # an older version, or a umask of 0
    assert private_folder(create=True, environ=env, platform="linux") == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_hook_creates_nothing(tmp_path: Path) -> None:
    env = {"TMPDIR": str(tmp_path)}
    name = server_name(tmp_path / "data", environ=env, platform="linux")
    assert Path(name).parent == tmp_path / f"callcompanion-{os.getuid()}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="handing a folder to another user needs root")
def test_a_folder_another_user_made_first_is_refused_by_both_ends(tmp_path: Path) -> None:
    squatted = tmp_path / f"callcompanion-{os.getuid()}"
    squatted.mkdir()
    squatted.chmod(0o777)
    os.chown(squatted, NOBODY, NOBODY)
    env = {"TMPDIR": str(tmp_path)}
    for create in (True, False):
        with pytest.raises(EndpointUnsafe) as caught:
            server_name(tmp_path / "data", create=create, environ=env, platform="linux")
        assert str(caught.value) == (
            f"{squatted} belongs to another user (uid {NOBODY}); the softphone link is off. "
            "Ask IT to remove that folder, or set XDG_RUNTIME_DIR to a folder of your own"
        )
    assert stat.S_IMODE(squatted.stat().st_mode) == 0o777  # not ours to change


def test_a_symlink_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / f"callcompanion-{os.getuid()}").symlink_to(elsewhere)
    with pytest.raises(EndpointUnsafe, match="is not a plain folder"):
        private_folder(create=True, environ={"TMPDIR": str(tmp_path)}, platform="linux")


def test_each_data_folder_has_its_own_endpoint(tmp_path: Path) -> None:
    env = {"TMPDIR": str(tmp_path)}
    one = server_name(tmp_path / "a", environ=env, platform="linux")
    two = server_name(tmp_path / "b", environ=env, platform="linux")
    assert one != two and Path(one).parent == Path(two).parent
    assert server_name(tmp_path / "a", platform="win32").startswith("callcompanion-")
