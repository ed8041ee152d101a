"""Where the overlay's channel lives, chosen so that no other local user can take its place.

Agents share machines (terminal servers, hot desks). A socket in world-writable `/tmp` under a
predictable name lets another user create that name first: the agent's overlay then thinks it
is "already running", and the softphone hook hands the caller's number and name to the
squatter. So on Linux and macOS the socket lives in a folder only this user can write:

1. `$XDG_RUNTIME_DIR` (Linux: `/run/user/UID`, created by the login manager, 0700), when it is
   a real folder owned by this user and closed to everyone else;
2. otherwise `callcompanion-UID` in the temporary folder Qt uses (`qt_temp_path`: macOS gives
   every user a private one), created 0700 by the overlay. One that already exists must be a
   real folder owned by this user; one left too open by this user is closed (0700); one owned
   by anybody else is refused (`EndpointUnsafe`), and nothing is sent or served there.

On top of the folder, each end checks who is at the other end where the OS says so
(`peer_uid`: SO_PEERCRED on Linux, LOCAL_PEERCRED on macOS) and talks only to its own user.

Windows keeps the named pipe `\\\\.\\pipe\\callcompanion-<hash>` that Qt creates with a DACL for
the user alone (`QLocalServer.UserAccessOption`).
"""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from companion.errors import KnownError
from companion.ipc.client import peer_uid, qt_temp_path


class EndpointUnsafe(KnownError):
    """The channel's folder (or its peer) belongs to someone else: the channel stays off."""


def server_name(
    data_dir: Path,
    *,
    create: bool = False,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> str:
    """The name the overlay listens on and `companion call` connects to, for one data folder.

    A full socket path on Linux and macOS, a pipe name on Windows. `create` makes the private
    folder (the overlay); the hook never creates it (no folder: no overlay is running)."""
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    if (platform or sys.platform) == "win32":
        return f"callcompanion-{digest}"
    return str(private_folder(create=create, environ=environ, platform=platform) / f"ipc-{digest}")


def private_folder(
    *, create: bool, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> Path:
    """The folder for the socket; `EndpointUnsafe` when the only candidate is not ours."""
    env = os.environ if environ is None else environ
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and _is_private(Path(runtime)):
        return Path(runtime)
    folder = Path(qt_temp_path(env, platform)) / f"callcompanion-{os.getuid()}"
    if create:
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise EndpointUnsafe(
                f"cannot create the softphone link's folder {folder} ({exc.strerror}); "
                "set XDG_RUNTIME_DIR or TMPDIR to a folder of your own"
            ) from exc
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return folder  # nobody made it: no overlay listens there
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise EndpointUnsafe(
            f"{folder} is not a plain folder; the softphone link is off until it is removed"
        )
    if info.st_uid != os.getuid():
        raise EndpointUnsafe(
            f"{folder} belongs to another user (uid {info.st_uid}); the softphone link is off. "
            "Ask IT to remove that folder, or set XDG_RUNTIME_DIR to a folder of your own"
        )
    if info.st_mode & 0o077:
        folder.chmod(0o700)  # ours, left open (an older version, a umask): close it
    return folder


def _is_private(folder: Path) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def peer_is_another_user(fd: int) -> int | None:
    """For a connected socket descriptor we do not own (Qt's): the other user's id, or None
    when the peer is this user or cannot be told."""
    if sys.platform == "win32":
        return None
    with socket.socket(fileno=os.dup(fd)) as sock:
        uid = peer_uid(sock)
    return uid if uid is not None and uid != os.getuid() else None
