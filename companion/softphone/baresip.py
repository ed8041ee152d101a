"""Follow baresip's calls from its TCP control interface (module `ctrl_tcp`).

Why: with baresip the agent should not have to press "start call" — the softphone already knows.
baresip sends every user-agent event to the one client connected to `ctrl_tcp_listen` (default
port 4444) as a netstring-framed JSON object. Recorded from baresip 1.0.0 (Debian 12):

    {"event":true,"type":"CALL_INCOMING","class":"call","accountaor":"sip:agent@127.0.0.1",
     "direction":"incoming","peeruri":"sip:5551234@127.0.0.1:15071",
     "peerdisplayname":"Jane Caller","id":"1-31923@127.0.0.1","param":"sip:5551234@…"}

followed by `CALL_ESTABLISHED` and `CALL_CLOSED` with the same `id` (outgoing calls: `CALL_RINGING`,
newer baresip also `CALL_OUTGOING`). Command responses (`{"response":true,…}`) and other events
(`CALL_LOCAL_SDP`, `REGISTER_OK`, …) are ignored. With `answermode=auto` baresip 1.0.0 sends no
`CALL_INCOMING` at all: the call starts at `CALL_ESTABLISHED`. When baresip quits it sends
`SHUTDOWN` and `EXIT`, and no `CALL_CLOSED` for a call still up.

Mapping (`CallTracker`, pure): a ringing call (incoming, or dialled) → `prep` with the caller's
number and name, so the prep panel is up before the agent answers; established → `start`;
closed → `end` (which cancels the prep of a call never answered). Only the calls it announced
are ended, so a second call ringing during a live one cannot end the live one. baresip quitting
or the connection dropping ends the followed call: baresip's calls die with it.

The client (`BaresipFollower`) runs on its own thread: connect, decode, map, call back; when
baresip is not running it retries with a growing delay (0.5 s doubling to 30 s); a stream that is
not netstrings of JSON gives one log line and a fresh connection. Nothing it meets raises out of
the thread. ctrl_tcp serves one client at a time: a second client (another tool) takes the
connection over, and the two keep taking it from each other.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

from companion.errors import one_line
from companion.softphone.netstring import NetstringDecoder, NetstringError

if TYPE_CHECKING:  # a softphone hook parses caller URIs here and must not load the store
    from companion.store.call_log import Direction

log = logging.getLogger(__name__)

Command = Literal["prep", "start", "end"]
Status = Literal["connected", "waiting", "error"]
RequestSink = Callable[["Request"], None]
StatusSink = Callable[[Status, str], None]

RINGING = frozenset({"CALL_INCOMING", "CALL_OUTGOING", "CALL_RINGING", "CALL_PROGRESS"})
ESTABLISHED = "CALL_ESTABLISHED"
CLOSED = "CALL_CLOSED"
GONE = frozenset({"SHUTDOWN", "EXIT"})
DEFAULT_PORT = 4444
FIRST_DELAY_S = 0.5
MAX_DELAY_S = 30.0


@dataclass(frozen=True)
class Request:
    """One request for the running overlay, the same as `companion call <cmd>` sends."""

    cmd: Command
    number: str = ""
    name: str = ""
    direction: Direction = "inbound"

    def to_ipc(self) -> dict[str, str]:
        return {
            "cmd": self.cmd,
            "number": self.number,
            "name": self.name,
            "direction": self.direction,
        }


def number_from_uri(uri: str) -> str:
    """The user part of a SIP or tel URI: `sip:+4420%207946@host;user=phone` → `+4420 7946`.

    Empty when there is none (`sip:host`) or the text is not a sip/sips/tel URI."""
    text = uri.strip()
    if "<" in text and ">" in text:
        text = text[text.index("<") + 1 : text.index(">")]
    scheme, sep, rest = text.partition(":")
    scheme = scheme.lower()
    if not sep or scheme not in ("sip", "sips", "tel"):
        return ""
    if scheme == "tel":
        user = rest
    else:
        user, at, _host = rest.rpartition("@")
        if not at:
            return ""
        user = user.split(":", 1)[0]  # drop a password
    return unquote(user.split(";", 1)[0]).strip()


def parse_address(text: str) -> tuple[str, int]:
    """`host:port` (or `[v6]:port`) from the setting; `ValueError` with a one-line reason."""
    value = text.strip()
    host, sep, port_text = value.rpartition(":")
    if not sep or not host:
        raise ValueError(f"'{value}' is not host:port (for example 127.0.0.1:{DEFAULT_PORT})")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"'{port_text}' in '{value}' is not a port number (1-65535)")
    return host, int(port_text)


def decode_message(payload: bytes) -> dict[str, Any] | None:
    """The event in one netstring payload; None for command responses; ValueError if not JSON."""
    try:
        message = json.loads(payload.decode("utf-8"))
    except ValueError as exc:  # not UTF-8, not JSON, or a number of thousands of digits
        raise ValueError(f"not JSON ({one_line(exc)})") from None
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None
    if not isinstance(message, dict):
        raise ValueError("not a JSON object")
    if message.get("event") not in (True, "true"):
        return None
    return message


def _request(cmd: Command, event: Mapping[str, Any]) -> Request:
    direction: Direction = "outbound" if event.get("direction") == "outgoing" else "inbound"
    return Request(
        cmd,
        number=number_from_uri(str(event.get("peeruri") or "")),
        name=str(event.get("peerdisplayname") or "").strip(),
        direction=direction,
    )


@dataclass
class CallTracker:
    """baresip events → overlay requests, remembering which calls it announced (module doc)."""

    live: str | None = None
    ringing: str | None = None
    waiting: dict[str, Request] = field(default_factory=dict)  # established during `live`

    def feed(self, event: Mapping[str, Any]) -> list[Request]:
        kind = str(event.get("type") or "")
        call_id = str(event.get("id") or "")
        if kind in GONE:
            return self.lost()
        if kind in RINGING:
            if self.live is None and self.ringing is None:
                self.ringing = call_id
                return [_request("prep", event)]
            return []
        if kind == ESTABLISHED:
            if call_id == self.live or call_id in self.waiting:
                return []
            if self.live is not None:
                self.waiting[call_id] = _request("start", event)
                return []
            self.live, self.ringing = call_id, None
            return [_request("start", event)]
        if kind == CLOSED:
            return self._closed(call_id, event)
        return []

    def _closed(self, call_id: str, event: Mapping[str, Any]) -> list[Request]:
        if call_id == self.live:
            out = [_request("end", event)]
            self.live = None
            if self.waiting:  # the agent is still on another call: follow that one now
                self.live = next(iter(self.waiting))
                out.append(self.waiting.pop(self.live))
            return out
        if call_id in self.waiting:
            del self.waiting[call_id]
            return []
        if call_id == self.ringing:
            self.ringing = None
            return [_request("end", event)]
        return []

    def lost(self) -> list[Request]:
        """baresip went away: whatever it was calling is over."""
        announced = self.live is not None or self.ringing is not None
        self.live, self.ringing = None, None
        self.waiting.clear()
        return [Request("end")] if announced else []


def backoff_delays(first: float = FIRST_DELAY_S, most: float = MAX_DELAY_S) -> Iterator[float]:
    """Seconds to wait before each reconnection attempt: doubling, capped."""
    delay = first
    while True:
        yield delay
        delay = min(delay * 2, most)


class BaresipFollower:
    """Keeps a connection to baresip's ctrl_tcp and reports its calls as `Request`s.

    `on_request` and `on_status` run on the follower's thread; an exception in either is logged
    and the follower carries on. `on_status` is told of changes only (connected, waiting for
    baresip, a broken stream), not of every retry."""

    def __init__(
        self,
        host: str,
        port: int,
        on_request: RequestSink,
        *,
        on_status: StatusSink | None = None,
        first_delay: float = FIRST_DELAY_S,
        max_delay: float = MAX_DELAY_S,
        connect_timeout: float = 2.0,
        poll_s: float = 0.25,
    ) -> None:
        self.host, self.port = host, port
        self.on_request = on_request
        self.on_status = on_status
        self.first_delay, self.max_delay = first_delay, max_delay
        self.connect_timeout, self.poll_s = connect_timeout, poll_s
        self.tracker = CallTracker()
        self.connections = 0  # successful connections so far (diagnostics and tests)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_status: Status | None = None

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="baresip-follower", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop following (the overlay's call state is left as it is)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the thread ----------------------------------------------------------------------

    def _run(self) -> None:
        delays = backoff_delays(self.first_delay, self.max_delay)
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), self.connect_timeout)
            except OSError as exc:
                reason = exc.strerror or str(exc) or type(exc).__name__
                self._status("waiting", f"baresip not reachable at {self.address} ({reason})")
                self._stop.wait(next(delays))
                continue
            self.connections += 1
            self._status("connected", f"following baresip at {self.address}")
            try:
                status, reason = self._follow(sock)
            except Exception:  # a bug must not stop the following for good
                log.exception("baresip follower failed")
                status, reason = "error", "internal error (see the log)"
            finally:
                sock.close()
            if self._stop.is_set():
                break
            self._deliver(self.tracker.lost())
            self._status(status, f"baresip at {self.address}: {reason}; reconnecting")
            if status != "error":  # a stream that keeps breaking is retried ever more slowly
                delays = backoff_delays(self.first_delay, self.max_delay)
            self._stop.wait(next(delays))

    def _follow(self, sock: socket.socket) -> tuple[Status, str]:
        sock.settimeout(self.poll_s)
        decoder = NetstringDecoder()
        while not self._stop.is_set():
            try:
                data = sock.recv(65536)
            except TimeoutError:
                continue
            except OSError as exc:
                return "waiting", f"connection lost ({exc.strerror or exc})"
            if not data:
                return "waiting", "connection closed"
            try:
                payloads, broken = decoder.feed(data), None
            except NetstringError as exc:
                payloads, broken = exc.payloads, exc
            for payload in payloads:
                try:
                    event = decode_message(payload)
                except ValueError as exc:
                    return "error", f"sent something that is not a baresip event ({exc})"
                if event is not None:
                    self._deliver(self.tracker.feed(event))
            if broken is not None:
                return "error", f"sent something that is not a baresip event ({broken})"
        return "waiting", "stopped"

    def _deliver(self, requests: list[Request]) -> None:
        for request in requests:
            # no caller number in the log: the log is for IT, the number is the caller's data
            log.info("baresip: %s %s", request.cmd, request.direction)
            try:
                self.on_request(request)
            except Exception:
                log.exception("handling the baresip request %s failed", request.cmd)

    def _status(self, status: Status, text: str) -> None:
        if status == self._last_status and status != "error":
            return
        self._last_status = status
        if status == "connected":
            log.info("%s", text)
        else:
            log.warning("%s", text)
        if self.on_status is not None:
            try:
                self.on_status(status, text)
            except Exception:
                log.exception("reporting the baresip status failed")


__all__ = [
    "BaresipFollower",
    "CallTracker",
    "Request",
    "backoff_delays",
    "decode_message",
    "number_from_uri",
    "parse_address",
]
