"""One running overlay per data folder, and a local channel to tell it about calls.

Softphones run a command on call events (`companion call start --number N`); that command is a
second, short-lived process, so it needs a way to reach the running overlay. The overlay serves
a `QLocalServer` (a Unix socket in a folder only this user can write, a named pipe on Windows;
see `companion.ipc.endpoint`) named after the data folder, so a test or portable install with
its own `--data-dir` has its own instance.

Protocol: the client writes one JSON object and a newline (`{"cmd": "start", "number": ...}`),
the server answers with one JSON object and a newline (`{"ok": true, "phase": "live"}`) and
closes. Commands: `start`, `end`, `prep`, `show`, `state`, `quit`.

A server name left behind by a crashed instance is detected (nobody answers) and taken over.

This module loads no Qt: the client side (`send`, in `companion.ipc.client`) is plain sockets,
so `companion call …` starts fast. The overlay's side is `companion.ipc.server.InstanceServer`.
"""

from __future__ import annotations

from companion.ipc.client import send
from companion.ipc.endpoint import server_name

__all__ = ["send", "server_name"]
