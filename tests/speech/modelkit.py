"""Model-shaped folders, zips of them, and a real HTTP server to download them from.

The tiny folders have Vosk's layout (every file `validate_model_dir` checks, with random bytes)
but are not loadable models: they exercise download, unpack and discovery, never Vosk itself.
The real Korean model is used where a real model matters; broken variants of it are symlink
trees, so nothing copies 250 MB.

`ZipServer` is a real `http.server` on 127.0.0.1 that honours `Range: bytes=N-` (206 with
Content-Range) and can cut its next responses halfway through, to test resume.
`start_redirect_server` is a real https server (a self-signed certificate made by `openssl`)
that redirects every request elsewhere, to test a redirect from https down to http.

Zip bombs are real zips too: `add_zeros` deflates zero bytes a MiB at a time (level 1: about
0.5 s and 0.5 MB per 100 MiB), and `declare_sizes` rewrites the sizes a zip's directory
declares, the way a crafted zip lies, to claim more than could be built in a test.
"""

from __future__ import annotations

import random
import ssl
import struct
import subprocess
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


def add_zeros(archive: Path, entry: str, size: int) -> Path:
    """Append `entry`: `size` zero bytes, deflated (about 229:1 at level 1)."""
    chunk = bytes(1024**2)
    with (
        zipfile.ZipFile(archive, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open(entry, "w") as out,
    ):
        for start in range(0, size, len(chunk)):
            out.write(chunk[: min(len(chunk), size - start)])
    return archive


def declare_sizes(archive: Path, sizes: dict[str, int]) -> Path:
    """Make the zip's central directory declare `sizes[name]` unpacked bytes for those entries."""
    data = bytearray(archive.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    count, _, offset = struct.unpack_from("<HII", data, end + 10)
    for _ in range(count):
        assert data[offset : offset + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        name = data[offset + 46 : offset + 46 + name_len].decode()
        if name in sizes:
            struct.pack_into("<I", data, offset + 24, sizes[name])
        offset += 46 + name_len + extra_len + comment_len
    archive.write_bytes(bytes(data))
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


def self_signed_cert(folder: Path) -> Path:
    """`folder/cert.pem` and `folder/key.pem`: a certificate for 127.0.0.1, made by openssl."""
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    files = ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")]
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            *subject,
            *files,
        ],
        check=True,
        capture_output=True,
    )
    return folder / "cert.pem"


def start_redirect_server(target_base: str, cert: Path) -> ThreadingHTTPServer:
    """An https server on 127.0.0.1 answering every GET with a 302 to `target_base` + path."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", target_base + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, cert.with_name("key.pem"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="https", daemon=True
    ).start()
    return server
