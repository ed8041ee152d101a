"""Another local user on the same machine (a terminal server, a hot desk) can neither stop the
agent's overlay nor receive caller details from the softphone hook.

The other user is `nobody`, a real second account: its processes run under `setpriv` with the
system Python, listen and connect through real Unix sockets, and keep whatever reaches them in
a file the test reads back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.ipc.client import send
from companion.ipc.endpoint import server_name
from companion.ipc.server import InstanceServer
from tests.gui.app_procs import PY, offscreen_env, quit_or_kill

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(sys.platform != "linux", reason="setpriv and SO_PEERCRED are Linux's"),
    pytest.mark.skipif(os.geteuid() != 0, reason="a second local user needs root to start"),
]
JANE = ["--name", "Jane Morgan"]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3"]

LISTENER = r"""
import os, socket, sys
path, kept = sys.argv[1], sys.argv[2]
os.makedirs(os.path.dirname(path), exist_ok=True)
os.chmod(os.path.dirname(path), 0o777)
server = socket.socket(socket.AF_UNIX)
server.bind(path)
os.chmod(path, 0o777)
server.listen()
print("READY", flush=True)
while True:
    conn, _ = server.accept()
    conn.settimeout(2)
    try:
        data = conn.recv(65536)
    except OSError:
        data = b""
    with open(kept, "ab") as out:
        out.write(data)
    conn.sendall(b'{"ok": true, "phase": "idle"}\n')
    conn.close()
"""

CLIENT = r"""
import socket, sys
sock = socket.socket(socket.AF_UNIX)
sock.settimeout(5)
sock.connect(sys.argv[1])
try:
    sock.sendall(b'{"cmd": "quit"}\n')
    print(repr(sock.recv(4096)))
except OSError as exc:  # refused: the overlay hung up, before or after the request was written
    print("closed:", type(exc).__name__)
"""


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A sticky, world-writable folder, as /tmp is: where a squatter can create names (pytest's
    own temporary folders are closed to other users)."""
    folder = Path(tempfile.mkdtemp(prefix="cc-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def squatter(shared_tmp: Path) -> Iterator[Any]:
    procs: list[subprocess.Popen[str]] = []

    def listen_at(path: Path) -> Path:
        kept = shared_tmp / "what-nobody-received"
        proc = subprocess.Popen(
            [*NOBODY, "-c", LISTENER, str(path), str(kept)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "READY", (
            proc.stderr.read() if proc.stderr else ""
        )
        return kept

    yield listen_at
    for proc in procs:
        proc.kill()
        proc.wait(timeout=10)


def test_a_name_squatted_first_does_not_stop_the_overlay_or_get_the_caller(
    tmp_path: Path, shared_tmp: Path, squatter: Any
) -> None:
    home = tmp_path / "home"
    env = {**offscreen_env(home), "TMPDIR": str(shared_tmp)}
    env.pop("XDG_RUNTIME_DIR", None)
    folder = shared_tmp / f"callcompanion-{os.getuid()}"
    # the name the agent's overlay would use, predicted and taken before it starts
    target = Path(str(folder) + "/" + Path(server_name(home / "data", environ=env)).name)
    kept = squatter(target)
    assert folder.stat().st_uid == 65534

    overlay = subprocess.Popen([PY, "-m", "companion"], env=env, text=True)
    try:
        log = home / "logs" / "companion.log"
        deadline = time.monotonic() + 60
        while "softphone link off" not in (log.read_text() if log.exists() else ""):
            assert overlay.poll() is None, "the overlay exited instead of starting"
            assert time.monotonic() < deadline, "no 'softphone link off' line in the log"
            time.sleep(0.2)
        assert f"{folder} belongs to another user (uid 65534)" in log.read_text()
        hook = subprocess.run(
            [PY, "-m", "companion", "call", "start", "--number", "+44 20 7946 0958", *JANE],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert hook.returncode == 1, hook
        assert hook.stderr.strip() == (
            f"companion call: {folder} belongs to another user (uid 65534); the softphone "
            "link is off. Ask IT to remove that folder, or set XDG_RUNTIME_DIR to a folder of "
            "your own"
        )
        assert overlay.poll() is None  # still running, only without the link
        overlay.send_signal(signal.SIGTERM)
        assert overlay.wait(timeout=30) == 0
    finally:
        if overlay.poll() is None:
            quit_or_kill(overlay)
    assert not kept.exists() or kept.read_bytes() == b""


def test_the_hook_sends_nothing_to_a_socket_another_user_serves(
    shared_tmp: Path, squatter: Any
) -> None:
    """Even where the folder check is bypassed (a path given directly), the hook asks the kernel
    who serves the socket before writing a byte."""
    kept = squatter(shared_tmp / "elsewhere" / "ipc-test")
    reply = send(str(shared_tmp / "elsewhere" / "ipc-test"), {"cmd": "start", "name": "Jane"})
    assert reply == {
        "ok": False,
        "error": f"{shared_tmp / 'elsewhere' / 'ipc-test'} is served by another user "
        "(uid 65534); nothing was sent",
    }
    assert not kept.exists() or kept.read_bytes() == b""


def test_the_overlay_serves_only_its_own_user(qtbot: Any, shared_tmp: Path) -> None:
    """A socket whose mode was opened up (by hand, a umask) still answers only this user."""
    runtime = shared_tmp / "run"
    runtime.mkdir(mode=0o700)
    name = server_name(shared_tmp / "data", environ={"XDG_RUNTIME_DIR": str(runtime)})
    requests: list[dict[str, Any]] = []

    def handle(request: dict[str, Any]) -> dict[str, Any]:
        requests.append(request)
        return {"ok": True, "phase": "idle"}

    server = InstanceServer(name, handle)
    assert server.listen()
    try:
        runtime.chmod(0o755)
        Path(name).chmod(0o777)
        other = subprocess.Popen(
            [*NOBODY, "-c", CLIENT, name], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
        out, err = other.communicate()
    finally:
        server.close()
    assert other.returncode == 0, err
    assert out.decode().strip() in (
        "b''",
        "closed: ConnectionResetError",
        "closed: BrokenPipeError",
    ), out
    assert requests == []  # the other user's "quit" never reached the overlay
