"""Real baresip and sipp on 127.0.0.1 for the softphone tests, and the recorded streams.

`start_baresip(auto_answer=...)` writes a config into the test's folder (SIP on a free UDP port,
ctrl_tcp on a free TCP port, audio through the in-process `aubridge` module so no sound card is
needed), starts baresip and waits — bounded — until its control socket answers a command. Every
process is stopped when the test ends. `place_call(...)` runs sipp with one of `scenarios/`.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion.softphone.netstring import NetstringDecoder, encode

HERE = Path(__file__).resolve().parent
RECORDED = HERE / "recorded"
SCENARIOS = HERE / "scenarios"
LOCALHOST = "127.0.0.1"
CALLER = "5551234"
CALLER_NAME = "Jane Caller"
READY_S = 15.0


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((LOCALHOST, 0))
        return int(s.getsockname()[1])


def free_udp_pair() -> int:
    """An even UDP port with the next one free too (sipp's RTP and RTCP)."""
    for _ in range(50):
        port = free_port(socket.SOCK_DGRAM) & ~1
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a:
                a.bind((LOCALHOST, port))
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b:
                    b.bind((LOCALHOST, port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no free UDP port pair on 127.0.0.1")


def ask(port: int, command: str, timeout: float = 2.0) -> dict[str, object] | None:
    """Send one ctrl_tcp command; its response, or None when baresip does not answer."""
    try:
        with socket.create_connection((LOCALHOST, port), timeout=timeout) as sock:
            sock.sendall(encode(json.dumps({"command": command, "token": "probe"}).encode()))
            decoder = NetstringDecoder()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                data = sock.recv(65536)
                if not data:
                    return None
                for payload in decoder.feed(data):
                    message = json.loads(payload)
                    if message.get("response"):
                        return dict(message)
    except OSError:
        return None
    return None


@dataclass
class Baresip:
    proc: subprocess.Popen[bytes]
    ctrl_port: int
    sip_port: int
    folder: Path
    console_port: int = 0

    def press(self, key: str) -> None:
        """A key on baresip's own console (its `cons` UI, over UDP), as the agent pressing it
        in the softphone: "a" answers, "b" hangs up. The overlay's ctrl_tcp link is untouched
        (baresip serves one ctrl_tcp client at a time)."""
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.sendto(key.encode("ascii"), (LOCALHOST, self.console_port))

    @property
    def log(self) -> str:
        return (self.folder / "baresip.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def _need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(
            f"{program} is not installed: apt-get install baresip sip-tester (tests/run.sh)"
        )
    return path


@pytest.fixture
def start_baresip(tmp_path: Path) -> Iterator[Callable[..., Baresip]]:
    started: list[Baresip] = []

    def start(*, auto_answer: bool = True) -> Baresip:
        binary = _need("baresip")
        folder = tmp_path / f"baresip{len(started)}"
        folder.mkdir()
        ctrl_port, sip_port = free_port(), free_port(socket.SOCK_DGRAM)
        console_port = free_port(socket.SOCK_DGRAM)
        (folder / "config").write_text(
            "\n".join(
                [
                    "poll_method epoll",
                    f"sip_listen {LOCALHOST}:{sip_port}",
                    "audio_player aubridge,line",
                    "audio_source aubridge,line",
                    "audio_alert aubridge,line",
                    "module_path /usr/lib/baresip/modules",
                    "module g711.so",
                    "module aubridge.so",
                    "module cons.so",
                    f"cons_listen {LOCALHOST}:{console_port}",
                    "module_app account.so",
                    "module_app menu.so",
                    "module_app ctrl_tcp.so",
                    f"ctrl_tcp_listen {LOCALHOST}:{ctrl_port}",
                    "",
                ]
            )
        )
        answer = ";answermode=auto" if auto_answer else ""
        (folder / "accounts").write_text(f"<sip:agent@{LOCALHOST}>;regint=0{answer}\n")
        log = (folder / "baresip.log").open("wb")
        proc = subprocess.Popen(
            [binary, "-f", str(folder)], stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
        phone = Baresip(proc, ctrl_port, sip_port, folder, console_port)
        started.append(phone)
        deadline = time.monotonic() + READY_S
        while ask(ctrl_port, "help", timeout=1.0) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"baresip did not start on 127.0.0.1:{ctrl_port}:\n{phone.log}")
            time.sleep(0.1)
        return phone

    yield start
    for phone in started:
        phone.stop()


def place_call(
    folder: Path, sip_port: int, scenario: str, *, hold_ms: int = 2000, timeout_s: int = 20
) -> subprocess.CompletedProcess[bytes]:
    """One sipp call from `CALLER` to the agent on 127.0.0.1:sip_port; returns when it is over."""
    binary = _need("sipp")
    args = [
        binary,
        "-sf",
        str(SCENARIOS / scenario),
        "-m",
        "1",
        "-d",
        str(hold_ms),
        "-i",
        LOCALHOST,
        "-p",
        str(free_port(socket.SOCK_DGRAM)),
        "-mp",
        str(free_udp_pair()),
        "-key",
        "caller",
        CALLER,
        "-key",
        "caller_name",
        CALLER_NAME,
        "-s",
        "agent",
        "-nostdin",
        "-timeout",
        str(timeout_s),
        "-timeout_error",
        f"{LOCALHOST}:{sip_port}",
    ]
    with (folder / "sipp.log").open("wb") as log:
        return subprocess.run(
            args, cwd=folder, stdout=log, stderr=log, timeout=timeout_s + 20, check=False
        )


WAIT_S = 20.0


def wait_until(check: Callable[[], bool], limit: float = WAIT_S) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


class ScriptedServer:
    """Serves connection i with `scripts[i]`: bytes sent in small pieces, then held open."""

    def __init__(self, port: int, scripts: list[bytes]) -> None:
        self.port, self.scripts = port, scripts
        self.served = 0
        self._stop = threading.Event()
        self._listener = socket.create_server((LOCALHOST, port))
        self._listener.settimeout(0.1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set() and self.served < len(self.scripts):
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            data = self.scripts[self.served]
            with conn:
                for i in range(0, len(data), 37):
                    conn.sendall(data[i : i + 37])
                    time.sleep(0.001)
                self.served += 1
                while not self._stop.is_set():
                    try:  # hold the connection until the client drops it
                        conn.settimeout(0.1)
                        if conn.recv(1024) == b"":
                            break
                    except TimeoutError:
                        continue
                    except OSError:
                        break

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()
