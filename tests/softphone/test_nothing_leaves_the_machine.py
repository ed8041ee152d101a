"""Nothing leaves the machine: a whole call, watched at the system-call level.

The overlay runs as its own process under `strace -f` on Xvfb with the Korean test model (the
real Vosk engine) and the two virtual microphones, in a fresh `--data-dir`, with its own TMPDIR,
HOME and XDG_RUNTIME_DIR inside the test's folder, so every file it could write is there to look
at. A second process drives the call as a softphone hook does (`companion call start`), real
recorded English speech plays on both microphones, the call ends, the note is typed and saved
with real key events, and `companion call quit` closes the overlay.

What the trace of the overlay and every thread and child of it must show:
- no network. `softphone.baresip` is empty by default (following baresip is off), so nothing
  may connect, send to or listen on an AF_INET/AF_INET6 address. The one inet socket that is
  created is urllib3's import-time IPv6 probe (`import vosk` imports `requests` for its model
  downloader): a socket bound to ::1, port 0, and closed. Only that shape is let through — a
  loopback bind to port 0 and nothing else done with the socket;
- every AF_UNIX address it reaches is a socket on this machine, named in `local_endpoints`, and
  it listens only in its own private IPC folder;
- no audio on disk: no file it created, wrote or renamed into place, wherever it is, has an
  audio name, an audio signature or more than 2 MB, and no database value is a BLOB over 4 KB
  (or a text over 64 KB, where base64 audio would hide).
And so that none of this passes on a call that never happened: the call's row has its end, a
turn-taking cue is stored with it (the played speech has the agent talking over the caller, the
`interruption` cue; on a very busy machine `dead-air` may come instead — every one of these
needs speech heard on the microphones, see `cues/turns.py`), the typed note is stored, and no
transcript is kept (`privacy.store_transcripts` is off by default).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from companion.ipc.channel import server_name
from companion.logsetup import LOG_NAME
from companion.paths import resolve_paths
from tests.audio.conftest import (
    clean_clips,  # noqa: F401  (the session fixture, reused here)
    compose,
    write_wav,
)
from tests.fixtures.vmic import VirtualMics
from tests.gui.app_procs import quit_or_kill
from tests.softphone.conftest import wait_until

PY = sys.executable
RATE = 16000
NUMBER, NAME = "+44 20 7946 0321", "Robin Privacy"
REASON = "Card blocked abroad"
TRACED = "socket,connect,bind,listen,sendto,sendmsg,open,openat,creat,rename,renameat,renameat2"
AUDIO_NAMES = (".wav", ".raw", ".pcm", ".ogg", ".oga", ".opus", ".flac", ".mp3", ".m4a", ".webm")
AUDIO_MAGIC = re.compile(rb"RIFF.{4}WAVE|OggS\x00|fLaC\x00|\AID3[\x02-\x04]", re.DOTALL)
TURN_CUES = {"interruption", "dead-air", "monologue", "pause"}  # none fires without speech
BIG_FILE = 2 * 1024 * 1024
BIG_BLOB = 4 * 1024
BIG_TEXT = 64 * 1024
QUOTED = r'"((?:[^"\\]|\\.)*)"'
pytestmark = [pytest.mark.gui, pytest.mark.timeout(240)]


@dataclass(frozen=True)
class Syscall:
    pid: int
    name: str
    args: str
    result: str

    @property
    def ok(self) -> bool:
        return not self.result.startswith(("-1", "?"))

    @property
    def socket_id(self) -> str:
        """The socket the first argument names (`-y` prints `5<socket:[1234]>`), or ''."""
        found = re.match(r"\d+<(socket:\[\d+\])>", self.args)
        return found.group(1) if found else ""


def read_trace(log: Path) -> list[Syscall]:
    """strace's `-f -o` lines, with calls split by other threads (`<unfinished ...>` then
    `<... name resumed>`) put back together."""
    calls: list[Syscall] = []
    pending: dict[int, str] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        pid_text, _, rest = line.partition(" ")
        if not pid_text.isdigit():
            continue
        pid, rest = int(pid_text), rest.strip()
        resumed = re.match(r"<\.\.\. \w+ resumed>(.*)", rest)
        if resumed:
            rest = pending.pop(pid, "") + resumed.group(1)
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest.removesuffix("<unfinished ...>").rstrip()
            continue
        call = re.match(r"(\w+)\((.*)\)\s+=\s+(.*)$", rest)
        if call:
            calls.append(Syscall(pid, call.group(1), call.group(2), call.group(3)))
    return calls


def _unquote(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _at(dirfd: str, path: str) -> str:
    """An absolute path from an `*at` call's directory (decorated by `-y`) and its path."""
    if path.startswith("/"):
        return os.path.normpath(path)
    folder = re.search(r"<(.*)>", dirfd)
    assert folder, f"cannot place {path!r} relative to {dirfd!r}"
    return os.path.normpath(os.path.join(folder.group(1), path))


def written_paths(calls: list[Syscall]) -> set[str]:
    """Files created, opened for writing, or renamed into place, successfully."""
    out: set[str] = set()
    for c in (c for c in calls if c.ok):
        if c.name in ("open", "openat"):
            m = re.match(rf"(?:(\S+?), )?{QUOTED}, ([A-Z_|0-9]+)", c.args)
            assert m, c
            if re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND", m.group(3)):
                out.add(_at(m.group(1) or "AT_FDCWD", _unquote(m.group(2))))
        elif c.name == "creat":
            out.add(os.path.normpath(_unquote(re.findall(QUOTED, c.args)[0])))
        elif c.name == "rename":
            out.add(os.path.normpath(_unquote(re.findall(QUOTED, c.args)[1])))
        elif c.name in ("renameat", "renameat2"):
            m = re.match(rf"\S+?, {QUOTED}, (\S+?), {QUOTED}", c.args)
            assert m, c
            out.add(_at(m.group(2), _unquote(m.group(3))))
    return out


def network_use(calls: list[Syscall]) -> list[Syscall]:
    """Every call that used an AF_INET/AF_INET6 socket or address, except a bind to loopback
    port 0 (a probe of whether the stack has IPv6 or IPv4, which sends nothing)."""
    inet = {
        c.result.split("<", 1)[1].strip("<>")
        for c in calls
        if c.name == "socket" and c.ok and c.args.startswith(("AF_INET,", "AF_INET6,"))
    }
    probe = re.compile(
        r"\d+<socket:\[\d+\]>, \{sa_family=AF_INET6?, sin6?_port=htons\(0\), "
        r'.*(inet_pton\(AF_INET6, "::1"|inet_addr\("127\.0\.0\.1"\))'
    )
    return [
        c
        for c in calls
        if (c.socket_id in inet or re.search(r"sa_family=AF_INET6?\b", c.args))
        and not (c.name == "bind" and probe.match(c.args))
    ]


def unix_addresses(calls: list[Syscall], names: tuple[str, ...]) -> dict[str, bool]:
    """AF_UNIX addresses given to `names` calls (abstract ones start with @): did one work."""
    seen: dict[str, bool] = {}
    for c in (c for c in calls if c.name in names):
        for path in re.findall(rf"sa_family=AF_UNIX, sun_path=(@?){QUOTED}", c.args):
            key = path[0] + _unquote(path[1])
            seen[key] = seen.get(key, False) or c.ok
    return seen


def local_endpoints(ipc: str, run: Path, pulse_runtime: Path, display: str) -> tuple[str, ...]:
    """AF_UNIX addresses the overlay may reach: exact, or a prefix when ending in "*". Every one
    is a socket file on this machine, or a name in this machine's abstract namespace (@)."""
    return (
        ipc,  # its own IPC endpoint: at start, "is an overlay already running here?"
        f"{pulse_runtime}/*",  # the virtual microphones' PulseAudio daemons (the ALSA config)
        # PortAudio lists ALSA's `pulse`/`default` devices: libpulse tries the local default
        # daemons (the user's runtime folder, the system-wide one)
        f"{run}/pulse/native",
        "/var/run/pulse/native",
        "/run/pulse/native",
        # ... and JACK (PortAudio's JACK host API, ALSA's jack plugin) looks for a local JACK
        # server, whose sockets live in /dev/shm
        "/dev/shm/jack_*",
        f"/tmp/.X11-unix/X{display.lstrip(':')}",  # Xvfb (-nolisten tcp), by path ...
        f"@/tmp/.X11-unix/X{display.lstrip(':')}",  # ... and in the abstract namespace
    )


def _allowed(address: str, allowed: tuple[str, ...]) -> bool:
    return any(address.startswith(a[:-1]) if a.endswith("*") else address == a for a in allowed)


def harmless_elsewhere(path: str) -> bool:
    """Written outside the test's folders, holding no call data: /dev/null is no file; libjack
    keeps its metadata database in /dev/shm (memory); Python caches the app's own compiled
    code beside a source file that changed since it was last compiled."""
    return (
        path == "/dev/null"
        or path.startswith("/dev/shm/jack_db-")
        or (Path(path).parent.name == "__pycache__" and path.endswith(".pyc"))
    )


def audio_on_disk(files: list[Path]) -> list[str]:
    problems = []
    for path in files:
        if path.suffix.lower() in AUDIO_NAMES:
            problems.append(f"{path}: an audio file name")
        if not path.is_file():  # gone (a temporary file renamed into place), or a socket
            continue
        if path.stat().st_size > BIG_FILE:
            problems.append(f"{path}: {path.stat().st_size} bytes")
        found = AUDIO_MAGIC.search(path.read_bytes())
        if found:
            problems.append(f"{path}: audio signature {found.group()[:8]!r} at {found.start()}")
    return problems


def large_values(database: Path) -> list[str]:
    """Every BLOB over BIG_BLOB bytes and every text over BIG_TEXT, in every table and column."""
    problems = []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for column in [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]:
                blob, text = db.execute(
                    f'SELECT MAX(CASE WHEN typeof("{column}") = \'blob\' THEN length("{column}") '
                    f'END), MAX(CASE WHEN typeof("{column}") = \'text\' THEN length("{column}") '
                    f'END) FROM "{table}"'
                ).fetchone()
                if (blob or 0) > BIG_BLOB:
                    problems.append(f"{table}.{column}: a BLOB of {blob} bytes")
                if (text or 0) > BIG_TEXT:
                    problems.append(f"{table}.{column}: a text of {text} characters")
    return problems


def _speech(clips: list[npt.NDArray[np.int16]], folder: Path) -> tuple[Path, Path, float]:
    """(agent, caller) WAVs and their length, ~13 s: the caller explains, the agent starts
    replying 1.2 s before the caller has finished (the `interruption` cue), the caller answers."""
    first, reply, answer = clips[1], clips[3], clips[4]
    caller_end = 0.6 + first.shape[0] / RATE
    agent_at = caller_end - 1.2
    answer_at = agent_at + reply.shape[0] / RATE + 0.6
    total = answer_at + answer.shape[0] / RATE + 1.0
    caller = compose(total, [(0.6, first, 0.0), (answer_at, answer, 0.0)])
    agent = compose(total, [(agent_at, reply, 0.0)])
    folder.mkdir()
    agent_wav = write_wav(folder / "agent.wav", agent)
    return agent_wav, write_wav(folder / "caller.wav", caller), total


def _cue_kinds(database: Path) -> set[str]:
    with sqlite3.connect(database) as db:
        return {kind for (kind,) in db.execute("SELECT kind FROM cue_events WHERE call_id = 1")}


def _type_note(display: str) -> None:
    """The agent fills the note with real key events and saves it (Ctrl+Enter), as in
    tests/softphone/test_agent_shift.py."""
    x = dict(os.environ, DISPLAY=display)

    def xdotool(*args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=x, capture_output=True, text=True, check=True, timeout=60
        )
        return done.stdout

    time.sleep(0.8)
    window = xdotool("search", "--onlyvisible", "--name", "^Call Companion$").split()[0]
    xdotool("windowfocus", "--sync", window)
    # focus is in "What the caller needed"; back to the reason, then forward through the form
    xdotool("key", "shift+Tab", "shift+Tab", "b", "Tab")
    xdotool("type", "--delay", "20", REASON)
    xdotool("key", "Tab")
    xdotool("type", "--delay", "20", "To use the card on holiday")  # required
    xdotool("key", "Tab")
    xdotool("type", "--delay", "20", "Unblocked it for travel")  # required
    xdotool("key", "Tab", "r", "Tab", "3")
    time.sleep(0.3)
    xdotool("key", "ctrl+Return")


def test_a_whole_call_sends_nothing_out_and_writes_no_audio(
    vmics: VirtualMics,
    xvfb_display: str,
    korean_model: Path,
    clean_clips: list[npt.NDArray[np.int16]],  # noqa: F811
    tmp_path: Path,
) -> None:
    began = time.monotonic()
    home, temp, user, run = (tmp_path / n for n in ("home", "tmp", "user", "run"))
    for folder in (home / "config", temp, user, run):
        folder.mkdir(parents=True)
    run.chmod(0o700)
    (home / "config" / "config.toml").write_text(
        '[audio]\nagent_device = "vmic_agent"\ncaller_device = "vmic_caller"\n', encoding="utf-8"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        DISPLAY=xvfb_display,
        COMPANION_MODEL=str(korean_model),
        TMPDIR=str(temp),
        HOME=str(user),
        XDG_RUNTIME_DIR=str(run),
    )
    for name in ("COMPANION_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env.pop(name, None)
    agent_wav, caller_wav, speech_s = _speech(clean_clips, tmp_path / "speech")
    paths = resolve_paths(home)
    log_file = paths.logs / LOG_NAME

    def log() -> str:
        return log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""

    def call(*args: str) -> str:
        done = subprocess.run(
            [PY, "-m", "companion", "--data-dir", str(home), "call", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, (args, done.stderr, log())
        return done.stdout.strip()

    trace = tmp_path / "strace.log"
    overlay = subprocess.Popen(
        [
            *("strace", "-f", "-qq", "--seccomp-bpf", "-y", "-s", "4096", "-e", "signal=none"),
            *("-e", f"trace={TRACED}", "-o", str(trace)),
            *(PY, "-m", "companion", "--data-dir", str(home), "-v"),
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # the model attached (its "Loading…" message cleared) and the hotkeys listening
        ready = ("message model cleared", "global hotkeys listening")
        assert wait_until(lambda: all(r in log() for r in ready), limit=120), log()
        ready_s = time.monotonic() - began
        assert call("start", "--number", NUMBER, "--name", NAME) == "companion: live (call 1)"
        vmics.play("caller", caller_wav)
        vmics.play("agent", agent_wav)
        time.sleep(speech_s + 1.0)
        # on a busy machine the worker may still be catching up with the buffered audio
        assert wait_until(lambda: bool(_cue_kinds(paths.database) & TURN_CUES), 30), log()
        assert call("end") == "companion: wrapup (call 1)"
        _type_note(xvfb_display)
        assert wait_until(lambda: call("state").startswith("companion: breathing"), 20), log()
        call("quit")
        overlay.wait(timeout=60)
    finally:
        if overlay.poll() is None:
            quit_or_kill(overlay)
    assert overlay.returncode == 0, overlay.stderr.read() if overlay.stderr else ""
    assert "Traceback" not in log()
    calls = read_trace(trace)
    assert any(c.ok and str(paths.database) in c.args for c in calls), "the trace saw no app"

    # -- the call really happened, and was heard
    with sqlite3.connect(paths.database) as db:
        rows = db.execute("SELECT id, ended_at FROM calls").fetchall()
        cues = db.execute("SELECT kind, channel FROM cue_events WHERE call_id = 1").fetchall()
        notes = db.execute("SELECT reason_text FROM notes WHERE call_id = 1").fetchall()
        transcript = db.execute("SELECT COUNT(*) FROM transcript_segments").fetchone()[0]
    assert len(rows) == 1 and rows[0][1], rows
    assert {kind for kind, _ in cues} & TURN_CUES, (cues, log())
    assert notes == [(REASON,)]
    assert transcript == 0  # privacy.store_transcripts is off by default

    # -- no network; only local sockets reached; listening only in its private folder
    families = {c.args.split(",")[0] for c in calls if c.name == "socket"}
    assert families <= {"AF_UNIX", "AF_NETLINK", "AF_INET", "AF_INET6"}, families
    assert network_use(calls) == []
    ipc = server_name(paths.data, environ=env)
    allowed = local_endpoints(ipc, run, vmics.runtime, xvfb_display)
    reached = unix_addresses(calls, ("connect", "sendto", "sendmsg"))
    assert [a for a in reached if not _allowed(a, allowed)] == [], reached
    listened = unix_addresses(calls, ("bind",))
    private = Path(ipc).parent  # Qt binds a temporary name in there, then renames it into place
    assert listened and all(private in Path(a).parents for a in listened), listened

    # -- no audio reached the disk
    written = sorted(written_paths(calls))
    inside = [p for p in written if Path(p).is_relative_to(tmp_path)]
    elsewhere = [p for p in written if p not in inside]
    assert [p for p in elsewhere if not harmless_elsewhere(p)] == [], elsewhere
    assert not any(Path(p).is_relative_to(paths.models) for p in written)  # no model download
    assert audio_on_disk([Path(p) for p in written]) == []
    assert large_values(paths.database) == []
    print(
        f"\nsocket families {sorted(families)}\nunix addresses reached: {reached}"
        f"\nlistened at: {sorted(listened)}\nwritten:\n  "
        + "\n  ".join(inside + elsewhere)
        + f"\ncues {cues}\noverlay ready after {ready_s:.1f} s, "
        f"test {time.monotonic() - began:.1f} s"
    )
