"""Model-shaped folders, zips of them, and a real HTTP server to download them from.

The tiny folders have Vosk's layout (every file `validate_model_dir` checks, with random bytes)
but are not loadable models: they exercise download, unpack and discovery, never Vosk itself.
The real Korean model is used where a real model matters; broken variants of it are symlink
trees, so nothing copies 250 MB.

`ZipServer` is a real `http.server` on 127.0.0.1 that honours `Range: bytes=N-` (206 with
Content-Range) and can cut its next responses halfway through, to test resume.
"""

from __future__ import annotations

import random
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TINY_FILES = (
    "am/final.mdl",
    "conf/mfcc.conf",
    "conf/model.conf",
    "graph/HCLr.fst",
    "graph/Gr.fst",
    "graph/disambig_tid.int",
    "graph/phones/word_boundary.int",
    "ivector/final.ie",
    "ivector/final.dubm",
    "ivector/final.mat",
    "ivector/global_cmvn.stats",
    "ivector/online_cmvn.conf",
    "ivector/splice.conf",
    "README",
)


def build_model(
    folder: Path, *, seed: int = 0, am_bytes: int = 300_000, skip: Iterable[str] = ()
) -> Path:
    """A model-shaped folder; `am/final.mdl` is `am_bytes` of random (incompressible) data."""
    rnd = random.Random(seed)
    skipped = set(skip)
    for rel in TINY_FILES:
        if rel in skipped:
            continue
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        size = am_bytes if rel == "am/final.mdl" else 200
        target.write_bytes(rnd.randbytes(size))
    return folder


def zip_folder(folder: Path, archive: Path, *, top: str | None = None) -> Path:
    """Zip `folder` (stored, so a flipped byte is a CRC error), under `top/` if given."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                rel = file.relative_to(folder).as_posix()
                zf.write(file, f"{top}/{rel}" if top else rel)
    return archive


def link_copy(source: Path, dest: Path, *, skip: Iterable[str] = ()) -> Path:
    """A tree of symlinks to `source`'s files, leaving out the relative paths in `skip`."""
    skipped = set(skip)
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source).as_posix()
        if file.is_file() and rel not in skipped:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(file)
    dest.mkdir(parents=True, exist_ok=True)
    return dest


@dataclass
class ZipServer:
    """Serves `files[name]` at `/name`; records every request's path and Range header."""

    files: dict[str, bytes] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    cuts: int = 0
    port: int = 0

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ranges(self) -> list[str]:
        return [r for _, r in self.requests if r is not None]


def _handler(state: ZipServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            name = self.path.lstrip("/")
            range_header = self.headers.get("Range")
            state.requests.append((name, range_header))
            data = state.files.get(name)
            if data is None:
                self.send_error(404, "no such model")
                return
            start = 0
            if range_header and range_header.startswith("bytes=") and range_header.endswith("-"):
                start = int(range_header[len("bytes=") : -1])
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if state.cuts > 0:
                state.cuts -= 1
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

    return Handler


def start_server(state: ZipServer) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="zip-server", daemon=True
    ).start()
    return server
